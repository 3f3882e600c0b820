"""The first cell of every student notebook: on Colab it sets the exercise up, elsewhere it
does nothing.

A student who uploads an exercise notebook to Colab has neither the course package nor its
data, and otter's checks cannot read their tests from the notebook there (Colab keeps the file
in Drive, out of the kernel's reach). So on Colab, and only there, the cell

- installs the course package, data included, from the repository named in `_config.yml`, and
  otter-grader at the version the course pins;
- writes the notebook's public checks (the ones a student may see anyway) to `tests/`, and a
  stand-in for the notebook file that otter's set-up cell opens.

Binder, a JupyterHub or a local clone already have the package, the notebook file and its
checks: there the cell does nothing. Submissions from Colab are the downloaded .ipynb
(File > Download), which `make grade` accepts; otter's zip export does not run on Colab.
"""

from __future__ import annotations

import base64
import json
import zlib

import nbformat
import yaml

from . import ROOT, release_tag

CONFIG = ROOT / "_config.yml"
REQUIREMENTS = ROOT / "requirements.txt"

TEMPLATE = '''#@title Run this cell first if you are on Colab (anywhere else it does nothing)
# On Colab: install the course package (its data included) and the checker, then write this
# exercise's public checks to tests/ and a stand-in for this notebook's file, where the
# checker looks for them. Binder, your hub and your own machine already have all of it.
import sys
if "google.colab" in sys.modules:
    %pip install --quiet {install}
    import base64 as _base64, json as _json, pathlib as _pathlib, zlib as _zlib
    _checks = _json.loads(_zlib.decompress(_base64.b64decode({checks!r})))
    _pathlib.Path("tests").mkdir(exist_ok=True)
    for _name, _test in _checks.items():
        _pathlib.Path("tests", _name + ".py").write_text("OK_FORMAT = True\\n\\ntest = " + repr(_test) + "\\n")
    _pathlib.Path({notebook!r}).write_text(_json.dumps({{
        "cells": [], "nbformat": 4, "nbformat_minor": 5,
        "metadata": {{"otter": {{"assignment_name": {name!r}}}}}}}))
'''


def install_requirements(ref: str | None = None) -> str:
    """What the cell installs: the course package from its repository at `ref` (by default the
    release tag, v<version> from pyproject.toml, which `make student-repo` puts on the student
    branch), and pinned otter."""
    repository = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["repository"]
    otter = next(
        line.strip()
        for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line.startswith("otter-grader==")
    )
    return f'"dronediplomacy @ git+{repository["url"]}@{ref or release_tag()}" "{otter}"'


def setup_cell(notebook: nbformat.NotebookNode, filename: str, ref: str | None = None) -> nbformat.NotebookNode:
    """The Colab set-up cell for a student notebook whose otter metadata holds its public tests."""
    otter = notebook.metadata["otter"]
    # Packed, not written out: the cell is the first thing a student sees in JupyterLab, and the
    # checks' code, read in full, would show more of each question's method than its message does.
    checks = base64.b64encode(zlib.compress(json.dumps(otter["tests"], sort_keys=True).encode(), 9)).decode()
    source = TEMPLATE.format(
        install=install_requirements(ref), checks=checks, notebook=filename, name=otter["assignment_name"]
    )
    cell = nbformat.v4.new_code_cell(source)
    # Colab shows a cell with cellView "form" as its #@title line only; it is otter's kind of
    # locked cell everywhere else.
    cell.metadata.update(cellView="form", deletable=False, editable=False, tags=["colab-setup"])
    return cell


def with_setup_cell(notebook: nbformat.NotebookNode, filename: str, ref: str | None = None) -> nbformat.NotebookNode:
    notebook.cells.insert(0, setup_cell(notebook, filename, ref))
    return notebook
