"""An exercise master's questions as the tests read them (jupytext, no otter, no kernel): each
question's config, solution cells and checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import yaml


@dataclass
class Check:
    source: str          # the test's code, without its config block
    hidden: bool
    points: float | None
    message: str = ""    # its failure_message


@dataclass
class Question:
    name: str
    points: object       # the question config's `points:` (a number, a list, or {each: n})
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
            current.tests.append(Check(body, bool(config.get("hidden", False)), config.get("points"),
                                       str(config.get("failure_message") or "")))
    return found
