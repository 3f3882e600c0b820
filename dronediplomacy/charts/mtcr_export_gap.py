"""Chapter 3's charts: the MTCR's thresholds, its membership, and who sells drones."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import mtcr
from .common import ALL, CATEGORY_COLOURS, PALETTE, SIPRI_CREDIT, STANDING_COLOURS, finish, scale, yearly_deals


def mtcr_threshold_chart(systems: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """Drone systems by payload and range, against the MTCR's 500 kg / 300 km lines."""
    names = countries.set_index("code")["name"]
    known = systems.dropna(subset=["payload_kg", "range_km"])
    known = known[(known.payload_kg > 0) & (known.range_km > 0)]
    data = pd.DataFrame(
        {
            "system": known["name"],
            "maker": known["maker"],
            "origin": known["origin"].map(names),
            "payload_kg": known["payload_kg"].astype(float),
            "stated_range": known["range_km"].astype(float),
            "range_basis": known["range_basis"].fillna("stated range"),
            "range_km": [float(mtcr.mtcr_range_km(r, b)) for r, b in zip(known["range_km"], known["range_basis"])],
            "category": known["mtcr_category"],
        }
    )
    origin = alt.param(
        name="origin",
        value=ALL,
        bind=alt.binding_select(options=[ALL, *sorted(data["origin"].unique())], name="Country of origin "),
    )
    chosen = f"origin == '{ALL}' || datum.origin == origin"
    x = alt.X("range_km:Q", scale=alt.Scale(type="log"), title="Flight range the figures imply (km, log scale)")
    y = alt.Y("payload_kg:Q", scale=alt.Scale(type="log"), title="Payload (kg, log scale)")
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=90)
        .encode(
            x=x,
            y=y,
            color=alt.Color("category:N", scale=scale(CATEGORY_COLOURS), title="Implied MTCR category"),
            shape=alt.Shape(
                "category:N",
                title="Implied MTCR category",
                scale=alt.Scale(domain=list(CATEGORY_COLOURS), range=["diamond", "square", "circle"]),
            ),
            opacity=alt.condition(chosen, alt.value(0.9), alt.value(0.12)),
            tooltip=[
                "system",
                "maker",
                "origin",
                alt.Tooltip("payload_kg:Q", title="payload (kg)"),
                alt.Tooltip("stated_range:Q", title="published figure (km)"),
                alt.Tooltip("range_basis:N", title="which is a"),
                alt.Tooltip("range_km:Q", title="flight range counted (km)"),
                "category",
            ],
        )
        .add_params(origin)
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=7, fontSize=11)
        .encode(
            x=x,
            y=y,
            text="system",
            opacity=alt.condition(f"origin != '{ALL}' && datum.origin == origin", alt.value(1), alt.value(0)),
        )
    )
    thresholds = pd.DataFrame({"payload_kg": [mtcr.PAYLOAD_THRESHOLD_KG], "range_km": [mtcr.RANGE_THRESHOLD_KM]})
    rule_y = alt.Chart(thresholds).mark_rule(strokeDash=[6, 4], color="#444").encode(y="payload_kg:Q")
    rule_x = alt.Chart(thresholds).mark_rule(strokeDash=[6, 4], color="#444").encode(x="range_km:Q")
    note = (
        alt.Chart(
            pd.DataFrame({"range_km": [310.0], "payload_kg": [520.0], "text": ["Category I: 500 kg to 300 km or more"]})
        )
        .mark_text(align="left", baseline="bottom", fontSize=11, color="#444")
        .encode(x="range_km:Q", y="payload_kg:Q", text="text")
    )
    chart = (rule_y + rule_x + note + points + labels).properties(width="container", height=380)
    n_total, n_known = len(systems), len(data)
    return finish(
        chart,
        "Which drones cross the MTCR's Category I line?",
        f"Scatter plot of {n_known} of the course's {n_total} drone systems whose payload and "
        "range are public, with range on the horizontal axis and payload on the vertical axis, "
        "both on log scales. Where the published figure is a radius (how far out the drone "
        "operates or its data link reaches), the range counted is twice that: out and back. Dashed lines mark 300 km and 500 kg: systems above and to the right "
        "of both are Category I, systems right of 300 km but below 500 kg are Category II. "
        "Choose a country of origin to highlight and label its systems.",
        subtitle="Public payload and range figures; sources in the systems table",
    )


