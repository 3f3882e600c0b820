"""The graded exercises' tests keep the grader's contract (issue 14): each submission runs in a
sandbox and only its answers leave it, as data, so a test (public or hidden) may read only

- names it defines itself (its own imports included), Python builtins, and the question's answer
  names (ddgrader.answers.answer_names); never the student's tables or
  intermediate variables, so expected values come from constants or `load(...)` in the test;
- a function answer only in direct calls with literal arguments, which the grader evaluates in
  the sandbox and replays;
- a chart answer only through `name.to_dict()`;

and the public checks of a question carry at most a quarter of its points, otter's way of
resolving per-test points giving the question its `points:` in total.

Each master is parsed (jupytext) and split into questions; nothing runs otter or a kernel.
"""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

import pytest
from otter.test_files import abstract_test as otter_tests

from ddgrader import exercises
from ddgrader.answers import answer_names, free_names, function_calls
from masters import Question, questions
from notebooks import MYST_HEADER

BUILTINS = set(dir(builtins))
PUBLIC_SHARE = 0.25


def _chart_names(solution: str) -> set[str]:
    """Answer names whose solution line builds an Altair chart."""
    charts = set()
    for line in solution.splitlines():
        if "alt.Chart(" in line:
            charts |= answer_names(line)
    return charts


