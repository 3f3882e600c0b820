"""Chapter 4's charts: where the new exporters' drones went, and who buys from whom."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..data import drawable_codes, world_shapes
from .common import PALETTE, SIPRI_CREDIT, finish, scale
from .arms_exports_statecraft import LEADING_SUPPLIERS, OTHERS

MAP_SUPPLIERS = {code: LEADING_SUPPLIERS[code] for code in ("TUR", "IRN", "CHN", "ISR", "USA")}
MATRIX_SUPPLIERS = ["Israel", "United States", "China", "Turkey", "Iran", OTHERS]
PERIODS = {"1995–2004": (1995, 2004), "2005–2014": (2005, 2014), "2015–2024": (2015, 2024)}
ALL_YEARS = "all years"
# Viridis steps, darkest for the oldest clients; distinguishable with colour blindness.
FIRST_DELIVERY_COLOURS = {
    "before 2005": "#440154",
    "2005–2014": "#31688e",
    "2015–2019": "#35b779",
    "2020–2024": "#fde725",
}
NO_REGION = "Non-state and other"


def recipients_by_supplier(transfers: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """One row per supplier and recipient with at least one delivery SIPRI records: the first
    delivery year, the systems delivered (in order of first delivery), drones delivered, and
    whether the recipient has a shape on the world map."""
    names = countries.set_index("code")["name"]
    delivered = transfers[transfers["supplier"].isin(MAP_SUPPLIERS) & transfers["first_delivery_year"].notna()]
    delivered = delivered.sort_values(["first_delivery_year", "designation"])
    rows = delivered.groupby(["supplier", "recipient"], as_index=False).agg(
        first_delivery=("first_delivery_year", "min"),
        drones=("number_delivered", "sum"),
        systems=("designation", lambda s: ", ".join(dict.fromkeys(s))),
    )
    drawable = drawable_codes()
    first = rows["first_delivery"].astype(int)
    return pd.DataFrame(
        {
            "supplier": rows["supplier"].map(MAP_SUPPLIERS),
            "code": rows["recipient"],
            "recipient": rows["recipient"].map(names),
            "first_delivery": first,
            "first_period": pd.cut(first, bins=[0, 2004, 2014, 2019, 2100], labels=list(FIRST_DELIVERY_COLOURS)).astype(
                str
            ),
            "drones": rows["drones"].fillna(0).astype(int),
            "systems": rows["systems"],
            "on_map": rows["recipient"].isin(drawable),
        }
    )


def recipients_map(transfers: pd.DataFrame, countries: pd.DataFrame) -> alt.LayerChart:
    """World map of the states that had received drones from a chosen supplier by a chosen year."""
    data = recipients_by_supplier(transfers, countries)
    first, last = int(data["first_delivery"].min()), int(transfers["last_delivery_year"].max())
    supplier = alt.param(
        name="supplier", value="Turkey", bind=alt.binding_select(options=list(MAP_SUPPLIERS.values()), name="Supplier ")
    )
    year = alt.param(name="year", value=last, bind=alt.binding_range(min=first, max=last, step=1, name="By year "))
    chosen = "datum.supplier == supplier && datum.first_delivery <= year"
    shapes = alt.InlineData(values=world_shapes(), format=alt.DataFormat(type="topojson", feature="countries"))
    land = (
        alt.Chart(shapes)
        .mark_geoshape(fill="#e4e4e4", stroke="white", strokeWidth=0.4, aria=False)
        .project("equalEarth")
    )
    recipients = (
        alt.Chart(data)
        .transform_filter(chosen)
        .transform_lookup(
            lookup="code",
            from_=alt.LookupData(shapes, key="properties.code"),
            as_="geo",
        )
        .transform_filter("isValid(datum.geo)")
        .mark_geoshape(stroke="white", strokeWidth=0.4)
        .encode(
            shape="geo:G",
            color=alt.Color(
                "first_period:O",
                title="First delivery",
                scale=scale(FIRST_DELIVERY_COLOURS),
                legend=alt.Legend(columns=2),
            ),
            tooltip=[
                alt.Tooltip("recipient:N", title="recipient"),
                alt.Tooltip("supplier:N", title="from"),
                alt.Tooltip("first_delivery:Q", title="first delivery", format="d"),
                alt.Tooltip("systems:N", title="systems"),
                alt.Tooltip("drones:Q", title="drones delivered"),
            ],
        )
        .project("equalEarth")
    )
    count = (
        alt.Chart(data)
        .transform_filter(chosen)
        .transform_aggregate(n="count()")
        .transform_calculate(label="datum.n + ' recipients of ' + supplier + ' by ' + year")
        .mark_text(align="left", baseline="bottom", fontSize=13, fontWeight="bold", color=PALETTE[4])
        .encode(text="label:N", x=alt.value(0), y=alt.value(-4))
    )
    off_map = (
        alt.Chart(data)
        .transform_filter(f"{chosen} && !datum.on_map")
        .transform_aggregate(names="values(recipient)")
        .transform_calculate(label="'Too small to see or not a state: ' + join(pluck(datum.names, 'recipient'), ', ')")
        .mark_text(align="left", baseline="top", fontSize=11, color="#333")
        .encode(text="label:N", x=alt.value(0), y=alt.value("height"))
    )
    chart = (land + recipients + count + off_map).add_params(supplier, year).properties(width="container", height=260)
    return finish(
        chart,
        "Where the drones went: recipients of each supplier",
        "World map on which the states that had received at least one drone from the chosen "
        "supplier by the chosen year are coloured by the period of their first delivery (before "
        "2005, 2005–2014, 2015–2019, 2020–2024; darker is earlier); other countries are grey. Choose Turkey, Iran, China, Israel or the United "
        "States in the dropdown and move the year slider to watch the client list grow. The "
        "count of recipients is shown above the map, and recipients too small for the map "
        "(Maldives, Singapore) or not states (Hezbollah, the Houthis, organisations) are named "
        "below it. Kosovo, which has no ISO numeric code, is matched to its shape by name. "
        "Boundaries are Natural Earth's and imply no view on disputed territory. " + SIPRI_CREDIT + ".",
        subtitle="SIPRI deliveries by year of first delivery; hover over a country for its systems",
    )


def supplier_recipient_deals(transfers: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Deals and drones delivered per period of order, supplier group and recipient."""
    info = countries.set_index("code")
    deals = transfers[transfers["order_year"].between(1995, 2024)].copy()
    deals["supplier_name"] = (
        deals["supplier"]
        .map(LEADING_SUPPLIERS)
        .where(deals["supplier"].map(LEADING_SUPPLIERS).isin(MATRIX_SUPPLIERS), OTHERS)
    )
    deals["period"] = pd.cut(deals["order_year"].astype(int), bins=[1994, 2004, 2014, 2024], labels=list(PERIODS))
    summary = deals.groupby(["period", "supplier_name", "recipient"], as_index=False, observed=True).agg(
        deals=("deal_id", "size"), drones=("number_delivered", "sum")
    )
    summary["drones"] = summary["drones"].fillna(0).astype(int)
    summary["period"] = summary["period"].astype(str)
    summary["region"] = summary["recipient"].map(info["region"]).fillna(NO_REGION)
    summary["recipient"] = summary["recipient"].map(info["name"])
    return summary


