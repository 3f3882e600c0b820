"""Grades for a learning platform: Canvas and Moodle CSV files from the merged gradebook.

The roster (`ROSTER=roster.csv`) maps the course's ids to the platform's. Its columns:

    student_id     the id the grader gives a submission (see submission.py's id rule)
    name           the student's name as the platform shows it
    email          Moodle matches on it ("Email address")
    canvas_id      Canvas's numeric user id (column "ID" of a Canvas gradebook export)
    sis_user_id    Canvas "SIS User ID" (optional)
    sis_login_id   Canvas "SIS Login ID" (optional)
    section        Canvas "Section" (optional)

Canvas's gradebook import reads `Student, ID, SIS User ID, SIS Login ID, Section` and then one
column per assignment; Moodle's "Import grades > CSV file" takes any columns and asks which
one identifies the student (map "Email address" to the email field) and which holds the grade
and the feedback. Only the submission that counts (see the duplicate policy) is exported; a
student on the roster with no submission gets an empty grade, and a graded id missing from the
roster stops the export with the ids named, so that no grade is silently dropped.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .gradebook import cell, uncell

ROSTER_COLUMNS = ["student_id", "name", "email", "canvas_id", "sis_user_id", "sis_login_id", "section"]


class ExportError(ValueError):
    pass


def read_roster(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if "student_id" not in (reader.fieldnames or []):
            raise ExportError(f"{path}: the roster needs a student_id column (columns: {', '.join(ROSTER_COLUMNS)})")
        roster = {}
        for line, row in enumerate(reader, start=2):
            key = (row.get("student_id") or "").strip()
            if not key:
                raise ExportError(f"{path}, line {line}: no student_id")
            if key in roster:
                raise ExportError(f"{path}, line {line}: student_id {key!r} appears twice")
            roster[key] = {c: (row.get(c) or "").strip() for c in ROSTER_COLUMNS}
    return roster


def counted_totals(gradebook_rows: list[dict], exercise: str) -> dict[str, str]:
    """student_id -> total, for the submissions that count for `exercise`."""
    totals = {}
    for row in gradebook_rows:
        if row.get("exercise") == exercise and row.get("counts") == "yes" and row.get("total", "") != "":
            totals[uncell(row["student_id"])] = row["total"]
    return totals


def _check_roster(totals: dict[str, str], roster: dict[str, dict[str, str]]) -> None:
    unknown = sorted(set(totals) - set(roster))
    if unknown:
        raise ExportError("graded ids missing from the roster (add them, or fix the file names): " + ", ".join(unknown))


def canvas(
    gradebook_rows: list[dict],
    exercise: str,
    roster: dict[str, dict[str, str]],
    destination: Path,
    column: str | None = None,
) -> int:
    totals = counted_totals(gradebook_rows, exercise)
    _check_roster(totals, roster)
    column = column or exercise
    with open(destination, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column])
        for key, person in sorted(roster.items(), key=lambda item: item[1]["name"] or item[0]):
            writer.writerow(
                [
                    cell(v)
                    for v in (
                        person["name"],
                        person["canvas_id"],
                        person["sis_user_id"],
                        person["sis_login_id"],
                        person["section"],
                        totals.get(key, ""),
                    )
                ]
            )
    return len(roster)


def moodle(
    gradebook_rows: list[dict],
    exercise: str,
    roster: dict[str, dict[str, str]],
    destination: Path,
    feedback: dict[str, str] | None = None,
) -> int:
    totals = counted_totals(gradebook_rows, exercise)
    _check_roster(totals, roster)
    with open(destination, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Email address", "ID number", "Full name", exercise, "Feedback comments"])
        for key, person in sorted(roster.items(), key=lambda item: item[1]["name"] or item[0]):
            writer.writerow(
                [
                    cell(v)
                    for v in (person["email"], key, person["name"], totals.get(key, ""), (feedback or {}).get(key, ""))
                ]
            )
    return len(roster)
