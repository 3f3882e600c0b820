"""Chapter 7 (three levers of influence): its charts, its widget's logic, the numbers its prose
shares with the data, and the chart controls responding in a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dronediplomacy import charts, load, widgets
from dronediplomacy.charts.levers_of_influence import cumulative_clients, first_orders, production_rows, shared_clients

CHAPTER = Path(__file__).resolve().parent.parent / "chapters" / "07-levers-of-influence.md"


@pytest.fixture(scope="module")
def tables():
    return load("transfers"), load("countries")


@pytest.fixture(scope="module")
def production():
    return load("production_abroad")


@pytest.fixture(scope="module")
def text():
    return " ".join(CHAPTER.read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def first(tables):
    return first_orders(*tables)


def bound(spec: dict) -> dict[str, dict]:
    return {p["name"]: p for p in spec.get("params", []) if "bind" in p}


# --- charts -----------------------------------------------------------------------------------

def test_client_base_chart_has_title_description_slider_and_legend_pick(tables):
    spec = charts.client_base_growth(*tables).to_dict()
    assert spec["title"]["text"] and len(spec["description"]) > 200
    assert bound(spec)["levers_year"]["bind"]["input"] == "range"
    assert '"bind": "legend"' in json.dumps(spec)


def test_client_base_description_states_the_2024_totals_the_data_give(tables, first):
    spec = charts.client_base_growth(*tables).to_dict()
    totals = cumulative_clients(first).query("year == 2024").set_index("supplier")["clients"]
    for supplier, clients in totals.items():
        assert re.search(rf"{supplier}( had)? {clients}\b", spec["description"]), supplier


def test_client_counts_leave_out_unknown_recipients_and_never_fall(first):
    assert "X-UNKNOWN" not in set(first["recipient"])
    growth = cumulative_clients(first)
    for _, series in growth.groupby("supplier"):
        assert series.sort_values("year")["clients"].is_monotonic_increasing


def test_overlap_matrix_is_symmetric_and_its_diagonal_is_each_suppliers_total(first):
    pairs = shared_clients(first).query("year == 2024").set_index(["supplier_a", "supplier_b"])["shared"]
    totals = cumulative_clients(first).query("year == 2024").set_index("supplier")["clients"]
    for (a, b), n in pairs.items():
        assert n == pairs[(b, a)]
        assert n <= min(totals[a], totals[b])
    for supplier, clients in totals.items():
        assert pairs[(supplier, supplier)] == clients


def test_production_chart_has_dropdown_and_confidence_buttons(production, tables):
    spec = charts.production_abroad_timeline(production, tables[1]).to_dict()
    controls = bound(spec)
    assert controls["abroad_supplier"]["bind"]["input"] == "select"
    assert controls["abroad_sourcing"]["bind"]["input"] == "radio"
    assert spec["title"]["text"] and "25 overseas" in spec["description"]


def test_production_rows_have_a_start_no_later_than_their_end(production, tables):
    rows = production_rows(production, tables[1])
    assert len(rows) == len(production) and rows["label"].is_unique
    assert (rows["start"] < rows["end"]).all()
    dushanbe = rows[rows["label"] == "Tajikistan: Ababil-2"].iloc[0]
    assert (dushanbe["supplier"], dushanbe["opened"], dushanbe["status"]) == ("Iran", "2022", "operating")


# --- prose matches data -----------------------------------------------------------------------

def test_prose_client_totals_by_2024(text, first, tables):
    assert ("by the end of 2024 Israel had signed drone deals with 44 recipients, the United States with 40, "
            "Turkey with 35, China with 19 and Iran with 9") in text
    totals = cumulative_clients(first).query("year == 2024").set_index("supplier")["clients"].to_dict()
    assert totals == {"Israel": 44, "United States": 40, "Turkey": 35, "China": 19, "Iran": 9}
    kinds = tables[1].set_index("code")["kind"]
    others = first[first["recipient"].map(kinds) != "state"].groupby("supplier")["client"].apply(sorted).to_dict()
    assert others == {"IRN": ["Hezbollah", "Houthis (Ansar Allah)"], "ISR": ["African Union", "United Nations"],
                      "USA": ["NATO"]}
    assert ("two of Iran's nine are Hezbollah and the Houthis, two of Israel's 44 are the UN and the African Union, "
            "and one of the United States' 40 is NATO") in text
    raw = tables[0][tables[0]["supplier"].isin(["ISR", "USA", "CHN"])].groupby("supplier")["recipient"].nunique()
    assert raw.to_dict() == {"ISR": 45, "USA": 41, "CHN": 20}  # "raise ... totals by one each" if unknown counted
    assert "would raise Israel's, the United States' and China's totals by one each" in text
    assert "Its first export order in SIPRI's records came only in 2018" in text
    assert first.loc[first["supplier"] == "TUR", "order_year"].min() == 2018


def test_prose_overlap_counts(text, first):
    assert "Of the 99 identified recipients of these five suppliers, 38 bought drones from at least two of them" in text
    per_client = first.groupby("recipient")["supplier"].nunique()
    assert len(per_client) == 99 and (per_client >= 2).sum() == 38
    assert ("eight bought from three or more: the UAE, Indonesia, Iraq, Morocco, Nigeria, Pakistan, Romania "
            "and Turkmenistan") in text
    assert set(per_client[per_client >= 3].index) == {"ARE", "IDN", "IRQ", "MAR", "NGA", "PAK", "ROU", "TKM"}
    pairs = shared_clients(first).query("year == 2024").set_index(["supplier_a", "supplier_b"])
    assert "By 2024 Turkey and China shared ten clients" in text and pairs.loc[("Turkey", "China"), "shared"] == 10
    assert "Israel and the United States shared 20" in text and pairs.loc[("Israel", "United States"), "shared"] == 20
    assert "Iran and Turkey had no client in common" in text and pairs.loc[("Iran", "Turkey"), "shared"] == 0
    assert "Iran shares only Iraq and Sudan with China" in text
    assert pairs.loc[("Iran", "China"), "clients"] == "Iraq, Sudan"


def test_prose_production_table_counts(text, production):
    assert "The table holds 25 arrangements: nine Iranian, six Turkish, five Israeli, four Chinese and one American" in text
    assert production["supplier"].value_counts().to_dict() == {"IRN": 9, "TUR": 6, "ISR": 5, "CHN": 4, "USA": 1}
    assert "Only four of them are reported as operating" in text
    assert (production["status"] == "operating").sum() == 4


def test_prose_morocco_suppliers(text, tables):
    assert "SIPRI records drone deals with five suppliers between 2013 and 2024, and Turkey, the main one, accounts for three of its seven deals" in text
    table = widgets.client_dependence(*tables, "MAR")
    assert len(table) == 5 and table["deals"].sum() == 7
    assert (table.iloc[0]["supplier"], table.iloc[0]["deals"]) == ("Turkey", 3)
    assert (table["first_order"].min(), table["last_order"].max()) == (2013, 2024)


# --- widget -----------------------------------------------------------------------------------

def test_dependence_table_for_single_and_several_suppliers(tables):
    tajikistan = widgets.client_dependence(*tables, "TJK")
    assert list(tajikistan["supplier"]) == ["Iran"] and tajikistan.iloc[0]["share_of_deals"] == 1
    assert tajikistan.iloc[0]["licensed_production"] == 2
    houthis = widgets.client_dependence(*tables, "X-HOUTHI")
    assert houthis.iloc[0]["aid"] == houthis.iloc[0]["deals"] == 3
    saudi = widgets.client_dependence(*tables, "SAU")
    assert saudi["share_of_deals"].sum() == pytest.approx(1) and saudi["share_of_drones"].sum() == pytest.approx(1)
    assert saudi.iloc[0]["supplier"] == "China"


def test_dependence_table_is_empty_for_a_period_without_orders(tables):
    assert widgets.client_dependence(*tables, "TUR", 1990, 1990).empty


@pytest.mark.parametrize("args,message", [
    (("MAR", 2024, 2013), "after last_year"),
    (("XXX",), "unknown country code"),
])
def test_dependence_refuses_bad_input(tables, args, message):
    with pytest.raises(ValueError, match=message):
        widgets.client_dependence(*tables, *args)


def test_dependence_widget_responds_to_its_controls(tables):
    recipient, years, report = widgets.client_dependence_explorer(*tables).children
    assert "Morocco" in report.value and "<strong>5</strong> supplier(s)" in report.value
    recipient.value = "TJK"
    assert "Tajikistan" in report.value and "<strong>Iran</strong>" in report.value
    years.value = (1990, 1995)
    assert "records no drone deals" in report.value


# --- browser ----------------------------------------------------------------------------------

def test_year_slider_redraws_the_overlap_matrix_in_the_browser(browser, site_url):
    from test_browser import open_offline

    page, errors, _ = open_offline(browser, f"{site_url}/chapters/07-levers-of-influence.html")
    figure = page.locator("figure.dd-chart").filter(has_text="overlapping client bases").first
    figure.scroll_into_view_if_needed()
    figure.locator("svg").first.wait_for()
    before = figure.locator("svg").first.inner_html()
    figure.locator("input[type=range]").first.fill("2024")
    page.wait_for_timeout(300)
    after = figure.locator("svg").first.inner_html()
    page.context.close()
    assert errors == [] and after != before


def test_supplier_dropdown_filters_the_factories_in_the_browser(browser, site_url):
    from test_browser import open_offline

    page, errors, _ = open_offline(browser, f"{site_url}/chapters/07-levers-of-influence.html")
    figure = page.locator("figure.dd-chart").filter(has_text="Factories and licences abroad").first
    figure.scroll_into_view_if_needed()
    figure.locator("svg").first.wait_for()
    bars = "e => e.querySelectorAll('path[aria-roledescription=bar], .mark-rect path').length"
    before = figure.locator("svg").first.evaluate(bars)
    figure.locator("select").first.select_option("Turkey")
    page.wait_for_timeout(300)
    after = figure.locator("svg").first.evaluate(bars)
    page.context.close()
    assert errors == [] and 0 < after < before
