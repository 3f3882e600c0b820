"""Chapter 6 (Ukraine): the Air Force's monthly attack figures and a cost-exchange calculator."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from .common import PALETTE, column_wide, finish, scale

WEAPONS = {"one-way attack drones": "one_way_drones", "missiles": "missiles"}
NUMBERS, SHARES = "numbers", "share of those launched"
# Where the calculator starts: CSIS's February 2025 Shahed estimate against a PAC-3 MSE.
START_DRONE, START_INTERCEPTOR = "shahed-136-csis-2025-feb", "pac-3-mse-army-fy2026-request"
START_SOURCES = ("CSIS", "US Army")  # who made those two estimates, as the subtitle names them
SERIES_COLOURS = {"launched": PALETTE[0], "reported shot down": PALETTE[1], "reported lost to EW": PALETTE[3]}


def monthly_attack_series(monthly: pd.DataFrame) -> pd.DataFrame:
    """The monthly table in long form: one row per month, weapon and series, with the count
    and, for interceptions, the share of that month's launches it represents. A month with no
    separate electronic-warfare figure has no electronic-warfare row (not a zero)."""
    rows = []
    for weapon, prefix in WEAPONS.items():
        launched = monthly[f"{prefix}_launched"].astype(float)
        columns = {"launched": f"{prefix}_launched", "reported shot down": f"{prefix}_destroyed"}
        if prefix == "one_way_drones":
            columns["reported lost to EW"] = "one_way_drones_lost_to_ew"
        for series, column in columns.items():
            count = monthly[column].astype(float)
            rows.append(
                pd.DataFrame(
                    {
                        "month": pd.to_datetime(monthly["month"] + "-01"),
                        "weapon": weapon,
                        "series": series,
                        "count": count,
                        "share": (count / launched).where(launched > 0),
                        "partial": monthly["partial_month"].map({True: "partial month", False: "complete month"}),
                    }
                )
            )
    return pd.concat(rows, ignore_index=True).dropna(subset=["count"])


def reported_interception_rate(monthly: pd.DataFrame, first: str, last: str) -> float:
    """Share of one-way attack drones launched from month `first` to `last` (inclusive,
    'YYYY-MM') that the Air Force reported shot down."""
    period = monthly[(monthly["month"] >= first) & (monthly["month"] <= last)]
    if period.empty:
        raise ValueError(f"no months between {first} and {last} in the table")
    return float(period["one_way_drones_destroyed"].sum() / period["one_way_drones_launched"].sum())


def air_attacks_monthly(monthly: pd.DataFrame) -> alt.Chart:
    """Lines of drones (or missiles) launched and reported intercepted per month, with buttons
    to switch weapon and between counts and the share of launches; partial months are hollow."""
    data = monthly_attack_series(monthly)
    weapon = alt.param(
        name="weapon", value="one-way attack drones", bind=alt.binding_radio(options=list(WEAPONS), name="Weapon ")
    )
    measure = alt.param(name="measure", value=NUMBERS, bind=alt.binding_radio(options=[NUMBERS, SHARES], name="Show "))
    base = (
        alt.Chart(data)
        .transform_filter("datum.weapon == weapon")
        .transform_filter(f"measure == '{NUMBERS}' || datum.series != 'launched'")
        .transform_calculate(value=f"measure == '{NUMBERS}' ? datum.count : datum.share")
    )
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=-45, tickCount=8))
    y = alt.Y("value:Q", title="Per month: number, or share of launches (see the buttons)", axis=alt.Axis(format="~s"))
    colour = alt.Color("series:N", scale=scale(SERIES_COLOURS), title=None)
    tooltip = [
        alt.Tooltip("month:T", format="%B %Y"),
        "weapon:N",
        "series:N",
        alt.Tooltip("count:Q", format=",.0f", title="number"),
        alt.Tooltip("share:Q", format=".0%", title="share of launches"),
        alt.Tooltip("partial:N", title="month"),
    ]
    lines = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=colour)
    points = base.mark_point(size=40, strokeWidth=1.5).encode(
        x=x,
        y=y,
        color=colour,
        tooltip=tooltip,
        fill=alt.condition("datum.partial == 'partial month'", alt.value("white"), colour),
        shape=alt.Shape(
            "partial:N",
            legend=None,
            scale=alt.Scale(domain=["complete month", "partial month"], range=["circle", "diamond"]),
        ),
    )
    chart = (lines + points).add_params(weapon, measure).properties(**column_wide(300))
    first, last = monthly["month"].iloc[0], monthly["month"].iloc[-1]
    return finish(
        chart,
        "Drone and missile attacks on Ukraine",
        f"Monthly lines from {first} to {last}: one-way attack drones (Shahed-type drones with the decoys "
        "reported alongside them) or missiles launched, reported shot down and, for drones from July 2024, "
        "reported lost to electronic warfare (EW). Buttons switch between drones and missiles and between "
        "numbers and the share of each month's launches. Hollow diamonds mark the partial first and last "
        "months. From August 2025 the compiled reports give almost no separate electronic-warfare losses "
        "while the share shot down rises, which suggests a change in how losses are reported. These are one "
        "side's claims, summed by Petro Ivaniuk from the Air Force's daily reports.",
        subtitle="Air Force reports; hollow diamonds: partial months",
    )


def _slider_domain(costs: pd.DataFrame, role: str, item_contains: str = "") -> tuple[float, float]:
    """Lowest low and highest high of the published estimates for a role, in their own
    currencies (US dollars or euros, not converted)."""
    rows = costs[
        (costs["role"] == role)
        & costs["currency"].isin(["USD", "EUR"])
        & costs["item"].str.contains(item_contains, regex=False)
    ]
    return float(rows["cost_low"].min()), float(rows["cost_high"].max())


def estimate_labels(costs: pd.DataFrame, role: str, item_contains: str = "") -> list[str]:
    """'originator: low–high currency (year)' for every estimate behind a slider's range."""
    rows = costs[
        (costs["role"] == role)
        & costs["currency"].isin(["USD", "EUR"])
        & costs["item"].str.contains(item_contains, regex=False)
    ].sort_values("cost_high")
    return [
        f"{r.item.split(' (')[0]}, {r.originator.split(' (')[0]}: "
        + (f"{r.cost_low:,.0f}" if r.cost_low == r.cost_high else f"{r.cost_low:,.0f}–{r.cost_high:,.0f}")
        + f" {r.currency} ({r.price_year})"
        for r in rows.itertuples()
    ]