def supplier_matrix(transfers: pd.DataFrame, countries: pd.DataFrame) -> alt.LayerChart:
    """Heatmap of recipients (rows) by supplier (columns), with period, measure and region controls."""
    data = supplier_recipient_deals(transfers, countries)
    period = alt.param(
        name="period", value=ALL_YEARS, bind=alt.binding_radio(options=[ALL_YEARS, *PERIODS], name="Years of order ")
    )
    measure = alt.param(
        name="measure", value="deals", bind=alt.binding_radio(options=["deals", "drones delivered"], name="Count ")
    )
    regions = sorted(r for r in data["region"].unique() if r != NO_REGION) + [NO_REGION]
    region = alt.param(
        name="region", value="Middle East", bind=alt.binding_select(options=regions, name="Recipients in ")
    )
    base = (
        alt.Chart(data)
        .transform_filter(f"(period == '{ALL_YEARS}' || datum.period == period) && datum.region == region")
        .transform_aggregate(deals="sum(deals)", drones="sum(drones)", groupby=["supplier_name", "recipient"])
        .transform_calculate(value="measure == 'deals' ? datum.deals : datum.drones")
        .transform_filter("datum.value > 0")
    )
    # Vertical supplier names take no room to the right of the last column, and short recipient
    # names keep the whole matrix under the 311 px a 375 px phone leaves for a chart.
    x = alt.X(
        "supplier_name:N",
        title=None,
        sort=MATRIX_SUPPLIERS,
        scale=alt.Scale(domain=MATRIX_SUPPLIERS),
        axis=alt.Axis(orient="top", labelAngle=-90, labelLimit=90),
    )
    y = alt.Y("recipient:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=110))
    cells = base.mark_rect(stroke="white").encode(
        x=x,
        y=y,
        # a log scale, as counts run from 1 to over 7,000; the legend labels only its two ends, which
        # a log scale's ticks can miss and which cannot run into each other
        color=alt.Color(
            "value:Q",
            title="Count",
            scale=alt.Scale(scheme="blues", type="log"),
            legend=alt.Legend(format=",d", values=alt.ExprRef("domain('color')"), gradientLength=160),
        ),
        tooltip=[
            alt.Tooltip("recipient:N"),
            alt.Tooltip("supplier_name:N", title="supplier"),
            alt.Tooltip("deals:Q", title="deals"),
            alt.Tooltip("drones:Q", title="drones delivered"),
        ],
    )
    # white figures on the darkest cells (the top third of the log scale), whatever the measure's range
    numbers = (
        base.transform_joinaggregate(largest="max(value)")
        .mark_text(fontSize=10)
        .encode(
            x=x,
            y=y,
            text="value:Q",
            color=alt.condition(
                "datum.largest > 1 && log(datum.value) > log(datum.largest) * 2 / 3",
                alt.value("white"),
                alt.value("black"),
            ),
        )
    )
    # Fixed column and row steps, not width="container": a container-wide matrix, once the window
    # had been narrowed and widened again, kept a width from the narrow layout's fit and spilled
    # past its frame. 30 px columns hold a four-digit count.
    chart = (cells + numbers).add_params(period, measure, region).properties(width=alt.Step(30), height=alt.Step(18))
    # title and subtitle in two lines each, as one line is wider than a phone
    return finish(
        chart,
        ["Who buys from whom:", "drone deals by supplier and recipient"],
        "Heatmap with one row per recipient in the chosen region and one column per supplier "
        "(Israel, the United States, China, Turkey, Iran and all others); each cell shows the "
        "number of drone deals SIPRI records from 1995 to 2024, or the drones delivered under "
        "them, and is darker for larger numbers. Choose a region, a period of order and what to "
        "count with the controls; empty cells mean no recorded deal. Several recipients buy "
        "from three or more suppliers. " + SIPRI_CREDIT + ".",
        subtitle=["SIPRI drone deals by year of order;", "pick a region, period and measure"],
    )
