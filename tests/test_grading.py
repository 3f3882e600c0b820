"""The instructor workflow: release, then grade solutions, blanks, broken files and a student
who edits the course tables before answering, for every exercise. Each case states the status
and scores a person would expect. Hostile submissions are in test_grading_attacks.py, the
instructor's loop on a messy folder in test_grading_loop.py. The grading benchmark's smoke test
lives here too: it grades the same released exercises."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import sys

import nbformat
import pytest

from conftest import ROOT
from ddgrader import exercises, gradebook, kernel_run, release_tag
from masters import checked_questions, secrets_of
from notebooks import with_cell, write_folder, zipped

EXERCISE = "03-mtcr-export-gap"


def notebook(released, kind: str):
    return nbformat.read(released / kind / f"{EXERCISE}.ipynb", as_version=4)


def grade(folder: Path, released: Path, expected=EXERCISE, seconds=120):
    limits = gradebook.Limits(seconds=seconds, memory_mb=3000, cell_seconds=30, probe_seconds=5)
    rows = gradebook.grade_folder(folder, sorted((released / "autograder").glob("*.zip")), expected, limits)
    return {r.file: r for r in rows}


# --- release --------------------------------------------------------------------------------


def test_release_writes_student_notebook_solution_and_autograder(released):
    assert (released / "student" / f"{EXERCISE}.ipynb").exists()
    assert (released / "solutions" / f"{EXERCISE}.ipynb").exists()
    with zipfile.ZipFile(released / "autograder" / f"{EXERCISE}-autograder.zip") as archive:
        names = archive.namelist()
        environment = archive.read("environment.yml").decode()
    assert {"run_autograder", "setup.sh", "tests/q1.py", "tests/q5.py"} <= set(names)
    wheel = next(n for n in names if n.startswith("files/dronediplomacy-") and n.endswith(".whl"))
    assert f"/autograder/source/{wheel}" in environment and "altair==5.5.0" in environment


def test_student_notebook_links_the_published_site_not_a_file_beside_the_master(released):
    """A released notebook travels alone (Colab, a download): its link to the toolkit page must
    be the page's address on the site, which the book builds."""
    from ddgrader import site_links

    notebook = nbformat.read(released / "student" / f"{EXERCISE}.ipynb", as_version=4)
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert f"]({site_links.site_url()}practice/python-toolkit.html)" in prose
    assert "](../" not in prose and ".md)" not in prose


def test_autograder_wheel_carries_the_course_data(released, tmp_path):
    """Gradescope installs the wheel: the package must load its tables from it, not a clone."""
    with zipfile.ZipFile(released / "autograder" / f"{EXERCISE}-autograder.zip") as archive:
        wheel = next(n for n in archive.namelist() if n.endswith(".whl"))
        archive.extract(wheel, tmp_path)
    with zipfile.ZipFile(tmp_path / wheel) as package:
        package.extractall(tmp_path / "site")
    import subprocess
    import sys

    code = "from dronediplomacy import load; print(len(load('transfers')))"
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); {code}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) > 100


def test_chapter_selection_is_checked():
    with pytest.raises(ValueError, match="No exercise for chapter"):
        exercises.select("3,99")
    with pytest.raises(ValueError, match="chapter numbers"):
        exercises.select("three")


# --- nothing leaks --------------------------------------------------------------------------


def test_secrets_extraction_finds_solutions_and_hidden_tests():
    secrets = secrets_of(exercises.select("3")[0].master)
    assert any("partner_share = by_decade" in s for s in secrets)  # a solution line
    assert any("_armed.groupby" in s for s in secrets)  # a hidden test
    assert any("Rubric" in s for s in secrets)  # the manual rubric
    assert len(secrets) >= 15


def test_no_solution_or_hidden_test_reaches_students_or_the_site(released, site):
    received = [p for p in (released / "student").rglob("*") if p.is_file()]
    published = [
        p for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".js", ".json", ".txt", ".ipynb", ".md"}
    ]
    assert received and published
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in received + published}
    for exercise in exercises.all_exercises():
        for secret in secrets_of(exercise.master):
            leaks = [str(p) for p, text in texts.items() if secret in text or json.dumps(secret)[1:-1] in text]
            assert leaks == [], f"{exercise.name}: {secret!r} found in {leaks}"


