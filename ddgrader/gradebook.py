"""`make grade`: grade every file in a folder of submissions into a gradebook and feedback.

Every file under the folder, at any depth, gets a row, whatever it is and whatever happened to
it. Each notebook runs in its own sandbox (sandbox.py), in parallel, one per core by default;
its answers come back as data and are scored by checker.py against tests extracted afresh for
it. The submissions folder is only read. What the grader writes goes to an output folder
(by default `<folder>-graded/` beside it):

    gradebook.csv            one row per file: id, exercise, a score per question, total, status, reason
    feedback/<id>_<ex>.md    for the student: each question's score, each failed check's message
    notebooks/<id>_<ex>.ipynb  the notebook as the grader ran it, outputs included (for regrades)
    logs/<id>_<ex>.log       what the sandbox reported, for the instructor

The CSV is sorted and holds no times or paths that change between runs, so grading the same
folder twice gives the same file. No cell of it can start a spreadsheet formula.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import checker, plan, sandbox
from .submission import (
    SUBMISSION_KINDS,
    SYSTEM_FILES,
    InvalidSubmission,
    exercise_of,
    find_files,
    identify,
    read_submission,
)

GRADED, TIMEOUT, INVALID, WRONG_EXERCISE, ERROR, NOT_A_SUBMISSION = (
    "graded",
    "timeout",
    "invalid notebook",
    "wrong exercise",
    "error",
    "not a submission",
)
LATEST, BEST = "latest", "best"


@dataclass
class Limits:
    seconds: int = 300  # wall clock for the whole notebook
    memory_mb: int = 4000  # address space of each process in the sandbox
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    cell_seconds: int = 60  # one cell; then it is interrupted and the next one runs
    probe_seconds: float = 10  # one call of a student's function by a test
    unsafe: bool = False  # run without the sandbox (the instructor accepted the risk)

    def sandbox(self) -> sandbox.SandboxLimits:
        return sandbox.SandboxLimits(
            seconds=self.seconds,
            cell_seconds=min(self.cell_seconds, self.seconds),
            probe_seconds=self.probe_seconds,
            memory_mb=self.memory_mb,
        )


@dataclass
class Row:
    file: str
    student_id: str = ""
    exercise: str = ""
    status: str = ""
    reason: str = ""
    scores: dict[str, float] = field(default_factory=dict)
    maxima: dict[str, float] = field(default_factory=dict)
    submitted: str = ""
    counts: bool = True  # False for a duplicate that the duplicate policy set aside
    feedback: str = ""  # the feedback file's text
    manual: dict[str, float] = field(default_factory=dict)  # hand-graded questions' maxima

    @property
    def key(self) -> str:
        """The name of this row's feedback, notebook and log files: `<id>_<exercise>`, and the
        file's own name after it when that says more (a duplicate, a platform's name)."""
        base = f"{self.student_id}_{self.exercise or 'unknown'}"
        stem = re.sub(r"[^A-Za-z0-9._-]", "_", Path(self.file).stem)[:60]
        return base if stem == base else f"{base}_{stem}"


@dataclass
class Autograder:
    """An exercise's autograder zip and what its tests ask of a kernel."""

    name: str
    zip: Path
    plans: dict[str, plan.QuestionPlan]
    manual: dict[str, float]

    @property
    def maxima(self) -> dict[str, float]:
        return {q: p.points for q, p in self.plans.items()}


def load_autograders(zips: list[Path], manual: dict[str, dict[str, float]] | None = None) -> dict[str, Autograder]:
    graders = {}
    for path in zips:
        with tempfile.TemporaryDirectory(prefix="dd-plan-") as tmp:
            tests = checker.extract_tests(path, Path(tmp) / "x")
            with zipfile.ZipFile(path) as archive:
                name = json.loads(archive.read("otter_config.json"))["assignment_name"]
            graders[name] = Autograder(name, path, plan.question_plans(tests), (manual or {}).get(name, {}))
    return graders


