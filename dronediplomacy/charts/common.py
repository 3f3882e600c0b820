"""What every course chart shares: palettes, the credit line, and the finishing touches
(title, text description, readable axes and legends)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import mtcr

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
CATEGORY_COLOURS = {mtcr.CATEGORY_I: "#D55E00", mtcr.CATEGORY_II: "#E69F00", mtcr.BELOW: "#0072B2"}
STANDING_COLOURS = {mtcr.PARTNER: "#0072B2", mtcr.ADHERENT: "#E69F00", mtcr.OUTSIDE: "#D55E00"}
SIPRI_CREDIT = "Information from the SIPRI Arms Transfers Database, https://www.sipri.org/databases/armstransfers"
ALL = "All"


def finish(chart, title: str | list[str], description: str, subtitle: str | list[str] = ""):
    """Title, subtitle and a text description (read by screen readers, shown under the chart
    on the site), with axis and legend text large enough to read."""
    heading = alt.TitleParams(title, subtitle=subtitle or alt.Undefined, anchor="start")
    return (
        chart.properties(title=heading, description=description)
        .configure_axis(labelFontSize=12, titleFontSize=13)
        .configure_legend(labelFontSize=12, titleFontSize=13, orient="bottom")
    )


def column_wide(height, relayout_on_change: bool = False) -> dict:
    """Chart properties for the width of the text column and a given height (pixels, or
    alt.Step per row). "fit-x" with "padding" keeps axes and legends inside the column too;
    a plain "container" width would size the plot alone and let its labels overflow.
    Vega lays a chart out once, when first drawn: with `relayout_on_change` it lays it out
    again whenever a control changes it, for controls that change how wide the labels are."""
    autosize = alt.AutoSizeParams(type="fit-x", contains="padding", resize=relayout_on_change or alt.Undefined)
    return {"width": "container", "height": height, "autosize": autosize}


def scale(colours: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def yearly_deals(
    deals: pd.DataFrame,
    group: str,
    group_title: str,
    colours: dict[str, str],
    filter_classes: bool = False,
    first_year: int = 1995,
) -> alt.Chart:
    """Stacked bars of drone deals per year of order, coloured by `group`, with buttons that
    switch between counting deals and counting drones ordered (and, if asked, a drone-class
    dropdown)."""
    deals = deals[deals["order_year"] >= first_year]
    summary = deals.groupby(list(dict.fromkeys(["order_year", group, "drone_class"])), as_index=False).agg(
        deals=("deal_id", "size"), drones=("number_ordered", "sum")
    )
    summary["order_year"] = summary["order_year"].astype(int)
    summary["drones"] = summary["drones"].astype(int)
    measure = alt.param(
        name="measure",
        value="deals signed",
        bind=alt.binding_radio(options=["deals signed", "drones ordered"], name="Count "),
    )
    chart = alt.Chart(summary)
    params = [measure]
    if filter_classes:
        drone_class = alt.param(
            name="drone_class",
            value=ALL,
            bind=alt.binding_select(options=[ALL, *sorted(summary["drone_class"].unique())], name="Drone class "),
        )
        chart = chart.transform_filter(f"drone_class == '{ALL}' || datum.drone_class == drone_class")
        params.append(drone_class)
    return (
        chart.transform_calculate(value="measure == 'deals signed' ? datum.deals : datum.drones")
        .mark_bar()
        .encode(
            x=alt.X(
                "order_year:O",
                title="Year of order",
                axis=alt.Axis(labelAngle=-45, values=list(range(first_year, 2025, 5))),
            ),
            y=alt.Y("sum(value):Q", title="Deals or drones (see the buttons below)"),
            # Two columns keep the legend inside a phone-wide column (four classes in a row do not).
            color=alt.Color(f"{group}:N", scale=scale(colours), title=group_title, legend=alt.Legend(columns=2)),
            order=alt.Order(f"{group}:N", sort="descending"),
            tooltip=[
                alt.Tooltip("order_year:O", title="year"),
                alt.Tooltip(f"{group}:N", title=group_title),
                alt.Tooltip("sum(deals):Q", title="deals"),
                alt.Tooltip("sum(drones):Q", title="drones ordered"),
            ],
        )
        .add_params(*params)
        # Counting drones makes the y labels (8,000) wider than counting deals (50): "fit-x"
        # with padding keeps the widened axis, its title and the chart title inside the column.
        .properties(**column_wide(320, relayout_on_change=True))
    )
