"""What the grader must take out of a student's kernel, read from an exercise's test files.

A question's answer names are the names its tests read without defining them (the tests load
any table they need afresh, so only the student's answers are left). For an answer that the
tests call, the grader also needs each call's source text, so that the call can be made inside
the sandbox and its result recorded.
"""

from __future__ import annotations

import builtins
import doctest
import re
from dataclasses import dataclass, field
from pathlib import Path

from otter.test_files.ok_test import OKTestFile

from .answers import free_names, function_calls


@dataclass
class QuestionPlan:
    name: str
    points: float
    names: list[str] = field(default_factory=list)  # answer names, sorted
    calls: dict[str, list[str]] = field(default_factory=dict)  # function answer -> call sources


def test_source(code: str) -> str:
    """A doctest-format test case (">>> ..." lines) as plain Python."""
    return "".join(example.source for example in doctest.DocTestParser().get_examples(code))


def question_plans(tests_dir: Path) -> dict[str, QuestionPlan]:
    """q1, q2, ... -> what to take from the kernel for that question."""
    plans = {}
    for path in sorted(Path(tests_dir).glob("q*.py"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0)):
        test = OKTestFile.from_file(str(path))
        sources = [test_source(case.body) for case in test.test_cases]
        names = sorted(set().union(*(free_names(s) for s in sources)) - set(dir(builtins)))
        calls = {n: sorted({c for s in sources for c in function_calls(s, n)}) for n in names}
        plans[test.name] = QuestionPlan(test.name, float(test.possible), names, {n: c for n, c in calls.items() if c})
    return plans
