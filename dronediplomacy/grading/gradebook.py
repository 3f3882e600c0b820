"""`make grade`: grade every submission in a folder into a gradebook CSV.

One row per file, whatever happened to it. Each submission is graded by worker.py in its own
process, in its own scratch folder, with a wall-clock limit and a memory limit; submissions run
in parallel, one per core by default. The CSV is sorted and holds no times or paths that change
between runs, so grading the same folder twice gives the same file.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .submission import InvalidSubmission, read_submission, student_id

GRADED, TIMEOUT, INVALID, WRONG_EXERCISE, ERROR = "graded", "timeout", "invalid notebook", "wrong exercise", "error"


@dataclass
class Limits:
    seconds: int = 300            # wall clock for the whole submission
    memory_mb: int = 4000         # address space of the worker and its kernel
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass
class Row:
    file: str
    student_id: str = ""
    exercise: str = ""
    status: str = ""
    reason: str = ""
    scores: dict[str, float] = field(default_factory=dict)
    maxima: dict[str, float] = field(default_factory=dict)


@dataclass
class Autograder:
    """An exercise's autograder zip, unpacked once for the whole batch."""
    name: str
    tests_dir: Path
    maxima: dict[str, float]


def load_autograders(zips: list[Path], into: Path) -> dict[str, Autograder]:
    from otter.test_files.ok_test import OKTestFile

    graders = {}
    for path in zips:
        folder = into / path.stem
        with zipfile.ZipFile(path) as archive:
            archive.extractall(folder)
        name = json.loads((folder / "otter_config.json").read_text())["assignment_name"]
        tests = [OKTestFile.from_file(str(t)) for t in sorted((folder / "tests").glob("*.py"))]
        graders[name] = Autograder(name, folder / "tests", {t.name: float(t.possible) for t in tests})
    return graders


