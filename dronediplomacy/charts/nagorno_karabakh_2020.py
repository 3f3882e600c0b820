"""Chapter 5's charts: Azerbaijan's drone imports before the 2020 Karabakh war, and TB2 orders
on either side of it (the 'advertising' question)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .common import ALL, PALETTE, SIPRI_CREDIT, column_wide, finish, scale

WAR_START = 2020 + 270 / 366   # 27 September 2020 as a fraction of the year
SUPPLIER_COLOURS = {"Israel": PALETTE[0], "Turkey": PALETTE[4]}
PERIOD_COLOURS = {"up to the marked year": "#999999", "after it": PALETTE[4]}


def azerbaijan_drone_deals(transfers: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """One bar per Azerbaijani drone deal, from the year of order to the end of its last
    delivery year, with the start of the 2020 war marked; filter by drone class, pick a
    supplier in the legend."""
    names = countries.set_index("code")["name"]
    deals = transfers[transfers["recipient"] == "AZE"].sort_values(["order_year", "designation"])
    data = pd.DataFrame({
        "system": deals["designation"], "supplier": deals["supplier"].map(names),
        "drone_class": deals["drone_class"], "ordered_in": deals["order_year"].astype(int),
        "start": deals["order_year"].astype(float),
        "end": deals["last_delivery_year"].fillna(deals["order_year"]).astype(float) + 1,
        "deliveries": deals["delivery_years"].fillna("none recorded").str.replace(";", ", "),
        "ordered": deals["number_ordered"].fillna(0).astype(int),
        "delivered": deals["number_delivered"].fillna(0).astype(int),
        "comment": deals["sipri_comment"].fillna(""),
    })
    data["label"] = data["system"] + " (" + data["ordered_in"].astype(str) + ")"
    drone_class = alt.param(name="aze_class", value=ALL, bind=alt.binding_select(
        options=[ALL, *sorted(data["drone_class"].unique())], name="Drone class "))
    pick = alt.selection_point(fields=["supplier"], bind="legend")
    shown = f"aze_class == '{ALL}' || datum.drone_class == aze_class"
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("start", order="ascending"),
              axis=alt.Axis(labelLimit=150))
    x = alt.X("start:Q", title="Year of order to last delivery", axis=alt.Axis(format="d", tickMinStep=1),
              scale=alt.Scale(domain=[2006, 2025]))
    bars = alt.Chart(data).transform_filter(shown).mark_bar(height=11, cornerRadius=2).encode(
        x=x, x2="end:Q", y=y,
        color=alt.Color("supplier:N", scale=scale(SUPPLIER_COLOURS), title="Supplier (click to highlight)"),
        opacity=alt.condition(pick, alt.value(0.95), alt.value(0.2)),
        tooltip=["system", "supplier", alt.Tooltip("drone_class:N", title="class"),
                 alt.Tooltip("ordered_in:Q", title="ordered in"), alt.Tooltip("deliveries:N", title="delivered in"),
                 alt.Tooltip("ordered:Q", title="number ordered"), alt.Tooltip("delivered:Q", title="number delivered"),
                 alt.Tooltip("comment:N", title="SIPRI note")],
    ).add_params(drone_class, pick)
    war = pd.DataFrame({"start": [WAR_START], "text": ["war, Sep 2020"]})
    rule = alt.Chart(war).mark_rule(color="#000", strokeDash=[5, 3]).encode(x=x)
    note = alt.Chart(war).mark_text(align="right", dx=-4, baseline="top", y=2, fontSize=11).encode(
        x=x, text="text:N")
    chart = (rule + note + bars).properties(**column_wide(alt.Step(20)))
    israel = deals[deals["supplier"] == "ISR"]
    return finish(
        chart, "Azerbaijan's drone imports, deal by deal",
        f"Timeline with one bar for each of the {len(deals)} drone deals SIPRI records for "
        f"Azerbaijan, {len(israel)} of them with Israel, running from the year of order to the "
        "end of the last year of delivery; a dashed line marks the start of the war on 27 "
        "September 2020. Israeli reconnaissance drones came first, Israeli loitering "
        "munitions (Harop, Orbiter-1K, SkyStriker) were delivered from 2015 to 2020, and the "
        "Turkish TB2 was ordered and delivered in 2020. SIPRI records no drone imports by "
        "Armenia. Choose a drone class; click a supplier in the legend to highlight it; hover "
        "for numbers and SIPRI's notes. " + SIPRI_CREDIT + ".",
        subtitle="SIPRI drone deals with Azerbaijan as recipient",
    )


def tb2_orders_by_year(transfers: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Deals for Turkish-supplied TB2s and drones ordered per year of order, with each year's buyers."""
    names = countries.set_index("code")["name"]
    tb2 = transfers[(transfers["system_id"] == "bayraktar-tb2") & (transfers["supplier"] == "TUR")
                    & transfers["order_year"].notna()].copy()
    tb2["buyer"] = tb2["recipient"].map(names)
    summary = tb2.groupby("order_year").agg(
        deals=("deal_id", "size"), drones=("number_ordered", "sum"),
        buyers=("buyer", lambda b: ", ".join(sorted(set(b))))).reset_index()
    summary["order_year"] = summary["order_year"].astype(int)
    summary["drones"] = summary["drones"].astype(int)
    return summary


