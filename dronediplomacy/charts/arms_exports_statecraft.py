"""Chapter 2's charts: who sells drones, and how suppliers keep their clients."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .common import PALETTE, SIPRI_CREDIT, column_wide, finish, scale

LEADING_SUPPLIERS = {
    "USA": "United States",
    "ISR": "Israel",
    "CHN": "China",
    "TUR": "Turkey",
    "IRN": "Iran",
    "AUT": "Austria",
}
OTHERS = "all others"


def _supplier_group(codes: pd.Series) -> pd.Series:
    return codes.map(LEADING_SUPPLIERS).fillna(OTHERS)


def supplier_market_share(transfers: pd.DataFrame) -> alt.Chart:
    """Each leading supplier's share of drone deals (or drones delivered) per five-year period."""
    deals = transfers[transfers["order_year"].between(1995, 2024)].copy()
    deals["supplier_name"] = _supplier_group(deals["supplier"])
    start = (deals["order_year"] - 1995) // 5 * 5 + 1995
    deals["period"] = start.astype(int).astype(str) + "–" + (start + 4).astype(int).astype(str)
    summary = deals.groupby(["period", "supplier_name"], as_index=False).agg(
        deals=("deal_id", "size"), drones=("number_delivered", "sum")
    )
    summary["drones"] = summary["drones"].astype(int)
    measure = alt.param(
        name="share_of", value="deals", bind=alt.binding_radio(options=["deals", "drones delivered"], name="Share of ")
    )
    pick = alt.selection_point(fields=["supplier_name"], bind="legend")
    colours = dict(zip([*LEADING_SUPPLIERS.values(), OTHERS], [*PALETTE[:6], "#999999"]))
    chart = (
        alt.Chart(summary)
        .transform_calculate(value="share_of == 'deals' ? datum.deals : datum.drones")
        .mark_bar()
        .encode(
            x=alt.X("period:O", title="Years of order", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(value):Q", stack="normalize", title="Share", axis=alt.Axis(format="%")),
            color=alt.Color(
                "supplier_name:N", scale=scale(colours), title="Supplier (click to highlight)", sort=list(colours)
            ),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("period:O", title="years"),
                alt.Tooltip("supplier_name:N", title="supplier"),
                alt.Tooltip("deals:Q", title="deals"),
                alt.Tooltip("drones:Q", title="drones delivered"),
            ],
        )
        .add_params(measure, pick)
        .properties(width="container", height=320)
    )
    return finish(
        chart,
        "The shifting drone market: suppliers' shares over time",
        "Stacked 100 per cent bars showing each leading supplier's share of the drone deals SIPRI "
        "records, in five-year periods by year of order from 1995 to 2024; suppliers outside the "
        "six largest are grouped as all others. Switch to drones delivered to weight deals by "
        "size. Click a supplier in the legend to highlight it across the periods. " + SIPRI_CREDIT + ".",
        subtitle="Share of SIPRI drone deals by year of order",
    )


def client_relationships(transfers: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """For a supplier chosen in a dropdown: each recipient's deals over time."""
    names = countries.set_index("code")["name"]
    deals = transfers[transfers["supplier"].isin(LEADING_SUPPLIERS) & transfers["order_year"].notna()].copy()
    data = pd.DataFrame(
        {
            "supplier": deals["supplier"].map(LEADING_SUPPLIERS),
            "recipient": deals["recipient"].map(names),
            "order_year": deals["order_year"].astype(int),
            "system": deals["designation"],
            "ordered": deals["number_ordered"].fillna(0).astype(int),
        }
    )
    supplier = alt.param(
        name="supplier",
        value="Turkey",
        bind=alt.binding_select(options=sorted(data["supplier"].unique()), name="Supplier "),
    )
    chart = (
        alt.Chart(data)
        .transform_filter("datum.supplier == supplier")
        .mark_circle(opacity=0.8, color=PALETTE[0])
        .encode(
            x=alt.X("order_year:Q", title="Year of order", axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
            y=alt.Y("recipient:N", title=None, sort=alt.EncodingSortField("order_year", op="min")),
            size=alt.Size("ordered:Q", title="Drones ordered", scale=alt.Scale(type="sqrt", range=[30, 600])),
            tooltip=[
                "recipient",
                alt.Tooltip("order_year:Q", title="ordered in"),
                "system",
                alt.Tooltip("ordered:Q", title="number ordered"),
            ],
        )
        .add_params(supplier)
        .properties(**column_wide(alt.Step(16)))
    )
    return finish(
        chart,
        "Clients that come back: each supplier's deals by recipient",
        "Timeline with one row per recipient state of the chosen supplier and a circle for each "
        "drone deal at its year of order, sized by the number ordered; recipients are sorted by "
        "their first deal. Choose a supplier in the dropdown; rows with several circles are "
        "clients that ordered again. " + SIPRI_CREDIT + ".",
        subtitle="SIPRI drone deals of the leading suppliers",
    )