def _literal(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


def problems(master: Path, label: str) -> list[str]:
    """Every breach of the contract in one master, each naming exercise, question and name."""
    found = []
    for question in questions(master):
        if question.manual or not question.tests:
            continue
        where = f"{label} {question.name}"
        solution = "\n".join(question.solution)
        answers = answer_names(solution)
        tree = ast.parse(solution)
        functions = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        charts = _chart_names(solution)
        if not answers:
            found.append(f"{where}: no answer names (no `x = ...  # SOLUTION` line or `def` in its solution)")
        for number, test in enumerate(question.tests, start=1):
            kind = "hidden" if test.hidden else "public"
            at = f"{where}, {kind} test {number}"
            for name in sorted(free_names(test.source) - BUILTINS - answers):
                found.append(
                    f"{at} reads {name!r}, which is neither its own, a builtin nor an answer "
                    f"name ({', '.join(sorted(answers))}): import or compute it in the test (tables with load(...))"
                )
            test_tree = ast.parse(test.source)
            parents = {child: parent for parent in ast.walk(test_tree) for child in ast.iter_child_nodes(parent)}
            for name in sorted(functions):
                calls = function_calls(test.source, name)
                uses = [n for n in ast.walk(test_tree) if isinstance(n, ast.Name) and n.id == name]
                if len(uses) > len(calls):
                    found.append(f"{at} uses the function {name!r} other than in a direct call {name}(...)")
                for call in calls:
                    node = ast.parse(call).body[0].value
                    if not all(_literal(a) for a in node.args + [k.value for k in node.keywords]):
                        found.append(f"{at} calls the function {name!r} with a non-literal argument: {call}")
            for name in sorted(charts):
                for use in (n for n in ast.walk(test_tree) if isinstance(n, ast.Name) and n.id == name):
                    attribute = parents.get(use)
                    call = parents.get(attribute)
                    if not (
                        isinstance(attribute, ast.Attribute)
                        and attribute.attr == "to_dict"
                        and isinstance(call, ast.Call)
                        and call.func is attribute
                        and not call.args
                        and not call.keywords
                    ):
                        found.append(f"{at} uses the chart {name!r} other than through {name}.to_dict()")
        found += _points_problems(question, where)
    return found


def _points_problems(question: Question, where: str) -> list[str]:
    """Resolve the per-test points as otter does and check the public share and the total."""
    cases = [
        otter_tests.TestCase(str(i), t.source, t.hidden, t.points, None, None) for i, t in enumerate(question.tests)
    ]
    total = question.points
    if isinstance(total, dict):
        total = total.get("each", 1) * len(cases)
    try:
        resolved = otter_tests.TestFile.resolve_test_file_points(total, cases)
    except (ValueError, TypeError, AssertionError) as error:
        return [f"{where}: its test points cannot be resolved: {error}"]
    everything = sum(c.points for c in resolved)
    public = sum(c.points for c in resolved if not c.hidden)
    found = []
    if question.points is not None and not isinstance(question.points, list) and abs(everything - total) > 1e-9:
        found.append(f"{where}: its tests carry {everything:g} points in all, not the {total:g} its points: says")
    if public > PUBLIC_SHARE * everything + 1e-9:
        found.append(f"{where}: public checks carry {public:g} of {everything:g} points, more than a quarter")
    return found


# --- the course's own masters ------------------------------------------------------------------

EXERCISES = exercises.all_exercises()


def test_every_exercise_is_checked():
    assert len(EXERCISES) >= 9
    assert all(any(not q.manual for q in questions(e.master)) for e in EXERCISES)


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
def test_exercise_tests_keep_the_grading_contract(exercise):
    found = problems(exercise.master, exercise.name)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
def test_every_auto_graded_question_has_public_and_hidden_tests(exercise):
    for question in questions(exercise.master):
        if not question.manual:
            kinds = {t.hidden for t in question.tests}
            assert kinds == {True, False}, f"{exercise.name} {question.name}: hidden={sorted(kinds)}"


# --- the answer and test parsing the grader shares ------------------------------------------------


def test_answer_names_are_solution_lines_and_functions():
    solution = (
        '# BEGIN SOLUTION\nkept = table[table["x"] > 1]\n# END SOLUTION\n'
        'share = float(kept["y"].mean())  # SOLUTION\nlow, high = 1, 2 # SOLUTION\n'
        'def ratio(a, b):\n    # BEGIN SOLUTION\n    return a / b\n    # END SOLUTION\n'
    )
    assert answer_names(solution) == {"share", "low", "high", "ratio"}


def test_free_names_follow_the_order_python_runs_a_test():
    test = (
        "import numpy as np\nfrom dronediplomacy import load\n_t = load('transfers')\n"
        "transfers = transfers[transfers['x'] > 0]\n_n = sum(v for v in share if v > cut)\n"
        "try:\n    ratio(0)\nexcept ValueError as _e:\n    _m = str(_e)\n"
        "assert np.isclose(_n, len(_t)) and all(x > 0 for x in (lambda q: q)(low))\n"
    )
    assert free_names(test) == {"transfers", "share", "cut", "sum", "ratio", "ValueError", "str", "len", "all", "low"}


def test_function_calls_are_returned_as_source_text():
    test = "assert f(1, [2, -3]) == 4 and g(f(x)) and f(*args, key={'a': None})"
    assert function_calls(test, "f") == ["f(1, [2, -3])", "f(x)", "f(*args, key={'a': None})"]
    assert function_calls(test, "h") == []


# --- each check can fail -------------------------------------------------------------------------


def master(tmp_path: Path, points: int, solution: str, *tests: tuple[bool, float | None, str]) -> Path:
    """A one-question master: its solution cell and (hidden, points, source) tests."""
    cells = [
        f"```otter\n# BEGIN QUESTION\nname: q1\npoints: {points}\n```",
        "```otter\n# BEGIN SOLUTION\n```",
        f"```{{code-cell}} ipython3\n{solution}\n```",
        "```otter\n# END SOLUTION\n```",
        "```otter\n# BEGIN TESTS\n```",
    ]
    for hidden, test_points, source in tests:
        config = ("hidden: true\n" if hidden else "") + (f"points: {test_points}\n" if test_points is not None else "")
        cells.append(
            f'```{{code-cell}} ipython3\n""" # BEGIN TEST CONFIG\n{config}""" # END TEST CONFIG\n{source}\n```'
        )
    cells += ["```otter\n# END TESTS\n```", "```otter\n# END QUESTION\n```"]
    path = tmp_path / "99-synthetic.md"
    path.write_text(MYST_HEADER + "\n\n+++\n\n".join(cells) + "\n")
    return path


GOOD_SHARE = (
    "from dronediplomacy import load\n_t = load('transfers')\n"
    "assert isinstance(share, float) and abs(share - float((_t['x'] > 1).mean())) < 1e-9"
)


def test_a_well_formed_synthetic_master_passes(tmp_path):
    path = master(
        tmp_path,
        2,
        'kept = transfers[transfers["x"] > 1]\nshare = float(len(kept))  # SOLUTION',
        (False, 0.5, "assert isinstance(share, float) and 0 <= share <= 1"),
        (True, None, GOOD_SHARE),
    )
    assert [q.name for q in questions(path)] == ["q1"]
    assert problems(path, "99-synthetic") == []


def test_reading_the_students_table_or_intermediate_fails(tmp_path):
    hidden = "_d = transfers[transfers['x'] > 1]\nassert isinstance(share, float) and share == len(kept)"
    path = master(
        tmp_path,
        2,
        'kept = transfers[transfers["x"] > 1]\nshare = float(len(kept))  # SOLUTION',
        (False, 0.5, "assert isinstance(share, float)"),
        (True, None, hidden),
    )
    found = problems(path, "99-synthetic")
    assert len(found) == 2 and all(p.startswith("99-synthetic q1, hidden test 2 reads") for p in found)
    assert "'transfers'" in found[0] + found[1] and "'kept'" in found[0] + found[1]


def test_reading_a_name_before_defining_it_or_a_module_not_imported_fails(tmp_path):
    hidden = "transfers = transfers.head()\nassert isinstance(share, pd.Series)"
    path = master(
        tmp_path, 2, "share = 1.0  # SOLUTION", (False, 0.5, "assert isinstance(share, float)"), (True, None, hidden)
    )
    found = problems(path, "99-synthetic")
    assert any("'transfers'" in p for p in found) and any("'pd'" in p for p in found)


def test_calling_a_function_answer_with_non_literal_arguments_fails(tmp_path):
    solution = "def ratio(a, b):\n    # BEGIN SOLUTION\n    return a / b\n    # END SOLUTION"
    hidden = (
        "_r = ratio(2, -1)\n_args = (1, 2)\nassert ratio(*_args) == 0.5 and ratio(['X'] * 5, b=None)\n"
        "assert list(map(ratio, [1], [2]))"
    )
    path = master(tmp_path, 3, solution, (False, 0.75, "assert ratio(1, 2) == 0.5"), (True, None, hidden))
    found = problems(path, "99-synthetic")
    assert any("non-literal argument: ratio(*_args)" in p for p in found)
    assert any("non-literal argument: ratio(['X'] * 5, b=None)" in p for p in found)
    assert any("other than in a direct call" in p for p in found)
    assert not any("ratio(2, -1)" in p for p in found)
    assert all(p.startswith("99-synthetic q1, hidden test 2") and "'ratio'" in p for p in found)


def test_using_a_chart_other_than_through_to_dict_fails(tmp_path):
    solution = 'chart = alt.Chart(transfers).mark_bar()  # SOLUTION'
    path = master(
        tmp_path,
        2,
        solution,
        (False, 0.5, "_s = chart.to_dict()\nassert isinstance(_s, dict)"),
        (True, None, "assert chart.mark == 'bar'"),
    )
    assert problems(path, "99-synthetic") == [
        "99-synthetic q1, hidden test 2 uses the chart 'chart' other than through chart.to_dict()"
    ]


def test_public_checks_worth_more_than_a_quarter_fail(tmp_path):
    public = "assert isinstance(share, float)"
    # otter's default: the question's points shared equally, so the public check carries half
    path = master(tmp_path, 2, "share = 1.0  # SOLUTION", (False, None, public), (True, None, GOOD_SHARE))
    assert problems(path, "99-synthetic") == ["99-synthetic q1: public checks carry 1 of 2 points, more than a quarter"]
    path = master(
        tmp_path, 4, "share = 1.0  # SOLUTION", (False, 0.5, public), (False, 0.75, public), (True, None, GOOD_SHARE)
    )
    assert problems(path, "99-synthetic") == [
        "99-synthetic q1: public checks carry 1.25 of 4 points, more than a quarter"
    ]
    path = master(tmp_path, 4, "share = 1.0  # SOLUTION", (False, 1, public), (True, None, GOOD_SHARE))
    assert problems(path, "99-synthetic") == []


def test_points_that_do_not_add_up_to_the_question_fail(tmp_path):
    public = "assert isinstance(share, float)"
    path = master(tmp_path, 3, "share = 1.0  # SOLUTION", (False, 0.5, public), (True, 1.5, GOOD_SHARE))
    assert problems(path, "99-synthetic") == [
        "99-synthetic q1: its tests carry 2 points in all, not the 3 its points: says"
    ]


def test_no_public_check_repeats_a_hidden_checks_call():
    """A public check's code and message reach the student notebook: one that repeats a hidden
    check's literal call (a probe such as `yearly_change({2019: 1}, 2020, 0)`) shows that hidden
    check to students. Probes in public checks use their own inputs."""
    for master in sorted((Path(__file__).resolve().parent.parent / "exercises").glob("*.md")):
        for question in questions(master):
            hidden = [c.source for c in question.tests if c.hidden]
            calls = {
                call
                for source in hidden
                for call in re.findall(r"(?<![\w.])\w+\([^()\n]*\)", source)
                if re.search(r"\d", call)
            }
            for check in (c for c in question.tests if not c.hidden):
                shown = check.source + check.message
                repeated = sorted(
                    call for call in calls if call in shown and call.split("(")[0] not in BUILTINS | {"load"}
                )
                assert repeated == [], f"{master.name} {question.name}: public check repeats hidden calls {repeated}"


def test_no_solution_or_hidden_line_in_what_students_install_or_read():
    """The student package, chapters, Exercises pages and data ship to students (make
    student-repo); a solution or hidden-test line there hands out an answer. The full search of
    the built site and the student repository runs in tests/test_grading.py; this one is fast."""
    from masters import secrets_of

    root = Path(__file__).resolve().parent.parent
    shipped = [
        p
        for folder in ("dronediplomacy", "chapters", "practice", "data")
        for p in (root / folder).rglob("*")
        if p.is_file() and p.suffix in {".py", ".md", ".ipynb", ".json", ".csv"}
    ]
    texts = {p: p.read_text(encoding="utf-8", errors="ignore") for p in shipped}
    for master in sorted((root / "exercises").glob("*.md")):
        for secret in secrets_of(master):
            found = [p.relative_to(root).as_posix() for p, text in texts.items() if secret in text]
            assert found == [], f"{master.name}: {secret!r} found in {found}"