def tb2_orders_around_war(transfers: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """TB2 orders per year of order, split by a year the reader marks with a slider (2020, the
    Karabakh war, to start with); buttons switch between deals and drones."""
    data = tb2_orders_by_year(transfers, countries)
    first, last = int(data["order_year"].min()), int(data["order_year"].max())
    marked = alt.param(name="marked_year", value=2020, bind=alt.binding_range(
        min=first, max=last, step=1, name="Mark the year "))
    measure = alt.param(name="tb2_measure", value="deals signed", bind=alt.binding_radio(
        options=["deals signed", "drones ordered"], name="Count "))
    base = alt.Chart(data).transform_calculate(
        value="tb2_measure == 'deals signed' ? datum.deals : datum.drones",
        period=f"datum.order_year <= marked_year ? '{list(PERIOD_COLOURS)[0]}' : '{list(PERIOD_COLOURS)[1]}'")
    bars = base.mark_bar().encode(
        x=alt.X("order_year:O", title="Year of order", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title="TB2 deals or drones (see the buttons)"),
        color=alt.Color("period:N", scale=scale(PERIOD_COLOURS), title=None),
        tooltip=[alt.Tooltip("order_year:O", title="year of order"), alt.Tooltip("deals:Q", title="deals"),
                 alt.Tooltip("drones:Q", title="drones ordered"), alt.Tooltip("buyers:N", title="buyers")],
    ).add_params(marked, measure)
    labels = base.mark_text(dy=-6, fontSize=11).encode(
        x="order_year:O", y="value:Q", text=alt.Text("value:Q"))
    chart = (bars + labels).properties(width="container", height=300)
    after = data[data["order_year"] > 2020]
    before = data[data["order_year"] <= 2020]
    return finish(
        chart, "TB2 orders before and after the Karabakh war",
        f"Bar chart of the deals for Turkish TB2s (or drones ordered) that SIPRI records for each year of order "
        f"from {first} to {last}. Bars up to the year marked with the slider are grey and later "
        f"ones orange; the slider starts at 2020, the year of the war. By SIPRI's order years, "
        f"{before['deals'].sum()} TB2 deals were signed up to 2020 and {after['deals'].sum()} "
        "after it, most of them in 2021 and 2022; hover over a bar to see the buyers. Order "
        "years are SIPRI's and often estimated; the rise after 2020 also coincides with the "
        "2022 war in Ukraine. " + SIPRI_CREDIT + ".",
        subtitle="SIPRI deals for Baykar's TB2 by year of order",
    )
