"""Unit tests of the package: MTCR logic, charts, widgets, notebook output, self-checks."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest

from dronediplomacy import charts, load, mtcr, quiz, widgets
from dronediplomacy.notebook_output import notebook_bundle


@pytest.mark.parametrize(
    "payload,reach,expected",
    [
        (500, 300, mtcr.CATEGORY_I),
        (499.9, 300, mtcr.CATEGORY_II),
        (1700, 1850, mtcr.CATEGORY_I),
        (150, 299.9, mtcr.BELOW),
        (2000, 150, mtcr.BELOW),  # heavy but short-ranged: not a complete controlled system
        (None, 2500, mtcr.CATEGORY_II),  # range alone makes it Category II
        (150, None, mtcr.UNKNOWN),
        (float("nan"), pd.NA, mtcr.UNKNOWN),
    ],
)
def test_mtcr_category_thresholds(payload, reach, expected):
    assert mtcr.mtcr_category(payload, reach) == expected


@pytest.mark.parametrize(
    "basis,expected",
    [("datalink radius", mtcr.CATEGORY_II), ("combat radius", mtcr.CATEGORY_II), ("ferry/maximum range", mtcr.BELOW)],
)
def test_a_radius_counts_out_and_back(basis, expected):
    assert mtcr.mtcr_category(150, 150, basis) == expected


def test_negative_figures_are_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        mtcr.mtcr_category(-1, 400)


def test_us_2020_policy_depends_on_speed():
    slow = mtcr.export_rules(1700, 1850, 400)
    fast = mtcr.export_rules(1700, 1850, 900)
    assert "treats it as Category II" in slow[1].rule
    assert "presumption of denial" in fast[1].rule
    assert len(mtcr.export_rules(150, 150)) == 1


def test_regime_standing_counts_partners_only_from_their_join_year():
    countries = load("countries")
    codes = pd.Series(["TUR", "TUR", "ISR", "IRN", "IND"])
    years = pd.Series([1996, 1997, 2010, 2020, 2015])
    assert list(mtcr.regime_standing(countries, codes, years)) == [
        mtcr.OUTSIDE,
        mtcr.PARTNER,
        mtcr.ADHERENT,
        mtcr.OUTSIDE,
        mtcr.OUTSIDE,
    ]
    with pytest.raises(KeyError, match="ZZZ"):
        mtcr.regime_standing(countries, pd.Series(["ZZZ"]), pd.Series([2000]))


@pytest.fixture(scope="module")
def tables():
    return load("transfers"), load("systems"), load("countries")


def all_charts(tables):
    transfers, systems, countries = tables
    return {
        "classes": charts.drone_classes_over_time(transfers),
        "costs": charts.cost_ranges(load("costs")),
        "market share": charts.supplier_market_share(transfers),
        "clients": charts.client_relationships(transfers, countries),
        "threshold": charts.mtcr_threshold_chart(systems, countries),
        "membership": charts.mtcr_membership_timeline(countries),
        "deals": charts.deals_by_supplier_status(transfers, countries),
        "armed clients": charts.armed_drone_clients(transfers),
    }


def test_every_chart_has_title_description_and_a_browser_control(tables):
    for name, chart in all_charts(tables).items():
        spec = chart.to_dict()
        assert spec["title"]["text"], name
        assert len(spec["description"]) > 80, name
        params = json.dumps(spec.get("params", [])) + json.dumps(spec.get("layer", []))
        assert '"bind"' in params, f"{name} has no control bound in the browser"


def test_membership_chart_counts_partners(tables):
    data = all_charts(tables)["membership"].to_dict()["datasets"]
    states = max(data.values(), key=len)
    assert len(states) == 35
    assert min(s["joined"] for s in states) == 1987


def test_armed_clients_count_states_not_deals(tables):
    transfers, _, _ = tables
    spec = charts.armed_drone_clients(transfers).to_dict()
    rows = next(iter(spec["datasets"].values()))
    turkey_2024 = next(r for r in rows if r["supplier"] == "Turkey" and r["year"] == 2024)
    armed = transfers[
        (transfers.supplier == "TUR")
        & (transfers.drone_class == "armed UAV")
        & transfers.first_delivery_year.notna()
        & ~transfers.recipient.str.startswith("X-")
    ]
    assert turkey_2024["clients"] == armed["recipient"].nunique()


def test_classifier_widget_responds_to_its_controls(tables):
    _, systems, _ = tables
    box = widgets.mtcr_classifier(systems)
    start, payload, reach, speed, report = box.children
    payload.value, reach.value = 150, 150
    assert mtcr.BELOW in report.value
    payload.value, reach.value = 600, 1200
    assert mtcr.CATEGORY_I in report.value
    speed.value = 400
    assert "treats it as Category II" in report.value
    start.value = "Bayraktar TB2"  # 150 km data-link radius: at least 300 km out and back
    assert (payload.value, reach.value) == (150, 300)
    assert mtcr.CATEGORY_II in report.value


def test_notebook_output_keeps_the_standard_vegalite_mimetype():
    chart = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a")
    bundle, _ = notebook_bundle(chart.to_dict())
    assert "application/vnd.vegalite.v5+json" in bundle
    assert alt.renderers.active == "dronediplomacy"


def test_self_checks_are_well_formed():
    for path in quiz.QUESTIONS_DIR.glob("*.json"):
        questions = json.loads(path.read_text())
        assert len(questions) >= 4, path.name
        for q in questions:
            assert any(a.get("correct") for a in q["answers"]), q["question"]
            assert all(a.get("feedback") for a in q["answers"]), q["question"]
            # jupyterquiz reads text between two dollar signs as mathematics.
            # (Numeric questions' answers are values or ranges, with no text of their own.)
            texts = [q["question"]] + [t for a in q["answers"] for t in (a.get("answer", ""), a["feedback"])]
            assert all(t.count("$") < 2 for t in texts), f"{path.name}: write USD, not $: {q['question']}"


def test_unknown_self_check_names_the_known_ones():
    with pytest.raises(FileNotFoundError, match="mtcr"):
        quiz.self_check("no-such-topic")


def test_market_share_adds_up_per_period(tables):
    transfers, _, _ = tables
    rows = next(iter(charts.supplier_market_share(transfers).to_dict()["datasets"].values()))
    deals = transfers[transfers["order_year"].between(1995, 2024)]
    assert sum(r["deals"] for r in rows) == len(deals)
    assert {r["period"] for r in rows} == {"1995–1999", "2000–2004", "2005–2009", "2010–2014", "2015–2019", "2020–2024"}


def test_drone_class_explorer_lists_the_chosen_class(tables):
    _, systems, countries = tables
    box = widgets.drone_class_explorer(systems, countries)
    choice, table = box.children
    choice.value = "one-way attack drone"
    assert "Shahed-136" in table.value and "MQ-9" not in table.value
    choice.value = "armed UAV"
    assert "Bayraktar TB2" in table.value


def test_sustainment_tail_arithmetic_and_widget():
    r = widgets.lifetime_costs(12, 5.0, 0.10, 15, 0.7)
    assert (r["purchase"], r["support"], r["tail_share"]) == (60, 90, 0.6)
    assert r["to_supplier"] == 60 + 0.7 * 90
    with pytest.raises(ValueError, match="between 0 and 1"):
        widgets.lifetime_costs(1, 1, 1.5, 1, 0.5)
    box = widgets.sustainment_calculator()
    fleet, price, share, years, supplier, report = box.children
    before = report.value
    years.value = 30
    assert report.value != before and "75%" in report.value


def test_glue_hands_the_text_plain_numbers(monkeypatch):
    import numpy as np
    import myst_nb

    from dronediplomacy import glue

    stored = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display: stored.update({name: (value, display)}))
    assert glue("deals", np.int64(419)) == 419
    # the prose shows the value's plain repr: a numpy scalar would read "np.int64(419)"
    assert repr(stored["deals"][0]) == "419" and stored["deals"][1] is False


def test_glue_runs_without_myst_nb(monkeypatch):
    import sys

    from dronediplomacy import glue

    monkeypatch.setitem(sys.modules, "myst_nb", None)  # as in a student's kernel on Colab
    assert glue("share", 0.25) == 0.25


# --- grader.check output in a notebook ---------------------------------------------------------


def _checked(answer_source: str):
    """An otter check of `share` (one passing, one failing case) run after `answer_source`."""
    from otter.test_files.ok_test import OKTestFile

    cases = [
        {
            "code": ">>> assert isinstance(share, float)",
            "hidden": False,
            "points": 1,
            "failure_message": "share should be a float: wrap it with float(...).",
        },
        {
            "code": ">>> import pandas as pd\n>>> _t = pd.DataFrame({'x': [1, 2]})\n>>> assert 0 <= share <= 1",
            "hidden": False,
            "points": 1,
            "failure_message": "Shares are fractions between 0 and 1, not percentages.",
        },
    ]
    test = OKTestFile.from_spec({"name": "q1", "points": 2, "suites": [{"cases": cases, "type": "doctest"}]})
    namespace = {}
    exec(answer_source, namespace)
    test.run(namespace)
    return test


def test_a_failing_check_shows_its_message_not_a_doctest_transcript():
    from IPython.core.interactiveshell import InteractiveShell
    from dronediplomacy import check_output

    shell = InteractiveShell.instance()
    check_output.enable()
    shown, _ = shell.display_formatter.format(_checked("share = 25.0"))
    text = shown["text/plain"]
    assert text.splitlines() == [
        "❌ q1: 1 of 2 public checks failed. Fix the answer and run this cell again:",
        "  - Shares are fractions between 0 and 1, not percentages.",
    ]
    assert "Traceback" not in shown["text/html"] and "percentages" in shown["text/html"]
    passed, _ = shell.display_formatter.format(_checked("share = 0.25"))
    assert passed["text/plain"].startswith("✅ q1: all 2 public checks pass")


def test_a_check_that_cannot_run_says_what_stopped_it():
    from dronediplomacy import check_output

    text = check_output.as_text(_checked("pass"))
    assert (
        "share should be a float" in text and "(The check stopped with NameError: name 'share' is not defined)" in text
    )
    assert "doctest" not in text and "Trying" not in text and len(text.splitlines()) == 3


def test_glue_lists_words_and_refuses_an_empty_list():
    from dronediplomacy.prose_numbers import listing

    assert listing([2021, 2022, 2023]) == "2021, 2022 and 2023"
    assert listing(["Qatar"]) == "Qatar"
    with pytest.raises(ValueError):
        listing([])


def test_glue_stores_text_as_markdown_for_the_prose(monkeypatch):
    import myst_nb
    from IPython.display import Markdown

    from dronediplomacy import glue

    stored = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display: stored.update({name: (value, display)}))
    glue("years", "2021–23")
    glue("count", 7)
    assert isinstance(stored["years"][0], Markdown) and stored["years"][0].data == "2021–23"
    assert stored["count"] == (7, False)  # numbers stay numbers, for {glue:text} formats


def test_country_names_read_with_their_article_inside_a_sentence():
    from dronediplomacy.prose_numbers import in_sentence

    assert in_sentence("United States") == "the United States"
    assert in_sentence("Netherlands") == "the Netherlands"
    assert in_sentence("Qatar") == "Qatar"
