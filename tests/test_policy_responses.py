"""Chapter 9 (policy responses): the policy table, the explorer and buyers charts, the policy
mix widget's logic, the numbers the prose shares with the data, and the controls responding in
a browser."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chapter_code import chapter_prose, redraw_after_choosing
from dronediplomacy import charts, load, widgets
from dronediplomacy.charts.policy_responses import armed_drone_buyers, explorer_rows
from site_browser import chart_markup, redrawn

CHAPTER = Path(__file__).resolve().parent.parent / "chapters" / "09-policy-responses.md"
SANCTIONS, ARMING, DEFENCES, MTCR, ARMS_CONTROL = (
    "sanctions and export controls",
    "arming partners with drones",
    "cheaper counter-drone defences",
    "MTCR reform",
    "arms-control and transparency measures",
)


@pytest.fixture(scope="module")
def tradeoffs():
    return load("policy_tradeoffs")


def armed_since(first_year: int) -> pd.DataFrame:
    transfers = load("transfers")
    return transfers[(transfers["drone_class"] == "armed UAV") & (transfers["order_year"] >= first_year)]


def params(spec: dict) -> dict[str, dict]:
    return {p["name"]: p for p in spec.get("params", [])}


# --- the table ----------------------------------------------------------------------------------


def test_every_response_has_its_general_points_and_one_point_per_case(tradeoffs):
    general = tradeoffs[tradeoffs["case"] == "all cases"]
    assert general.groupby("response")["aspect"].apply(sorted).map(tuple).unique().tolist() == [
        ("aim", "counter-argument", "trade-off")
    ]
    specific = tradeoffs[tradeoffs["case"] != "all cases"]
    assert specific.groupby(["response", "case"]).size().eq(1).all()
    assert len(specific) == 5 * 4
    # a case point always says how directly the response bears on it; a general point never does
    assert specific["bearing"].notna().all() and general["bearing"].isna().all()


def test_every_point_names_a_source_and_whose_view_it_is(tradeoffs):
    assert tradeoffs["source"].str.len().gt(0).all() and tradeoffs["source_label"].str.len().gt(0).all()
    assert tradeoffs["perspective"].str.len().gt(0).all()


# --- charts ---------------------------------------------------------------------------------------


def test_explorer_has_two_dropdowns_over_the_responses_and_cases(tradeoffs):
    spec = charts.policy_explorer(tradeoffs).to_dict()
    assert "Policy explorer" in spec["title"]["text"] and "known, estimated or argued" in spec["description"]
    bound = params(spec)
    assert bound["policy_response"]["bind"]["input"] == "select"
    assert set(bound["policy_response"]["bind"]["options"]) == set(tradeoffs["response"])
    assert bound["policy_case"]["bind"]["input"] == "select"
    assert set(bound["policy_case"]["bind"]["options"]) == set(tradeoffs["case"]) - {"all cases"}


def test_explorer_text_names_each_source_and_fits_a_phone(tradeoffs):
    rows = explorer_rows(tradeoffs)
    joined = {" ".join(t.split()) for t in rows["text"]}
    for label in tradeoffs["source_label"]:
        assert any(f"Source: {label}" in t for t in joined), label
    assert max(len(line) for t in rows["text"] for line in t.split("\n")) <= 54


def test_explorer_points_of_one_selection_do_not_overlap(tradeoffs):
    rows = explorer_rows(tradeoffs)
    for (response, case), _ in rows[rows["case"] != "all cases"].groupby(["response", "case"]):
        shown = rows[(rows["response"] == response) & rows["case"].isin([case, "all cases"])].sort_values("top")
        bottoms = shown["top"] + shown["lines"] * 15
        assert (shown["top"].iloc[1:].to_numpy() >= bottoms.iloc[:-1].to_numpy()).all(), (response, case)
        assert list(shown["aspect"]) == ["aim", "trade-off", "counter-argument", "in this case"]


def test_buyers_chart_has_a_supplier_dropdown_buttons_and_a_legend_selection():
    spec = charts.armed_drone_competition(load("transfers"), load("countries")).to_dict()
    bound = params(spec)
    assert bound["buyers_of"]["bind"]["input"] == "select" and "Turkey" in bound["buyers_of"]["bind"]["options"]
    assert bound["armed_measure"]["bind"]["input"] == "radio"
    assert any(p.get("bind") == "legend" for p in spec["params"])
    assert "SIPRI" in spec["description"] and spec["title"]["text"].startswith("Competing for buyers")


def test_buyers_chart_description_ranks_the_makers_without_exercise_9s_counts():
    transfers, countries = load("transfers"), load("countries")
    description = charts.armed_drone_competition(transfers, countries).to_dict()["description"]
    counts = armed_drone_buyers(transfers, countries).groupby("supplier_name")["recipient"].nunique()
    three = counts[["Turkey", "China", "United States"]].sort_values(ascending=False)
    assert f"{three.index[0]} had the most buyers, then {three.index[1]}, then {three.index[2]}" in description
    assert not any(f" {n} " in description for n in three)


def test_buyers_table_keeps_every_supplier_a_buyer_used():
    table = armed_drone_buyers(load("transfers"), load("countries"))
    uae = table[table["recipient"] == "ARE"]
    assert set(uae["supplier_name"]) == {"China", "Turkey", "all others"}
    assert (uae["bought_from"] == "|China|Turkey|all others|").all()


# --- widget logic ---------------------------------------------------------------------------------


def test_policy_mix_on_known_inputs(tradeoffs):
    only_sanctions = widgets.policy_mix(tradeoffs, {SANCTIONS: 1.0}).set_index("case")
    assert only_sanctions.loc["Iran–Russia", "coverage"] == 1.0  # bears directly
    assert only_sanctions.loc["Gulf demand for MQ-9", "coverage"] == 0.5  # partly
    assert only_sanctions.loc["Turkey's exports to Africa", "coverage"] == 0.0
    assert only_sanctions.loc["Turkey's exports to Africa", "main_lever"] == "none"
    mix = widgets.policy_mix(tradeoffs, {SANCTIONS: 0.5, ARMING: 0.5, DEFENCES: 0.5}).set_index("case")
    assert mix.loc["Gulf demand for MQ-9", "coverage"] == pytest.approx((0.5 * 0.5 + 0.5 + 0.5) / 1.5)
    assert mix.loc["Iran–Russia", "main_lever"] == SANCTIONS


def test_weight_on_arms_control_raises_coverage_of_turkish_exports(tradeoffs):
    before = widgets.policy_mix(tradeoffs, {MTCR: 1.0}).set_index("case").loc["Turkey's exports to Africa", "coverage"]
    after = (
        widgets.policy_mix(tradeoffs, {ARMS_CONTROL: 1.0})
        .set_index("case")
        .loc["Turkey's exports to Africa", "coverage"]
    )
    assert before == 0.0 and after == 1.0


def test_counter_arguments_follow_the_weights(tradeoffs):
    table = widgets.counter_arguments(tradeoffs, {MTCR: 0.3, ARMING: 0.9, SANCTIONS: 0.0})
    assert list(table["response"]) == [ARMING, MTCR]
    assert "Turkey" in table.loc[1, "point"]


@pytest.mark.parametrize(
    "weights,message",
    [
        ({"tariffs": 1.0}, "unknown responses: tariffs"),
        ({SANCTIONS: 1.5}, "between 0 and 1"),
        ({SANCTIONS: -0.1, ARMING: 1.0}, "between 0 and 1"),
        ({SANCTIONS: 0.0}, "at least one response"),
        ({}, "at least one response"),
    ],
)
def test_policy_mix_refuses_bad_weights(tradeoffs, weights, message):
    with pytest.raises(ValueError, match=message):
        widgets.policy_mix(tradeoffs, weights)


def test_explorer_widget_reports_all_zero_sliders_instead_of_failing(tradeoffs):
    explorer = widgets.policy_mix_explorer(tradeoffs)
    report = explorer.children[-1]
    assert "coverage" in report.value and "Counter-arguments" in report.value
    for slider in explorer.children[:-1]:
        slider.value = 0.0
    assert "Check the sliders" in report.value


# --- prose matches data ---------------------------------------------------------------------------


def test_prose_buyer_counts_match_sipri(chapter_run):
    text = chapter_prose(CHAPTER.name)
    # The chapter states the gap but not the counts: exercise 9's q2 asks the student to count them.
    assert (
        "In SIPRI's records from 2015 on, Turkey had more than twice as many armed-drone buyers as China, "
        "and China more than twice as many as the United States"
    ) in text
    assert "buyers_turkey" not in text and "33 buyers" not in text
    armed = armed_since(2015)
    glued = chapter_run.glued
    buyers = {s: armed.loc[armed["supplier"] == s, "recipient"].nunique() for s in ("TUR", "CHN", "USA")}
    assert buyers["TUR"] > 2 * buyers["CHN"] and buyers["CHN"] > 2 * buyers["USA"]
    assert "{glue:text}`us_armed_india` for India and {glue:text}`us_armed_britain` for the United Kingdom" in text
    us = armed[armed["supplier"] == "USA"]
    assert (glued["us_armed_india"], glued["us_armed_britain"]) == tuple(
        int(us.loc[us["recipient"] == code, "number_ordered"].sum()) for code in ("IND", "GBR")
    )
    # "in tens, not hundreds": no American buyer's total reaches a hundred
    assert us.groupby("recipient")["number_ordered"].sum().max() < 100


def test_prose_buyers_of_two_suppliers_match_sipri():
    text = chapter_prose(CHAPTER.name)
    assert "the United Arab Emirates, Saudi Arabia, Pakistan and Morocco appear under both" in text
    table = armed_drone_buyers(load("transfers"), load("countries"))
    both = set(
        table.loc[
            table["bought_from"].str.contains(r"\|China\|") & table["bought_from"].str.contains(r"\|Turkey\|"),
            "recipient",
        ]
    )
    assert {"ARE", "SAU", "PAK", "MAR"} <= both
    assert (
        "none of its buyers also ordered armed drones from Turkey or China, and the only one with a second supplier in the chart is India, which bought Israeli armed drones too"
        in text
    )
    us_buyers = table[table["supplier_name"] == "United States"]
    assert set(us_buyers.loc[us_buyers["bought_from"] != "|United States|", "recipient"]) == {"IND"}
    assert (table.loc[table["recipient"] == "IND", "bought_from"] == "|Israel|United States|").all()


def test_prose_explorer_claim_matches_the_table(tradeoffs, chapter_run):
    text = chapter_prose(CHAPTER.name)
    assert "no single response bears directly on more than {glue:text}`most_direct_cases` of them" in text
    direct = tradeoffs[tradeoffs["bearing"] == "direct"]
    assert (
        chapter_run.glued["most_direct_cases"]
        == max((direct["response"] == response).sum() for response in set(tradeoffs["response"]))
        == 2
    )
    assert "it bears directly only on the Gulf case" in text
    mtcr = tradeoffs[(tradeoffs["response"] == MTCR) & (tradeoffs["bearing"] == "direct")]
    assert list(mtcr["case"]) == ["Gulf demand for MQ-9"]


# --- the worked analysis --------------------------------------------------------------------------


def test_worked_market_before_2015_counts_deals_buyers_and_drones(chapter_run):
    transfers = load("transfers")
    early = transfers[(transfers["drone_class"] == "armed UAV") & (transfers["order_year"] < 2015)]
    names = load("countries").set_index("code")["name"]
    table = chapter_run.namespace["early_market"]
    expected = {
        names[s]: (len(d), d["recipient"].nunique(), int(d["number_ordered"].sum()))
        for s, d in early.groupby("supplier")
    }
    assert {name: tuple(row) for name, row in table[["deals", "buyers", "drones_ordered"]].iterrows()} == expected
    glued = chapter_run.glued
    assert (glued["early_china_buyers"], glued["early_china_drones"]) == expected["China"][1:]
    assert (glued["early_us_deals"], glued["early_us_buyers"]) == expected["United States"][:2]
    # "... {early_us_buyers} buyer, the United Kingdom": one buyer, and it is Britain
    assert set(early.loc[early["supplier"] == "USA", "recipient"]) == {"GBR"}
    assert "{glue:text}`early_us_buyers` buyer, the United Kingdom" in chapter_prose(CHAPTER.name)


def test_armed_buyers_and_the_intersection(chapter_run):
    armed_buyers = chapter_run.namespace["armed_buyers"]
    transfers = load("transfers")
    armed = transfers[transfers["drone_class"] == "armed UAV"]
    china_early = set(armed.loc[(armed["supplier"] == "CHN") & (armed["order_year"] <= 2014), "recipient"])
    turkey_later = set(armed.loc[(armed["supplier"] == "TUR") & (armed["order_year"] >= 2015), "recipient"])
    assert set(armed_buyers("CHN", 2000, 2014)) == china_early and armed_buyers("TUR", 2015, 2024) == sorted(
        turkey_later
    )
    assert chapter_run.glued["early_china_later_turkey"] == len(china_early & turkey_later)
    assert armed_buyers("FRA", 2000, 2014) == []
    with pytest.raises(ValueError, match="unknown supplier 'China'.*countries table"):
        armed_buyers("China", 2000, 2014)
    with pytest.raises(ValueError, match="first_year"):
        armed_buyers("CHN", 2015, 2014)


def test_worked_chart_has_title_description_a_supplier_dropdown_and_fixed_colours(chapter_run):
    chart = next(
        o for o in chapter_run.outputs if hasattr(o, "to_dict") and "Armed-drone deals" in str(o.to_dict().get("title"))
    )
    spec = chart.to_dict()
    assert spec["title"]["text"] and len(spec["description"]) > 80
    dropdown = next(p for p in spec["params"] if p["name"] == "armed_supplier")
    options = dropdown["bind"]["options"]
    assert (
        dropdown["bind"]["input"] == "select"
        and options[0] == "All"
        and {"Turkey", "China", "United States"} <= set(options)
    )
    assert spec["encoding"]["color"]["scale"]["domain"] == options[1:]  # a supplier keeps its colour when filtered
    assert spec["encoding"]["y"]["aggregate"] == "count"


def test_worked_chart_description_matches_the_data():
    transfers = load("transfers")
    armed = transfers[transfers["drone_class"] == "armed UAV"]
    first = armed.groupby("supplier")["order_year"].min()
    assert (first["USA"], first["CHN"], first["TUR"]) == (2006, 2011, 2018)
    per_year = armed.groupby(["order_year", "supplier"]).size().unstack(fill_value=0)
    later = per_year.loc[2020:]
    assert (later["TUR"] > later.drop(columns="TUR").max(axis=1)).all()
    assert "from 2020 Turkey signs more deals each year than any other supplier" in CHAPTER.read_text(encoding="utf-8")


# --- browser --------------------------------------------------------------------------------------


def test_explorer_dropdowns_change_the_drawn_text(reader):
    page = reader.open("chapters/09-policy-responses.html")
    figure = page.locator("figure.dd-chart").filter(has_text="Policy explorer").first
    before = chart_markup(figure)
    figure.locator("select").nth(0).select_option(MTCR)
    figure.locator("select").nth(1).select_option("Gulf demand for MQ-9")
    redrawn(figure, before, containing="MQ-9s are Category I")


def test_buyers_dropdown_changes_the_drawn_chart(reader):
    redraw_after_choosing(reader, "chapters/09-policy-responses.html", "Competing for buyers", "United States")


def test_worked_chart_dropdown_redraws_the_chosen_supplier(reader):
    before, after = redraw_after_choosing(
        reader, "chapters/09-policy-responses.html", "Armed-drone deals by year", "Turkey"
    )
    assert after.count("<path") < before.count("<path")
