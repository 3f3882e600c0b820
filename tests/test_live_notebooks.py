"""Notebooks as students open them: on Colab the first cell installs the course, on Binder the
image does, on a local clone nothing happens; and every chapter's widget answers its controls
in a real kernel, as it would in JupyterLab."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml
from IPython.core.inputtransformer2 import TransformerManager
from nbclient import NotebookClient

from conftest import ROOT
from ddgrader import release_tag
from ddgrader.answers import free_names

CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_notebook_copy_for_colab_matches_the_chapter(path):
    """Colab opens only .ipynb files: the launch buttons open the copy beside each chapter,
    which must say what the chapter says."""
    copy = path.with_suffix(".ipynb")
    assert copy.exists(), f"{copy.name} is missing: run `make notebooks` and commit it"
    committed = nbformat.read(copy, as_version=4)
    expected = jupytext.read(path)
    cells = lambda nb: [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in nb.cells]
    assert cells(committed) == cells(expected), (
        f"{copy.name} is out of date with {path.name}: run `make notebooks` and commit it"
    )
    assert all(not c.get("outputs") for c in committed.cells if c.cell_type == "code")


def test_launch_buttons_open_the_notebook_copy(site):
    """Every chapter page's Colab and Binder buttons open that chapter's .ipynb copy in the
    repository and on the branch that _config.yml names."""
    repository, branch = CONFIG["repository"]["url"], CONFIG["repository"]["branch"]
    colab, binder = CONFIG["launch_buttons"]["colab_url"], CONFIG["launch_buttons"]["binderhub_url"]
    owner_repo = repository.split("github.com/")[1]
    for chapter in CHAPTERS:
        html = (site / "chapters" / f"{chapter.stem}.html").read_text()
        notebook = f"chapters/{chapter.stem}.ipynb"
        assert f"{colab}/github/{owner_repo}/blob/{branch}/{notebook}" in html, chapter.name
        assert f"{binder}/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/{notebook}" in html, chapter.name


def first_code_cell(path: Path):
    notebook = jupytext.read(path)
    return next(c for c in notebook.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_first_cell_installs_the_course_on_colab_only(path):
    cell = first_code_cell(path)
    assert "remove-cell" in cell.metadata.get("tags", []), "readers of the site do not need the install cell"
    python = TransformerManager().transform_cell(cell.source)
    repository = f"{CONFIG['repository']['url']}@{release_tag()}"
    # The repository's address has one home, _config.yml, and the release one, pyproject.toml's
    # version: the cell installs this release's tag (tools/pin_release.py writes it).
    assert f'dronediplomacy @ git+{repository}' in python
    guard = re.search(
        r'if "google\.colab" in sys\.modules:\n\s+get_ipython\(\)\.run_line_magic\(\'pip\', \'install', python
    )
    assert guard, "the install must run only on Colab"
    compile(python, str(path), "exec")


def test_binder_installs_the_pinned_libraries_and_the_package():
    assert (ROOT / "binder" / "requirements.txt").read_text().splitlines()[-1] == "-r ../requirements.txt"
    assert "pip install --no-deps -e ." in (ROOT / "binder" / "postBuild").read_text()


# --- widgets in a kernel ---------------------------------------------------------------------

# Run in the chapter's kernel after the chapter itself: find the widget the chapter displayed,
# move its first control to another value, and report whether anything it shows changed.
PROBE = '''
import ipywidgets as _w
def _shown(box):
    out = []
    for child in box.children:
        if isinstance(child, _w.Box):
            out += _shown(child)
        elif isinstance(child, _w.Output):
            out.append(repr(child.outputs))
        elif isinstance(child, (_w.HTML, _w.Label)):
            out.append(child.value)
    return out
def _controls(box):
    out = []
    for child in box.children:
        if isinstance(child, _w.Box):
            out += _controls(child)
        elif isinstance(child, _w.ValueWidget) and not isinstance(child, (_w.HTML, _w.Label, _w.Output)) and not child.disabled:
            out.append(child)
    return out
_boxes = [v for v in Out.values() if isinstance(v, _w.Box)]
assert _boxes, "the chapter displayed no widget"
_box = _boxes[-1]
_before = _shown(_box)
_control = _controls(_box)[0]
if isinstance(_control, _w.SelectionRangeSlider):
    _last = len(_control.options) - 1
    _control.index = (0, _last) if tuple(_control.index) != (0, _last) else (0, _last // 2)
elif hasattr(_control, "options") and len(_control.options) > 1:
    _values = [o[1] if isinstance(o, tuple) else o for o in _control.options]
    _control.value = next(v for v in _values if v != _control.value)
elif isinstance(_control, _w.Checkbox):
    _control.value = not _control.value
elif isinstance(_control, (_w.IntRangeSlider, _w.FloatRangeSlider)):
    _whole = (_control.min, _control.max)
    _half = type(_control.min)((_control.min + _control.max) / 2)
    _control.value = _whole if tuple(_control.value) != _whole else (_control.min, _half)
else:
    _control.value = _control.max if _control.value != _control.max else _control.min
print("CHANGED" if _shown(_box) != _before else "UNCHANGED", type(_control).__name__)
'''


def bound_names(source: str) -> set[str]:
    """The names a cell binds: assignments, imports, definitions."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


