"""What the chapter tests share: a chapter's code as a reader sees it, the numbers it glues into
its prose, and the values its cells compute, read from the MyST Markdown without a kernel or a
book build; and a redraw check for a built page's chart with a dropdown."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from dronediplomacy.reading_time import _CODE_CELL

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
_HIDDEN = re.compile(r"^:tags:.*remove-(cell|input)", re.M)
_OPTION_LINE = re.compile(r"^:\w+:.*\n", re.M)
_DISPLAY_ONLY = re.compile(r"^(charts\.\w+|widgets\.\w+|self_check)\([^\n]*\)$")
_GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([\w-]+)(?::[^`]*)?`")


def _cells(chapter: str) -> list[str]:
    return [body for _, body in _CODE_CELL.findall((CHAPTERS / chapter).read_text(encoding="utf-8"))]


def code_cells(chapter: str, visible_only: bool = True) -> list[str]:
    """The sources of a chapter's code cells without their option lines; by default only those a
    reader sees on the page (no remove-cell or remove-input tag)."""
    return [_OPTION_LINE.sub("", body) for body in _cells(chapter) if not (visible_only and _HIDDEN.search(body))]


def glue_references(chapter: str) -> set[str]:
    """The names the chapter's prose shows with a {glue} role."""
    return set(_GLUE_ROLE.findall(_CODE_CELL.sub("", (CHAPTERS / chapter).read_text(encoding="utf-8"))))


@dataclass
class ChapterRun:
    glued: dict[str, object]      # name -> the value glued under it
    namespace: dict[str, object]  # the chapter's variables and functions after its last cell
    outputs: list[object]         # each cell's last expression, as the page shows it (None if none)


def run_chapter(chapter: str, monkeypatch) -> ChapterRun:
    """Run the chapter's cells in order in this process, as the build does, with myst_nb.glue
    recording what each name is glued to (the package's `glue` calls it). The Colab install cell
    (IPython magic) and one-line package charts, widgets and quizzes (slow; they glue nothing)
    are skipped."""
    import myst_nb

    run = ChapterRun({}, {}, [])

    def record(name, value, display=True):
        assert name not in run.glued, f"{name} is glued twice"
        run.glued[name] = value

    monkeypatch.setattr(myst_nb, "glue", record)
    for number, source in enumerate(code_cells(chapter, visible_only=False)):
        if re.search(r"^\s*[%!]", source, re.M) or _DISPLAY_ONLY.match(source.strip()):
            run.outputs.append(None)
            continue
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, f"{chapter} cell {number}", "exec"), run.namespace)
        run.outputs.append(eval(compile(ast.Expression(last.value), f"{chapter} cell {number}", "eval"),
                                run.namespace) if last else None)
    return run


def redraw_after_choosing(browser, url: str, title: str, option: str) -> tuple[str, str, list[str]]:
    """Open a built page offline, choose `option` in the dropdown of the chart titled `title`, and
    wait until the chart has redrawn: the drawing before and after, and the console errors."""
    from test_browser import open_offline

    page, errors, _ = open_offline(browser, url)
    figure = page.locator("figure.dd-chart").filter(has_text=title).first
    svg = figure.locator("svg").first
    before = svg.inner_html()
    figure.locator("select").first.select_option(option)
    page.wait_for_function("([svg, before]) => svg.innerHTML !== before", arg=[svg.element_handle(), before])
    after = svg.inner_html()
    page.context.close()
    return before, after, errors