def grade_one(
    path: Path,
    folder: Path,
    graders: dict[str, Autograder],
    expected: str | None,
    limits: Limits,
    marks: dict | None = None,
) -> tuple[Row, dict]:
    """Grade one file. Returns its row and what to keep for the instructor (notebook, log)."""
    who = identify(path, folder, set(graders))
    row = Row(
        file=path.relative_to(folder).as_posix(),
        student_id=who.student_id,
        submitted=who.submitted,
        exercise=who.exercise or "",
    )
    if path.name in SYSTEM_FILES or path.name.startswith("._") or "__MACOSX" in path.parts:
        row.status, row.reason, row.counts = NOT_A_SUBMISSION, "a system file, not a submission", False
        return row, {}
    if path.suffix.lower() not in SUBMISSION_KINDS:
        row.status, row.counts = NOT_A_SUBMISSION, False
        row.reason = (
            f"a {path.suffix or 'file without extension'} file, not a notebook (.ipynb) or an otter "
            "export (.zip); ask the student for the notebook"
        )
        return row, {}
    try:
        submission = read_submission(path)
    except InvalidSubmission as error:
        row.status, row.reason = INVALID, f"{error}; ask the student to re-export the notebook"
        return row, {}
    except OSError as error:
        row.status, row.reason = ERROR, f"could not read the file: {error}"
        return row, {}
    notes = []
    if submission.claimed_id and submission.claimed_id != who.student_id:
        notes.append(
            f"the notebook's metadata names the student {submission.claimed_id!r}; ignored, the id comes "
            "from the file name"
        )
    name = exercise_of(submission, who, expected)
    row.exercise = name or ""
    if submission.exercise and who.exercise and submission.exercise != who.exercise:
        notes.append(
            f"the file name says {who.exercise} but the notebook is {submission.exercise}; graded as the notebook"
        )
    if name not in graders or (expected and name != expected):
        row.status = WRONG_EXERCISE
        row.reason = (
            f"the notebook is for {name!r}, not {expected!r}"
            if expected and name
            else f"cannot tell which exercise this is (notebook metadata names {submission.exercise!r}); "
            f"known exercises: {', '.join(sorted(graders))}"
        )
        return row, {}
    grader = graders[name]
    row.maxima, row.manual = dict(grader.maxima), dict(grader.manual)
    with tempfile.TemporaryDirectory(prefix="dd-grade-") as tmp:
        in_dir = Path(tmp) / "in"
        in_dir.mkdir()
        nbformat.write(submission.notebook, in_dir / "submission.ipynb")
        (in_dir / "plan.json").write_text(
            json.dumps({q: {"names": p.names, "calls": p.calls} for q, p in grader.plans.items()})
        )
        result = sandbox.run_notebook(in_dir, limits.sandbox(), unsafe=limits.unsafe)
        # The tests come out of the zip only now that the sandbox and all it started are gone.
        tests = checker.extract_tests(grader.zip, Path(tmp) / "tests-for-this-submission")
        stages, facts, executed = {}, {}, None
        for message in result.messages:
            if isinstance(message.get("answers"), str) and isinstance(message.get("data"), dict):
                stages[message["answers"]] = message["data"]
            elif isinstance(message.get("facts"), dict):
                facts = message["facts"]
            elif isinstance(message.get("notebook"), str):
                executed = message["notebook"]
        results = checker.check_submission(tests, grader.plans, stages)
    row.scores = {q: r.score for q, r in results.items()}
    row.status, reasons = _status(result, facts, results, limits)
    lost = [q for q, r in results.items() if r.score < r.max]
    if lost:
        reasons.append("points lost on " + ", ".join(lost))
    row.reason = "; ".join(notes + reasons) or "all automatically graded questions passed"
    row.feedback = feedback_text(row, results, facts, marks or {})
    log = {
        "sandbox_uid": result.uid,
        "returncode": result.returncode,
        "timed_out": result.timed_out,
        "seconds": round(result.seconds, 1),
        "stream_truncated": result.truncated,
        "facts": facts,
        "stderr": result.stderr,
    }
    return row, {"notebook": executed, "log": json.dumps(log, indent=1)}


def _where(event: dict) -> str:
    """A cell as a student finds it: its first line, and the question it comes before."""
    place = f"the cell starting `{event.get('first_line', '')}`"
    if event.get("position"):
        place += f" (cell {event['position']} of the notebook"
        place += f", before the check of {event['question']})" if event.get("question") else ")"
    return place


def _status(result: sandbox.SandboxResult, facts: dict, results: dict, limits: Limits) -> tuple[str, list[str]]:
    reasons = []
    unanswered = [q for q, r in results.items() if not r.answered]
    if result.timed_out:
        status = TIMEOUT
        reasons.append(
            f"grading took longer than {limits.seconds} s and was stopped"
            + (f"; questions with no saved answer: {', '.join(unanswered)}" if unanswered else "")
        )
    elif facts.get("crashed") is not None:
        status = ERROR
        reasons.append(
            f"the Python kernel died in {_where(facts['crashed'])} (out of memory, or the code exits "
            "the interpreter); questions after it have no answer"
        )
    elif not facts:
        status = ERROR
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        reasons.append(f"the notebook could not be run: {last[:300]}")
    else:
        status = GRADED
    for event in facts.get("timeouts", []):
        status = TIMEOUT
        reasons.append(
            f"{_where(event)} was still running after {limits.cell_seconds} s and was interrupted (an endless loop?)"
        )
    errors = facts.get("cell_errors", [])
    if errors:
        reasons.append(f"{len(errors)} cell(s) raised errors, first {_where(errors[0])}: {errors[0].get('error', '')}")
    if any("MemoryError" in e.get("error", "") for e in errors):
        reasons.append(f"a cell ran out of memory (limit {limits.memory_mb} MB)")
    if facts.get("output_truncated"):
        reasons.append("printed more output than the grader keeps; the excess was dropped")
    return status, reasons


