"""Chapter 7 (three levers of influence): its charts, its widget's logic, the numbers its prose
shares with the data, and the chart controls responding in a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dronediplomacy import charts, load, widgets
from dronediplomacy.charts.levers_of_influence import cumulative_clients, first_orders, production_rows, shared_clients
from chapter_code import redraw_after_choosing
from site_browser import chart_markup, redrawn

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


def test_client_base_description_ranks_the_2024_totals_without_stating_them(tables, first):
    # exercise 7 q1 asks for these totals
    spec = charts.client_base_growth(*tables).to_dict()
    totals = cumulative_clients(first).query("year == 2024").set_index("supplier")["clients"]
    ranked = totals.sort_values(ascending=False).index.tolist()
    assert (
        f"by 2024 {ranked[0]} had the most clients, followed by {', '.join(ranked[1:-1])} and {ranked[-1]}"
        in (spec["description"])
    )
    assert not any(re.search(rf"\b{clients}\b", spec["description"]) for clients in totals)


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


# --- prose matches data: each number is glued from a cell; the cell's value must equal the same
# quantity computed here independently, through the package's chart data -----------------------


def test_prose_client_totals_by_2024(text, first, tables, glued):
    # exercise 7's question 1 asks for these counts: the prose compares them, checked here
    assert (
        "by the end of 2024 it had signed drone deals with more recipients than China and Iran together, "
        "and nearly as many as the United States"
    ) in text
    assert "Turkey, exporting only since 2018, had nearly as many drone clients as the United States" in text
    totals = cumulative_clients(first).query("year == 2024").set_index("supplier")["clients"]
    assert totals["Turkey"] > totals["China"] + totals["Iran"]
    assert 0.8 * totals["United States"] <= totals["Turkey"] < totals["United States"]
    kinds = tables[1].set_index("code")["kind"]
    others = first[first["recipient"].map(kinds) != "state"].groupby("supplier")["client"].apply(sorted).to_dict()
    assert others == {
        "IRN": ["Hezbollah", "Houthis (Ansar Allah)"],
        "ISR": ["African Union", "United Nations"],
        "USA": ["NATO"],
    }
    assert (
        "two armed groups (Hezbollah and the Houthis) and three international organisations (the United Nations "
        "and the African Union, which bought from Israel, and NATO, which bought from the United States)"
    ) in text
    raw = tables[0][tables[0]["supplier"].isin(["ISR", "USA", "CHN"])].groupby("supplier")["recipient"].nunique()
    assert all(
        raw[code] == totals[name] + 1 for code, name in (("ISR", "Israel"), ("USA", "United States"), ("CHN", "China"))
    )  # "by one each"
    assert "would raise Israel's, the United States' and China's totals by one each" in text
    assert "Its first export order in SIPRI's records came only in {glue:text}`turkey_first_order`" in text
    assert glued["turkey_first_order"] == first.loc[first["supplier"] == "TUR", "order_year"].min()


def test_prose_overlap_counts(text, first, glued):
    assert (
        "Of the {glue:text}`identified_recipients` identified recipients of these five suppliers, "
        "{glue:text}`recipients_two_or_more` bought drones from at least two of them"
    ) in text
    per_client = first.groupby("recipient")["supplier"].nunique()
    assert (glued["identified_recipients"], glued["recipients_two_or_more"], glued["recipients_three_or_more"]) == (
        len(per_client),
        (per_client >= 2).sum(),
        (per_client >= 3).sum(),
    )
    assert (
        "{glue:text}`recipients_three_or_more` bought from three or more: the UAE, Indonesia, Iraq, Morocco, "
        "Nigeria, Pakistan, Romania and Turkmenistan"
    ) in text
    assert set(per_client[per_client >= 3].index) == {"ARE", "IDN", "IRQ", "MAR", "NGA", "PAK", "ROU", "TKM"}
    pairs = shared_clients(first).query("year == 2024").set_index(["supplier_a", "supplier_b"])
    assert (
        "By 2024 Israel and the United States shared {glue:text}`israel_us_shared` clients, and Turkey and China "
        "several, among them Saudi Arabia, the UAE, Pakistan and Morocco"
    ) in text
    assert glued["israel_us_shared"] == pairs.loc[("Israel", "United States"), "shared"]
    # exercise 7's question 2 asks which clients Turkey and China share: four examples, not the list or its length
    turkey_china = set(pairs.loc[("Turkey", "China"), "clients"].split(", "))
    assert {"Saudi Arabia", "United Arab Emirates", "Pakistan", "Morocco"} <= turkey_china and len(turkey_china) > 4
    assert "turkey_china_shared" not in text
    assert "Iran and Turkey had no client in common" in text and pairs.loc[("Iran", "Turkey"), "shared"] == 0
    assert "Iran shares only Iraq and Sudan with China" in text
    assert pairs.loc[("Iran", "China"), "clients"] == "Iraq, Sudan"


def test_prose_production_table_counts(text, production, glued):
    assert (
        "The table holds {glue:text}`arrangements` arrangements: {glue:text}`arrangements_IRN` Iranian, "
        "{glue:text}`arrangements_TUR` Turkish"
    ) in text
    counts = production["supplier"].value_counts()
    assert glued["arrangements"] == len(production)
    assert {code: glued[f"arrangements_{code}"] for code in ("IRN", "TUR", "ISR", "CHN", "USA")} == counts.to_dict()
    assert "Only {glue:text}`arrangements_operating` of them are reported as operating" in text
    assert glued["arrangements_operating"] == (production["status"] == "operating").sum()
    assert glued["arrangements_low_confidence"] == (production["confidence"] == "low").sum()
    rows = production_rows(production, load("countries"))
    assert glued["arrangements"] == len(rows)


def test_prose_morocco_suppliers(text, tables, glued):
    assert (
        "SIPRI records drone deals with {glue:text}`morocco_suppliers` suppliers between "
        "{glue:text}`morocco_first_order` and 2024, and Turkey, the main one, accounts for "
        "{glue:text}`morocco_turkey_deals` of its {glue:text}`morocco_deals` deals"
    ) in text
    table = widgets.client_dependence(*tables, "MAR")
    assert (glued["morocco_suppliers"], glued["morocco_deals"]) == (len(table), table["deals"].sum())
    assert (table.iloc[0]["supplier"], glued["morocco_turkey_deals"]) == ("Turkey", table.iloc[0]["deals"])
    assert (glued["morocco_first_order"], table["last_order"].max()) == (table["first_order"].min(), 2024)


# --- the worked analysis: visible pandas and Altair for the exercise's skills --------------------


def test_worked_overlap_and_factories(production, chapter_run, glued):
    hosts = production.groupby("host")["supplier"].nunique()
    assert glued["hosts_with_two_licensors"] == (hosts >= 2).sum()
    assert "{glue:text}`hosts_with_two_licensors` host countries" in " ".join(
        CHAPTER.read_text(encoding="utf-8").split()
    )


def test_worked_main_supplier_and_its_error(tables, chapter_run):
    namespace, glued = chapter_run.namespace, chapter_run.glued
    india = tables[0][tables[0]["recipient"] == "IND"]["supplier"]
    assert namespace["india"] == ("ISR", pytest.approx((india == "ISR").mean()))
    assert glued["india_main_share"] == pytest.approx((india == "ISR").mean())
    with pytest.raises(ValueError, match="at least one deal"):
        namespace["main_supplier"]([])


def test_worked_chart_counts_each_client_once(tables, chapter_run):
    spec = chapter_run.namespace["new_clients_chart"].to_dict()
    assert spec["title"] and len(spec["description"]) > 100
    assert [p["bind"]["input"] for p in spec["params"] if "bind" in p] == ["select"]
    rows = next(iter(spec["datasets"].values()))
    israel = tables[0][(tables[0]["supplier"] == "ISR") & (tables[0]["recipient"] != "X-UNKNOWN")]
    assert (
        sum(r["new_clients"] for r in rows if r["supplier"] == "ISR")
        == israel.dropna(subset=["first_delivery_year"])["recipient"].nunique()
    )
    assert {r["supplier"] for r in rows} == {"ISR", "USA", "CHN", "IRN"}
    assert all(isinstance(r["first_delivery_year"], int) for r in rows)


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


@pytest.mark.parametrize(
    "args,message",
    [
        (("MAR", 2024, 2013), "after last_year"),
        (("XXX",), "unknown country code"),
    ],
)
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


def test_year_slider_redraws_the_overlap_matrix_in_the_browser(reader):
    page = reader.open("chapters/07-levers-of-influence.html")
    figure = page.locator("figure.dd-chart").filter(has_text="overlapping client bases").first
    before = chart_markup(figure)
    figure.locator("input[type=range]").first.fill("2024")
    redrawn(figure, before)


def test_supplier_dropdown_filters_the_factories_in_the_browser(reader):
    page = reader.open("chapters/07-levers-of-influence.html")
    figure = page.locator("figure.dd-chart").filter(has_text="Factories and licences abroad").first
    bars = "e => e.querySelectorAll('path[aria-roledescription=bar], .mark-rect path').length"
    before, markup = figure.locator("svg").first.evaluate(bars), chart_markup(figure)
    figure.locator("select").first.select_option("Turkey")
    redrawn(figure, markup)
    after = figure.locator("svg").first.evaluate(bars)
    assert 0 < after < before


def test_worked_chart_draws_offline_and_its_dropdown_responds(reader):
    before, after = redraw_after_choosing(
        reader, "chapters/07-levers-of-influence.html", 'New drone clients by year of first delivery', 'CHN'
    )
    assert '>1993<' in before and '>2024<' in after and '>2024<' not in before
