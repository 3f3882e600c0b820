"""Chapter 8 (Risks): the embargo and strike tables, the embargo rule, the charts, the risk
screen, and the numbers the prose shares with the data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from chapter_code import redraw_after_choosing
from dronediplomacy import charts, load, widgets
from dronediplomacy.risk import HIGH_RISK, NO_FLAG, PROHIBITED, deals_under_embargo, in_force, risk_screen
from site_browser import chart_markup, redrawn

CHAPTER = Path(__file__).resolve().parent.parent / "chapters" / "08-risks.md"


@pytest.fixture(scope="module")
def tables():
    return load("transfers"), load("countries"), load("arms_embargoes"), load("drone_strikes_civilian_harm")


@pytest.fixture(scope="module")
def text():
    return " ".join(CHAPTER.read_text(encoding="utf-8").split())


def rows(chart, key):
    """The rows of the chart's dataset that has the column `key`."""
    return next(d for d in chart.to_dict()["datasets"].values() if d and key in d[0])


# --- the curated tables ---------------------------------------------------------------------


def test_strike_tolls_are_ranges_and_every_strike_says_who_reported_it(tables):
    strikes = tables[3]
    assert (strikes.civilians_killed_low <= strikes.civilians_killed_high).all()
    assert strikes.reported_by.str.len().min() > 10
    identified = strikes.attribution != "not identified"
    assert (strikes.drone_type.notna() == identified).all(), "a drone type needs its evidence, and only then"


def test_embargo_periods_end_after_they_start(tables):
    embargoes = tables[2]
    ended = embargoes.dropna(subset=["end_date"])
    assert (ended.end_date > ended.start_date).all()
    assert set(embargoes.direction) == {"to target", "from target"}


# --- the embargo rule -----------------------------------------------------------------------


def test_a_deal_falls_under_an_embargo_in_its_order_or_delivery_years_only(tables):
    transfers, _, embargoes, _ = tables
    flagged = deals_under_embargo(transfers, embargoes).set_index(["deal_id", "embargo_id"])
    # Libya's Camcopters: ordered 2009, delivered 2011, the embargo began in February 2011.
    assert flagged.loc[("2009-AUT-LBY-camcopter-s-100", "un-libya"), "years"] == "2011"
    # Hezbollah's Ababil-2s: delivered 2004-06; resolution 1701 dates from August 2006.
    assert flagged.loc[("2004-IRN-X-HEZBOLLAH-ababil-2", "un-lebanon-ngf"), "years"] == "2006"
    # The ban on Iran's exports ended in October 2020: a 2021 licence is not caught by it.
    assert not any(d.startswith("2021-IRN") for d, _ in flagged.index)
    # An embargo on the supplier catches deals whatever the recipient.
    assert ("2007-IRN-VEN-mohajer-4", "un-iran-exports") in flagged.index


def test_in_force_counts_any_part_of_a_year(tables):
    embargoes = tables[2]
    assert "un-iran-exports" in set(in_force(embargoes, 2020).embargo_id)
    assert "un-iran-exports" not in set(in_force(embargoes, 2021).embargo_id)
    assert "eu-venezuela" not in set(in_force(embargoes, 2016).embargo_id)


# --- the risk screen ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "recipient,year,supplier,level",
    [
        ("LBY", 2019, "TUR", PROHIBITED),  # UN embargo on Libya
        ("VEN", 2008, "IRN", PROHIBITED),  # UN ban on Iran's exports
        ("VEN", 2021, "IRN", HIGH_RISK),  # only the EU embargo of 2017 is left
        ("ETH", 2021, "TUR", NO_FLAG),  # before Dedebit: nothing in the course data
        ("ETH", 2022, "TUR", HIGH_RISK),  # after it
        ("POL", 2022, "TUR", NO_FLAG),
    ],
)
def test_risk_screen_levels(tables, recipient, year, supplier, level):
    transfers, countries, embargoes, strikes = tables
    assert risk_screen(recipient, year, transfers, countries, embargoes, strikes, supplier)["level"] == level


def test_risk_screen_counts_documented_harm_up_to_the_year(tables):
    screen = risk_screen("ETH", 2022, *tables)
    assert len(screen["strikes"]) == 2 and any("73-76 civilians" in f for f in screen["flags"])
    assert "Turkey" in screen["suppliers"] and "an unknown supplier" in screen["suppliers"]