def feedback_text(row: Row, results: dict[str, checker.QuestionResult], facts: dict, marks: dict) -> str:
    """What the student reads: scores, and for each lost point what to reconsider (public
    checks' messages; hidden checks' hints, which never state an answer)."""
    total, possible = sum(row.scores.values()), sum(row.maxima.values())
    lines = [
        f"# Feedback: {row.exercise}",
        "",
        f"Submission: `{Path(row.file).name}` (id `{row.student_id}`)",
        "",
        f"Automatically graded questions: **{total:g} / {possible:g}**",
        "",
    ]
    for question, result in results.items():
        lines.append(f"## {question}: {result.score:g} / {result.max:g}")
        for message in result.failed:
            lines.append(f"- A check failed: {message}")
        for message in result.hints:
            lines.append(f"- Hint from a hidden check: {message}")
        if result.score >= result.max:
            lines.append("- All checks passed.")
        lines.append("")
    for question, points in row.manual.items():
        if (row.student_id, row.exercise, question) in marks:
            mark, comment = marks[(row.student_id, row.exercise, question)]
            lines += [f"## {question} (written): {mark:g} / {points:g}"] + ([f"- {comment}"] if comment else []) + [""]
        else:
            lines += [f"## {question} (written, {points:g} points)", "- Marked by hand; not marked yet.", ""]
    events = facts.get("timeouts", []) + facts.get("cell_errors", [])
    if events or facts.get("crashed"):
        lines.append("## Problems running your notebook")
        for event in facts.get("timeouts", []):
            lines.append(f"- {_where(event)} was interrupted after the time limit.")
        for event in facts.get("cell_errors", []):
            lines.append(f"- {_where(event)} raised {event.get('error', '')}")
        if facts.get("crashed"):
            lines.append(f"- The kernel died in {_where(facts['crashed'])}.")
        lines.append("")
    return "\n".join(lines)


