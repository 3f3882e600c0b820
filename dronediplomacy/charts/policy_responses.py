"""Chapter 9 (policy responses): an explorer of each response's trade-offs and evidence by
case, and the competition for armed-drone buyers since 2015."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from .common import ALL, PALETTE, SIPRI_CREDIT, column_wide, finish, scale

ASPECT_ORDER = {"aim": 0, "trade-off": 1, "counter-argument": 2, "in this case": 3}
STATUS_COLOURS = {"known": PALETTE[0], "estimated": PALETTE[1], "argued": PALETTE[3]}
# Characters per line: what fits a 375 px phone at the font size used below.
LINE_CHARS = 54
LINE_PX = 15
GAP_LINES = 0.6  # space between points, in lines
BEARING_WORDS = {"direct": " · bears directly", "partial": " · bears partly", "little": " · bears little"}
START_RESPONSE, START_CASE = "sanctions and export controls", "Iran–Russia"
COMPETITORS = {"USA": "United States", "CHN": "China", "TUR": "Turkey", "ISR": "Israel", "IRN": "Iran"}
OTHERS = "all others"


def text_cards(base: alt.Chart, colour: alt.Color) -> alt.LayerChart:
    """Cards of text drawn as a chart: each row's heading in bold and its colour at `top`, its
    wrapped `text` (lines joined with newlines) below it. The rows come from `base`, already
    filtered by the chart's controls, so the cards change with them on the static page."""
    headings = base.mark_text(align="left", baseline="top", fontWeight="bold", fontSize=12).encode(
        x=alt.value(0), y=alt.Y("top:Q", scale=None, axis=None), text="heading:N", color=colour
    )
    texts = (
        base.transform_calculate(text_top=f"datum.top + {LINE_PX}")
        .mark_text(align="left", baseline="top", fontSize=12, lineBreak="\n", lineHeight=LINE_PX, color="#222222")
        .encode(x=alt.value(0), y=alt.Y("text_top:Q", scale=None, axis=None), text="text:N")
    )
    return headings + texts


def explorer_rows(tradeoffs: pd.DataFrame) -> pd.DataFrame:
    """One row per point with its heading, its text wrapped into lines, and where it is drawn
    (`top`, in pixels): a response's general points (aim, trade-off, counter-argument) stack in
    that order, and each case's own evidence goes below them."""
    rows = tradeoffs.copy()
    rows["heading"] = (
        rows["aspect"].str.upper() + rows["bearing"].map(BEARING_WORDS).fillna("") + " · " + rows["status"]
    )
    rows["text"] = [
        textwrap.fill(f"{p} (Source: {s}; view of {v})", LINE_CHARS, break_on_hyphens=False)
        for p, s, v in zip(rows["point"], rows["source_label"], rows["perspective"])
    ]
    rows["lines"] = rows["text"].str.count("\n") + 2  # the heading, then the text
    rows["order"] = rows["aspect"].map(ASPECT_ORDER)
    rows = rows.sort_values(["response", "order", "case"]).reset_index(drop=True)
    general = rows["case"] == "all cases"
    lines = rows.loc[general, "lines"]
    by_response = lines.groupby(rows.loc[general, "response"])
    rows.loc[general, "lines_above"] = by_response.cumsum() - lines + GAP_LINES * rows.loc[general, "order"]
    below_general = by_response.sum() + GAP_LINES * by_response.size()
    rows.loc[~general, "lines_above"] = rows.loc[~general, "response"].map(below_general)
    rows["top"] = rows["lines_above"].astype(float) * LINE_PX
    return rows[["response", "case", "aspect", "status", "heading", "text", "lines", "top"]]


def policy_explorer(tradeoffs: pd.DataFrame) -> alt.LayerChart:
    """Two dropdowns (a policy response, a case) select the chapter's points about that
    response: its aim, its main trade-off, its strongest counter-argument and the evidence in
    the chosen case, each marked known, estimated or argued and with its source named."""
    rows = explorer_rows(tradeoffs)
    response = alt.param(
        name="policy_response",
        value=START_RESPONSE,
        bind=alt.binding_select(options=sorted(rows["response"].unique()), name="Response "),
    )
    case = alt.param(
        name="policy_case",
        value=START_CASE,
        bind=alt.binding_select(options=[c for c in rows["case"].unique() if c != "all cases"], name="Case "),
    )
    base = alt.Chart(rows).transform_filter(
        "datum.response == policy_response && (datum.case == policy_case || datum.case == 'all cases')"
    )
    colour = alt.Color(
        "status:N",
        scale=scale(STATUS_COLOURS),
        title="Status of the point",
        legend=alt.Legend(orient="top", direction="horizontal"),
    )
    height = int((rows["top"] + rows["lines"] * LINE_PX).max()) + 4
    chart = text_cards(base, colour).add_params(response, case).properties(width=330, height=height)
    return finish(
        chart,
        "Policy explorer: trade-offs and evidence",
        "An explorer with two dropdowns: choose one of five policy responses (sanctions and export "
        "controls, arming partners with drones, cheaper counter-drone defences, MTCR reform, arms-control "
        "and transparency measures) and one of four cases (Iran–Russia, Turkey's exports to Africa, Gulf "
        "demand for MQ-9, Ukraine's air defence). The chart writes out the chapter's four points for that "
        "choice: the response's aim, its main trade-off, its strongest counter-argument, and the evidence in "
        "the chosen case with how directly the response bears on it. Each point is marked known, estimated "
        "or argued, and names its sources and whose view it is. The same points are in the course's "
        "policy_tradeoffs table.",
        subtitle="Choose a response and a case below",
    ).configure_view(stroke=None)