def widget_and_what_it_needs(notebook) -> list:
    """The chapter's widget cell and, in order, the earlier cells that bind a name it reads
    (and so on back): its imports and data, not the chapter's analysis, charts or quizzes."""
    code = [c for c in notebook.cells if c.cell_type == "code"]
    widget = max(i for i, c in enumerate(code) if re.search(r"^widgets\.\w+\(", c.source, re.M))
    python = [TransformerManager().transform_cell(c.source) for c in code]
    needed, kept = free_names(python[widget]), [widget]
    for i in range(widget - 1, -1, -1):
        if bound_names(python[i]) & needed:
            kept.insert(0, i)
            needed = (needed - bound_names(python[i])) | free_names(python[i])
    return [code[i] for i in kept]


def test_a_widget_cell_needs_its_imports_and_data_only():
    cells = [
        "import sys",
        "from dronediplomacy import load, widgets\ntransfers = load('transfers')",
        "countries = load('countries')",
        "by_year = transfers.groupby('order_year').size()",
        "widgets.exporter_explorer(transfers, countries)",
        "print(by_year)",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    assert [c.source for c in widget_and_what_it_needs(notebook)] == [cells[1], cells[2], cells[4]]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_widget_responds_to_its_first_control_in_a_kernel(path):
    """Widgets answer their controls in Python, so this needs a kernel; the book build has run
    every cell of the chapter already, so the kernel runs only the widget's cell and what it
    reads, with the same data the chapter gave it."""
    notebook = jupytext.read(path)
    notebook.cells = widget_and_what_it_needs(notebook) + [nbformat.v4.new_code_cell(PROBE)]
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "chapters")}}
    ).execute()
    printed = "".join(o.get("text", "") for o in notebook.cells[-1].outputs if o.get("name") == "stdout")
    assert printed.startswith("CHANGED"), printed


def test_every_exercise_has_a_page_that_opens_it_from_the_student_repository(tmp_path):
    """The site's Exercises pages are in step with the masters (make exercise-pages) and open
    each student notebook on Colab and Binder, on the branch _config.yml names."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import make_exercise_pages

    fresh = make_exercise_pages.write_all(tmp_path)
    assert [p.name for p in fresh] == sorted(p.name for p in (ROOT / "exercises").glob("[0-9][0-9]-*.md"))
    for page in fresh + [tmp_path / "index.md"]:
        kept = ROOT / "practice" / page.name
        assert kept.exists() and kept.read_text() == page.read_text(), f"{kept} is out of date: run make exercise-pages"
    owner_repo = CONFIG["repository"]["url"].removeprefix("https://github.com/")
    branch = CONFIG["repository"]["branch"]
    text = (ROOT / "practice" / "05-nagorno-karabakh-2020.md").read_text()
    assert f"/github/{owner_repo}/blob/{branch}/exercises/05-nagorno-karabakh-2020.ipynb" in text
    assert f"/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/exercises/05-nagorno-karabakh-2020.ipynb" in text
