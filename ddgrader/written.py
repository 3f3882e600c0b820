"""Written answers, marked by hand: extract them into a marking sheet, read the marks back.

`make written SUBMISSIONS=folder` writes, into the grading output folder,

    written/marking-sheet.csv     one row per student and written question: id, exercise,
                                  question, word count, the points available, empty `mark` and
                                  `comment` columns, and the answer itself
    written/<exercise>-<q>.html   every answer to one question on one page, for reading

Fill in `mark` and `comment` (in the sheet, or in a copy of it), then
`make grade SUBMISSIONS=folder MANUAL=<the sheet>`. Extracting again keeps every mark and
comment already in the sheet, and grading never writes to it, so a regrade loses nothing.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import jupytext
import yaml

from .exercises import Exercise
from .gradebook import cell, uncell
from .submission import SUBMISSION_KINDS, InvalidSubmission, exercise_of, find_files, identify, read_submission

SHEET_COLUMNS = ["student_id", "exercise", "question", "file", "words", "max", "mark", "comment", "answer"]
PLACEHOLDER = "_Type your answer here, replacing this text._"


class MarksError(ValueError):
    pass


def manual_questions(exercises: list[Exercise]) -> dict[str, dict[str, float]]:
    """{exercise: {question: points}} for the questions marked `manual: true` in the masters."""
    found = {}
    for exercise in exercises:
        questions = {}
        for notebook_cell in jupytext.read(exercise.master).cells:
            text = notebook_cell.source.strip()
            if text.startswith("```otter") and "# BEGIN QUESTION" in text:
                config = yaml.safe_load("\n".join(text.splitlines()[2:-1])) or {}
                if config.get("manual"):
                    questions[str(config["name"])] = float(config.get("points", 0))
        found[exercise.name] = questions
    return found


def written_answers(notebook, questions: list[str]) -> dict[str, str]:
    """The text between each `<!-- BEGIN QUESTION -->` prompt and its `<!-- END QUESTION -->`,
    in order: otter marks only the hand-graded questions that way."""
    answers, current, parts = {}, None, []
    remaining = list(questions)
    for notebook_cell in notebook.cells:
        source = notebook_cell.source
        if source.lstrip().startswith("<!-- BEGIN QUESTION -->") and remaining:
            current, parts = remaining.pop(0), []
            continue
        if current and "<!-- END QUESTION -->" in source:
            answers[current] = "\n\n".join(p for p in parts if p.strip() and p.strip() != PLACEHOLDER)
            current = None
            continue
        if current:
            parts.append(source)
    return answers


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))


def read_sheet(
    path: Path, manual: dict[str, dict[str, float]] | None = None
) -> dict[tuple[str, str, str], tuple[float, str]]:
    """Marks from a filled-in sheet: {(student_id, exercise, question): (mark, comment)}.
    Rows with no mark are skipped; a mark that is not a number, or is outside 0 to the
    question's points, stops with the row and the value named."""
    marks = {}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"student_id", "exercise", "question", "mark"} - set(reader.fieldnames or [])
        if missing:
            raise MarksError(f"{path}: the sheet has no {', '.join(sorted(missing))} column(s)")
        for line, row in enumerate(reader, start=2):
            text = uncell((row.get("mark") or "").strip())
            if not text:
                continue
            try:
                mark = float(text)
            except ValueError:
                raise MarksError(
                    f"{path}, line {line}: mark {text!r} for {row['student_id']} {row['question']} is not a number"
                )
            ceiling = (manual or {}).get(row["exercise"], {}).get(row["question"])
            if ceiling is None and manual is not None:
                raise MarksError(
                    f"{path}, line {line}: {row['exercise']} has no hand-graded question {row['question']!r}"
                )
            if mark < 0 or (ceiling is not None and mark > ceiling):
                raise MarksError(
                    f"{path}, line {line}: mark {mark:g} for {row['student_id']} {row['question']} "
                    f"is outside 0 to {ceiling:g}"
                )
            marks[(uncell(row["student_id"]), row["exercise"], row["question"])] = (
                mark,
                uncell(row.get("comment") or ""),
            )
    return marks


def extract(folder: Path, out: Path, manual: dict[str, dict[str, float]], expected: str | None = None) -> Path:
    """Write the marking sheet and one page per question; keep marks already in the sheet."""
    sheet = out / "written" / "marking-sheet.csv"
    kept = {}
    if sheet.exists():
        with open(sheet, newline="", encoding="utf-8-sig") as handle:
            kept = {
                (uncell(r["student_id"]), r["exercise"], r["question"]): (r.get("mark", ""), r.get("comment", ""))
                for r in csv.DictReader(handle)
            }
    rows = []
    for path in find_files(folder):
        if path.suffix.lower() not in SUBMISSION_KINDS:
            continue
        try:
            submission = read_submission(path)
        except (InvalidSubmission, OSError):
            continue
        who = identify(path, folder, set(manual))
        exercise = exercise_of(submission, who, expected)
        questions = manual.get(exercise or "", {})
        answers = written_answers(submission.notebook, list(questions))
        for question, points in questions.items():
            answer = answers.get(question, "")
            mark, comment = kept.get((who.student_id, exercise, question), ("", ""))
            rows.append(
                {
                    "student_id": who.student_id,
                    "exercise": exercise,
                    "question": question,
                    "file": path.relative_to(folder).as_posix(),
                    "words": word_count(answer),
                    "max": f"{points:g}",
                    "mark": mark,
                    "comment": comment,
                    "answer": answer or "(no answer found)",
                }
            )
    rows.sort(key=lambda r: (r["exercise"], r["question"], r["student_id"], r["file"]))
    sheet.parent.mkdir(parents=True, exist_ok=True)
    with open(sheet, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, SHEET_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: cell(v) for k, v in row.items()})
    for exercise, question in sorted({(r["exercise"], r["question"]) for r in rows}):
        page = [
            f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{html.escape(exercise)} {question}</title>",
            "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em}"
            "article{border-top:1px solid #999;padding:.5em 0}pre{white-space:pre-wrap;font:inherit}</style>",
            f"<h1>{html.escape(exercise)}: {question}</h1>",
        ]
        for row in (r for r in rows if r["exercise"] == exercise and r["question"] == question):
            page.append(
                f"<article><h2>{html.escape(row['student_id'])} <small>({row['words']} words, "
                f"{html.escape(row['file'])})</small></h2><pre>{html.escape(row['answer'])}</pre></article>"
            )
        (sheet.parent / f"{exercise}-{question}.html").write_text("\n".join(page) + "</html>\n", encoding="utf-8")
    return sheet
