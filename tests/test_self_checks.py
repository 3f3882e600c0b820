"""Self-checks that make readers think (issue 16, item 5), without a browser: in each topic file
the correct option is not the longest in more than 40% of the multiple-choice questions (a
reader must not be able to pick the longest, most hedged option and be right); each file asks
at least once for a number or for the reader to use a chart's control; and the colours the
feedback is drawn in pass WCAG AA (4.5:1 for text) in the light and the dark theme."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dronediplomacy import quiz

ROOT = Path(__file__).resolve().parent.parent
TOPICS = sorted(quiz.QUESTIONS_DIR.glob("*.json"))
CSS = ROOT / "_ext" / "ddsite" / "static" / "dd-course.css"
MAX_LONGEST_SHARE = 0.40
AA_TEXT = 4.5


def questions(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def multiple_choice(path: Path) -> list[dict]:
    return [q for q in questions(path) if q["type"] in ("multiple_choice", "many_choice")]


def correct_is_longest(question: dict) -> bool:
    """The (or a) correct option is strictly longer than every wrong one."""
    right = max(len(a["answer"]) for a in question["answers"] if a["correct"])
    wrong = max(len(a["answer"]) for a in question["answers"] if not a["correct"])
    return right > wrong


def asks_for_a_number_or_a_chart(question: dict) -> bool:
    """A numeric question, or one marked as needing a chart's control: the key "dd_chart_control"
    (jupyterquiz ignores keys it does not know) names the control, which the question text must
    name too, so the marker cannot drift from the question."""
    if question["type"] == "numeric":
        return True
    control = question.get("dd_chart_control")
    return bool(control) and control.lower() in question["question"].lower()


@pytest.mark.parametrize("path", TOPICS, ids=lambda p: p.stem)
def test_the_correct_option_is_not_usually_the_longest(path):
    mcqs = multiple_choice(path)
    longest = [q["question"][:60] for q in mcqs if correct_is_longest(q)]
    assert mcqs, f"{path.name} has no multiple-choice questions"
    share = len(longest) / len(mcqs)
    assert share <= MAX_LONGEST_SHARE, (
        f"{path.name}: the correct option is the longest in {len(longest)} of {len(mcqs)} questions "
        f"({share:.0%} > {MAX_LONGEST_SHARE:.0%}): {longest}"
    )


@pytest.mark.parametrize("path", TOPICS, ids=lambda p: p.stem)
def test_every_topic_asks_for_a_number_or_a_chart_control(path):
    assert any(asks_for_a_number_or_a_chart(q) for q in questions(path)), (
        f"{path.name}: add a numeric question or one that uses a chart's control (dd_chart_control)"
    )


@pytest.mark.parametrize("path", TOPICS, ids=lambda p: p.stem)
def test_numeric_questions_accept_their_answer_and_explain_others(path):
    for q in questions(path):
        if q["type"] != "numeric":
            continue
        right = [a for a in q["answers"] if a.get("correct")]
        assert right and all("feedback" in a for a in right), q["question"]
        assert any(a.get("type") == "default" and a.get("feedback") for a in q["answers"]), (
            f"{q['question'][:60]}: a wrong number needs feedback that helps, not 'Incorrect'"
        )


def test_the_length_rule_catches_the_longest_option_being_right():
    q = {
        "answers": [
            {"answer": "a long, careful, hedged right answer", "correct": True},
            {"answer": "short", "correct": False},
        ]
    }
    assert correct_is_longest(q)
    q["answers"][1]["answer"] = "a wrong answer of quite the same length!"
    assert not correct_is_longest(q)


# --- WCAG contrast of the colours the feedback is actually drawn in ------------------------------


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def css_variables(selector: str) -> dict[str, str]:
    """The custom properties one rule of dd-course.css sets."""
    block = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS.read_text(encoding="utf-8"))
    assert block, f"dd-course.css has no rule for {selector}"
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})", block.group(1)))


def test_the_feedback_rules_use_the_feedback_colours():
    css = CSS.read_text(encoding="utf-8")
    for kind in ("correct", "incorrect"):
        rule = re.search(rf"(?m)^\.Quiz \.Feedback\.{kind} \{{([^}}]*)\}}", css)
        assert rule, f"dd-course.css does not colour .Feedback.{kind}"
        assert f"color: var(--dd-feedback-{kind}-fg)" in rule.group(1)
        assert f"background: var(--dd-feedback-{kind}-bg)" in rule.group(1)


@pytest.mark.parametrize("theme", [":root", 'html[data-theme="dark"]'])
@pytest.mark.parametrize("kind", ["correct", "incorrect"])
def test_feedback_text_passes_wcag_aa(theme, kind):
    colours = css_variables(theme)
    fg, bg = colours[f"--dd-feedback-{kind}-fg"], colours[f"--dd-feedback-{kind}-bg"]
    assert contrast(fg, bg) >= AA_TEXT, f"{theme} {kind}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"


@pytest.mark.parametrize(
    "background",
    [
        "--jq-multiple-choice-bg",
        "--jq-many-choice-bg",
        "--jq-numeric-bg",
        "--jq-numeric-input-bg",
        "--jq-string-bg",
        "--jq-correct-color",
        "--jq-incorrect-color",
    ],
)
def test_quiz_text_on_its_boxes_and_picked_answers_passes_wcag_aa(background):
    """jupyterquiz draws TEXT on the question boxes, in the number field, and on the answer the
    reader picked, filled with the correct or incorrect colour."""
    fg, bg = quiz.COLORS["--jq-text-color"], quiz.COLORS[background]
    assert contrast(fg, bg) >= AA_TEXT, f"{fg} on {background} {bg} is {contrast(fg, bg):.2f}:1"


def test_contrast_matches_known_wcag_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#87a878", "#ffffff") == pytest.approx(2.66, abs=0.01)  # the old 'correct' green
