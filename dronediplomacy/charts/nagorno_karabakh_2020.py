"""Chapter 5's charts: Azerbaijan's drone imports before the 2020 Karabakh war, and TB2 orders
on either side of it (the 'advertising' question)."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from .common import ALL, PALETTE, SIPRI_CREDIT, column_wide, finish, scale

WAR_START = 2020 + 270 / 366  # 27 September 2020 as a fraction of the year
SUPPLIER_COLOURS = {"Israel": PALETTE[0], "Turkey": PALETTE[4]}
PERIOD_COLOURS = {"up to the marked year": "#999999", "after it": PALETTE[4]}


def azerbaijan_drone_deals(transfers: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """One bar per Azerbaijani drone deal, from the year of order to the end of its last
    delivery year, with the start of the 2020 war marked; filter by drone class, pick a
    supplier in the legend."""
    names = countries.set_index("code")["name"]
    deals = transfers[transfers["recipient"] == "AZE"].sort_values(["order_year", "designation"])
    data = pd.DataFrame(
        {
            "system": deals["designation"],
            "supplier": deals["supplier"].map(names),
            "drone_class": deals["drone_class"],
            "ordered_in": deals["order_year"].astype(int),
            "start": deals["order_year"].astype(float),
            "end": deals["last_delivery_year"].fillna(deals["order_year"]).astype(float) + 1,
            "deliveries": deals["delivery_years"].fillna("none recorded").str.replace(";", ", "),
            "ordered": deals["number_ordered"].fillna(0).astype(int),
            "delivered": deals["number_delivered"].fillna(0).astype(int),
            "comment": deals["sipri_comment"].fillna(""),
        }
    )
    data["label"] = data["system"] + " (" + data["ordered_in"].astype(str) + ")"
    drone_class = alt.param(
        name="aze_class",
        value=ALL,
        bind=alt.binding_select(options=[ALL, *sorted(data["drone_class"].unique())], name="Drone class "),
    )
    pick = alt.selection_point(fields=["supplier"], bind="legend")
    shown = f"aze_class == '{ALL}' || datum.drone_class == aze_class"
    y = alt.Y(
        "label:N", title=None, sort=alt.EncodingSortField("start", order="ascending"), axis=alt.Axis(labelLimit=150)
    )
    x = alt.X(
        "start:Q",
        title="Year of order to last delivery",
        axis=alt.Axis(format="d", tickMinStep=1),
        scale=alt.Scale(domain=[2006, 2025]),
    )
    bars = (
        alt.Chart(data)
        .transform_filter(shown)
        .mark_bar(height=11, cornerRadius=2)
        .encode(
            x=x,
            x2="end:Q",
            y=y,
            color=alt.Color("supplier:N", scale=scale(SUPPLIER_COLOURS), title="Supplier (click to highlight)"),
            opacity=alt.condition(pick, alt.value(0.95), alt.value(0.2)),
            tooltip=[
                "system",
                "supplier",
                alt.Tooltip("drone_class:N", title="class"),
                alt.Tooltip("ordered_in:Q", title="ordered in"),
                alt.Tooltip("deliveries:N", title="delivered in"),
                alt.Tooltip("ordered:Q", title="number ordered"),
                alt.Tooltip("delivered:Q", title="number delivered"),
                alt.Tooltip("comment:N", title="SIPRI note"),
            ],
        )
        .add_params(drone_class, pick)
    )
    war = pd.DataFrame({"start": [WAR_START], "text": ["war, Sep 2020"]})
    rule = alt.Chart(war).mark_rule(color="#000", strokeDash=[5, 3]).encode(x=x)
    note = alt.Chart(war).mark_text(align="right", dx=-4, baseline="top", y=2, fontSize=11).encode(x=x, text="text:N")
    chart = (rule + note + bars).properties(**column_wide(alt.Step(20)))
    israel = deals[deals["supplier"] == "ISR"]
    return finish(
        chart,
        "Azerbaijan's drone imports, deal by deal",
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
    tb2 = transfers[
        (transfers["system_id"] == "bayraktar-tb2") & (transfers["supplier"] == "TUR") & transfers["order_year"].notna()
    ].copy()
    tb2["buyer"] = tb2["recipient"].map(names)
    summary = (
        tb2.groupby("order_year")
        .agg(
            deals=("deal_id", "size"),
            drones=("number_ordered", "sum"),
            buyers=("buyer", lambda b: ", ".join(sorted(set(b)))),
        )
        .reset_index()
    )
    summary["order_year"] = summary["order_year"].astype(int)
    summary["drones"] = summary["drones"].astype(int)
    return summary


def tb2_orders_around_war(transfers: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """TB2 orders per year of order, split by a year the reader marks with a slider (2020, the
    Karabakh war, to start with); buttons switch between deals and drones."""
    data = tb2_orders_by_year(transfers, countries)
    first, last = int(data["order_year"].min()), int(data["order_year"].max())
    marked = alt.param(
        name="marked_year", value=2020, bind=alt.binding_range(min=first, max=last, step=1, name="Mark the year ")
    )
    measure = alt.param(
        name="tb2_measure",
        value="deals signed",
        bind=alt.binding_radio(options=["deals signed", "drones ordered"], name="Count "),
    )
    base = alt.Chart(data).transform_calculate(
        value="tb2_measure == 'deals signed' ? datum.deals : datum.drones",
        period=f"datum.order_year <= marked_year ? '{list(PERIOD_COLOURS)[0]}' : '{list(PERIOD_COLOURS)[1]}'",
    )
    bars = (
        base.mark_bar()
        .encode(
            x=alt.X("order_year:O", title="Year of order", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title="TB2 deals or drones (see the buttons)"),
            color=alt.Color("period:N", scale=scale(PERIOD_COLOURS), title=None),
            tooltip=[
                alt.Tooltip("order_year:O", title="year of order"),
                alt.Tooltip("deals:Q", title="deals"),
                alt.Tooltip("drones:Q", title="drones ordered"),
                alt.Tooltip("buyers:N", title="buyers"),
            ],
        )
        .add_params(marked, measure)
    )
    labels = base.mark_text(dy=-6, fontSize=11).encode(x="order_year:O", y="value:Q", text=alt.Text("value:Q"))
    chart = (bars + labels).properties(width="container", height=300)
    after = data[data["order_year"] > 2020]
    before = data[data["order_year"] <= 2020]
    return finish(
        chart,
        "TB2 orders before and after the Karabakh war",
        f"Bar chart of the deals for Turkish TB2s (or drones ordered) that SIPRI records for each year of order "
        f"from {first} to {last}. Bars up to the year marked with the slider are grey and later "
        f"ones orange; the slider starts at 2020, the year of the war. By SIPRI's order years, "
        f"{before['deals'].sum()} TB2 deals were signed up to 2020 and {after['deals'].sum()} "
        "after it, most of them in 2021 and 2022; hover over a bar to see the buyers. Order "
        "years are SIPRI's and often estimated; the rise after 2020 also coincides with the "
        "2022 war in Ukraine. " + SIPRI_CREDIT + ".",
        subtitle="SIPRI deals for Baykar's TB2 by year of order",
    )


WAR_FIRST_DAY = pd.Timestamp("2020-09-27")
CEASEFIRE_DAY = pd.Timestamp("2020-11-10")
LAST_HANDOVER = pd.Timestamp("2020-12-01")
CONTROL_COLOURS = {"Armenian forces": PALETTE[1], "Azerbaijan": PALETTE[0], "Russian peacekeepers": PALETTE[3]}
CONTROL_SHAPES = {"Armenian forces": "triangle-up", "Azerbaijan": "circle", "Russian peacekeepers": "diamond"}
# Where each label sits relative to its point, so that close neighbours (Stepanakert and Shusha
# are 7 km apart) do not overprint each other: (align, dx, dy) in pixels.
LABEL_PLACEMENT = {
    "stepanakert": ("left", 7, -6),
    "shusha": ("right", -7, 4),
    "agdam": ("left", 7, 0),
    "hadrut": ("left", 7, 0),
    "jabrayil": ("left", 7, 4),
    "fuzuli": ("left", 7, -2),
    "lachin": ("right", -7, 0),
    "qubadli": ("right", -7, 0),
    "zangilan": ("right", -7, 0),
    "kalbajar": ("right", -7, 0),
    "sugovushan": ("right", -7, -4),
    "ganja": ("left", 7, 0),
    "barda": ("left", 7, 0),
}
# Armenia and Azerbaijan in two greys, neighbours lighter; the place colours stay the only hues.
NEIGHBOUR_FILLS = {"ARM": "#d2d2d2", "AZE": "#e4e4e4"}
NEIGHBOUR_FILL = "#f2f2f2"
# The map always shows this box (west, south, east, north): every place, Yerevan's side of
# Armenia and the Iranian border, with room for labels.
FOCUS_BOX = (44.9, 38.75, 47.6, 40.85)
# Country names, placed by hand where each country has room on the clipped map.
COUNTRY_LABELS = pd.DataFrame(
    {
        "name": ["ARMENIA", "AZERBAIJAN", "GEORGIA", "IRAN", "TURKEY"],
        "longitude": [45.2, 47.45, 45.4, 46.2, 44.3],
        "latitude": [40.45, 40.8, 41.35, 38.85, 39.6],
    }
)


def control_by_day(places: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """Who held each place on a given day, by the table's announced changes of control (the
    same rule the map applies in the browser)."""
    changed = places["change_date"].notna() & (places["change_date"] <= day)
    return places["held_after"].where(changed, places["held_before"])


def karabakh_control_map(places: pd.DataFrame) -> alt.LayerChart:
    """Map of the places the 2020 war turned on, coloured by who held them, with a slider over
    the days from 27 September to the last handover on 1 December 2020."""
    from ..data import karabakh_region

    last_day = int((LAST_HANDOVER - WAR_FIRST_DAY).days)
    ceasefire = int((CEASEFIRE_DAY - WAR_FIRST_DAY).days)
    data = pd.DataFrame(
        {
            "place_id": places["place_id"],
            "name": places["name"],
            "other_names": places["name_azerbaijani"]
            + " (Azerbaijani)"
            + places["name_armenian"].map(lambda n: f", {n} (Armenian)" if pd.notna(n) else ""),
            "kind": places["kind"],
            "latitude": places["latitude"].astype(float),
            "longitude": places["longitude"].astype(float),
            "held_before": places["held_before"],
            "held_after": places["held_after"],
            # -1: no change in 2020 (a missing value would reach the page as NaN, which is not JSON)
            "change_day": (places["change_date"] - WAR_FIRST_DAY).dt.days.fillna(-1).astype(int),
            "change": places["change"].map(
                {"captured": "capture announced", "handed over": "handed over", "none": "no change in 2020"}
            ),
            "change_date": places["change_date"].dt.strftime("%-d %B %Y").fillna("—"),
            "announced_by": places["announced_by"].fillna("—"),
            "disputed": places["disputed"],
            "sources": places["source_label"],
        }
    )

    day = alt.param(
        name="war_day",
        value=0,
        bind=alt.binding_range(min=0, max=last_day, step=1, name="Days since 27 September 2020 "),
    )
    held = "datum.change_day >= 0 && datum.change_day <= war_day ? datum.held_after : datum.held_before"
    # Fit the projection to the box around the places, whatever the chart's shape; the country
    # shapes reach beyond it and are clipped to the view, so a wide or a narrow chart is filled.
    focus = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": [[FOCUS_BOX[0], FOCUS_BOX[1]], [FOCUS_BOX[2], FOCUS_BOX[3]]]},
    }
    projection = {"type": "mercator", "fit": [focus]}
    countries = (
        alt.Chart(alt.Data(values=karabakh_region()["features"]))
        .mark_geoshape(stroke="white", strokeWidth=0.8, clip=True, aria=False)
        .transform_calculate(
            # a literal colour per shape (scale=None) keeps the places' colour scale to itself
            fill=f"{json.dumps(NEIGHBOUR_FILLS)}[datum.properties.code] || '{NEIGHBOUR_FILL}'"
        )
        .encode(color=alt.Color("fill:N", scale=None))
        .project(**projection)
    )
    country_names = (
        alt.Chart(COUNTRY_LABELS)
        .mark_text(fontSize=11, clip=True, fontWeight="bold", color="#777", aria=False)
        .encode(longitude="longitude:Q", latitude="latitude:Q", text="name:N")
        .project(**projection)
    )
    base = alt.Chart(data).transform_calculate(
        held=held,
        changed_so_far=(
            "datum.change_day >= 0 && datum.change_day <= war_day ? datum.change + ', ' + datum.change_date "
            ": (datum.change_day < 0 ? 'no change in 2020' : 'not yet: ' + datum.change + ' ' + datum.change_date)"
        ),
    )
    points = (
        base.mark_point(filled=True, size=120, stroke="black", strokeWidth=0.6, opacity=1)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            color=alt.Color("held:N", title="Held by", scale=scale(CONTROL_COLOURS)),
            shape=alt.Shape(
                "held:N",
                title="Held by",
                scale=alt.Scale(domain=list(CONTROL_SHAPES), range=list(CONTROL_SHAPES.values())),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="place"),
                alt.Tooltip("other_names:N", title="also"),
                alt.Tooltip("kind:N", title="kind"),
                alt.Tooltip("held:N", title="held by (on the chosen day)"),
                alt.Tooltip("changed_so_far:N", title="control"),
                alt.Tooltip("announced_by:N", title="announced by"),
                alt.Tooltip("disputed:N", title="other side"),
                alt.Tooltip("sources:N", title="sources"),
            ],
        )
        .add_params(day)
        .project(**projection)
    )
    placements = {}
    for place_id in data["place_id"]:
        placements.setdefault(LABEL_PLACEMENT.get(place_id, ("left", 7, 0)), []).append(place_id)
    labels = [
        base.transform_filter(alt.FieldOneOfPredicate(field="place_id", oneOf=ids))
        .mark_text(align=align, dx=dx, dy=dy, baseline="middle", fontSize=11, aria=False)
        .encode(longitude="longitude:Q", latitude="latitude:Q", text="name:N")
        .project(**projection)
        for (align, dx, dy), ids in placements.items()
    ]
    caption = (
        alt.Chart(pd.DataFrame({"start": [0]}))
        .transform_calculate(
            date="timeFormat(datetime(2020, 8, 27 + war_day), '%-d %B %Y')",
            phase=(
                f"war_day < {ceasefire} ? 'day ' + (war_day + 1) + ' of the war' : "
                f"(war_day == {ceasefire} ? 'ceasefire in force' : 'after the ceasefire: handovers')"
            ),
            label="datum.date + ' (' + datum.phase + ')'",
        )
        .mark_text(align="left", baseline="top", fontSize=13, fontWeight="bold", aria=False)
        .encode(text="label:N", x=alt.value(4), y=alt.value(4))
    )
    counts = (
        base.transform_filter("datum.held_before != datum.held_after")
        .transform_calculate(moved="datum.change_day >= 0 && datum.change_day <= war_day ? 1 : 0")
        .transform_aggregate(moved="sum(moved)", total="count()")
        .transform_calculate(label="datum.moved + ' of ' + datum.total + ' places changed hands so far'")
        .mark_text(align="left", baseline="top", fontSize=11, aria=False)
        .encode(text="label:N", x=alt.value(4), y=alt.value(22))
    )
    chart = alt.layer(countries, country_names, *labels, points, caption, counts).properties(**column_wide(440))
    captured = places[places["change"] == "captured"]
    handed = places[places["change"] == "handed over"]
    denied = places[places["disputed"] == "denied at the time"]
    return finish(
        chart,
        "Who held what: the 2020 war, day by day",
        f"Map of Armenia, Azerbaijan and their neighbours with the {len(places)} places the chapter "
        "names, each a point coloured and shaped by who held it on the day chosen with the slider "
        "(orange triangles: Armenian forces; blue circles: Azerbaijan; purple diamond: Russian "
        "peacekeepers on the Lachin corridor). The slider runs from 27 September 2020, the first day "
        f"of the war, to 1 December 2020, the last handover. {len(captured)} places change hands on "
        "the day Azerbaijan announced their capture, from Sugovushan on 3 October to Shusha on "
        f"8 November; {len(denied)} of those announcements were denied by the Armenian side at "
        f"the time. {len(handed)} districts were handed over under the 10 November statement: "
        "Agdam on 20 November, Kalbajar on 25 November and Lachin on 1 December, whose town stayed "
        "on the corridor under Russian peacekeepers until 2022. Stepanakert, Ganja and Barda did "
        "not change hands. The map shows announced captures and handovers of towns, not front "
        "lines or the territory between them. Hover over a point for its names, the date, who "
        "announced it, whether the other side denied it, and the sources. Country shapes: Natural "
        "Earth 1:50m via world-atlas; boundaries imply no view on disputed territory.",
        # Short: a subtitle wider than a phone's column would shrink the map to fit it.
        subtitle="Announced captures and handovers, not front lines",
    )


NEIGHBOURS = ["ARM", "GEO", "RUS", "TUR", "IRN"]


def prose_numbers(transfers: pd.DataFrame, countries: pd.DataFrame) -> dict[str, int]:
    """The numbers Chapter 5's prose takes from the transfers table, by the name it glues
    them under (myst-nb glue), so the text cannot drift from the data. Exercise 5 asks for the
    loitering munitions ordered before the war and the TB2 deals before and after it: the prose
    describes those without their counts."""
    azerbaijan = transfers[transfers["recipient"] == "AZE"]
    ordered = azerbaijan.set_index("deal_id")["number_ordered"]
    russia = transfers[transfers["recipient"] == "RUS"]
    georgia = transfers[transfers["recipient"] == "GEO"]
    from_iran = russia[russia["supplier"] == "IRN"]
    return {
        "aze_deals": len(azerbaijan),
        "aze_israel_deals": int((azerbaijan["supplier"] == "ISR").sum()),
        "aerostar_2007": int(ordered["2007-ISR-AZE-aerostar"]),
        "hermes450_2008": int(ordered["2008-ISR-AZE-hermes-450"]),
        "heron_2011": int(ordered["2011-ISR-AZE-heron"]),
        "searcher_2011": int(ordered["2011-ISR-AZE-searcher"]),
        "aze_tb2": int(ordered["2020-TUR-AZE-bayraktar-tb2"]),
        "neighbour_deals": int(transfers["recipient"].isin(NEIGHBOURS).sum()),
        "russia_iran_deals": len(from_iran),
        "russia_iran_drones": int(from_iran["number_ordered"].sum()),
        "russia_israel_deals": int((russia["supplier"] == "ISR").sum()),
        "georgia_2015_2019": int(georgia.loc[georgia["order_year"].between(2015, 2019), "number_ordered"].sum()),
        "georgia_2021_2024": int(georgia.loc[georgia["order_year"].between(2021, 2024), "number_ordered"].sum()),
        "russia_2015_2019": int(russia.loc[russia["order_year"].between(2015, 2019), "number_ordered"].sum()),
        # Exercise 8 asks for Russia's orders under the EU embargo, which are these: rounded down.
        "russia_2021_2024_at_least": int(russia.loc[russia["order_year"].between(2021, 2024), "number_ordered"].sum())
        // 1000
        * 1000,
    }
