"""Point everything that names the release at pyproject.toml's version (the one place it is set).

Run after changing `version` in pyproject.toml (and `make venv`, which reinstalls the package):

    .venv/bin/python tools/pin_release.py

It rewrites the chapters' Colab install cells (`...@v<version>`), then their .ipynb copies, and
CITATION.cff's version and release date. The site's footer, the student notebooks' install cells
and the student repository's tag read the version themselves. CHANGELOG.md's heading is yours
to write; tests/test_release.py checks all of it.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path

from ddgrader import release_tag

ROOT = Path(__file__).resolve().parent.parent
INSTALL = re.compile(r'("dronediplomacy @ git\+[^"@]+@)[^"]+(")')


def main() -> int:
    tag = release_tag()
    changed = []
    for chapter in sorted((ROOT / "chapters").glob("*.md")):
        text = chapter.read_text(encoding="utf-8")
        pinned = INSTALL.sub(rf"\g<1>{tag}\g<2>", text)
        if pinned != text:
            chapter.write_text(pinned, encoding="utf-8")
            changed.append(chapter)
    if changed:
        subprocess.run(
            [str(Path(sys.executable).parent / "jupytext"), "--quiet", "--update", "--to", "ipynb", *map(str, changed)],
            check=True,
        )
    citation = ROOT / "CITATION.cff"
    text = citation.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^version: .*$", f"version: {tag.removeprefix('v')}", text)
    text = re.sub(r"(?m)^date-released: .*$", f"date-released: {datetime.date.today().isoformat()}", text)
    citation.write_text(text, encoding="utf-8")
    print(f"pinned {tag}: {len(changed)} chapters, CITATION.cff")
    return 0


if __name__ == "__main__":
    sys.exit(main())
