"""The instructor's loop on a messy class folder, through the commands `make` calls: grade a
folder as a learning platform delivers it (renamed files, Canvas and Moodle downloads, otter
export zips, duplicates, stray files, another exercise), extract the written answers, mark
them, grade again with the marks, export to Canvas and Moodle. Nothing is lost or altered."""

from __future__ import annotations

import csv

import nbformat
import pytest

from ddgrader import exercises, release
from ddgrader.__main__ import main as cli
from notebooks import fingerprints, write_folder, zipped

EXERCISE = "03-mtcr-export-gap"
WRITTEN = "Drones matter, but the regime's limits matter more. " * 20


@pytest.fixture(scope="module")
def released35(tmp_path_factory):
    out = tmp_path_factory.mktemp("assign35")
    release.release(exercises.select("3,5"), out, run_tests=False)
    return out


def student_answer(released, text: str):
    nb = nbformat.read(released / "student" / f"{EXERCISE}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.source.startswith("_Type your answer here"):
            cell.source = text
    return nb


def test_a_messy_class_folder_from_grading_to_canvas(released35, tmp_path):
    solution = nbformat.read(released35 / "solutions" / f"{EXERCISE}.ipynb", as_version=4)
    blank = nbformat.read(released35 / "student" / f"{EXERCISE}.ipynb", as_version=4)
    other = nbformat.read(released35 / "solutions" / "05-nagorno-karabakh-2020.ipynb", as_version=4)
    folder = tmp_path / "downloads"
    folder.mkdir()
    files = {
        f"jdoe_{EXERCISE}.ipynb": solution,
        "leeann_55501_9001_my-exercise.ipynb": solution,  # Canvas
        "leeann_LATE_55501_9002_my-exercise-1.ipynb": student_answer(released35, WRITTEN),  # Canvas, later
        "Jane Doe_4411_assignsubmission_file_/exercise 3 final.ipynb": student_answer(released35, WRITTEN),  # Moodle
        f"bob_{EXERCISE}_2026_12_05T10_00_00_000000.zip": zipped({f"{EXERCISE}.ipynb": nbformat.writes(blank)}),
        f"bob_{EXERCISE}_2026_12_06T09_00_00_000000.zip": zipped({f"{EXERCISE}.ipynb": nbformat.writes(solution)}),
        "kim_05-nagorno-karabakh-2020.ipynb": other,
        "bob-notes.html": b"<p>my notes</p>",
        "__MACOSX/._jdoe.ipynb": b"\x00\x05\x16\x07",
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
    }
    before = write_folder(folder, files)
    autograders = released35 / "autograder"
    common = ["--autograders", str(autograders), "--exercise", EXERCISE, "--workers", "2", "--timeout", "120"]

    assert cli(["grade", str(folder), *common]) == 0
    out = tmp_path / "downloads-graded"
    book = {r["file"]: r for r in csv.DictReader(open(out / "gradebook.csv"))}
    assert set(book) == set(files)  # every file has a row
    assert book[f"jdoe_{EXERCISE}.ipynb"]["student_id"] == "jdoe"
    assert book[f"jdoe_{EXERCISE}.ipynb"]["total"] == "13" and book[f"jdoe_{EXERCISE}.ipynb"]["q6"] == ""
    assert {book[f]["student_id"] for f in files if "leeann" in f} == {"55501"}
    assert book["leeann_LATE_55501_9002_my-exercise-1.ipynb"]["counts"] == "yes"
    assert book["leeann_55501_9001_my-exercise.ipynb"]["counts"] == "no"
    assert "duplicate" in book["leeann_55501_9001_my-exercise.ipynb"]["reason"]
    moodle = book["Jane Doe_4411_assignsubmission_file_/exercise 3 final.ipynb"]
    assert moodle["student_id"] == "4411" and moodle["status"] == "graded"
    later = book[f"bob_{EXERCISE}_2026_12_06T09_00_00_000000.zip"]
    assert later["student_id"] == "bob" and later["counts"] == "yes" and later["total"] == "13"
    assert book[f"bob_{EXERCISE}_2026_12_05T10_00_00_000000.zip"]["counts"] == "no"
    assert book["kim_05-nagorno-karabakh-2020.ipynb"]["status"] == "wrong exercise"
    for stray in ("bob-notes.html", "__MACOSX/._jdoe.ipynb", ".DS_Store"):
        assert book[stray]["status"] == "not a submission" and book[stray]["counts"] == "no"
    feedback = (out / "feedback" / f"jdoe_{EXERCISE}.md").read_text()
    assert "13 / 13" in feedback and "q6 (written" in feedback
    blank_feedback = (out / "feedback" / f"bob_{EXERCISE}_bob_{EXERCISE}_2026_12_05T10_00_00_000000.md").read_text()
    # a blank answer is told only that it is not answered, once per question, as grader.check says
    auto_graded = blank_feedback.split("## q6")[0]
    assert auto_graded.count("- A check failed: Not answered yet") == 5, blank_feedback
    assert "Hint from a hidden check" not in auto_graded and auto_graded.count("- ") == 5
    assert (out / "notebooks" / f"jdoe_{EXERCISE}.ipynb").exists() and (out / "logs" / f"jdoe_{EXERCISE}.log").exists()

    assert cli(["written", str(folder), "--exercise", EXERCISE]) == 0
    sheet = out / "written" / "marking-sheet.csv"
    rows = list(csv.DictReader(open(sheet)))
    by_id = {r["student_id"]: r for r in rows if r["file"].startswith(("leeann_LATE", "Jane"))}
    assert by_id["4411"]["words"] == str(len(WRITTEN.split())) and by_id["4411"]["max"] == "4"
    for r in rows:
        if r["student_id"] in ("4411", "55501") and r["words"] != "0":
            r["mark"], r["comment"] = "3", "Clear argument; cite a number from q2."
    with open(sheet, "w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    marked = sheet.read_bytes()

    assert cli(["grade", str(folder), *common, "--manual", str(sheet)]) == 0
    assert sheet.read_bytes() == marked  # grading never writes the sheet
    book = {r["file"]: r for r in csv.DictReader(open(out / "gradebook.csv"))}
    moodle = book["Jane Doe_4411_assignsubmission_file_/exercise 3 final.ipynb"]
    assert (
        moodle["q6"] == "3"
        and float(moodle["total"])
        == float(moodle["q1"])
        + float(moodle["q2"])
        + float(moodle["q3"])
        + float(moodle["q4"])
        + float(moodle["q5"])
        + 3
    )
    assert "3 / 4" in (out / "feedback" / f"4411_{EXERCISE}_exercise_3_final.md").read_text()
    assert "cite a number from q2" in (out / "feedback" / f"4411_{EXERCISE}_exercise_3_final.md").read_text()

    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student_id,name,email,canvas_id,sis_user_id,sis_login_id,section\n"
        "jdoe,Jo Doe,jo@uni.edu,1,,,A\n55501,Lee Ann,lee@uni.edu,55501,,,A\n"
        "4411,Jane Doe,jane@uni.edu,4411,,,B\nbob,Bob Ray,bob@uni.edu,7,,,B\n"
    )
    assert cli(["export", "--exercise", EXERCISE, "--roster", str(roster), "--out", str(out)]) == 0
    canvas = {r["Student"]: r[EXERCISE] for r in csv.DictReader(open(out / f"canvas-{EXERCISE}.csv"))}
    assert canvas["Jo Doe"] == "13" and canvas["Bob Ray"] == "13"
    assert canvas["Jane Doe"] == moodle["total"]
    assert fingerprints(folder) == before  # nothing in the folder changed
