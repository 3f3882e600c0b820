"""Chapter 10 (the essay, four years on): the drone-use and scorecard tables, the two charts,
the design-footprint widget's logic, the numbers the prose shares with the data, and the
controls responding in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from chapter_code import chapter_prose

from dronediplomacy import charts, load, widgets
from dronediplomacy.charts.essay_four_years_on import scorecard_rows, use_years
from dronediplomacy.charts.policy_responses import armed_drone_buyers
from site_browser import chart_markup, redrawn

CHAPTER = Path(__file__).resolve().parent.parent / "chapters" / "10-essay-four-years-on.md"
CLAIMS = [
    "cost and risk",
    "new exporters",
    "influence",
    "limits of export controls",
    "what the United States should do",
]


@pytest.fixture(scope="module")
def uses():
    return load("drone_use_in_conflicts")


@pytest.fixture(scope="module")
def scorecard():
    return load("essay_scorecard")


def params(spec: dict) -> dict[str, dict]:
    return {p["name"]: p for p in spec.get("params", [])}


# --- the tables -----------------------------------------------------------------------------------


def test_table_covers_the_cases_the_issue_names(uses):
    """India–Pakistan, Iran's salvos at Israel (2024, 2025) and the Gulf (2026), Russia's Shahed
    copies, Ukraine's own drones, and the US copy of the Shahed are all in the table."""
    rows = uses.set_index("use_id")
    assert set(uses["conflict"]) == {
        "India–Pakistan 2025",
        "Iran–Israel 2024–2025",
        "Iran war 2026",
        "Russia–Ukraine",
        "Sudan civil war",
    }
    assert (
        rows.loc["ind-harop-2025", "design_origin"] == "ISR" and rows.loc["pak-songar-2025", "design_origin"] == "TUR"
    )
    assert set(uses.loc[(uses["user"] == "IRN") & (uses["role"] == "one-way attack"), "first_year"]) == {
        2024,
        2025,
        2026,
    }
    assert (rows.loc["rus-geran-2023-2026", ["supply", "design_origin"]] == ["localised production", "IRN"]).all()
    assert (rows.loc["usa-lucas-2026", ["user", "supply", "design_origin"]] == ["USA", "copy", "IRN"]).all()
    assert (uses.loc[uses["user"] == "UKR", "supply"] == "domestic").sum() == 2


def test_every_use_is_dated_sourced_and_claimed(uses):
    assert (uses["first_year"] <= uses["last_year"]).all()
    assert uses["last_year"].max() <= 2026 and uses["first_year"].min() >= 2022
    for column in ("source", "claimed_by", "confidence", "date_precision"):
        assert uses[column].str.len().gt(0).all(), column
    # a domestic drone is supplied by its user; an imported one by someone else
    home = uses["supply"].isin(["domestic", "localised production", "copy"])
    assert (uses.loc[home, "supplier"] == uses.loc[home, "user"]).all()
    assert (uses.loc[~home, "supplier"] != uses.loc[~home, "user"]).all()


def test_scorecard_has_one_verdict_and_evidence_both_ways_per_claim(scorecard):
    by_claim = scorecard.groupby("claim")
    assert sorted(by_claim.groups) == sorted(CLAIMS)
    assert by_claim["verdict"].nunique().eq(1).all() and by_claim["statement"].nunique().eq(1).all()
    assert by_claim["side"].apply(lambda sides: tuple(sorted(sides)) == ("against the claim", "for the claim")).all()
    assert scorecard["source"].str.len().gt(0).all() and scorecard["source_label"].str.len().gt(0).all()


# --- charts ---------------------------------------------------------------------------------------