def test_darfur_embargo_is_high_risk_not_a_prohibition(tables):
    screen = risk_screen("SDN", 2016, *tables)
    assert screen["level"] == HIGH_RISK and any("Darfur" in f or "region" in f for f in screen["flags"])


@pytest.mark.parametrize(
    "args,message",
    [
        (("XXX", 2022), "unknown recipient"),
        (("ETH", 1980), "outside 1995-2030"),
    ],
)
def test_risk_screen_rejects_bad_input(tables, args, message):
    with pytest.raises(ValueError, match=message):
        risk_screen(*args, *tables)
    with pytest.raises(ValueError, match="same"):
        risk_screen("TUR", 2022, *tables, supplier="TUR")


def test_widget_reports_the_screen(tables):
    transfers, countries, embargoes, strikes = tables
    box = widgets.risk_screen_explorer(transfers, countries, embargoes, strikes)
    recipient, supplier, year, report = box.children
    assert "high risk" in report.value
    recipient.value, year.value = "LBY", 2019
    assert "prohibited" in report.value and "1970" in report.value


# --- the charts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "build,args",
    [
        (charts.embargo_deals, (0, 2, 1)),
        (charts.civilian_harm_strikes, (3, 1)),
    ],
)
def test_charts_have_title_description_and_a_browser_control(tables, build, args):
    spec = build(*(tables[i] for i in args)).to_dict()
    assert spec["title"]["text"] and len(spec["description"]) > 80
    assert '"bind"' in json.dumps(spec.get("params", [])) + json.dumps(spec.get("layer", []))


def test_embargo_chart_holds_every_flagged_deal_once(tables):
    transfers, countries, embargoes, _ = tables
    chart = charts.embargo_deals(transfers, embargoes, countries)
    dots = rows(chart, "system")
    flagged = deals_under_embargo(transfers, embargoes)
    assert len(dots) == flagged.deal_id.nunique() == 25
    assert sum(d["supplier"] == "Iran" for d in dots) == 15
    assert len(rows(chart, "instrument")) == len(embargoes) == 11


def test_strike_chart_shows_each_range(tables):
    _, countries, _, strikes = tables
    data = {r["label"]: r for r in rows(charts.civilian_harm_strikes(strikes, countries), "label")}
    assert len(data) == 11
    assert (data["Dedebit (Jan 2022)"]["low"], data["Dedebit (Jan 2022)"]["high"]) == (56, 59)
    tb2 = [r for r in data.values() if r["type"] == "Turkish Bayraktar TB2"]
    assert len(tb2) == 5 and sum(r["low"] for r in tb2) == 138 and sum(r["high"] for r in tb2) == 141


# --- prose agrees with the data -------------------------------------------------------------


def test_prose_embargoed_deals(tables, text, chapter_run):
    transfers, _, embargoes, _ = tables
    assert (
        "{glue:text}`flagged_deals` drone deals in SIPRI's register were ordered or delivered in a year when one "
        "of these embargoes was in force, and {glue:text}`flagged_iran` of them had Iran as the supplier"
    ) in text
    assert "{glue:text}`embargo_count` UN and EU embargoes that bear on the drone deals" in text
    # counted here from the embargo periods directly, year by year, not with the package's rule
    caught = set()
    for _, embargo in embargoes.iterrows():
        last = embargo.end_date.year if pd.notna(embargo.end_date) else 9999
        party = "recipient" if embargo.direction == "to target" else "supplier"
        for _, deal in transfers[transfers[party] == embargo.target].iterrows():
            delivered = "" if pd.isna(deal.delivery_years) else deal.delivery_years
            years = {deal.order_year} | {int(y) for y in delivered.split(";") if y}
            if any(embargo.start_date.year <= y <= last for y in years):
                caught.add((deal.deal_id, deal.supplier))
    glued = chapter_run.glued
    assert (glued["flagged_deals"], glued["flagged_iran"], glued["embargo_count"]) == (
        len(caught),
        sum(s == "IRN" for _, s in caught),
        len(embargoes),
    )
    assert (glued["flagged_deals"], glued["flagged_iran"]) == (25, 15)  # the figures the summary's argument rests on