def mtcr_membership_timeline(countries: pd.DataFrame) -> alt.LayerChart:
    """MTCR partners by the year they joined, with a year slider showing who was in by then."""
    partners = countries[countries["mtcr_status"] == "partner"].dropna(subset=["mtcr_join_year"])
    data = pd.DataFrame(
        {
            "state": partners["name"],
            "joined": partners["mtcr_join_year"].astype(int),
            "year_note": partners["mtcr_year_flag"].fillna("confirmed"),
        }
    ).sort_values(["joined", "state"])
    first, last = int(data["joined"].min()), 2025
    year = alt.param(name="year", value=2016, bind=alt.binding_range(min=first, max=last, step=1, name="Year "))
    years = alt.Scale(domain=[first - 1, last], zero=False)
    x = alt.X("joined:Q", title="Year joined", scale=years, axis=alt.Axis(format="d"))
    y = alt.Y("state:N", sort=alt.EncodingSortField("joined"), title=None)
    dots = (
        alt.Chart(data)
        .mark_point(size=80, filled=True)
        .encode(
            x=x,
            y=y,
            color=alt.condition("datum.joined <= year", alt.value(PALETTE[0]), alt.value("#bbbbbb")),
            shape=alt.Shape(
                "year_note:N",
                title="Join year is",
                scale=alt.Scale(
                    domain=["confirmed", "secondary", "conflicting"], range=["circle", "square", "triangle-up"]
                ),
            ),
            tooltip=[
                "state",
                alt.Tooltip("joined:Q", title="joined"),
                alt.Tooltip("year_note:N", title="join year is"),
            ],
        )
    )
    marker = (
        alt.Chart(pd.DataFrame({"x": [0]}))
        .mark_rule(color=PALETTE[4], strokeWidth=2)
        .encode(x=alt.X("year:Q", scale=years))
        .transform_calculate(year="year")
    )
    partners_by = (
        alt.Chart(data)
        .transform_filter("datum.joined <= year")
        .transform_aggregate(partners="count()")
        .transform_calculate(label="datum.partners + ' partners by ' + year")
        .mark_text(align="right", baseline="bottom", fontSize=14, fontWeight="bold", color=PALETTE[4])
        .encode(text="label:N", x=alt.value("width"), y=alt.value(-4))
    )
    chart = (marker + dots + partners_by).add_params(year).properties(width="container", height=520)
    return finish(
        chart,
        "The MTCR grew from 7 founders in 1987 to 35 partners",
        "Dot plot of every MTCR partner by the year it joined, earliest at the top. Move the "
        "year slider: the vertical line marks the chosen year, partners that had joined by "
        "then are blue and later ones grey, and the count of partners in that year is shown "
        "at the top right. Square and triangle markers flag join years that rest only on "
        "secondary lists or on sources that conflict.",
        subtitle="Slide the year; grey states had not yet joined",
    )


def _deals_with_standing(transfers: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    deals = transfers.dropna(subset=["order_year"]).copy()
    deals["standing"] = mtcr.regime_standing(countries, deals["supplier"], deals["order_year"])
    return deals


def deals_by_supplier_status(transfers: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """Drone deals (or drones ordered) per year, stacked by the supplier's MTCR standing."""
    deals = _deals_with_standing(transfers, countries)
    chart = yearly_deals(deals, "standing", "Supplier in the year of order", STANDING_COLOURS, filter_classes=True)
    return finish(
        chart,
        "Who sells drones: MTCR partners and the rest",
        "Stacked bar chart of drone deals recorded by SIPRI for each year of order from 1995, "
        "coloured by whether the supplier was an MTCR partner, an adherent that is not a partner "
        "(such as Israel or China) or outside the regime in that year. Choose a drone class to "
        "filter the bars, and switch between counting deals and counting drones ordered; "
        "thousands of one-way attack drones ordered by Russia from Iran dominate the second view. "
        + SIPRI_CREDIT
        + ".",
        subtitle="SIPRI drone deals by year of order; deals with no recorded quantity count as zero drones",
    )


ARMED_SUPPLIERS = {"USA": "United States", "CHN": "China", "ISR": "Israel", "TUR": "Turkey", "IRN": "Iran"}


def armed_drone_clients(transfers: pd.DataFrame) -> alt.Chart:
    """Cumulative number of states receiving armed drones from each leading supplier."""
    armed = transfers[
        (transfers["drone_class"] == "armed UAV")
        & transfers["supplier"].isin(ARMED_SUPPLIERS)
        & transfers["first_delivery_year"].notna()
        & ~transfers["recipient"].str.startswith("X-")
    ]
    first = armed.groupby(["supplier", "recipient"], as_index=False)["first_delivery_year"].min()
    years = range(int(first["first_delivery_year"].min()), int(transfers["last_delivery_year"].max()) + 1)
    rows = [
        {
            "supplier": ARMED_SUPPLIERS[s],
            "year": y,
            "clients": int((group["first_delivery_year"] <= y).sum()),
            "new_clients": ", ".join(sorted(group.loc[group["first_delivery_year"] == y, "recipient"])),
        }
        for s, group in first.groupby("supplier")
        for y in years
    ]
    data = pd.DataFrame(rows)
    pick = alt.selection_point(fields=["supplier"], bind="legend")
    colours = dict(zip(ARMED_SUPPLIERS.values(), PALETTE))
    chart = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(
            x=alt.X("year:Q", title="Year of first delivery", axis=alt.Axis(format="d")),
            y=alt.Y("clients:Q", title="States that had received armed drones"),
            color=alt.Color("supplier:N", scale=scale(colours), title="Supplier (click to highlight)"),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
            tooltip=[
                "supplier",
                "year:Q",
                alt.Tooltip("clients:Q", title="client states"),
                alt.Tooltip("new_clients:N", title="new that year (codes)"),
            ],
        )
        .add_params(pick)
        .properties(width="container", height=320)
    )
    return finish(
        chart,
        "Armed-drone clients of the leading suppliers",
        "Step lines showing, for the United States, China, Israel, Turkey and Iran, how many "
        "states had received at least one armed drone from that supplier by each year, counted "
        "from the first delivery SIPRI records. Click a supplier in the legend to highlight it; "
        "hover over a line to see which states were added that year. Non-state recipients are "
        "left out. " + SIPRI_CREDIT + ".",
        subtitle="Cumulative recipient states, by year of first delivery (SIPRI)",
    )