def test_conflict_chart_has_a_design_dropdown_supply_buttons_and_a_legend_selection(uses, countries):
    spec = charts.drones_in_conflicts(uses, countries).to_dict()
    bound = params(spec)
    assert bound["drones_from"]["bind"]["input"] == "select"
    assert {"All", "Iran", "Turkey", "Israel", "Ukraine"} <= set(bound["drones_from"]["bind"]["options"])
    assert bound["supply_kind"]["bind"]["input"] == "radio"
    assert set(bound["supply_kind"]["bind"]["options"]) == {"All", *set(uses["supply"])}
    assert any(p.get("bind") == "legend" for p in spec["params"])
    assert spec["title"]["text"].startswith("Whose drones fought where")
    assert "Iranian designs appear in 4 of the 5 wars" in spec["description"]


def test_conflict_chart_rows_span_each_use_s_years(uses, countries):
    rows = use_years(uses, countries)
    assert len(rows) == int((uses["last_year"] - uses["first_year"] + 1).sum())
    assert set(rows.loc[rows["use_id"] == "rus-geran-2023-2026", "year"]) == {2023, 2024, 2025, 2026}
    assert rows.loc[rows["use_id"] == "rus-poland-2025", "origin_name"].item() == "not identified"


def test_scorecard_chart_has_claim_and_verdict_dropdowns(scorecard):
    spec = charts.essay_scorecard(scorecard).to_dict()
    bound = params(spec)
    assert set(bound["scorecard_claim"]["bind"]["options"]) == {"All", *CLAIMS}
    assert set(bound["scorecard_verdict"]["bind"]["options"]) == {
        "All",
        "supported",
        "mixed",
        "contradicted",
        "too early to say",
    }
    assert "2 supported, 2 mixed, 1 too early to say" in spec["description"]


def test_scorecard_blocks_name_each_source_fit_a_phone_and_put_for_before_against(scorecard):
    rows = scorecard_rows(scorecard)
    joined = " ".join(" ".join(t.split()) for t in rows["text"])
    for label in scorecard["source_label"]:
        assert f"Source: {label}" in joined, label
    assert max(len(line) for t in rows["text"] for line in t.split("\n")) <= 54
    first = rows[rows["claim"] == "influence"].sort_values("order")
    assert list(first["kind"]) == ["claim", "evidence", "evidence"]
    assert first["heading"].iloc[1].startswith("FOR") and first["heading"].iloc[2].startswith("AGAINST")


# --- widget logic ---------------------------------------------------------------------------------


def test_design_footprint_on_known_inputs(uses, countries):
    iran = widgets.design_footprint(uses, countries, "IRN", 2022, 2026)
    assert set(iran["used by"]) == {"Iran", "Russia", "Sudan", "United States"}
    assert iran["conflict"].nunique() == 4
    late = widgets.design_footprint(uses, countries, "IRN", 2026, 2026)
    assert set(late["used by"]) == {"Iran", "Russia", "United States"}
    assert set(late["how obtained"]) == {"domestic", "localised production", "copy"}
    everything = widgets.design_footprint(uses, countries, None, 2022, 2026)
    assert len(everything) == len(uses)  # the row with no identified design is kept for "every design"


@pytest.mark.parametrize(
    "origin,first,last,message",
    [
        ("FRA", 2022, 2026, "no drones designed in FRA"),
        ("IRN", 2026, 2022, "first year must not be after"),
    ],
)
def test_design_footprint_refuses_bad_choices(uses, countries, origin, first, last, message):
    with pytest.raises(ValueError, match=message):
        widgets.design_footprint(uses, countries, origin, first, last)


def test_explorer_widget_answers_its_controls(uses, countries):
    explorer = widgets.design_footprint_explorer(uses, countries)
    origin, span, report = explorer.children
    assert "documented uses in 4 wars" in report.value
    origin.value = "TUR"
    assert "Pakistan" in report.value and "Sudan" not in report.value
    span.value = (2022, 2022)
    assert "Ukraine" in report.value and "Pakistan" not in report.value
    origin.value = "ISR"
    assert "No documented use" in report.value


# --- prose matches data ---------------------------------------------------------------------------