def apply_duplicate_policy(rows: list[Row], policy: str = LATEST) -> None:
    """Where one student has several graded files for one exercise, one counts: the latest
    (by otter's export time stamp, then file name) or the best; the others are flagged."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        if row.maxima:
            groups.setdefault((row.student_id, row.exercise), []).append(row)
    for (student, _), group in groups.items():
        if len(group) < 2:
            continue
        if policy == BEST:
            chosen = max(group, key=lambda r: (sum(r.scores.values()), r.submitted, r.file))
        else:
            chosen = max(group, key=lambda r: (r.submitted, r.file))
        for row in group:
            row.counts = row is chosen
            others = ", ".join(r.file for r in group if r is not row)
            note = f"duplicate: {student} also sent {others}; " + (
                f"this one counts ({policy})" if row.counts else f"set aside, the {policy} counts"
            )
            row.reason = f"{note}; {row.reason}" if row.reason else note


def flag_minority_exercises(rows: list[Row]) -> None:
    """When most of the notebooks graded are one exercise, say so on those of another: a
    student may have sent the wrong notebook."""
    counts: dict[str, int] = {}
    for row in rows:
        if row.maxima:
            counts[row.exercise] = counts.get(row.exercise, 0) + 1
    if not counts:
        return
    majority = max(counts, key=counts.get)
    if counts[majority] <= sum(counts.values()) / 2:
        return
    for row in rows:
        if row.maxima and row.exercise != majority:
            note = f"most of this folder is {majority}; this notebook is {row.exercise}"
            row.reason = f"{note}; {row.reason}" if row.reason else note


def shard_of(files: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """Files for shard I of N (1-based): every N-th file of the sorted list, so shards balance."""
    if not shard:
        return files
    index, count = shard
    return [f for position, f in enumerate(files) if position % count == index - 1]


def grade_folder(
    folder: Path,
    autograder_zips: list[Path],
    expected: str | None = None,
    limits: Limits | None = None,
    out: Path | None = None,
    duplicates: str = LATEST,
    shard: tuple[int, int] | None = None,
    manual: dict[str, dict[str, float]] | None = None,
    marks: dict | None = None,
) -> list[Row]:
    """Grade the folder; write feedback, notebooks and logs under `out` when given."""
    limits = limits or Limits()
    folder = Path(folder)
    if not limits.unsafe:
        sandbox.check()
    files = shard_of(find_files(folder), shard)
    graders = load_autograders(autograder_zips, manual)

    def grade(path: Path) -> Row:
        try:
            row, kept = grade_one(path, folder, graders, expected, limits, marks)
        except Exception as error:  # one broken submission never stops the batch
            row, kept = (
                Row(
                    file=path.relative_to(folder).as_posix(),
                    status=ERROR,
                    reason=f"grader error: {type(error).__name__}: {error}",
                ),
                {},
            )
        if out is not None:
            _keep(row, kept, out)
        return row

    with ThreadPoolExecutor(max_workers=max(1, limits.workers)) as pool:
        rows = list(pool.map(grade, files))
    apply_duplicate_policy(rows, duplicates)
    if not expected:
        flag_minority_exercises(rows)
    return sorted(rows, key=lambda r: (r.student_id, r.file))


def _keep(row: Row, kept: dict, out: Path) -> None:
    if row.feedback:
        (out / "feedback").mkdir(parents=True, exist_ok=True)
        (out / "feedback" / f"{row.key}.md").write_text(row.feedback, encoding="utf-8")
    if kept.get("notebook"):
        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        (out / "notebooks" / f"{row.key}.ipynb").write_text(kept["notebook"], encoding="utf-8")
    if kept.get("log"):
        (out / "logs").mkdir(parents=True, exist_ok=True)
        (out / "logs" / f"{row.key}.log").write_text(kept["log"], encoding="utf-8")


# --- the gradebook CSV ---------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A CSV cell no spreadsheet reads as a formula (OWASP's advice: a leading quote)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def uncell(text: str) -> str:
    """A value as it was before `cell` guarded it."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


COLUMNS_BEFORE = ["file", "student_id", "exercise"]
COLUMNS_AFTER = ["total", "max", "counts", "status", "reason"]


def write_gradebook(rows: list[Row], destination: Path, marks: dict | None = None) -> None:
    """One row per file. `marks` ({(id, exercise, question): (mark, comment)}) fills the
    hand-graded questions' columns; without it they stay empty."""
    marks = marks or {}
    questions = sorted(
        {q for r in rows for q in list(r.maxima) + list(r.scores) + list(r.manual)}, key=lambda q: (len(q), q)
    )
    destination.parent.mkdir(parents=True, exist_ok=True)
    with open(destination, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS_BEFORE + questions + COLUMNS_AFTER)
        for r in rows:
            scores, total, possible = [], 0.0, 0.0
            for q in questions:
                if q in r.scores:
                    scores.append(f"{r.scores[q]:g}")
                    total += r.scores[q]
                elif q in r.manual and (r.student_id, r.exercise, q) in marks:
                    mark = marks[(r.student_id, r.exercise, q)][0]
                    scores.append(f"{mark:g}")
                    total += mark
                else:
                    scores.append("")
            possible = sum(r.maxima.values()) + sum(r.manual.values())
            writer.writerow(
                [
                    cell(v)
                    for v in [
                        r.file,
                        r.student_id,
                        r.exercise,
                        *scores,
                        f"{total:g}" if r.maxima else "",
                        f"{possible:g}" if r.maxima else "",
                        "yes" if r.counts else "no",
                        r.status,
                        r.reason,
                    ]
                ]
            )


def read_gradebook(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def merge_gradebooks(parts: list[Path], destination: Path) -> int:
    """Join the gradebooks of shards graded on several machines into one; refuses when two
    shards graded the same file or their columns disagree."""
    header, seen, rows = None, {}, []
    for part in parts:
        with open(part, newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            this_header = next(reader, None)
            if this_header is None:
                raise ValueError(f"{part} is empty")
            if header is None:
                header = this_header
            elif set(this_header) != set(header):
                raise ValueError(f"{part} has other columns than {parts[0]}: is it the same exercise set?")
            for values in reader:
                record = dict(zip(this_header, values))
                if record["file"] in seen:
                    raise ValueError(f"{record['file']} is in both {seen[record['file']]} and {part}")
                seen[record["file"]] = part
                rows.append([record.get(column, "") for column in header])
    rows.sort(key=lambda values: (values[header.index("student_id")], values[header.index("file")]))
    with open(destination, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)