def test_prose_iran_ban_dates(tables, text):
    assert "resolution 1747 on 24 March 2007" in text and "until 18 October 2020" in text
    ban = tables[2].set_index("embargo_id").loc["un-iran-exports"]
    assert (ban.start_date, ban.end_date) == (pd.Timestamp("2007-03-24"), pd.Timestamp("2020-10-18"))


def test_prose_iranian_deals_with_isolated_buyers(tables, text):
    transfers = tables[0]
    assert (
        "Sudan ordered five Ababil-3 drones from Iran in 2007, delivered in 2008; Venezuela ordered twelve "
        "Mohajer drones in 2007, delivered in 2012 and 2013; and Syria ordered ten Ababil-3s in 2010, "
        "delivered in 2011 and 2012"
    ) in text
    iran = transfers[transfers.supplier == "IRN"].set_index("recipient")
    for code, n, year, delivered in [
        ("SDN", 5, 2007, "2008"),
        ("VEN", 12, 2007, "2012;2013"),
        ("SYR", 10, 2010, "2011;2012"),
    ]:
        deal = iran.loc[[code]].sort_values("order_year").iloc[0]
        assert (deal.number_ordered, deal.order_year, deal.delivery_years) == (n, year, delivered)


def test_prose_ethiopia_and_libya_deliveries(tables, text):
    transfers = tables[0]
    assert "SIPRI records four TB2s delivered that year, two Chinese Wing Loong-1s from an unknown supplier" in text
    eth = transfers[transfers.recipient == "ETH"].set_index("designation")
    assert eth.loc["Bayraktar TB2", "number_delivered"] == 4 and eth.loc["Wing Loong-1", "supplier"] == "X-UNKNOWN"
    assert not (eth.supplier == "IRN").any()  # "records no Iranian deal with Ethiopia"
    assert "SIPRI records twelve TB2s delivered by Turkey to Libya in 2019" in text
    lby = transfers[(transfers.recipient == "LBY") & (transfers.designation == "Bayraktar TB2")].iloc[0]
    assert (lby.supplier, lby.number_delivered, lby.delivery_years) == ("TUR", 12, "2019")


def test_prose_strike_figures(tables, text, chapter_run):
    strikes = tables[3].set_index("strike_id")
    glued = chapter_run.glued
    assert "The course records {glue:text}`dedebit_low` to {glue:text}`dedebit_high`." in text
    assert (glued["dedebit_low"], glued["dedebit_high"]) == tuple(
        int(v) for v in strikes.loc["dedebit-2022-01-07", ["civilians_killed_low", "civilians_killed_high"]]
    )
    # exercise 8 asks how many strikes were identified: the prose says "under half", and that
    # every identified drone was a TB2 ("In all the others nobody identified the drone")
    assert (
        "identified a Turkish Bayraktar TB2, under half of the {glue:text}`strike_count`, killing between "
        "{glue:text}`tb2_killed_low` and {glue:text}`tb2_killed_high` civilians"
    ) in text
    assert "In the others nobody identified the drone." in text
    tb2 = strikes[strikes.drone_type.str.startswith("Bayraktar TB2", na=False)]
    identified = strikes[strikes.attribution != "not identified"]
    assert glued["strike_count"] == len(strikes) and set(identified.index) == set(tb2.index)
    assert 0 < len(tb2) < len(strikes) / 2
    assert "tb2_strike_count" not in text and "unidentified_strike_count" not in text
    assert (glued["tb2_killed_low"], glued["tb2_killed_high"]) == (
        int(tb2.civilians_killed_low.sum()),
        int(tb2.civilians_killed_high.sum()),
    )
    assert (
        "28 men at the weekly market in Bouro on 3 August, 24 people at a funeral in Bidi, and 7 at a market near Boulkessi"
        in text
    )
    assert [
        strikes.loc[s, "civilians_killed_low"] for s in ("bouro-2023-08-03", "bidi-2023-09-21", "boulkessi-2023-11-18")
    ] == [28, 24, 7]


# --- the worked analysis ----------------------------------------------------------------------


