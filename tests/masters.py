"""An exercise master's questions as the tests read them (jupytext, no otter, no kernel): each
question's config, solution cells and checks; the values its solutions compute; and the lines a
student must never see (solutions, rubrics, hidden tests)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import yaml

from ddgrader import exercises
from ddgrader.answers import answer_names

EXERCISES = {e.name[:2]: e for e in exercises.all_exercises()}  # by number, "03"


@dataclass
class Check:
    source: str  # the test's code, without its config block
    hidden: bool
    points: float | None
    message: str = ""  # its failure_message


@dataclass
class Question:
    name: str
    points: object  # the question config's `points:` (a number, a list, or {each: n})
    manual: bool
    solution: list[str] = field(default_factory=list)
    tests: list[Check] = field(default_factory=list)


def _otter_block(text: str) -> str | None:
    """The body of a ```otter markdown cell, or None."""
    text = text.strip()
    if text.startswith("```otter") and text.endswith("```"):
        return "\n".join(text.splitlines()[1:-1])
    return None


def questions(master: Path) -> list[Question]:
    found, current, in_solution, in_tests = [], None, False, False
    for cell in jupytext.read(master).cells:
        block = _otter_block(cell.source) if cell.cell_type == "markdown" else None
        if block is not None:
            marker = block.strip().splitlines()[0].strip() if block.strip() else ""
            if marker == "# BEGIN QUESTION":
                config = yaml.safe_load("\n".join(block.strip().splitlines()[1:])) or {}
                current = Question(str(config["name"]), config.get("points"), bool(config.get("manual")))
                found.append(current)
            elif marker == "# END QUESTION":
                current = None
            in_solution = {"# BEGIN SOLUTION": True, "# END SOLUTION": False}.get(marker, in_solution)
            in_tests = {"# BEGIN TESTS": True, "# END TESTS": False}.get(marker, in_tests)
            continue
        if current is None or cell.cell_type != "code":
            continue
        if in_solution:
            current.solution.append(cell.source)
        elif in_tests:
            config, body = {}, cell.source
            if "# BEGIN TEST CONFIG" in cell.source.splitlines()[0]:
                head, body = cell.source.split("# END TEST CONFIG", 1)
                config = yaml.safe_load("\n".join(head.splitlines()[1:-1])) or {}
                body = body.split("\n", 1)[1] if "\n" in body else ""
            current.tests.append(
                Check(
                    body,
                    bool(config.get("hidden", False)),
                    config.get("points"),
                    str(config.get("failure_message") or ""),
                )
            )
    return found


@functools.lru_cache(maxsize=None)
def checked_questions(number: str) -> dict:
    """{question: (answer names, checks)} for the auto-graded questions of exercise `number`."""
    found = {}
    for question in questions(EXERCISES[number].master):
        if not question.manual:
            found[question.name] = (sorted(answer_names("\n".join(question.solution))), question.tests)
    return found


@functools.lru_cache(maxsize=None)
def solution_values(number: str) -> dict:
    """The namespace left by running the master's code cells, tests left out: setup and
    solution lines, in order."""
    namespace, in_tests = {}, False
    for cell in jupytext.read(EXERCISES[number].master).cells:
        text = cell.source.strip()
        if cell.cell_type == "markdown" and text.startswith("```otter"):
            in_tests = {"# BEGIN TESTS": True, "# END TESTS": False}.get(text.splitlines()[1].strip(), in_tests)
        elif cell.cell_type == "code" and not in_tests:
            exec(compile(cell.source, f"{number}-master", "exec"), namespace)
    return namespace


def secrets_of(master: Path) -> list[str]:
    """Every solution line, rubric line and hidden-test line of a master notebook."""
    secrets, public, in_solution = [], set(), False
    for cell in jupytext.read(master).cells:
        if cell.cell_type == "markdown" and cell.source.startswith("```otter"):
            if "# BEGIN SOLUTION" in cell.source:
                in_solution = True
            elif "# END SOLUTION" in cell.source:
                in_solution = False
            continue
        lines = cell.source.splitlines()
        if cell.cell_type == "code" and "# BEGIN TEST CONFIG" in cell.source:
            body = cell.source.split("# END TEST CONFIG", 1)[1].splitlines()
            if re.search(r"^hidden: true", cell.source, flags=re.M):
                secrets += body
            else:
                public |= {line.strip() for line in body}  # students see these on purpose
        elif in_solution and cell.cell_type == "markdown":
            secrets += lines  # a written answer's rubric
        elif cell.cell_type == "code" and not in_solution:
            public |= {line.strip() for line in lines}  # the setup cells students receive
        elif in_solution:
            inside = False
            for line in lines:
                if "# BEGIN SOLUTION" in line or "# END SOLUTION" in line:
                    inside = "# BEGIN SOLUTION" in line
                elif inside or line.rstrip().endswith("# SOLUTION"):
                    secrets.append(line.split("# SOLUTION")[0])
    cleaned = {line.strip() for line in secrets} - public
    return sorted(s for s in cleaned if len(s) >= 25 and not s.startswith(("#", '"""')))