def test_the_student_repository_has_everything_a_student_opens_and_no_answer(released, tmp_path):
    """The branch Colab, Binder and the install cell open: chapters, data, package and student
    notebooks, and not one solution line, hidden test or rubric of any master."""
    from ddgrader import student_repo

    out = student_repo.build(tmp_path / "student-repo", released / "student")
    files = [p for p in out.rglob("*") if p.is_file() and ".git" not in p.relative_to(out).parts]
    names = {p.relative_to(out).as_posix() for p in files}
    assert {f"exercises/{e.name}.ipynb" for e in exercises.all_exercises()} <= names
    assert {f"chapters/{c.stem}.ipynb" for c in (ROOT / "chapters").glob("*.md")} <= names
    assert {"data/datapackage.json", "dronediplomacy/__init__.py", "binder/requirements.txt", "pyproject.toml"} <= names
    assert "LICENSE-content" in names
    assert not [
        n
        for n in names
        if n.startswith(("tests/", "instructors/", "bench/", "tools/", "ddgrader/", "refresh/", "_ext/"))
        or (n.startswith("exercises/") and n.endswith(".md"))
    ]
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in files}
    # Question 5 of exercise 2 spells this sum out in words, and chapter 2's calculator
    # (widgets.lifetime_costs) computes it: the same line there gives nothing away.
    taught = {"total = purchase + support"}
    for exercise in exercises.all_exercises():
        for secret in set(secrets_of(exercise.master)) - taught:
            leaks = [str(p) for p, text in texts.items() if secret in text or json.dumps(secret)[1:-1] in text]
            assert leaks == [], f"{exercise.name}: {secret!r} found in {leaks}"
    import subprocess

    branch = subprocess.run(["git", "-C", str(out), "branch", "--show-current"], capture_output=True, text=True)
    assert branch.stdout.strip() == "student"
    # The tag the Colab install cells install: this release's.
    tags = subprocess.run(["git", "-C", str(out), "tag", "--points-at", "HEAD"], capture_output=True, text=True)
    assert tags.stdout.split() == [release_tag()]