def armed_drone_buyers(transfers: pd.DataFrame, countries: pd.DataFrame, first_year: int = 2015) -> pd.DataFrame:
    """Armed drones (SIPRI class 'armed UAV') ordered from `first_year` on, per recipient and
    supplier, with the list of leading suppliers each recipient bought from."""
    deals = transfers[(transfers["drone_class"] == "armed UAV") & (transfers["order_year"] >= first_year)]
    names = countries.set_index("code")["name"]
    table = (
        deals.assign(supplier_name=deals["supplier"].map(COMPETITORS).fillna(OTHERS))
        .groupby(["recipient", "supplier_name"], as_index=False)
        .agg(deals=("deal_id", "size"), ordered=("number_ordered", "sum"), delivered=("number_delivered", "sum"))
    )
    table[["ordered", "delivered"]] = table[["ordered", "delivered"]].fillna(0).astype(int)
    bought_from = table.groupby("recipient")["supplier_name"].agg(lambda s: "|" + "|".join(sorted(s)) + "|")
    table["bought_from"] = table["recipient"].map(bought_from)
    table["recipient_name"] = table["recipient"].map(names)
    return table


def armed_drone_competition(transfers: pd.DataFrame, countries: pd.DataFrame, first_year: int = 2015) -> alt.Chart:
    """Armed drones ordered since `first_year` by each buyer, stacked by supplier; a dropdown
    keeps only one supplier's buyers (with everything else they bought), and buttons switch
    between drones ordered and deals signed."""
    data = armed_drone_buyers(transfers, countries, first_year)
    suppliers = [*COMPETITORS.values(), OTHERS]
    pick = alt.param(
        name="buyers_of", value=ALL, bind=alt.binding_select(options=[ALL, *COMPETITORS.values()], name="Buyers of ")
    )
    measure = alt.param(
        name="armed_measure",
        value="drones ordered",
        bind=alt.binding_radio(options=["drones ordered", "deals signed"], name="Count "),
    )
    highlight = alt.selection_point(fields=["supplier_name"], bind="legend")
    colours = dict(zip(suppliers, [PALETTE[0], PALETTE[4], PALETTE[2], PALETTE[1], PALETTE[3], "#999999"]))
    chart = (
        alt.Chart(data)
        .transform_filter(f"buyers_of == '{ALL}' || indexof(datum.bought_from, '|' + buyers_of + '|') >= 0")
        .transform_calculate(value="armed_measure == 'drones ordered' ? datum.ordered : datum.deals")
        .mark_bar()
        .encode(
            y=alt.Y("recipient_name:N", title=None, sort="-x", axis=alt.Axis(labelLimit=110)),
            x=alt.X("sum(value):Q", title="Drones or deals (buttons below)"),
            color=alt.Color(
                "supplier_name:N",
                scale=scale(colours),
                sort=suppliers,
                title="Supplier (click to highlight)",
                legend=alt.Legend(columns=2, labelLimit=120),
            ),
            order=alt.Order("supplier_name:N"),
            opacity=alt.condition(highlight, alt.value(1), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("recipient_name:N", title="buyer"),
                alt.Tooltip("supplier_name:N", title="supplier"),
                alt.Tooltip("ordered:Q", title="drones ordered"),
                alt.Tooltip("delivered:Q", title="delivered by 2024"),
                alt.Tooltip("deals:Q", title="deals"),
            ],
        )
        .add_params(pick, measure, highlight)
        .properties(**column_wide(alt.Step(13)))
    )
    clients = data.groupby("supplier_name")["recipient"].nunique()
    # Exercise 9 asks for these counts: the description gives the suppliers' order, not the numbers.
    ranked = [
        name for name in clients.sort_values(ascending=False).index if name in ("Turkey", "China", "United States")
    ]
    return finish(
        chart,
        f"Competing for buyers: armed drones since {first_year}",
        f"Horizontal stacked bars, one per state or group that ordered armed drones from {first_year} on, "
        "coloured by supplier: the United States, China, Turkey, Israel, Iran and all others. The dropdown keeps "
        "only one supplier's buyers, still showing what else they bought; the buttons switch between drones "
        f"ordered and deals signed. Of the three largest makers, {ranked[0]} had the most buyers, then "
        f"{ranked[1]}, then {ranked[2]}. " + SIPRI_CREDIT + ".",
        subtitle=f"SIPRI armed-UAV orders, {first_year} on",
    )
