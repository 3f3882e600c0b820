"""A chapter whose cell raises fails the build, and the message says where and why."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from notebooks import MYST_HEADER

BROKEN_CHAPTER = (
    MYST_HEADER
    + """
# A broken chapter

```{code-cell} ipython3
deliveries = [2019, 2021]
deliveries[5]
```
"""
)


def test_failing_cell_fails_the_build_naming_chapter_cell_and_error(tmp_path):
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copy(ROOT / "references.bib", book)
    (book / "intro.md").write_text("# Test book\n")
    (book / "chapters" / "09-broken.md").write_text(BROKEN_CHAPTER)
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: chapters/09-broken\n")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "chapters/09-broken.md" in log
    assert "deliveries[5]" in log
    assert "IndexError" in log