def test_worked_table_counts_deals_and_sums_drones_delivered_after_each_un_embargo(tables, chapter_run, text):
    transfers, _, embargoes, _ = tables
    table = chapter_run.namespace["delivered_under_un"]
    expected = {}
    for _, embargo in embargoes[(embargoes.imposed_by == "UN") & (embargoes.direction == "to target")].iterrows():
        after = transfers[
            (transfers.recipient == embargo.target) & (transfers.first_delivery_year >= embargo.start_date.year)
        ]
        if len(after):
            expected[embargo.target] = (len(after), int(after.number_delivered.sum()))
    names = tables[1].set_index("code")["name"]
    assert {name: (row.deals, row.drones_delivered) for name, row in table.iterrows()} == {
        names[code]: counts for code, counts in expected.items()
    }
    assert table["drones_delivered"].dtype == "int64"
    glued = chapter_run.glued
    assert glued["un_deals_after_start"] == sum(n for n, _ in expected.values())
    assert glued["un_drones_after_start"] == sum(d for _, d in expected.values())
    assert glued["houthi_drones_after_start"] == expected["X-HOUTHI"][1]
    # "Hezbollah is missing because its deliveries *began* in 2004, two years before resolution 1701"
    assert "X-HEZBOLLAH" not in expected and "Hezbollah is missing because its deliveries *began* in 2004" in text


def test_embargoes_on_answers_as_the_prose_says_and_refuses_a_name(chapter_run, text):
    embargoes_on = chapter_run.namespace["embargoes_on"]
    assert sorted(embargoes_on("SDN", 2023)) == ["eu-sudan", "un-darfur"]
    assert embargoes_on("LBY", 2010) == [] and embargoes_on("LBY", 2011) == ["un-libya"]
    assert "Sudan in 2023 was under two embargoes at once" in text and "Libya had none in 2010 and one in 2011" in text
    assert embargoes_on("IRN", 2015) == []  # Iran's ban was on its exports, not on arms to it
    with pytest.raises(ValueError, match="unknown country code 'Sudan'.*countries table"):
        embargoes_on("Sudan", 2023)


def test_worked_chart_has_title_description_and_a_recipient_dropdown(chapter_run, tables):
    chart = next(
        o for o in chapter_run.outputs if hasattr(o, "to_dict") and "UN arms embargo" in str(o.to_dict().get("title"))
    )
    spec = chart.to_dict()
    assert spec["title"] and len(spec["description"]) > 80
    dropdown = next(p for p in spec["params"] if p["name"] == "un_recipient")
    assert dropdown["bind"]["input"] == "select"
    assert set(dropdown["bind"]["options"]) == {"Hezbollah", "Libya", "Sudan", "Houthis (Ansar Allah)"}
    assert all("un_recipient" in json.dumps(layer.get("transform", [])) for layer in spec["layer"])


def test_worked_chart_prose_matches_its_data(chapter_run, text):
    deals = chapter_run.namespace["deals"]
    libya = deals[deals.recipient == "LBY"].set_index("designation")
    start = int(libya["start_year"].iloc[0])
    # "the Austrian Camcopters sit on the embargo line itself ... Turkey's TB2s come eight years after it"
    assert libya.loc["Camcopter S-100", "first_delivery_year"] == start
    assert libya.loc["Bayraktar TB2", "first_delivery_year"] - start == 8 and "eight years after it" in text
    sudan = deals[deals.recipient == "SDN"]
    assert (sudan.first_delivery_year >= sudan.start_year).all() and "every deal falls after its start" in text


# --- in the browser -------------------------------------------------------------------------


def test_embargo_dropdown_changes_the_drawn_chart(reader):
    page = reader.open("chapters/08-risks.html")
    figure = page.locator("figure.dd-chart").filter(has_text="under arms embargoes").first
    marks = "e => e.querySelectorAll('path, .mark-symbol path').length"
    before, markup = figure.locator("svg").first.evaluate(marks), chart_markup(figure)
    figure.locator("select").first.select_option("EU")
    redrawn(figure, markup)
    after = figure.locator("svg").first.evaluate(marks)
    assert 0 < after < before


def test_strike_country_dropdown_filters_in_the_browser(reader):
    page = reader.open("chapters/08-risks.html")
    figure = page.locator("figure.dd-chart").filter(has_text="killed civilians").first
    before = chart_markup(figure)
    figure.locator("select").first.select_option("Mali")
    assert "Dedebit" not in redrawn(figure, before)


def test_worked_chart_dropdown_redraws_the_chosen_recipient(reader):
    before, after = redraw_after_choosing(
        reader, "chapters/08-risks.html", "Drones delivered under UN arms embargoes", "Libya"
    )
    assert "Camcopter S-100" in after and "Camcopter S-100" not in before