def test_the_package_students_install_is_the_student_package_alone(released):
    """The wheel (Gradescope's image and a pip install from the student branch) holds the package
    and its data: no grader, no refresh scripts, no site extension, no entry point into them."""
    import zipfile

    wheel = next((released / "wheel").glob("dronediplomacy-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "dronediplomacy/data/transfers.csv" in names and "dronediplomacy/charts/mtcr_export_gap.py" in names
    assert {n.split("/")[0] for n in names} == {"dronediplomacy", wheel.name.rsplit("-", 3)[0] + ".dist-info"}, names
    assert not [n for n in names if n.endswith("entry_points.txt")]


# --- grading: solution, blank, determinism ----------------------------------------------------


def test_solutions_full_marks_blanks_zero_and_same_csv_twice(released, tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    names = [e.name for e in exercises.all_exercises()]
    for name in names:
        nbformat.write(
            nbformat.read(released / "solutions" / f"{name}.ipynb", as_version=4), folder / f"ada_{name}.ipynb"
        )
        nbformat.write(
            nbformat.read(released / "student" / f"{name}.ipynb", as_version=4), folder / f"blank_{name}.ipynb"
        )
    (folder / "garbled.ipynb").write_text("{ not json")
    rows = grade(folder, released, expected=None)
    for name in names:
        ada, blank = rows[f"ada_{name}.ipynb"], rows[f"blank_{name}.ipynb"]
        assert ada.exercise == name and ada.status == "graded" and ada.scores == ada.maxima, ada.reason
        assert blank.status == "graded" and set(blank.scores) == set(blank.maxima) and len(blank.maxima) >= 5
        assert all(score == 0 for score in blank.scores.values()), (name, blank.scores)
    assert rows["garbled.ipynb"].status == "invalid notebook"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    gradebook.write_gradebook(sorted(rows.values(), key=lambda r: r.file), first)
    # Grading again gives the same bytes (checked on one exercise's pair, to keep the suite fast).
    again = tmp_path / "again"
    again.mkdir()
    for name in (f"ada_{EXERCISE}.ipynb", f"blank_{EXERCISE}.ipynb", "garbled.ipynb"):
        (again / name).write_bytes((folder / name).read_bytes())
    rows_again = grade(again, released, expected=None)
    gradebook.write_gradebook(sorted(rows_again.values(), key=lambda r: r.file), second)
    same_files = [r for r in sorted(rows.values(), key=lambda r: r.file) if r.file in rows_again]
    gradebook.write_gradebook(same_files, tmp_path / "first-subset.csv")
    assert (tmp_path / "first-subset.csv").read_bytes() == second.read_bytes()
    with open(first) as handle:
        table = list(csv.DictReader(handle))
    assert {r["student_id"] for r in table} == {"ada", "blank", "garbled"}
    assert next(r for r in table if r["file"] == f"ada_{EXERCISE}.ipynb")["total"] == "13"


# --- a student who edits the tables, broken files ------------------------------------------------


def gamed(solution):
    """The solutions, run after a cell that cuts every course table the notebook loaded down to
    three rows: the answers are computed the right way on the wrong data."""
    for index, cell in enumerate(solution.cells):
        if cell.cell_type == "code" and "load(" in cell.source:
            cut = (
                "import pandas as _pd\nfor _name, _value in list(globals().items()):\n"
                "    if isinstance(_value, _pd.DataFrame) and not _name.startswith('_'):\n"
                "        globals()[_name] = _value.head(3)"
            )
            solution.cells.insert(index + 1, nbformat.v4.new_code_cell(cut))
            return solution
    raise AssertionError("no cell loads the course data")


def test_answers_computed_on_edited_tables_lose_their_points(released, tmp_path):
    """Hidden tests compute the expected answer from the course data loaded afresh: a student who
    filters the tables first gets wrong answers marked wrong (before, it scored full marks)."""
    folder = tmp_path / "gamed"
    folder.mkdir()
    names = [e.name for e in exercises.all_exercises()]
    for name in names:
        nbformat.write(
            gamed(nbformat.read(released / "solutions" / f"{name}.ipynb", as_version=4)), folder / f"gamer_{name}.ipynb"
        )
    rows = grade(folder, released, expected=None)
    graders = gradebook.load_autograders(sorted((released / "autograder").glob("*.zip")))
    for name in names:
        row = rows[f"gamer_{name}.ipynb"]
        assert row.status == "graded", row.reason
        # A function answer takes its data as arguments: the edited tables cannot touch it.
        data_questions = [q for q, plan in graders[name].plans.items() if not plan.calls]
        assert data_questions, name
        checks = {q: checks for q, (_, checks) in checked_questions(name[:2]).items()}
        for question in data_questions:
            # Only checks that never read the data can still pass: the type check, and for a
            # chart how it is drawn (which fields on which axis), not what it draws.
            blind = sum(c.points or 0 for c in checks[question] if "load(" not in c.source)
            assert blind <= row.maxima[question] / 2, (name, question, blind)
            assert row.scores[question] <= max(row.maxima[question] / 4, blind), (name, question, row.scores)


def test_broken_files_get_a_row_each_and_the_batch_goes_on(released, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    blank = notebook(released, "student")
    other = nbformat.from_dict(json.loads(json.dumps(blank)))
    other.metadata["otter"]["assignment_name"] = "05-nagorno-karabakh-2020"
    cases = {
        "not-json.ipynb": (b"this is not a notebook", "invalid notebook"),
        "empty.ipynb": (b"", "invalid notebook"),
        "json-not-notebook.ipynb": (b'{"cells": "no"}', "invalid notebook"),
        "no-notebook-inside.zip": (zipped({"readme.txt": "hello"}), "invalid notebook"),
        "two-notebooks.zip": (
            zipped({"a.ipynb": nbformat.writes(blank), "b.ipynb": nbformat.writes(blank)}),
            "invalid notebook",
        ),
        f"other_{EXERCISE}.ipynb": (other, "wrong exercise"),
        "report.pdf": (b"%PDF-1.4", "not a submission"),
        "raises.ipynb": (with_cell(blank, "raise RuntimeError('oops')"), "graded"),
        "prints-megabytes.ipynb": (with_cell(blank, "for _ in range(40):\n    print('x' * 250_000)"), "graded"),
        "memory-hog.ipynb": (with_cell(blank, "hog = bytearray(8 * 1024 ** 3)"), "graded"),
    }
    write_folder(folder, {name: content for name, (content, _) in cases.items()})
    rows = grade(folder, released)
    assert set(rows) == set(cases)
    for name, (_, status) in cases.items():
        assert rows[name].status == status, f"{name}: {rows[name].status}: {rows[name].reason}"
        assert rows[name].reason
    assert (
        "RuntimeError: oops" in rows["raises.ipynb"].reason
        and "`raise RuntimeError('oops')`" in rows["raises.ipynb"].reason
    )
    assert "excess was dropped" in rows["prints-megabytes.ipynb"].reason
    assert "MemoryError" in rows["memory-hog.ipynb"].reason
    assert "unzipped" in rows["two-notebooks.zip"].reason


def test_otter_cells_are_recognised_but_answers_are_not():
    def is_otter(source):
        return kernel_run.is_otter_cell(nbformat.v4.new_code_cell(source))

    assert is_otter('# Initialize Otter\nimport otter\ngrader = otter.Notebook("x.ipynb")')
    assert is_otter('grader.check("q1")')
    assert not is_otter("grader.check = lambda q: True")
    assert not is_otter('partners_1995 = ["USA"]\ngrader.check("q1")')


def test_grader_check_in_the_student_notebook_helps_without_the_answer(released, tmp_path):
    """What a student sees: run the setup cells and a wrong q1, then grader.check("q1")."""
    from nbclient import NotebookClient

    student = notebook(released, "student")
    wrong = with_cell(student, 'partners_1995 = ["usa", "FRA"]', after="partners_1995 = ...")
    cut = next(i for i, c in enumerate(wrong.cells) if c.source.startswith('grader.check("q1")'))
    wrong.cells = wrong.cells[: cut + 1]
    nbformat.write(wrong, tmp_path / f"{EXERCISE}.ipynb")
    NotebookClient(wrong, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = json.dumps(wrong.cells[-1].outputs)
    assert "q1" in shown and "failed" in shown.lower()
    assert "sorted alphabetically" in shown  # the public hint
    assert "countries.loc" not in shown  # never the hidden test or answer


FAKE_COLAB = '''import sys, types
sys.modules["google.colab"] = types.ModuleType("google.colab")
from IPython.core.magic import register_line_magic
_installed = []
def pip(line):
    _installed.append(line)
register_line_magic(pip)'''


def test_student_notebook_sets_itself_up_on_colab_and_nowhere_else(released, tmp_path):
    """Opened on Colab (faked here: a google.colab module, and a %pip that records what it would
    install), the first cell installs the course and otter and writes the public checks, so
    grader.check helps with no notebook file or tests folder beside it; anywhere else the cell
    does nothing."""
    from nbclient import NotebookClient

    from ddgrader import colab

    student = notebook(released, "student")
    assert student.cells[0].metadata["tags"] == ["colab-setup"] and student.cells[0].metadata["cellView"] == "form"
    assert "assert " not in student.cells[0].source and "failure_message" not in student.cells[0].source
    wrong = with_cell(student, 'partners_1995 = ["usa", "FRA"]', after="partners_1995 = ...")
    cut = next(i for i, c in enumerate(wrong.cells) if c.source.startswith('grader.check("q1")'))
    wrong.cells = [nbformat.v4.new_code_cell(FAKE_COLAB)] + wrong.cells[: cut + 1]
    wrong.cells.append(nbformat.v4.new_code_cell("print(_installed)"))
    on_colab = tmp_path / "colab"
    on_colab.mkdir()  # the notebook itself is not on disk, as on Colab
    NotebookClient(wrong, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(on_colab)}}).execute()
    shown = json.dumps(wrong.cells[-2].outputs)
    assert "q1" in shown and "failed" in shown.lower() and "sorted alphabetically" in shown
    installed = json.dumps(wrong.cells[-1].outputs)
    assert colab.install_requirements().replace('"', "") in installed.replace('\\"', "").replace('"', "")
    assert "git+https://github.com/" in installed and "otter-grader==6.1.6" in installed
    assert sorted(p.name for p in (on_colab / "tests").iterdir()) == [
        f"{q}.py" for q in sorted(student.metadata["otter"]["tests"])
    ]

    elsewhere = tmp_path / "local"
    elsewhere.mkdir()
    setup_only = nbformat.v4.new_notebook(cells=[student.cells[0]], metadata=student.metadata)
    NotebookClient(
        setup_only, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(elsewhere)}}
    ).execute()
    assert list(elsewhere.iterdir()) == [] and setup_only.cells[0].outputs == []


def test_grading_benchmark_smoke(released, monkeypatch):
    """The grading benchmark runs end to end on a small batch and both graders agree on every
    score (its timings are printed by `make bench`, never asserted here)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import grading_speed

    monkeypatch.setattr(grading_speed, "ASSIGN", released)
    result = grading_speed.measure(1)
    assert result["scores_agree"], result
    assert result["scores"]["q3"] < 2 and result["scores"]["q1"] == 2  # the realistic mix
