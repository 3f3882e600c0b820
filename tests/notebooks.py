"""Helpers the grading tests share: build a student's notebook from a released one."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import nbformat

# The front matter of a MyST Markdown notebook, for chapters and masters written in a test.
MYST_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def copy(nb):
    return nbformat.from_dict(json.loads(json.dumps(nb)))


def with_cell(nb, source: str, after: str | None = None):
    """A copy of the notebook with one code cell added after the first cell whose source starts
    with `after` (at the end when `after` is None)."""
    nb = copy(nb)
    index = len(nb.cells)
    if after is not None:
        index = next(i + 1 for i, c in enumerate(nb.cells) if c.source.startswith(after))
    nb.cells.insert(index, nbformat.v4.new_code_cell(source))
    return nb


def answered(nb, placeholder: str, source: str):
    """A copy with the answer cell that starts with `placeholder` (`x = ...`) replaced."""
    nb = copy(nb)
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.startswith(placeholder))
    cell.source = source
    return nb


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def write_folder(folder: Path, files: dict[str, object]) -> dict[str, str]:
    """Write notebooks and raw bytes into `folder`; return each file's SHA-256."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            nbformat.write(content, path)
    return fingerprints(folder)


def fingerprints(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def sandbox_uids(out: Path) -> set[int]:
    """The uids the sandboxes of one grading run had, from the logs it kept in `out`."""
    uids = {json.loads(log.read_text()).get("sandbox_uid") for log in (out / "logs").glob("*.log")}
    return {uid for uid in uids if uid is not None}


def sandbox_processes(uids: set[int]) -> list[str]:
    """Processes still running as one of these sandboxes' users."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
            except OSError:
                continue
    return found
