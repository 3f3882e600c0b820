"""Chapter 5 (Nagorno-Karabakh 2020): its charts, widget, and the numbers its prose shares with
the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dronediplomacy import charts, load, widgets
from dronediplomacy.charts.nagorno_karabakh_2020 import tb2_orders_by_year

CHAPTER = Path(__file__).resolve().parent.parent / "chapters" / "05-nagorno-karabakh-2020.md"


@pytest.fixture(scope="module")
def tables():
    return load("transfers"), load("countries")


@pytest.fixture(scope="module")
def text():
    return " ".join(CHAPTER.read_text(encoding="utf-8").split())


def rows(chart):
    return max(chart.to_dict()["datasets"].values(), key=len)


@pytest.mark.parametrize("build", [charts.azerbaijan_drone_deals, charts.tb2_orders_around_war])
def test_charts_have_title_description_and_a_browser_control(tables, build):
    spec = build(*tables).to_dict()
    assert spec["title"]["text"] and len(spec["description"]) > 80
    assert '"bind"' in json.dumps(spec.get("params", [])) + json.dumps(spec.get("layer", []))


def test_deal_chart_shows_every_azerbaijani_deal_and_no_armenian_one(tables):
    transfers, countries = tables
    data = rows(charts.azerbaijan_drone_deals(transfers, countries))
    assert len(data) == (transfers.recipient == "AZE").sum() == 12
    assert {r["supplier"] for r in data} == {"Israel", "Turkey"}
    assert (transfers.recipient == "ARM").sum() == 0     # the description says SIPRI records none
    harop = next(r for r in data if r["system"] == "Harop")
    assert (harop["start"], harop["end"], harop["ordered"]) == (2014, 2019, 100)


def test_tb2_chart_counts_turkish_deals_per_order_year(tables):
    transfers, countries = tables
    data = {r["order_year"]: r for r in rows(charts.tb2_orders_around_war(transfers, countries))}
    assert data[2020]["deals"] == 3 and "Azerbaijan" in data[2020]["buyers"]
    assert "Sudan" not in data[2023]["buyers"]           # a TB2 from an unknown supplier, not Turkey
    assert sum(r["deals"] for r in data.values()) == 33


def test_prose_azerbaijan_deals_and_loitering_munitions(tables, text):
    transfers, _ = tables
    assert "records twelve drone deals for Azerbaijan, ten of them with Israel" in text
    aze = transfers[transfers.recipient == "AZE"]
    assert len(aze) == 12 and (aze.supplier == "ISR").sum() == 10
    assert "Azerbaijan ordered 450 Israeli loitering munitions in 2014 and 2016: 100 Harops, 100 Orbiter-1Ks and 250 SkyStrikers" in text
    lm = aze[aze.drone_class == "loitering munition"].set_index("designation")
    assert lm.number_ordered.to_dict() == {"Harop": 100, "Orbiter-1K": 100, "SkyStriker": 250}
    assert set(lm.order_year) == {2014, 2016} and set(lm.supplier) == {"ISR"}
    assert "twelve Bayraktar TB2 armed drones in 2020 and received them the same year" in text
    tb2 = aze[aze.system_id == "bayraktar-tb2"].iloc[0]
    assert (tb2.order_year, tb2.number_ordered, tb2.delivery_years) == (2020, 12, "2020")


def test_prose_tb2_orders_before_and_after_the_war(tables, text):
    assert "six deals for Turkish TB2s up to and including 2020, and 27 after it, eight of them in 2021 and eleven in 2022" in text
    yearly = tb2_orders_by_year(*tables).set_index("order_year")["deals"]
    assert yearly[yearly.index <= 2020].sum() == 6 and yearly[yearly.index > 2020].sum() == 27
    assert (yearly[2021], yearly[2022]) == (8, 11)


@pytest.mark.parametrize("event_id,written", [
    ("nagorno-karabakh-war-start", "27 September 2020"),
    ("karabakh-monitoring-centre-opens", "30 January 2021"),
    ("azerbaijan-offensive-2023", "19 September 2023"),
])
def test_prose_dates_match_the_timeline(text, event_id, written):
    assert written in text
    event = load("timeline").set_index("event_id").loc[event_id]
    assert event.date.strftime("%-d %B %Y") == written


def test_import_comparison_lists_both_rivals_even_without_deals(tables):
    transfers, countries = tables
    table = widgets.drone_imports_between(transfers, countries, 2007, 2020)
    armenia = table[table.recipient == "Armenia"]
    assert len(armenia) == 1 and armenia.ordered.iloc[0] == 0 and armenia.supplier.iloc[0] == "none recorded"
    aze = table[table.recipient == "Azerbaijan"].set_index(["supplier", "drone_class"]).ordered
    assert aze[("Israel", "loitering munition")] == 450 and aze[("Turkey", "armed UAV")] == 12
    after = widgets.drone_imports_between(transfers, countries, 2021, 2024, "armed UAV")
    assert after[after.recipient == "Azerbaijan"].ordered.sum() == 2      # two Akinci ordered 2022


@pytest.mark.parametrize("args,message", [
    ((2020, 2007), "after last_year"),
    ((2007, 2020, "helicopter"), "unknown drone class"),
    ((2007, 2020, "All", ("AZE", "XXX")), "unknown country codes: XXX"),
])
def test_import_comparison_refuses_bad_input(tables, args, message):
    with pytest.raises(ValueError, match=message):
        widgets.drone_imports_between(*tables, *args)


def test_import_widget_responds_to_its_controls(tables):
    years, drone_class, report = widgets.karabakh_imports_explorer(*tables).children
    assert "Azerbaijan: <strong>508</strong>" in report.value
    drone_class.value = "loitering munition"
    assert "Azerbaijan: <strong>450</strong>" in report.value
    years.value = (1995, 2006)
    assert "Azerbaijan: <strong>0</strong>" in report.value and "Armenia: <strong>0</strong>" in report.value


def test_tb2_slider_recolours_the_bars_in_the_browser(browser, site_url):
    from test_browser import chart_with, open_offline

    page, errors, _ = open_offline(browser, f"{site_url}/chapters/05-nagorno-karabakh-2020.html")
    figure = chart_with(page, "input[type=range]")
    before = figure.locator("svg").first.inner_html()
    figure.locator("input[type=range]").first.fill("2022")
    page.wait_for_timeout(300)
    assert figure.locator("svg").first.inner_html() != before
    page.context.close()
    assert errors == []


def test_deal_chart_dropdown_filters_in_the_browser(browser, site_url):
    from test_browser import open_offline

    page, errors, _ = open_offline(browser, f"{site_url}/chapters/05-nagorno-karabakh-2020.html")
    figure = page.locator("figure.dd-chart").filter(has_text="deal by deal").first
    bars = "e => e.querySelectorAll('path[aria-roledescription=bar], .mark-rect path').length"
    before = figure.locator("svg").first.evaluate(bars)
    figure.locator("select").first.select_option("loitering munition")
    page.wait_for_timeout(300)
    after = figure.locator("svg").first.evaluate(bars)
    page.context.close()
    assert errors == [] and 0 < after < before
