"""Chapter 8's charts: drone deals that fell under arms embargoes, and documented drone
strikes that killed civilians."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..risk import deals_under_embargo
from .common import ALL, PALETTE, SIPRI_CREDIT, column_wide, finish, scale

FIRST_YEAR, LAST_YEAR = 2003, 2026
SUPPLIER_ROW = "Iran (export ban)"
TYPE_COLOURS = {"Turkish Bayraktar TB2": PALETTE[4], "type not identified": "#777777"}


def _fraction_of_year(dates: pd.Series) -> pd.Series:
    return dates.dt.year + (dates.dt.dayofyear - 1) / 366


def embargo_deals_data(
    transfers: pd.DataFrame, embargoes: pd.DataFrame, countries: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two layers of the embargo chart: one row per embargo period (on the row of the
    state or group it binds) and one row per deal that fell under at least one embargo."""
    names = countries.set_index("code")["name"]
    flagged = deals_under_embargo(transfers, embargoes)
    by_deal = (
        flagged.groupby("deal_id")
        .agg(
            imposers=("imposed_by", lambda s: ", ".join(sorted(set(s)))),
            embargoes=("embargo_id", lambda s: ", ".join(s)),
        )
        .reset_index()
    )
    deals = flagged.drop_duplicates("deal_id").merge(by_deal, on="deal_id")
    deals = deals.merge(transfers[["deal_id", "delivery_years"]], on="deal_id")
    deals = pd.DataFrame(
        {
            "row": deals["recipient"].map(names),
            "year": deals["order_year"].astype(float) + 0.5,
            "ordered_in": deals["order_year"].astype(int),
            "system": deals["designation"],
            "supplier": deals["supplier"].map(names).replace("Unknown", "unknown"),
            "ordered": deals["number_ordered"].astype("Float64").fillna(0).astype(int),
            "delivered_in": deals["delivery_years"].fillna("none recorded").str.replace(";", ", "),
            "imposers": deals["imposers"],
            "embargoes": deals["embargoes"],
            "UN": deals["imposers"].str.contains("UN"),
            "EU": deals["imposers"].str.contains("EU"),
        }
    )
    periods = embargoes.copy()
    periods["row"] = periods["target"].map(names).where(periods["direction"] == "to target", SUPPLIER_ROW)
    end = periods["end_date"].fillna(pd.Timestamp(f"{LAST_YEAR}-01-01"))
    periods = pd.DataFrame(
        {
            "row": periods["row"],
            "imposed_by": periods["imposed_by"],
            "instrument": periods["instrument"],
            "scope": periods["scope"],
            "start": _fraction_of_year(periods["start_date"]).clip(lower=FIRST_YEAR),
            "end": _fraction_of_year(end),
            "from_date": periods["start_date"]
            .dt.strftime("%Y-%m-%d")
            .where(periods["start_precision"] == "day", periods["start_date"].dt.year.astype(str)),
            "to_date": periods["end_date"].dt.strftime("%Y-%m-%d").fillna("in force"),
        }
    )
    return periods, deals


