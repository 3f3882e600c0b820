"""What the grader must take out of a student's kernel, read from an exercise's test files.

A question's answer names are the names its tests read without defining them (the tests load
any table they need afresh, so only the student's answers are left). For an answer that the
tests call, the grader also needs each call's source text, so that the call can be made inside
the sandbox and its result recorded.
"""

from __future__ import annotations

import ast
import builtins
import doctest
import re
from dataclasses import dataclass, field
from pathlib import Path

from otter.test_files.ok_test import OKTestFile


@dataclass
class QuestionPlan:
    name: str
    points: float
    names: list[str] = field(default_factory=list)               # answer names, sorted
    calls: dict[str, list[str]] = field(default_factory=dict)     # function answer -> call sources


def test_source(code: str) -> str:
    """A doctest-format test case (">>> ..." lines) as plain Python."""
    return "".join(example.source for example in doctest.DocTestParser().get_examples(code))


def free_names(source: str) -> set[str]:
    """Names `source` reads that it does not bind itself and that are not built-ins."""
    tree = ast.parse(source)
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return loaded - bound - set(dir(builtins))


def function_calls(source: str, name: str) -> list[str]:
    """The source text of each direct call `name(...)` in `source`."""
    return [ast.get_source_segment(source, node) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name]


def question_plans(tests_dir: Path) -> dict[str, QuestionPlan]:
    """q1, q2, ... -> what to take from the kernel for that question."""
    plans = {}
    for path in sorted(Path(tests_dir).glob("q*.py"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0)):
        test = OKTestFile.from_file(str(path))
        sources = [test_source(case.body) for case in test.test_cases]
        names = sorted(set().union(*(free_names(s) for s in sources)))
        calls = {n: sorted({c for s in sources for c in function_calls(s, n)}) for n in names}
        plans[test.name] = QuestionPlan(test.name, float(test.possible), names, {n: c for n, c in calls.items() if c})
    return plans
