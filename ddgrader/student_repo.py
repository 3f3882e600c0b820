"""`make student-repo`: the course's second public artefact, for students and self-learners.

The source repository holds the exercise masters (solutions, hidden tests, rubrics) and is the
instructors' and maintainers'. What students open (the Colab and Binder buttons, the Colab
install cell, a clone) is a separate branch, `student`, built from it by this module:

    chapters/     the chapters (.md and the .ipynb copies Colab opens)
    practice/python-toolkit.md   the pandas and Altair the exercises use
    exercises/    the released student notebooks (questions and public checks only)
    data/, dronediplomacy/, references.bib, binder/, requirements.txt, pyproject.toml
    students.md, README.md (for students), LICENSE, LICENSE-content, CITATION.cff

and nothing else: no masters, no tests, no instructor guide, no benchmarks or tools (the
website, built from the source repository, is the other public artefact).
`tests/test_student_repo.py` builds it and searches every file for every solution line and
hidden test of every master. Publish it with
`git -C _build/student-repo push --force <remote> student <tag>` (the tag, v<version>, is
what the Colab install cells install).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from . import ROOT, release_tag

BRANCH = "student"
# What students get from the source repository, as it is.
PUBLIC = [
    "chapters",
    "data",
    "dronediplomacy",
    "binder",
    "references.bib",
    "requirements.txt",
    "pyproject.toml",
    "students.md",
    "LICENSE",
    "LICENSE-content",
    "CITATION.cff",
    "practice/python-toolkit.md",
]  # the exercises' introductions link to it
README = """# Drone Diplomacy: the student repository

This branch holds what you need to read and run the course and to do its exercises: the
chapters (`chapters/`), their data (`data/`), the course's Python package (`dronediplomacy/`)
and the exercise notebooks (`exercises/`), each with its questions and the checks you can run
with `grader.check("q1")`. It holds no solutions.

- Open a chapter or an exercise on Colab or Binder from the course website's rocket button, or
  clone this branch and run `pip install -r requirements.txt && pip install -e .`, then
  `jupyter lab`.
- `students.md` explains how to check and submit an exercise.

Instructors: the source repository's main branch has the masters, the grader and the
instructor guide; this branch is made from it by `make student-repo`.
"""


def build(out: Path, student_notebooks: Path) -> Path:
    """Write the student repository into `out` (replacing it) as a git repository on the
    `student` branch, with one commit. `student_notebooks` is `make assign`'s student folder."""
    notebooks = sorted(Path(student_notebooks).glob("*.ipynb"))
    if not notebooks:
        raise ValueError(f"no student notebooks in {student_notebooks}: run `make assign` first")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    for name in PUBLIC:
        source = ROOT / name
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, out / name)
    (out / "exercises").mkdir()
    for notebook in notebooks:
        shutil.copy2(notebook, out / "exercises" / notebook.name)
    (out / "README.md").write_text(README, encoding="utf-8")
    git = ["git", "-C", str(out), "-c", "user.name=Drone Diplomacy", "-c", "user.email=course@localhost"]
    for command in (
        ["init", "--quiet", "--initial-branch", BRANCH],
        ["add", "--all"],
        ["commit", "--quiet", "-m", "Student repository: chapters, data, package, exercise notebooks"],
        # What the chapters' and exercises' Colab cells install: pyproject.toml's version.
        ["tag", release_tag()],
    ):
        subprocess.run(git + command, check=True, capture_output=True)
    return out
