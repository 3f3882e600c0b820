"""What the chapter tests share: a chapter's code as a reader sees it, the numbers it glues into
its prose, and the values its cells compute, read from the MyST Markdown without a kernel or a
book build; checks of the charts its visible code builds; and a redraw check for a built page."""

from __future__ import annotations

import ast
import contextlib
import io
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ddsite.reading_time import _CODE_CELL

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
_HIDDEN = re.compile(r"^:tags:.*remove-(cell|input)", re.M)
_OPTION_LINE = re.compile(r"^:[\w-]+:.*\n", re.M)
_DISPLAY_ONLY = re.compile(r"^(charts\.\w+|widgets\.\w+|self_check)\([^\n]*\)$")
_GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([\w-]+)(?::[^`]*)?`")


def chapter_text(chapter: str) -> str:
    """A chapter's MyST Markdown, by slug ("05-nagorno-karabakh-2020") or file name."""
    return (CHAPTERS / chapter).with_suffix(".md").read_text(encoding="utf-8")


def chapter_prose(chapter: str) -> str:
    """The chapter's text with its line breaks and runs of spaces made single spaces, so a test
    can look for a sentence that the source wraps over lines."""
    return " ".join(chapter_text(chapter).split())


def _cells(chapter: str) -> list[str]:
    return [body for _, body in _CODE_CELL.findall(chapter_text(chapter))]


def code_cells(chapter: str, visible_only: bool = True) -> list[str]:
    """The sources of a chapter's code cells without their option lines; by default only those a
    reader sees on the page (no remove-cell or remove-input tag)."""
    return [_OPTION_LINE.sub("", body) for body in _cells(chapter) if not (visible_only and _HIDDEN.search(body))]


def glue_references(chapter: str) -> set[str]:
    """The names the chapter's prose shows with a {glue} role."""
    return set(_GLUE_ROLE.findall(_CODE_CELL.sub("", chapter_text(chapter))))


@dataclass
class Cell:
    source: str
    hidden: bool
    output: object = None  # the value of its last expression, as the page shows it
    printed: str = ""  # what it prints, which the page shows too


@dataclass
class ChapterRun:
    cells: list[Cell]
    glued: dict[str, object] = field(default_factory=dict)  # name -> the value glued under it
    namespace: dict[str, object] = field(default_factory=dict)  # the chapter's names after its last cell

    @property
    def outputs(self) -> list[object]:
        return [cell.output for cell in self.cells]

    def visible_code(self) -> str:
        return "\n".join(cell.source for cell in self.cells if not cell.hidden)


@functools.lru_cache(maxsize=None)
def run_chapter(chapter: str) -> ChapterRun:
    """Run the chapter's cells in order in this process, as the build does, recording what each
    name is glued to (the package's `glue` hands it to myst_nb.glue). The Colab install cell
    (IPython magic) and one-line package charts, widgets and quizzes (slow; they glue nothing)
    are skipped. Cached: every test of a chapter shares one run."""
    import myst_nb

    run = ChapterRun([Cell(_OPTION_LINE.sub("", body), bool(_HIDDEN.search(body))) for body in _cells(chapter)])

    def record(name, value, display=True):
        assert name not in run.glued, f"{name} is glued twice"
        run.glued[name] = getattr(value, "data", value)  # words are glued as Markdown; keep their text

    real_glue, myst_nb.glue = myst_nb.glue, record
    try:
        for number, cell in enumerate(run.cells):
            if re.search(r"^\s*[%!]", cell.source, re.M) or _DISPLAY_ONLY.match(cell.source.strip()):
                continue
            tree = ast.parse(cell.source)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            with contextlib.redirect_stdout(io.StringIO()) as printed:
                exec(compile(tree, f"{chapter} cell {number}", "exec"), run.namespace)
                if last is not None:
                    cell.output = eval(
                        compile(ast.Expression(last.value), f"{chapter} cell {number}", "eval"), run.namespace
                    )
            cell.printed = printed.getvalue()
    finally:
        myst_nb.glue = real_glue
    return run


def charts_built_in_view(run: ChapterRun) -> list[dict]:
    """The specs of the charts a chapter builds in its visible code with plain Altair (not the
    package's chart functions)."""
    import altair as alt

    return [
        c.output.to_dict()
        for c in run.cells
        if not c.hidden and "alt.Chart(" in c.source and isinstance(c.output, alt.TopLevelMixin)
    ]


def assert_readable_chart_with_a_control(spec: dict, options: list) -> None:
    """A title, a description a screen reader can read out, and a dropdown bound to a parameter
    that filters the data in the browser, offering `options`."""
    title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
    assert title and len(spec["description"]) > 80
    bound = [p for p in spec["params"] if p.get("bind", {}).get("input") == "select"]
    assert len(bound) == 1 and bound[0]["bind"]["options"] == options
    assert bound[0]["value"] in options
    assert any(bound[0]["name"] in str(t.get("filter", "")) for t in spec["transform"])


def redraw_after_choosing(reader, page_path: str, title: str, option: str) -> tuple[str, str]:
    """Open a built page (the `reader` fixture: offline, console errors fail the test), choose
    `option` in the dropdown of the chart titled `title`, and wait until the chart has redrawn:
    the drawing before and after."""
    from site_browser import chart_markup, redrawn

    page = reader.open(page_path)
    figure = page.locator("figure.dd-chart").filter(has_text=title).first
    before = chart_markup(figure)
    figure.locator("select").first.select_option(option)
    return before, redrawn(figure, before)
