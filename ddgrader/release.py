"""`make assign`: student notebooks and Gradescope autograder zips from the master notebooks.

For each exercise: convert the MyST master to .ipynb (jupytext), add to its assignment config
the course package as a wheel (Gradescope's image installs it, data included), run
`otter assign` (which also runs every test against the solutions, unless told not to), and
copy out:

    <out>/student/<name>.ipynb                 what students receive (first cell: colab.py;
                                               links to the book's pages: site_links.py)
    <out>/autograder/<name>-autograder.zip     upload to Gradescope; also what `make grade` uses
    <out>/solutions/<name>.ipynb               for instructors only
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jupytext
import nbformat
import yaml

from . import ROOT
from . import colab, site_links
from .exercises import Exercise

BIN = Path(sys.executable).parent
REQUIREMENTS = ROOT / "requirements.txt"
# What the grading image needs besides otter: the course package's own dependencies.
RUNTIME = ("altair", "pandas", "numpy", "frictionless", "ipywidgets", "jupyterquiz")


class ReleaseError(RuntimeError):
    pass


def build_wheel(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("dronediplomacy-*.whl"):
        old.unlink()
    _run(
        [str(BIN / "python"), "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(directory), str(ROOT)],
        "building the course package wheel",
    )
    return next(directory.glob("dronediplomacy-*.whl"))


def grading_requirements(wheel: Path) -> str:
    pins = [line.strip() for line in REQUIREMENTS.read_text().splitlines() if line.split("==")[0].strip() in RUNTIME]
    # Gradescope unpacks the zip into /autograder/source; otter puts `files` under files/.
    return "\n".join(pins + [f"/autograder/source/files/{wheel.name}"]) + "\n"


def _run(command: list[str], what: str, cwd: Path | None = None) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise ReleaseError(f"{what} failed:\n{(result.stdout + result.stderr)[-4000:]}")


def _with_grading_config(notebook, requirements: str, wheel: str):
    """Add requirements and the wheel to the master's ```otter ASSIGNMENT CONFIG cell."""
    for cell in notebook.cells:
        text = cell.source.strip()
        if text.startswith("```otter") and "# ASSIGNMENT CONFIG" in text:
            config = yaml.safe_load("\n".join(text.splitlines()[1:-1]))
            config.update(requirements=requirements, overwrite_requirements=False, files=[wheel])
            cell.source = "```otter\n# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=False) + "```"
            return notebook
    raise ReleaseError("the master has no ```otter # ASSIGNMENT CONFIG cell")


def _prepare(exercise: Exercise, work: Path, wheel: Path) -> Path:
    """The exercise's own folder with the wheel, its requirements and the master as .ipynb."""
    folder = work / exercise.name
    folder.mkdir(parents=True)
    shutil.copy(wheel, folder / wheel.name)
    (folder / "requirements.txt").write_text(grading_requirements(wheel))
    notebook = _with_grading_config(jupytext.read(exercise.master), "requirements.txt", wheel.name)
    master = folder / f"{exercise.name}.ipynb"
    jupytext.write(notebook, master, fmt="ipynb")
    return master


def _assign(exercise: Exercise, master: Path, run_tests: bool) -> None:
    command = [str(BIN / "otter"), "assign", master.name, "dist"] + ([] if run_tests else ["--no-run-tests"])
    try:
        _run(command, f"otter assign on {exercise.master}", cwd=master.parent)
    except ReleaseError as error:
        raise ReleaseError(f"{error}\n(an assign failure usually means a solution fails its own tests)")


def release(exercises: list[Exercise], out: Path, run_tests: bool = True, ref: str | None = None) -> list[Path]:
    """Release `exercises` into `out`. With run_tests (the default, what `make assign` does),
    otter also checks every solution against its public and hidden tests, which is about half
    of the time a release takes. The student notebooks' Colab install pins the release tag
    (v<version>), or `ref` when given."""
    out = Path(out)
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    wheel = build_wheel(out / "wheel")
    masters = [_prepare(exercise, work, wheel) for exercise in exercises]
    # otter assign runs each solution against its tests in a kernel: one exercise per core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for done in [pool.submit(_assign, e, m, run_tests) for e, m in zip(exercises, masters)]:
            done.result()
    written = []
    for exercise, master in zip(exercises, masters):
        dist = master.parent / "dist"
        zips = sorted((dist / "autograder").glob("*-autograder_*.zip"))
        targets = {
            out / "student" / f"{exercise.name}.ipynb": dist / "student" / master.name,
            out / "solutions" / f"{exercise.name}.ipynb": dist / "autograder" / master.name,
            out / "autograder" / f"{exercise.name}-autograder.zip": zips[-1],
        }
        for target, source in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
            written.append(target)
        student = out / "student" / f"{exercise.name}.ipynb"
        notebook = site_links.with_site_links(nbformat.read(student, as_version=4), exercise.master.parent.name)
        nbformat.write(colab.with_setup_cell(notebook, student.name, ref), student)
    shutil.rmtree(work, ignore_errors=True)
    return written