def cost_exchange_calculator(costs: pd.DataFrame, interception_rate: float = 0.8) -> alt.LayerChart:
    """Five sliders (drone cost, interceptor cost, shots per kill, interception rate, value
    defended) drive a ledger per 100 drones launched: what the attacker spends, what the
    defender fires, the value the interceptions save and the damage the leakers do, with the
    exchange ratio and the defender's net written above."""
    drone_low, drone_high = _slider_domain(costs, "attacker", "Shahed")
    shot_low, shot_high = _slider_domain(costs, "interceptor")
    estimates = costs.set_index("cost_id")["cost_low"]
    start_drone, start_shot = float(estimates[START_DRONE]), float(estimates[START_INTERCEPTOR])
    drone = alt.param(
        name="drone_cost",
        value=start_drone,
        bind=alt.binding_range(
            min=math.floor(drone_low / 1000) * 1000,
            max=math.ceil(drone_high / 1000) * 1000,
            step=1000,
            name="Drone cost (US$) ",
        ),
    )
    # One slider spans a EUR 560 gun round to a $5m missile, so it moves along a log scale.
    interceptor = alt.param(
        name="interceptor_log10",
        value=round(math.log10(start_shot), 3),
        bind=alt.binding_range(
            min=round(math.log10(shot_low), 1) - 0.1,
            max=round(math.log10(shot_high), 1) + 0.1,
            step=0.05,
            name="Interceptor cost per shot, log scale (3 = $1,000; 6 = $1m) ",
        ),
    )
    shots = alt.param(
        name="shots_per_kill", value=2, bind=alt.binding_range(min=1, max=10, step=0.5, name="Shots per drone downed ")
    )
    rate = alt.param(
        name="interception_rate",
        value=round(interception_rate, 2),
        bind=alt.binding_range(min=0.05, max=1, step=0.01, name="Share of drones downed "),
    )
    value = alt.param(
        name="value_defended",
        value=1_000_000,
        bind=alt.binding_range(
            min=0, max=20_000_000, step=50_000, name="Damage one drone that gets through does (US$) "
        ),
    )
    interceptor_cost = "pow(10, interceptor_log10)"
    amounts = {
        "attacker": "100 * drone_cost",
        "interceptors": f"100 * interception_rate * shots_per_kill * {interceptor_cost}",
        "saved": "100 * interception_rate * value_defended",
        "leaked": "100 * (1 - interception_rate) * value_defended",
    }
    summaries = {
        "shot": f"'One interceptor shot: $' + format({interceptor_cost}, ',.3~s')",
        "ratio": f"'Exchange ratio: ' + format(shots_per_kill * {interceptor_cost} / drone_cost, ',.1f') + ' to 1'",
        "net": "'Defender\\'s net: ' + (datum.net < 0 ? '-$' : '$') + format(abs(datum.net), ',.3~s') + ' per 100 drones'",
    }
    names = {
        "attacker": "Attacker: 100 drones launched",
        "interceptors": "Defender: interceptors fired",
        "saved": "Value saved by drones downed",
        "leaked": "Damage by drones that get through",
    }
    # One row per line of the ledger; the first three rows are the written summary, the rest bars.
    rows = pd.DataFrame(
        {
            "row": list(summaries) + list(names),
            "order": range(len(summaries) + len(names)),
            "kind": ["summary"] * len(summaries) + ["bar"] * len(names),
            "name": [""] * len(summaries) + list(names.values()),
            "side": ["", "", "", "attacker", "defender", "defender", "attacker"],
        }
    )
    amount = " : ".join(f"datum.row == '{k}' ? {v}" for k, v in amounts.items()) + " : null"
    net = f"100 * interception_rate * (value_defended - shots_per_kill * {interceptor_cost})"
    summary = " : ".join(f"datum.row == '{k}' ? {v}" for k, v in summaries.items()) + " : ''"
    base = (
        alt.Chart(rows)
        .transform_calculate(amount=amount, net=net)
        .transform_calculate(drawn="max(datum.amount, 1000)", label=summary)
    )
    y = alt.Y(
        "row:N",
        sort=alt.EncodingSortField("order", op="min"),
        axis=None,
        scale=alt.Scale(paddingInner=0.45, paddingOuter=0.2),
    )
    x = alt.X(
        "drawn:Q",
        title="US$ per 100 drones launched (log scale)",
        scale=alt.Scale(type="log", domain=[1e3, 1e10], clamp=True),
        axis=alt.Axis(format="$~s", tickCount=4),
    )
    bars = (
        base.transform_filter("datum.kind == 'bar'")
        .mark_bar()
        .encode(
            y=y,
            x=x,
            color=alt.Color("side:N", scale=scale({"attacker": PALETTE[4], "defender": PALETTE[0]}), title="Side"),
            tooltip=["name:N", alt.Tooltip("amount:Q", format="$,.0f", title="US$ per 100 drones launched")],
        )
    )
    bar_labels = (
        base.transform_filter("datum.kind == 'bar'")
        .transform_calculate(caption="datum.name + ': $' + format(datum.amount, ',.3~s')")
        .mark_text(align="left", baseline="bottom", dy=-9, fontSize=12, limit={"expr": "width"})
        .encode(y=y, x=alt.value(0), text="caption:N")
    )
    written = (
        base.transform_filter("datum.kind == 'summary'")
        .mark_text(align="left", baseline="middle", fontSize=13, fontWeight="bold", limit={"expr": "width"})
        .encode(
            y=y,
            x=alt.value(0),
            text="label:N",
            color=alt.condition("datum.row == 'net' && datum.net < 0", alt.value(PALETTE[4]), alt.value("#222222")),
        )
    )
    chart = (
        (bars + bar_labels + written)
        .add_params(drone, interceptor, shots, rate, value)
        .properties(**column_wide(alt.Step(34)))
    )
    drone_sources = "; ".join(estimate_labels(costs, "attacker", "Shahed"))
    shot_sources = "; ".join(estimate_labels(costs, "interceptor"))
    return finish(
        chart,
        "Cost exchange: downing a cheap drone",
        "A calculator with five sliders. The text shows the interceptor's cost per shot, the exchange "
        "ratio (interceptor cost times shots per drone downed, divided by the drone's cost) and the "
        "defender's net: the value saved by the drones downed minus the interceptors fired. The bars give, "
        "per 100 drones launched on a log scale, what the attacker spends, what the defender fires, the value "
        "saved and the damage done by drones that get through. The drone-cost slider spans the published "
        f"Shahed-136 estimates ({drone_sources}). The interceptor slider spans the published interceptor "
        f"estimates ({shot_sources}); euros are shown as published, not converted. The damage a drone does is "
        "an assumption you set, not an estimate: CSIS argues that the exchange ratio misleads without it.",
        # The sliders move the numbers above the bars, not the subtitle: it says where they start.
        subtitle=f"Starts at a ${start_drone:,.0f} drone ({START_SOURCES[0]}) and a ${start_shot / 1e6:.1f}m "
        f"PAC-3 MSE shot ({START_SOURCES[1]}); move the sliders",
    )
