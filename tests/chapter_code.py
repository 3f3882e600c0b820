"""A chapter's code as a reader sees it, and the numbers it glues into its prose, without a
kernel or a book build: the chapter tests use these to check the worked analyses and that each
glued number equals the same quantity computed independently from the data."""

from __future__ import annotations

import re
from pathlib import Path

from dronediplomacy.reading_time import _CODE_CELL

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
_HIDDEN = re.compile(r"^:tags:.*remove-(cell|input)", re.M)
_DISPLAY_ONLY = re.compile(r"^(charts\.\w+|widgets\.\w+|self_check)\([^\n]*\)$")
_GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([\w-]+)(?::[^`]*)?`")


def _cells(chapter: str) -> list[str]:
    text = (CHAPTERS / chapter).read_text(encoding="utf-8")
    return [body for _, body in _CODE_CELL.findall(text)]


def visible_code(chapter: str) -> list[str]:
    """The code cells a reader of the built page sees, without their option lines."""
    return [re.sub(r"^:\w+:.*\n", "", body, flags=re.M) for body in _cells(chapter) if not _HIDDEN.search(body)]


def glue_names_in_prose(chapter: str) -> set[str]:
    text = _CODE_CELL.sub("", (CHAPTERS / chapter).read_text(encoding="utf-8"))
    return set(_GLUE_ROLE.findall(text))


def run_chapter(chapter: str, monkeypatch) -> tuple[dict, dict]:
    """Run the chapter's cells in order in this process; return the names they define and the
    values they glue (through the package's `glue`, as in the book build)."""
    import myst_nb

    glued: dict = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display=True: glued.__setitem__(name, value))
    namespace: dict = {}
    for body in _cells(chapter):
        code = re.sub(r"^:\w+:.*\n", "", body, flags=re.M)
        if re.search(r"^\s*[%!]", code, re.M):   # the Colab install cell: IPython magic, not Python
            continue
        if _DISPLAY_ONLY.match(code.strip()):   # a package chart, widget or quiz: slow, and glues nothing
            continue
        exec(compile(code, chapter, "exec"), namespace)
    return namespace, glued


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
