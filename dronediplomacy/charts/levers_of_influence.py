"""Chapter 7's charts: how the leading suppliers' client bases grew and overlapped, and the
factories and licensed production they placed abroad."""

from __future__ import annotations

from itertools import product

import altair as alt
import pandas as pd

from .common import ALL, PALETTE, SIPRI_CREDIT, column_wide, finish, scale

# The five suppliers the chapter compares, in the order the essay discusses them.
RIVAL_SUPPLIERS = {"TUR": "Turkey", "IRN": "Iran", "CHN": "China", "ISR": "Israel", "USA": "United States"}
SUPPLIER_COLOURS = dict(zip(RIVAL_SUPPLIERS.values(), [PALETTE[4], PALETTE[2], PALETTE[1], PALETTE[0], PALETTE[3]]))
STATUS_COLOURS = {
    "operating": PALETTE[2],
    "under construction": PALETTE[1],
    "planned": PALETTE[5],
    "reported": "#999999",
    "suspended": PALETTE[3],
    "cancelled": "#000000",
}
FIRST_YEAR, LAST_YEAR = 1995, 2024


def first_orders(transfers: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """One row per (supplier, client) for the five suppliers: the client's name and the year of
    its first recorded order. SIPRI's 'unknown recipient' rows are left out, because they are not
    one client but several unidentified ones."""
    kinds = countries.set_index("code")["kind"]
    names = countries.set_index("code")["name"]
    deals = transfers[transfers["supplier"].isin(RIVAL_SUPPLIERS) & transfers["order_year"].notna()]
    deals = deals[deals["recipient"].map(kinds) != "unknown"]
    first = deals.groupby(["supplier", "recipient"], as_index=False)["order_year"].min()
    first["order_year"] = first["order_year"].astype(int)
    first["supplier_name"] = first["supplier"].map(RIVAL_SUPPLIERS)
    first["client"] = first["recipient"].map(names)
    return first


def cumulative_clients(first: pd.DataFrame) -> pd.DataFrame:
    """Number of clients each supplier had signed a first deal with by the end of each year."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    rows = [
        {
            "supplier": name,
            "year": year,
            "clients": int(((first["supplier"] == code) & (first["order_year"] <= year)).sum()),
        }
        for code, name in RIVAL_SUPPLIERS.items()
        for year in years
    ]
    return pd.DataFrame(rows)


def shared_clients(first: pd.DataFrame) -> pd.DataFrame:
    """For every ordered pair of the five suppliers and every year, the clients that had ordered
    from both by then (on the diagonal: all of that supplier's clients), with their names."""
    by_supplier = {code: first[first["supplier"] == code].set_index("recipient") for code in RIVAL_SUPPLIERS}
    rows = []
    for (a, name_a), (b, name_b) in product(RIVAL_SUPPLIERS.items(), repeat=2):
        both = by_supplier[a].join(by_supplier[b][["order_year"]], rsuffix="_b", how="inner")
        since = both[["order_year", "order_year_b"]].max(axis=1)
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            clients = sorted(both.loc[since <= year, "client"])
            rows.append(
                {
                    "supplier_a": name_a,
                    "supplier_b": name_b,
                    "year": year,
                    "shared": len(clients),
                    "clients": ", ".join(clients) if clients else "none",
                }
            )
    return pd.DataFrame(rows)


def client_base_growth(transfers: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """Two linked views: each supplier's cumulative number of clients by year (click the legend
    to pick suppliers), and a matrix of the clients each pair of suppliers shares by the year
    chosen on the slider."""
    first = first_orders(transfers, countries)
    growth = cumulative_clients(first)
    pairs = shared_clients(first)
    year = alt.param(
        name="levers_year",
        value=2010,
        bind=alt.binding_range(min=FIRST_YEAR, max=LAST_YEAR, step=1, name="Clients by the end of "),
    )
    pick = alt.selection_point(fields=["supplier"], bind="legend")
    colour = alt.Color(
        "supplier:N",
        scale=scale(SUPPLIER_COLOURS),
        sort=list(SUPPLIER_COLOURS),
        title="Supplier (click to highlight)",
        legend=alt.Legend(columns=3),
    )
    x = alt.X(
        "year:Q",
        title="Year (SIPRI year of order)",
        axis=alt.Axis(format="d", tickCount=6),
        scale=alt.Scale(domain=[FIRST_YEAR, LAST_YEAR]),
    )
    lines = (
        alt.Chart(growth)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("clients:Q", title="Clients so far"),
            color=colour,
            opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
            tooltip=[
                alt.Tooltip("supplier:N"),
                alt.Tooltip("year:Q", title="by the end of"),
                alt.Tooltip("clients:Q", title="clients"),
            ],
        )
        .add_params(pick)
    )
    marker = (
        alt.Chart(growth)
        .transform_filter("datum.year == levers_year")
        .mark_rule(color="#555", strokeDash=[4, 3])
        .encode(x=x)
    )
    growth_view = (lines + marker).properties(width=230, height=200, title="Clients so far")
    order = list(RIVAL_SUPPLIERS.values())
    base = alt.Chart(pairs).transform_filter("datum.year == levers_year")
    cells = base.mark_rect(stroke="#fff").encode(
        x=alt.X("supplier_b:N", title=None, sort=order, axis=alt.Axis(labelAngle=-40, orient="top")),
        y=alt.Y("supplier_a:N", title=None, sort=order),
        color=alt.Color(
            "shared:Q", title="Shared clients", scale=alt.Scale(scheme="blues"), legend=alt.Legend(gradientLength=150)
        ),
        tooltip=[
            alt.Tooltip("supplier_a:N", title="supplier"),
            alt.Tooltip("supplier_b:N", title="and"),
            alt.Tooltip("year:Q", title="by the end of"),
            alt.Tooltip("shared:Q", title="clients of both"),
            alt.Tooltip("clients:N", title="who"),
        ],
    )
    numbers = base.mark_text(fontSize=13).encode(
        x=alt.X("supplier_b:N", sort=order),
        y=alt.Y("supplier_a:N", sort=order),
        text="shared:Q",
        color=alt.condition("datum.shared > 12", alt.value("white"), alt.value("black")),
    )
    overlap_view = (cells + numbers).properties(width=200, height=200, title="Shared clients (diagonal: all)")
    chart = alt.vconcat(growth_view, overlap_view, spacing=30).add_params(year).resolve_scale(color="independent")
    final = cumulative_clients(first)
    # Exercise 7 asks for these counts: the description gives the suppliers' order, not the numbers.
    ranked = final[final["year"] == LAST_YEAR].sort_values("clients", ascending=False)["supplier"].tolist()
    return finish(
        chart,
        "Growing and overlapping client bases",
        "Two linked views built from the SIPRI deals of Turkey, Iran, China, Israel and the United "
        "States. The line chart counts, for each supplier, the recipients that had signed at least one "
        "drone deal with it by the end of each year from 1995 to 2024 (by SIPRI's year of order, "
        f"which is often estimated); by {LAST_YEAR} {ranked[0]} had the most clients, followed by "
        f"{', '.join(ranked[1:-1])} and {ranked[-1]}. A client is any "
        "recipient SIPRI names, including armed groups and international organisations; SIPRI's "
        "unidentified recipients are left out. Click a supplier in the legend to highlight it "
        "(shift-click to add or remove one; remove them all to show every line). The matrix below counts the clients each pair of suppliers had in "
        "common by the year set on the slider, with their names in the tooltip; the diagonal shows each "
        "supplier's own total. " + SIPRI_CREDIT + ".",
        subtitle="SIPRI drone deals of five suppliers",
    )


def production_rows(production: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """The production_abroad table shaped for the timeline: a start year (announcement, else
    opening, else the year of the report), an end (the year its status was last reported, plus
    one so a single year still shows), and a short row label."""
    names = countries.set_index("code")["name"]
    data = production.copy()
    start = data["announced_year"].fillna(data["opened_year"]).fillna(data["status_year"])
    system = data["system"].str.split(" (", regex=False).str[0]
    return (
        pd.DataFrame(
            {
                "label": data["host"].map(names) + ": " + system,
                "supplier": data["supplier"].map(RIVAL_SUPPLIERS),
                "host": data["host"].map(names),
                "system": data["system"],
                "facility": data["facility"],
                "status": data["status"],
                "confidence": data["confidence"],
                "start": start.astype(int),
                "end": data["status_year"].astype(int) + 1,
                "announced": data["announced_year"].astype("Int64").astype(str).replace("<NA>", "not reported"),
                "opened": data["opened_year"].astype("Int64").astype(str).replace("<NA>", "not reported"),
                "status_year": data["status_year"].astype(int),
                "opened_year": data["opened_year"].astype(float),
                "notes": data["notes"].fillna(""),
            }
        )
        .sort_values(["supplier", "start"])
        .reset_index(drop=True)
    )


def production_abroad_timeline(production: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """One bar per overseas factory or licensed production line, from announcement to the latest
    report, coloured by its reported status; choose a supplier and how well sourced a row must be."""
    data = production_rows(production, countries)
    supplier = alt.param(
        name="abroad_supplier",
        value=ALL,
        bind=alt.binding_select(
            options=[ALL, *[s for s in RIVAL_SUPPLIERS.values() if s in set(data["supplier"])]], name="Supplier "
        ),
    )
    sourcing = alt.param(
        name="abroad_sourcing",
        value="all reports",
        bind=alt.binding_radio(options=["all reports", "high or medium confidence"], name="Show "),
    )
    shown = (
        f"(abroad_supplier == '{ALL}' || datum.supplier == abroad_supplier) && "
        "(abroad_sourcing == 'all reports' || datum.confidence != 'low')"
    )
    y = alt.Y("label:N", title=None, sort=list(data["label"]), axis=alt.Axis(labelLimit=125, labelFontSize=11))
    x = alt.X(
        "start:Q",
        title="Announced to latest report",
        axis=alt.Axis(format="d", tickCount=6),
        scale=alt.Scale(domain=[2004, 2026]),
    )
    tooltip = [
        alt.Tooltip("supplier:N"),
        alt.Tooltip("host:N", title="host"),
        "system",
        "facility",
        alt.Tooltip("announced:N", title="announced"),
        alt.Tooltip("opened:N", title="opened"),
        alt.Tooltip("status:N", title="status"),
        alt.Tooltip("status_year:Q", title="status as of"),
        alt.Tooltip("confidence:N", title="confidence"),
        alt.Tooltip("notes:N", title="notes"),
    ]
    base = alt.Chart(data).transform_filter(shown)
    bars = (
        base.mark_bar(height=10, cornerRadius=2)
        .encode(
            x=x,
            x2="end:Q",
            y=y,
            color=alt.Color(
                "status:N",
                scale=scale({s: c for s, c in STATUS_COLOURS.items() if s in set(data["status"])}),
                title="Status",
                legend=alt.Legend(columns=1),
            ),
            tooltip=tooltip,
        )
        .add_params(supplier, sourcing)
    )
    opened = (
        base.transform_filter("isValid(datum.opened_year)")
        .mark_point(shape="diamond", filled=True, size=70, color="#000")
        .encode(x=alt.X("opened_year:Q"), y=y, tooltip=tooltip)
    )
    chart = (bars + opened).properties(**column_wide(alt.Step(18)))
    counts = data["supplier"].value_counts()
    operating = data[data["status"] == "operating"]
    return finish(
        chart,
        "Factories and licences abroad",
        f"Timeline with one bar for each of the {len(data)} overseas drone factories, assembly lines "
        f"and licences in the course's production_abroad table: Iran {counts.get('Iran', 0)}, Turkey "
        f"{counts.get('Turkey', 0)}, Israel {counts.get('Israel', 0)}, China {counts.get('China', 0)} and "
        f"the United States {counts.get('United States', 0)}. Each bar runs from the year the project was "
        "announced (or, where no announcement is reported, first reported) to the year of the latest "
        "report on it, and is coloured by its reported status; a black diamond marks the year a plant "
        f"opened. {len(operating)} rows are reported as operating. Choose a supplier, and choose "
        "'high or medium confidence' to hide the rows rated low confidence, which rest on a single weak report; hover for the facility, dates and the course's notes. "
        "Sources for each row are in the data appendix.",
        subtitle="The course's production_abroad table",
    )
