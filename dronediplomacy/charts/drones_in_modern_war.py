"""Chapter 1's charts: what states buy (drone deals by class), and cost estimates as ranges
(which chapter 6 shows again)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .common import ALL, PALETTE, SIPRI_CREDIT, column_wide, finish, scale, yearly_deals

CLASS_COLOURS = {
    "ISR UAV": PALETTE[0],
    "armed UAV": PALETTE[4],
    "loitering munition": PALETTE[1],
    "one-way attack drone": PALETTE[3],
}
ROLE_COLOURS = {
    "attacker": PALETTE[4],
    "platform": PALETTE[0],
    "interceptor": PALETTE[1],
    "defence system": PALETTE[3],
    "electronic warfare": PALETTE[2],
}


def shorten(names: pd.Series, limit: int) -> pd.Series:
    """Each name cut at the last whole word that fits in `limit` characters, with "…" where
    words were dropped (a cut mid-word reads as a different word)."""

    def cut(name: str) -> str:
        if len(name) <= limit:
            return name
        kept = name[: limit - 1].rsplit(" ", 1)[0]
        return kept.rstrip(" -,·") + "…"

    return names.map(cut)


def cost_ranges(costs: pd.DataFrame) -> alt.Chart:
    """Every unit-cost estimate in US dollars or euros as a low-high bar on a log scale."""
    shown = costs[costs["currency"].isin(["USD", "EUR"])]
    data = pd.DataFrame(
        {
            "estimate": shorten(shown["item"].str.split(r" \(|,| /").str[0], 28)
            + " · "
            + shorten(shown["originator"].str.split(r" \(|,|;").str[0], 16)
            + " "
            + shown["price_year"].astype(str),
            "item": shown["item"],
            "role": shown["role"],
            "low": shown["cost_low"].astype(float),
            "high": shown["cost_high"].astype(float),
            "currency": shown["currency"],
            "basis": shown["unit_basis"],
            "originator": shown["originator"],
            "price_year": shown["price_year"].astype(int),
        }
    )
    repeat = data.groupby("estimate").cumcount()
    data["estimate"] = data["estimate"].where(repeat == 0, data["estimate"] + " (" + (repeat + 1).astype(str) + ")")
    # Only the roles some bar is drawn for: a role whose estimates are all in other currencies
    # (electronic warfare's is in hryvnia) would be a legend colour that matches nothing.
    drawn_roles = {role: colour for role, colour in ROLE_COLOURS.items() if role in set(data["role"])}
    role = alt.param(name="role", value=ALL, bind=alt.binding_select(options=[ALL, *drawn_roles], name="Show "))
    base = alt.Chart(data).transform_filter(f"role == '{ALL}' || datum.role == role")
    y = alt.Y(
        "estimate:N",
        title=None,
        sort=alt.EncodingSortField("high", order="ascending"),
        # Narrower labels on a phone leave the bars room; the tooltip has the full names.
        axis=alt.Axis(labelLimit=alt.ExprRef("containerSize()[0] < 560 ? 150 : 300")),
    )
    x = alt.X(
        "low:Q",
        scale=alt.Scale(type="log"),
        title=["Unit cost (US dollars or euros", "as estimated; log scale)"],  # two lines fit a phone
        axis=alt.Axis(format="~s"),
    )
    tooltip = [
        "item",
        "originator",
        alt.Tooltip("price_year:Q", title="price year"),
        "currency",
        alt.Tooltip("low:Q", format=",.0f"),
        alt.Tooltip("high:Q", format=",.0f"),
        "basis",
    ]
    bars = base.mark_rule(strokeWidth=6).encode(
        x=x,
        x2="high:Q",
        y=y,
        color=alt.Color("role:N", scale=scale(drawn_roles), title="Role", legend=alt.Legend(columns=2)),
        tooltip=tooltip,
    )
    ends = base.mark_tick(thickness=2, size=14).encode(
        x=x, y=y, color=alt.Color("role:N", scale=scale(drawn_roles)), tooltip=tooltip
    )
    chart = (bars + ends).add_params(role).properties(**column_wide(alt.Step(18), relayout_on_change=True))
    return finish(
        chart,
        "What drones and the weapons against them cost",
        "Horizontal range bars, one per published unit-cost estimate in US dollars or euros, "
        "from the low to the high end of the estimate on a logarithmic scale, coloured by role: "
        "one-way attack drones, reusable drones, interceptor missiles and rounds, and defence "
        "systems. Choose a role to show only those estimates; hover for "
        "who made each estimate, its price year and what it includes. Currencies and price "
        "years are as published, not converted.",
        subtitle="Estimates disagree: each bar is one estimate, with its originator",
    )


def drone_classes_over_time(transfers: pd.DataFrame) -> alt.Chart:
    """Drone deals (or drones ordered) per year, stacked by drone class."""
    deals = transfers.dropna(subset=["order_year"])
    chart = yearly_deals(deals, "drone_class", "Drone class", CLASS_COLOURS)
    return finish(
        chart,
        "What states buy: drones by class",
        "Stacked bar chart of the drone deals SIPRI records for each year of order from 1995, "
        "coloured by class: unarmed reconnaissance (ISR) drones, armed drones, loitering "
        "munitions and one-way attack drones. Switch between counting deals and counting "
        "drones ordered: by deals, unarmed drones dominate most years; by drones, the "
        "one-way attack drones Russia ordered from Iran from 2022 dwarf everything else. " + SIPRI_CREDIT + ".",
        subtitle="SIPRI records by year of order: deals or drones ordered",
    )
