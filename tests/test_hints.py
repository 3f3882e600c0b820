"""Self-learners get worked hints; solutions stay with instructors (issue 16).

Each auto-graded question of every exercise master has one hint, a markdown cell
`<details><summary>Hint for question N</summary> ... </details>` inside the question and outside
its solution and tests, so `otter assign` gives it to students (collapsed) and
tools/make_exercise_pages.py puts it on the exercise's page (a collapsed dropdown). A hint
walks the approach: it must hold no solution line or hidden-test line (tests/masters.py's
secrets_of), no expected answer value (tests/answer_leaks.py)
and no code longer than a fragment.
"""

from __future__ import annotations

import re
import sys

import jupytext
import pytest

from conftest import ROOT
from ddgrader import exercises
from answer_leaks import found_in, leak_forms
from masters import checked_questions, secrets_of, solution_values

sys.path.insert(0, str(ROOT / "tools"))
import make_exercise_pages  # noqa: E402

EXERCISES = exercises.all_exercises()
LONGEST_CODE = 40  # characters of one inline code span: a fragment such as `groupby("supplier")`


def hint_cells(master):
    """(question, hint text) of each hint cell, with the question and block it stands in."""
    found, question, block = [], None, None
    for cell in jupytext.read(master).cells:
        text = cell.source.strip()
        if cell.cell_type == "markdown" and text.startswith("```otter"):
            marker = text.splitlines()[1].strip()
            if marker == "# BEGIN QUESTION":
                question = re.search(r"^name:\s*(\S+)", text, flags=re.M).group(1)
            elif marker == "# END QUESTION":
                question = None
            block = {"# BEGIN SOLUTION": "solution", "# BEGIN TESTS": "tests"}.get(
                marker, None if marker.startswith("# END") else block
            )
            continue
        if cell.cell_type == "markdown" and make_exercise_pages.HINT_START.match(text):
            found.append((question, block, text))
    return found


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
def test_every_checked_question_has_one_hint_where_students_see_it(exercise):
    number = exercise.name[:2]
    cells = hint_cells(exercise.master)
    assert [q for q, _, _ in cells] == sorted(checked_questions(number))
    assert all(block is None for _, block, _ in cells), "a hint inside a solution or tests block never reaches students"
    for question, _, text in cells:
        # a few words of the question tell a student which hint to open
        assert re.match(rf"<details><summary>Hint for question {question[1:]}: [^<]{{8,}}</summary>", text), text[:80]
    page = (ROOT / "practice" / f"{exercise.name}.md").read_text(encoding="utf-8")
    assert page.count(":::{dropdown} Hint for question") == len(cells)


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
def test_no_hint_holds_solution_code_or_an_answer(exercise):
    number = exercise.name[:2]
    secrets = secrets_of(exercise.master)
    for question, _, text in hint_cells(exercise.master):
        assert "```" not in text and ">>>" not in text, f"{exercise.name} {question}: a code block in a hint"
        long_code = [span for span in re.findall(r"`([^`]+)`", text) if len(span) > LONGEST_CODE]
        assert long_code == [], f"{exercise.name} {question}: code longer than a fragment: {long_code}"
        flat = " ".join(text.split())  # a hint is wrapped; a line it quoted may be too
        assert [s for s in secrets if " ".join(s.split()) in flat] == [], (
            f"{exercise.name} {question}: a solution or hidden-test line"
        )
        names, _ = checked_questions(number)[question]
        forbidden = set().union(*(leak_forms(solution_values(number)[n]) for n in names))
        assert found_in(forbidden, text) == [], f"{exercise.name} {question}: the hint gives the answer away"


def test_the_leak_search_would_find_a_leaking_hint():
    """The searches above can fail: a hint quoting a solution line or an answer is caught."""
    master = next(e for e in EXERCISES if e.name.startswith("05")).master
    solution_line = next(s for s in secrets_of(master) if "aze_by_supplier" in s)
    assert [s for s in secrets_of(master) if s in f"Try {solution_line} here"]
    answer = int(solution_values("05")["loitering_before_war"])
    assert found_in(leak_forms(answer), f"You should get {answer} drones.")
