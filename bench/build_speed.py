"""Build speed: a cold build, a rebuild with nothing changed, and a rebuild after editing one
chapter, each printed as a ratio to the cold build (measured in the same process, on a copy
of the book so the working tree's caches are untouched).

    .venv/bin/python bench/build_speed.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
# What the book is built from: its configuration, every page, the bibliography, and the favicon
# that _config.yml names (the package itself is installed in the environment).
COPY = [
    "_config.yml",
    "_toc.yml",
    "references.bib",
    "chapters",
    "instructors",
    *sorted(p.name for p in ROOT.glob("*.md") if p.name != "README.md"),
    "_ext/ddsite/static/favicon.svg",
]


def build(book: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(JUPYTER_BOOK), "build", str(book), "-W", "-n", "--keep-going"], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "book"
        book.mkdir()
        for name in COPY:
            source = ROOT / name
            (book / name).parent.mkdir(parents=True, exist_ok=True)
            (shutil.copytree if source.is_dir() else shutil.copy)(source, book / name)
        cold = build(book)
        unchanged = build(book)
        chapter = next((book / "chapters").glob("*.md"))
        chapter.write_text(chapter.read_text() + "\n\nAn edited closing sentence.\n")
        edited = build(book)
    print(f"{'build':<34}{'seconds':>9}{'ratio to cold':>15}")
    for name, seconds in [
        ("cold", cold),
        ("rebuild, nothing changed", unchanged),
        ("rebuild, one chapter edited", edited),
    ]:
        print(f"{name:<34}{seconds:>9.1f}{seconds / cold:>15.2f}")


if __name__ == "__main__":
    main()
