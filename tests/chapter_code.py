"""Helpers the chapter tests share: a chapter's code cells, and the values it glues into its
prose, read from the MyST Markdown without a kernel or a book build."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
_GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([\w-]+)")


def code_cells(chapter: str, visible_only: bool = True) -> list[str]:
    """The sources of a chapter's code cells, tag lines removed; by default only those a reader
    sees on the page (no remove-cell or remove-input tag)."""
    cells = []
    for body in _CELL.findall((CHAPTERS / chapter).read_text(encoding="utf-8")):
        hidden = re.search(r"^:tags:.*remove-(cell|input)", body, re.M)
        if visible_only and hidden:
            continue
        cells.append(re.sub(r"^:tags:.*\n", "", body))
    return cells


def glue_references(chapter: str) -> set[str]:
    """The names the chapter's prose shows with {glue:text} or {glue}."""
    return set(_GLUE_ROLE.findall((CHAPTERS / chapter).read_text(encoding="utf-8")))


@dataclass
class ChapterRun:
    glued: dict[str, object]      # name -> the value glued under it
    namespace: dict[str, object]  # the chapter's variables and functions after its last cell
    outputs: list[object]         # each cell's last expression, as the page shows it (None if none)


def run_chapter(chapter: str, monkeypatch) -> ChapterRun:
    """Run every code cell of the chapter in one namespace, as the build does (the Colab install
    cell aside), with myst_nb.glue recording what each name is glued to."""
    import myst_nb

    run = ChapterRun({}, {}, [])

    def record(name, value, display=True):
        assert name not in run.glued, f"{name} is glued twice"
        run.glued[name] = value

    monkeypatch.setattr(myst_nb, "glue", record)
    for number, source in enumerate(code_cells(chapter, visible_only=False)):
        if "google.colab" in source:
            continue
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, f"{chapter} cell {number}", "exec"), run.namespace)
        run.outputs.append(eval(compile(ast.Expression(last.value), f"{chapter} cell {number}", "eval"),
                                run.namespace) if last else None)
    return run