def embargo_deals(transfers: pd.DataFrame, embargoes: pd.DataFrame, countries: pd.DataFrame) -> alt.LayerChart:
    """Grey bands for the UN and EU embargoes in the course data, one row per state or group
    they bind, with a dot for every drone deal ordered or delivered while one was in force;
    choose who imposed the embargo, click a supplier in the legend to pick out its deals."""
    periods, deals = embargo_deals_data(transfers, embargoes, countries)
    imposer = alt.param(
        name="embargo_by", value=ALL, bind=alt.binding_select(options=[ALL, "UN", "EU"], name="Embargoes imposed by ")
    )
    pick = alt.selection_point(fields=["supplier"], bind="legend")
    order = [SUPPLIER_ROW, *sorted(deals["row"].unique().tolist() + periods["row"].unique().tolist())]
    order = list(dict.fromkeys(order))
    y = alt.Y("row:N", title=None, sort=order, axis=alt.Axis(labelLimit=130))
    x = alt.X(
        "start:Q",
        title="Year",
        scale=alt.Scale(domain=[FIRST_YEAR, LAST_YEAR]),
        axis=alt.Axis(format="d", tickMinStep=1, values=list(range(2005, LAST_YEAR, 5))),
    )
    bands = (
        alt.Chart(periods)
        .transform_filter(f"embargo_by == '{ALL}' || datum.imposed_by == embargo_by")
        .mark_bar(height=14, opacity=0.35)
        .encode(
            x=x,
            x2="end:Q",
            y=y,
            color=alt.Color(
                "imposed_by:N",
                scale=alt.Scale(domain=["UN", "EU"], range=["#555555", "#AAAAAA"]),
                title="Embargo by",
                legend=alt.Legend(direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("row:N", title="binds"),
                alt.Tooltip("imposed_by:N", title="imposed by"),
                "instrument",
                "scope",
                alt.Tooltip("from_date:N", title="from"),
                alt.Tooltip("to_date:N", title="to"),
            ],
        )
    )
    suppliers = sorted(deals["supplier"].unique())
    colours = dict(zip(suppliers, [PALETTE[i] for i in (4, 0, 2, 5, 3, 7, 1)]))
    dots = (
        alt.Chart(deals)
        .transform_filter(f"embargo_by == '{ALL}' || datum[embargo_by]")
        .mark_point(filled=True, size=90, stroke="#fff")
        .encode(
            x=alt.X("year:Q", scale=alt.Scale(domain=[FIRST_YEAR, LAST_YEAR])),
            y=y,
            color=alt.Color("supplier:N", scale=scale(colours), title="Supplier (click)", legend=alt.Legend(columns=1)),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
            tooltip=[
                "system",
                "supplier",
                alt.Tooltip("row:N", title="recipient"),
                alt.Tooltip("ordered_in:Q", title="ordered in"),
                alt.Tooltip("delivered_in:N", title="delivered in"),
                alt.Tooltip("ordered:Q", title="number ordered"),
                alt.Tooltip("embargoes:N", title="embargoes"),
            ],
        )
        .add_params(pick)
    )
    chart = (
        alt.layer(bands, dots)
        .add_params(imposer)
        .resolve_scale(color="independent")
        .properties(**column_wide(alt.Step(24)))
    )
    iran = deals[deals["supplier"] == "Iran"]
    return finish(
        chart,
        "Drone deals under arms embargoes",
        f"Timeline of the {len(periods)} UN and EU arms embargoes in the course data (grey bands, one row "
        "per state or group they bind, and a top row for the UN ban on Iran's arms exports from 2007 to "
        f"2020; the UN band on Sudan covers only Darfur) with a dot at the year of order of each of the {len(deals)} drone deals in SIPRI's "
        "register that was ordered or delivered in a year when one of them was in force. "
        f"{len(iran)} of those deals had Iran as the supplier. A year-level rule: a deal counts if an "
        "embargo was in force at any time in its year of order or a year of delivery, which can flag "
        "a delivery made before the embargo began. Choose UN or EU; click a supplier in the legend; "
        "hover for the deal and the embargoes. " + SIPRI_CREDIT + "; embargoes from SIPRI, GRIP and "
        "the UN and EU texts.",
        subtitle="SIPRI drone deals and UN or EU embargoes",
    )


def civilian_harm_data(strikes: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    names = countries.set_index("code")["name"]
    data = strikes.sort_values("date").copy()
    town = (
        data["place"]
        .str.split(":")
        .str[0]
        .str.split(",")
        .str[0]
        .str.replace(r"^near ", "", regex=True)
        .str.split(" near ")
        .str[0]
    )
    data = pd.DataFrame(
        {
            "label": town + " (" + data["date"].dt.strftime("%b %Y") + ")",
            "country": data["country"].map(names),
            "date": data["date"].dt.strftime("%-d %B %Y"),
            "place": data["place"],
            "operator": data["operator"],
            "drone": data["drone_type"].fillna("not identified"),
            "type": data["type_origin"].map({"TUR": "Turkish Bayraktar TB2"}).fillna("type not identified"),
            "attribution": data["attribution"],
            "low": data["civilians_killed_low"].astype(int),
            "high": data["civilians_killed_high"].astype(int),
            "reported_by": data["reported_by"],
        }
    )
    return data


def civilian_harm_strikes(strikes: pd.DataFrame, countries: pd.DataFrame) -> alt.LayerChart:
    """Civilian deaths in each documented strike as the range of reported tolls, coloured by
    whether the drone type was identified; choose the country where the strikes happened."""
    data = civilian_harm_data(strikes, countries)
    where = alt.param(
        name="strike_country",
        value=ALL,
        bind=alt.binding_select(options=[ALL, *sorted(data["country"].unique())], name="Where "),
    )
    pick = alt.selection_point(fields=["type"], bind="legend")
    base = alt.Chart(data).transform_filter(f"strike_country == '{ALL}' || datum.country == strike_country")
    y = alt.Y("label:N", title=None, sort=data["label"].tolist(), axis=alt.Axis(labelLimit=150))
    x = alt.X("low:Q", title="Civilians killed", scale=alt.Scale(domain=[0, 60]))
    colour = alt.Color("type:N", scale=scale(TYPE_COLOURS), title="Drone (click to pick)", legend=alt.Legend(columns=1))
    tooltip = [
        alt.Tooltip("date:N"),
        alt.Tooltip("place:N"),
        alt.Tooltip("operator:N", title="carried out by"),
        alt.Tooltip("drone:N", title="drone"),
        alt.Tooltip("attribution:N", title="type identified by"),
        alt.Tooltip("low:Q", title="lowest toll"),
        alt.Tooltip("high:Q", title="highest toll"),
        alt.Tooltip("reported_by:N", title="reported by"),
    ]
    opacity = alt.condition(pick, alt.value(1.0), alt.value(0.15))
    ranges = base.mark_rule(strokeWidth=4).encode(x=x, x2="high:Q", y=y, color=colour, opacity=opacity, tooltip=tooltip)
    lows = base.mark_point(filled=True, size=70).encode(x=x, y=y, color=colour, opacity=opacity, tooltip=tooltip)
    highs = base.mark_point(filled=True, size=70, shape="diamond").encode(
        x="high:Q", y=y, color=colour, opacity=opacity, tooltip=tooltip
    )
    chart = alt.layer(ranges, lows, highs).add_params(where, pick).properties(**column_wide(alt.Step(24)))
    return finish(
        chart,
        "Drone strikes that killed civilians",
        f"Dot-and-range chart of {len(data)} documented drone strikes, from {data['date'].iloc[0]} to "
        f"{data['date'].iloc[-1]}, in Ethiopia, Burkina Faso, Mali, Somalia and Sudan. Each line runs "
        "from the lowest to the highest civilian death toll reported (a single dot where only one "
        "figure was found). Orange strikes are those in which investigators identified a Turkish "
        "Bayraktar TB2; in grey ones no type was identified (exercise 8 asks you to total them). Choose a country; click the legend; hover for who carried "
        "out the strike and who reported each toll. A curated selection, not a complete record.",
        subtitle="Each line runs from the lowest to the highest reported toll; strikes in date order",
    )
