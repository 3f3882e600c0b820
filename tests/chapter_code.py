"""A chapter's code, run in this test process without a kernel: what its glue cells store for
the prose, what its visible cells show, and the words its prose reads from glue.

Chapters are MyST Markdown notebooks; their code cells run here in order in one namespace, as a
kernel would run them (less the Colab install cell and the one-line package displays), with
`dronediplomacy.glue.glue` replaced by a recorder. A cell whose last
statement is an expression keeps that value as its output (a DataFrame, an Altair chart).
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import dronediplomacy.glue

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
_GLUE_ROLE = re.compile(r"\{glue:(?:text|md|any)?\}`([\w]+)(?::[^`]*)?`")


@dataclass
class Cell:
    source: str
    hidden: bool
    output: object = None


@dataclass
class ChapterRun:
    cells: list[Cell]
    glued: dict[str, object] = field(default_factory=dict)
    namespace: dict = field(default_factory=dict)

    def visible_code(self) -> str:
        return "\n".join(c.source for c in self.cells if not c.hidden)

    def outputs(self, kind: type) -> list:
        return [c.output for c in self.cells if isinstance(c.output, kind)]


def chapter_text(slug: str) -> str:
    return (CHAPTERS / f"{slug}.md").read_text(encoding="utf-8")


def glue_names_in_prose(slug: str) -> set[str]:
    """The glue names the chapter's prose shows (outside its code cells)."""
    return set(_GLUE_ROLE.findall(_CODE_CELL.sub("", chapter_text(slug))))


def _cells(text: str) -> list[Cell]:
    cells = []
    for body in _CODE_CELL.findall(text):
        options = re.findall(r"^:[\w-]+:.*$", body, re.M)
        hidden = any("remove-cell" in o or "remove-input" in o for o in options)
        source = re.sub(r"^:[\w-]+:.*\n", "", body, flags=re.M)
        cells.append(Cell(source, hidden))
    return cells


def _package_display(source: str) -> bool:
    """A one-line call that only shows a package chart, widget or quiz: nothing later reads it."""
    line = source.strip()
    return "\n" not in line and line.startswith(("charts.", "widgets.", "self_check("))


@functools.lru_cache(maxsize=None)
def run_chapter(slug: str) -> ChapterRun:
    run = ChapterRun(_cells(chapter_text(slug)))
    record = dronediplomacy.glue.glue

    def recorder(name, value):
        assert name not in run.glued, f"glue name {name!r} used twice"
        run.glued[name] = value

    dronediplomacy.glue.glue = recorder
    try:
        for cell in run.cells:
            if "%pip" in cell.source or _package_display(cell.source):
                continue
            tree = ast.parse(cell.source)
            last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            if last is not None:
                tree.body.pop()
            exec(compile(tree, slug, "exec"), run.namespace)
            if last is not None:
                cell.output = eval(compile(ast.Expression(last.value), slug, "eval"), run.namespace)
    finally:
        dronediplomacy.glue.glue = record
    return run


def charts_built_in_view(run: ChapterRun) -> list[dict]:
    """The specs of the charts a chapter builds in its visible code with plain Altair (not the
    package's chart functions)."""
    import altair as alt

    return [c.output.to_dict() for c in run.cells
            if not c.hidden and "alt.Chart(" in c.source and isinstance(c.output, alt.TopLevelMixin)]


def assert_readable_chart_with_a_control(spec: dict, options: list) -> None:
    """A title, a description a screen reader can read out, and a dropdown bound to a parameter
    that filters the data in the browser, offering `options`."""
    title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
    assert title and len(spec["description"]) > 80
    bound = [p for p in spec["params"] if p.get("bind", {}).get("input") == "select"]
    assert len(bound) == 1 and bound[0]["bind"]["options"] == options
    assert bound[0]["value"] in options
    assert any(bound[0]["name"] in str(t.get("filter", "")) for t in spec["transform"])