def test_prose_counts_of_uses_and_wars_match_the_table(uses):
    text = chapter_prose(CHAPTER.name)
    assert f"records {len(uses)} documented uses of drones in five wars from 2022 to 2026" in text
    assert uses["conflict"].nunique() == 5


def test_prose_about_iranian_designs_matches_the_table(uses):
    text = chapter_prose(CHAPTER.name)
    iran = uses[uses["design_origin"] == "IRN"]
    assert "Iranian designs appear in four of the five wars, flown by four different states" in text
    assert iran["conflict"].nunique() == 4 and iran["user"].nunique() == 4
    assert "with 7 of the 12 uses whose design is identified, but only two of those were Iranian *exports*" in text
    assert len(iran) == 7 and uses["design_origin"].notna().sum() == 12
    assert ((iran["supply"] == "import") & (iran["supplier"] == "IRN")).sum() == 2
    assert "Ukraine's own designs are as common in the table as Turkey's" in text
    counts = uses["design_origin"].value_counts()
    assert counts["UKR"] == counts["TUR"]
    # after "copy", then "localised production", one use is left each time
    assert (uses["supply"] == "copy").sum() == 1 and (uses["supply"] == "localised production").sum() == 1


def test_prose_verdict_tally_matches_the_scorecard(scorecard):
    assert (
        "Of the five claims, two are supported, two mixed and one too early to say; none is contradicted outright"
        in chapter_prose(CHAPTER.name)
    )
    verdicts = scorecard.drop_duplicates("claim")["verdict"].value_counts().to_dict()
    assert verdicts == {"supported": 2, "mixed": 2, "too early to say": 1}
    for _order, verdict in scorecard.drop_duplicates("claim")[["claim_order", "verdict"]].itertuples(index=False):
        assert re.search(rf"\*\*Verdict: {re.escape(verdict)}\.\*\*", chapter_prose(CHAPTER.name)), verdict


def test_prose_uae_interception_share_is_the_course_s_division():
    text = chapter_prose(CHAPTER.name)
    assert "it intercepted 1,110 of the 1,184 Iranian drones aimed at it" in text
    assert "about 94 per cent of the drones it counted in that first week were intercepted" in text
    assert round(100 * 1110 / 1184) == 94


def test_prose_turkey_and_us_buyer_counts_match_sipri():
    # exercise 9 asks for these counts: the chapter gives their ratio in words
    assert (
        "more than five times as many buyers ordered armed drones from Turkey from 2015 on as from the United States"
        in chapter_prose(CHAPTER.name)
    )
    counts = armed_drone_buyers(load("transfers"), load("countries")).groupby("supplier_name")["recipient"].nunique()
    assert 5 < counts["Turkey"] / counts["United States"] < 6


def test_chapter_states_the_date_its_evidence_runs_to():
    assert "The evidence in this chapter runs to November 2026." in chapter_prose(CHAPTER.name)


# --- browser --------------------------------------------------------------------------------------


def test_conflict_chart_dropdown_changes_the_drawn_chart(reader):
    page = reader.open("chapters/10-essay-four-years-on.html")
    figure = page.locator("figure.dd-chart").filter(has_text="Whose drones fought where").first
    before = chart_markup(figure)
    figure.locator("select").first.select_option("Turkey")
    after = redrawn(figure, before)
    figure.locator("input[type=radio][value='copy']").check()
    redrawn(figure, after)


def test_scorecard_dropdowns_change_the_drawn_text(reader):
    page = reader.open("chapters/10-essay-four-years-on.html")
    figure = page.locator("figure.dd-chart").filter(has_text="The essay's claims, four years on").first
    before = chart_markup(figure)
    assert "Cost and risk" in before
    figure.locator("select").nth(1).select_option("too early to say")
    after = redrawn(figure, before, containing="What the United States should do")
    assert "Cost and risk" not in after