def _limit_resources(pid: int, memory_mb: int) -> None:
    """Cap the worker's address space (its kernel inherits the cap) and core dumps. Set from
    outside with prlimit: a preexec_fn is unsafe when threads start processes."""
    limit = memory_mb * 1024 * 1024
    resource.prlimit(pid, resource.RLIMIT_AS, (limit, limit))
    resource.prlimit(pid, resource.RLIMIT_CORE, (0, 0))


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def grade_one(path: Path, graders: dict[str, Autograder], expected: str | None, limits: Limits) -> Row:
    row = Row(file=path.name, student_id=student_id(path, None, set(graders)))
    try:
        submission = read_submission(path, set(graders))
    except InvalidSubmission as error:
        row.status, row.reason = INVALID, f"{error}; ask the student to re-export the notebook"
        return row
    except OSError as error:
        row.status, row.reason = ERROR, f"could not read the file: {error}"
        return row
    row.student_id = submission.student_id
    name = submission.exercise or expected
    row.exercise = name or ""
    if name not in graders or (expected and name != expected):
        row.status = WRONG_EXERCISE
        row.reason = (f"the notebook is for {submission.exercise!r}, not {expected!r}" if expected and submission.exercise
                      else f"cannot tell which exercise this is (notebook metadata names {submission.exercise!r}); "
                           f"known exercises: {', '.join(sorted(graders))}")
        return row
    grader = graders[name]
    row.maxima = dict(grader.maxima)
    # The notebook runs one level down, so even "../" is this submission's own scratch space.
    scratch_root = Path(tempfile.mkdtemp(prefix="dd-grade-"))
    scratch = scratch_root / "submission"
    scratch.mkdir()
    try:
        notebook_path = scratch / "submission.ipynb"
        nbformat.write(submission.notebook, notebook_path)
        result_path = scratch / "result.json"
        command = [sys.executable, "-m", "dronediplomacy.grading.worker", str(notebook_path),
                   # Half the budget per cell leaves the other half to start, save and test.
                   str(grader.tests_dir), str(result_path), str(max(10, limits.seconds // 2))]
        # Its own session, so that a timeout can kill the kernel along with the worker.
        process = subprocess.Popen(command, cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True)
        _limit_resources(process.pid, limits.memory_mb)
        try:
            _, stderr = process.communicate(timeout=limits.seconds)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            process.communicate()
            row.status, row.reason = TIMEOUT, f"grading took longer than {limits.seconds} s and was stopped"
            row.scores = {q: 0.0 for q in grader.maxima}
            return row
        _kill_group(process)   # the kernel, if the worker left it behind
        if not result_path.exists():
            last = (stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
            memory = "MemoryError" in last or process.returncode in (-signal.SIGKILL, -signal.SIGSEGV)
            row.status = ERROR
            row.reason = (f"the grader ran out of memory ({limits.memory_mb} MB limit)" if memory
                          else f"the grader stopped unexpectedly: {last[:300]}")
            row.scores = {q: 0.0 for q in grader.maxima}
            return row
        facts = json.loads(result_path.read_text())
    finally:
        shutil.rmtree(scratch_root, ignore_errors=True)
    return _row_from_facts(row, facts, grader)


def _row_from_facts(row: Row, facts: dict, grader: Autograder) -> Row:
    row.scores = {q: facts["tests"].get(q, {}).get("score", 0.0) for q in grader.maxima}
    notes = []
    if facts.get("timeout"):
        row.status = TIMEOUT
        notes.append(f"{facts['timeout']} was still running after the time limit (an endless loop?); "
                     "questions answered after it score zero")
    elif facts.get("crashed"):
        row.status = ERROR
        notes.append(f"the Python kernel died in {facts['crashed']} (out of memory, or the code exits the "
                     "interpreter); later questions score zero")
    else:
        row.status = GRADED
    if facts.get("cell_errors"):
        notes.append(f"{len(facts['cell_errors'])} cell(s) raised errors, first {facts['cell_errors'][0]}")
    if facts.get("output_truncated"):
        notes.append("printed more output than the grader keeps; the excess was dropped")
    lost = [q for q, r in sorted(facts["tests"].items()) if r["score"] < r["max"]]
    if lost:
        notes.append("points lost on " + ", ".join(lost))
    row.reason = "; ".join(notes) or "all automatically graded questions passed"
    return row


def submissions_in(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir()
                  if p.is_file() and p.suffix in (".ipynb", ".zip") and not p.name.startswith("."))


def grade_folder(folder: Path, autograder_zips: list[Path], expected: str | None = None,
                 limits: Limits | None = None) -> list[Row]:
    limits = limits or Limits()
    files = submissions_in(folder)
    with tempfile.TemporaryDirectory(prefix="dd-autograders-") as unpacked:
        graders = load_autograders(autograder_zips, Path(unpacked))
        with ThreadPoolExecutor(max_workers=max(1, limits.workers)) as pool:
            rows = list(pool.map(lambda p: _safe_grade(p, graders, expected, limits), files))
    return sorted(rows, key=lambda r: (r.student_id, r.file))


def _safe_grade(path, graders, expected, limits) -> Row:
    try:
        return grade_one(path, graders, expected, limits)
    except Exception as error:  # one broken submission never stops the batch
        return Row(file=path.name, status=ERROR, reason=f"grader error: {type(error).__name__}: {error}")


def write_gradebook(rows: list[Row], destination: Path) -> None:
    questions = sorted({q for r in rows for q in r.maxima} | {q for r in rows for q in r.scores},
                       key=lambda q: (len(q), q))
    with open(destination, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "student_id", "exercise", *questions, "total", "max", "status", "reason"])
        for r in rows:
            scores = [f"{r.scores[q]:g}" if q in r.scores else "" for q in questions]
            total = sum(r.scores.values())
            writer.writerow([r.file, r.student_id, r.exercise, *scores,
                             f"{total:g}" if r.maxima else "", f"{sum(r.maxima.values()):g}" if r.maxima else "",
                             r.status, r.reason])
