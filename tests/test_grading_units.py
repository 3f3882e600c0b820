"""The grader's parts that need no kernel: answers as data, ids from file names, duplicates,
CSV cells, the marking sheet, Canvas and Moodle files, shards. Fast: part of `make check`."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from ddgrader import answer_data, export, gradebook, written
from ddgrader.__main__ import main as cli, parse_shard
from ddgrader.submission import identify

EXERCISES = {"03-mtcr-export-gap", "05-nagorno-karabakh-2020"}


def round_trip(value):
    return answer_data.decode(json.loads(json.dumps(answer_data.encode(value))))


# --- answers leave the kernel as data ---------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        3,
        -7,
        2**80,
        2.5,
        True,
        None,
        "TUR",
        [1, "a"],
        (1, 2),
        {"USA", "FRA"},
        {2019: 2, "x": [1.5]},
        np.int64(6),
        np.float64(0.25),
        np.bool_(True),
        np.array([1.0, 2.0]),
        pd.Series([3, 1], index=["TUR", "ISR"], name="drones"),
        pd.Series([1.5, None], dtype="Float64"),
        pd.Series(["a", None], dtype="string"),
        pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=[2019, 2020]),
        pd.Series([1, 2], index=pd.MultiIndex.from_tuples([("A", 1), ("B", 2)], names=["k", "n"])),
        pd.Index(["a", "b"], name="code"),
        pd.Timestamp("2020-09-27"),
    ],
)
def test_answers_come_back_with_their_type_and_value(value):
    back = round_trip(value)
    assert type(back) is type(value)
    if isinstance(value, pd.Series):
        pd.testing.assert_series_equal(back, value)
    elif isinstance(value, pd.DataFrame):
        pd.testing.assert_frame_equal(back, value)
    elif isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and (back == value).all()
    elif isinstance(value, pd.Index):
        pd.testing.assert_index_equal(back, value)
    else:
        assert back == value


def test_nan_survives_and_a_float_stays_a_float():
    assert math.isnan(round_trip(float("nan"))) and round_trip(float("inf")) == float("inf")


class AlwaysEqual:
    def __eq__(self, other):
        return True


class Sneaky(int):
    def __eq__(self, other):
        return True


class Exploding:
    def __reduce__(self):
        raise AssertionError("the grader must never pickle a student's object")


@pytest.mark.parametrize("value", [AlwaysEqual(), Sneaky(3), Exploding(), lambda: 1, open])
def test_objects_with_code_come_back_as_unsupported_and_equal_nothing(value):
    back = round_trip(value)
    assert isinstance(back, answer_data.UnsupportedAnswer)
    assert back != back and back != 3 and "cannot check" in repr(back)


def test_a_subclass_inside_a_list_is_refused_too():
    assert isinstance(round_trip([1, Sneaky(2)])[1], answer_data.UnsupportedAnswer)


def test_an_answer_too_large_is_refused_in_the_kernel():
    with pytest.raises(answer_data.AnswerTooLarge):
        answer_data.encode(list(range(answer_data.MAX_ITEMS + 10)))


def test_decoding_forged_data_builds_no_objects_beyond_data():
    forged = {"__dd__": "np", "dtype": "O", "v": "os.system('x')"}
    with pytest.raises(ValueError):
        answer_data.decode(forged)
    assert isinstance(answer_data.decode({"__dd__": "pickle", "v": "gASV"}), answer_data.UnsupportedAnswer)
    assert (
        answer_data.decode(
            {
                "__dd__": "series",
                "dtype": "object; rm -rf",
                "name": None,
                "index": {"__dd__": "range", "start": 0, "stop": 1, "step": 1, "name": None},
                "v": ["x"],
            }
        ).dtype
        == object
    )


def test_a_function_is_probed_with_each_call_and_replayed():
    def yearly_change(counts, event_year, window):
        if window < 1:
            raise ValueError("window")
        return sum(counts.get(event_year + k, 0) for k in range(1, window + 1)) / window

    calls = [
        "yearly_change({2021: 6}, 2020, 1)",
        "yearly_change({}, 2020, 0)",
        "yearly_change({2021: 2}, 2020, window=2)",
    ]
    recorded = json.loads(json.dumps(answer_data.probe(yearly_change, calls, seconds=5)))
    replay = answer_data.RecordedFunction("yearly_change", recorded)
    assert replay({2021: 6}, 2020, 1) == 6 and replay({2021: 2}, 2020, window=2) == 1
    with pytest.raises(ValueError):
        replay({}, 2020, 0)
    with pytest.raises(LookupError, match="did not record"):
        replay({2021: 6}, 2020, 5)


def test_a_looping_function_costs_one_call_not_the_kernel():
    def loops(x):
        while True:
            try:
                pass
            except Exception:
                pass

    recorded = answer_data.probe(loops, ["loops(1)"], seconds=0.3)
    replay = answer_data.RecordedFunction("loops", json.loads(json.dumps(recorded)))
    with pytest.raises(TimeoutError):
        replay(1)


def test_a_chart_comes_back_as_its_spec():
    import altair as alt

    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q").properties(title="t")
    back = round_trip(chart)
    assert back.to_dict()["mark"]["type"] == "bar" and back.to_dict()["title"] == "t"


# --- ids ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "relative, expected",
    [
        ("jdoe_03-mtcr-export-gap.ipynb", ("jdoe", "file name", "03-mtcr-export-gap")),
        ("03-mtcr-export-gap_jdoe.ipynb", ("jdoe", "file name", "03-mtcr-export-gap")),
        ("jdoe.ipynb", ("jdoe", "file name", None)),
        (
            "jdoe_05-nagorno-karabakh-2020_2026_12_05T10_11_12_123456.zip",
            ("jdoe", "file name", "05-nagorno-karabakh-2020"),
        ),
        (
            "05-nagorno-karabakh-2020_2026_12_05T10_11_12_123456.zip",
            ("05-nagorno-karabakh-2020", "file name", "05-nagorno-karabakh-2020"),
        ),
        ("doejane_12345_67890_05-nagorno-karabakh-2020.ipynb", ("12345", "Canvas", "05-nagorno-karabakh-2020")),
        ("doejane_LATE_12345_67890_my notebook.ipynb", ("12345", "Canvas", None)),
        ("Jane Doe_4411_assignsubmission_file_/ex5 final.ipynb", ("4411", "Moodle", None)),
        ('=HYPERLINK("evil")_03-mtcr-export-gap.ipynb', ("HYPERLINKevil", "file name", "03-mtcr-export-gap")),
        ("-2+3_03-mtcr-export-gap.ipynb", ("23", "file name", "03-mtcr-export-gap")),
    ],
)
def test_ids_follow_the_stated_file_name_rule(tmp_path, relative, expected):
    who = identify(tmp_path / relative, tmp_path, EXERCISES)
    assert (who.student_id, who.platform, who.exercise) == expected


def test_otter_export_time_stamp_is_kept_for_the_latest_rule(tmp_path):
    who = identify(tmp_path / "jdoe_03-mtcr-export-gap_2026_12_05T10_11_12_123456.zip", tmp_path, EXERCISES)
    assert who.submitted == "2026-12-05T10:11:12"


def row(file, student, total, submitted="", exercise="03-mtcr-export-gap", maximum=10, **more):
    """A graded row of one auto-graded question, q1 (`more`: any other Row field)."""
    return gradebook.Row(
        file=file,
        student_id=student,
        exercise=exercise,
        scores={"q1": total},
        maxima={"q1": maximum},
        submitted=submitted,
        status="graded",
        **more,
    )


def ann_with_a_written_question():
    return row("ann.ipynb", "ann", 2.0, maximum=2.0, manual={"q6": 4.0})


@pytest.mark.parametrize("policy, counted", [("latest", "b.zip"), ("best", "a.zip")])
def test_duplicates_are_flagged_and_one_counts(policy, counted):
    rows = [
        row("a.zip", "jdoe", 9, "2026-12-01T10:00:00"),
        row("b.zip", "jdoe", 4, "2026-12-02T10:00:00"),
        row("c.zip", "ann", 5),
    ]
    gradebook.apply_duplicate_policy(rows, policy)
    assert [r.file for r in rows if r.student_id == "jdoe" and r.counts] == [counted]
    assert all("duplicate" in r.reason for r in rows if r.student_id == "jdoe")
    assert rows[2].counts and "duplicate" not in rows[2].reason


@pytest.mark.parametrize("value", ["=1+1", "+44 20", "-2", "@evil", "'quoted'", "plain", ""])
def test_a_guarded_cell_reads_back_as_it_was(value):
    assert gradebook.uncell(gradebook.cell(value)) == value


def test_no_cell_of_the_gradebook_can_start_a_formula(tmp_path):
    rows = [row("=cmd|'/c calc'!A1.ipynb", "@evil", 1, maximum=2, reason="-1+1 cell raised")]
    gradebook.write_gradebook(rows, tmp_path / "g.csv")
    with open(tmp_path / "g.csv") as handle:
        cells = [c for line in csv.reader(handle) for c in line]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert "'=cmd|'/c calc'!A1.ipynb" in cells


# --- written answers, marks, exports, shards ----------------------------------------------------


def student_with_answer(text: str):
    cells = [
        nbformat.v4.new_markdown_cell("**Question 1.** ..."),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("<!-- BEGIN QUESTION -->\n\n**Question 6 (written).** Discuss."),
        nbformat.v4.new_markdown_cell(text),
        nbformat.v4.new_markdown_cell("<!-- END QUESTION -->\n\n"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["otter"] = {"assignment_name": "03-mtcr-export-gap"}
    return nb


def test_written_answers_go_to_a_sheet_and_marks_survive_extracting_again(tmp_path):
    folder, out = tmp_path / "subs", tmp_path / "out"
    folder.mkdir()
    nbformat.write(
        student_with_answer("Drones mattered, but air defences were old. " * 5), folder / "ann_03-mtcr-export-gap.ipynb"
    )
    nbformat.write(student_with_answer("=1+1 is my answer"), folder / "bob_03-mtcr-export-gap.ipynb")
    manual = {"03-mtcr-export-gap": {"q6": 4.0}}
    sheet = written.extract(folder, out, manual)
    rows = list(csv.DictReader(open(sheet)))
    assert [(r["student_id"], r["question"], r["words"]) for r in rows] == [("ann", "q6", "35"), ("bob", "q6", "5")]
    assert rows[1]["answer"].startswith("'=")  # no formula
    assert (out / "written" / "03-mtcr-export-gap-q6.html").read_text().count("<article>") == 2
    rows[0]["mark"], rows[0]["comment"] = "3.5", "Good use of evidence"
    with open(sheet, "w", newline="") as handle:
        writer = csv.DictWriter(handle, written.SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    written.extract(folder, out, manual)  # extracting again
    assert written.read_sheet(sheet, manual) == {("ann", "03-mtcr-export-gap", "q6"): (3.5, "Good use of evidence")}


@pytest.mark.parametrize("mark, message", [("lots", "not a number"), ("5", "outside 0 to 4"), ("-1", "outside")])
def test_a_bad_mark_names_its_line(tmp_path, mark, message):
    sheet = tmp_path / "marks.csv"
    sheet.write_text(
        "student_id,exercise,question,mark,comment\nann,03-mtcr-export-gap,q6,3,ok\n"
        f"bob,03-mtcr-export-gap,q6,{mark},\n"
    )
    with pytest.raises(written.MarksError, match=rf"line 3: .*{message}"):
        written.read_sheet(sheet, {"03-mtcr-export-gap": {"q6": 4.0}})


def test_marks_fill_the_gradebook_and_count_in_the_total(tmp_path):
    rows = [ann_with_a_written_question()]
    gradebook.write_gradebook(rows, tmp_path / "g.csv", {("ann", "03-mtcr-export-gap", "q6"): (3.0, "")})
    (record,) = gradebook.read_gradebook(tmp_path / "g.csv")
    assert (record["q6"], record["total"], record["max"]) == ("3", "5", "6")


def test_canvas_and_moodle_files_from_the_gradebook(tmp_path):
    rows = [row("a.zip", "ann", 7), row("b.zip", "bob", 4), row("b2.zip", "bob", 9)]
    rows[1].counts = False
    gradebook.write_gradebook(rows, tmp_path / "g.csv")
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text(
        "student_id,name,email,canvas_id,sis_user_id,sis_login_id,section\n"
        "ann,Ann Lee,ann@uni.edu,101,S1,alee,A\nbob,Bob Ray,bob@uni.edu,102,S2,bray,A\n"
        "cat,Cat Poe,cat@uni.edu,103,S3,cpoe,B\n"
    )
    roster = export.read_roster(roster_file)
    book = gradebook.read_gradebook(tmp_path / "g.csv")
    export.canvas(book, "03-mtcr-export-gap", roster, tmp_path / "canvas.csv")
    export.moodle(book, "03-mtcr-export-gap", roster, tmp_path / "moodle.csv")
    canvas = list(csv.reader(open(tmp_path / "canvas.csv")))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "03-mtcr-export-gap"]
    assert canvas[1:] == [
        ["Ann Lee", "101", "S1", "alee", "A", "7"],
        ["Bob Ray", "102", "S2", "bray", "A", "9"],
        ["Cat Poe", "103", "S3", "cpoe", "B", ""],
    ]
    moodle = list(csv.DictReader(open(tmp_path / "moodle.csv")))
    assert [(m["Email address"], m["03-mtcr-export-gap"]) for m in moodle] == [
        ("ann@uni.edu", "7"),
        ("bob@uni.edu", "9"),
        ("cat@uni.edu", ""),
    ]
    del roster["bob"]
    with pytest.raises(export.ExportError, match="missing from the roster.*bob"):
        export.canvas(book, "03-mtcr-export-gap", roster, tmp_path / "canvas.csv")


def test_shards_cover_every_file_once_and_merge_back(tmp_path):
    files = [Path(f"f{i}.ipynb") for i in range(7)]
    parts = [gradebook.shard_of(files, (i, 3)) for i in (1, 2, 3)]
    assert sorted(sum(parts, [])) == sorted(files) and max(map(len, parts)) - min(map(len, parts)) <= 1
    for i, part in enumerate(parts, start=1):
        gradebook.write_gradebook([row(f.name, f.stem, 1) for f in part], tmp_path / f"gradebook-shard-{i}-of-3.csv")
    assert cli(["merge", str(tmp_path)]) == 0
    assert [r["file"] for r in gradebook.read_gradebook(tmp_path / "gradebook.csv")] == sorted(f.name for f in files)
    gradebook.write_gradebook([row("f0.ipynb", "f0", 1)], tmp_path / "gradebook-shard-9-of-9.csv")
    with pytest.raises(ValueError, match="f0.ipynb is in both"):
        gradebook.merge_gradebooks(sorted(tmp_path.glob("gradebook-shard-*.csv")), tmp_path / "x.csv")


@pytest.mark.parametrize("text", ["0/3", "4/3", "two", "1-3"])
def test_a_bad_shard_is_refused(text):
    with pytest.raises(ValueError, match="--shard must be I/N"):
        parse_shard(text)


def test_grading_refuses_without_a_sandbox_and_says_how_to_proceed(tmp_path, monkeypatch, capsys):
    from ddgrader import sandbox

    monkeypatch.setattr(sandbox, "bwrap", lambda: None)
    (tmp_path / "subs").mkdir()
    (tmp_path / "ag").mkdir()
    (tmp_path / "ag" / "x-autograder.zip").write_bytes(b"")
    assert cli(["grade", str(tmp_path / "subs"), "--autograders", str(tmp_path / "ag")]) == 2
    message = capsys.readouterr().err
    assert "bubblewrap" in message and "--unsafe-no-sandbox" in message and "Docker" in message


def test_the_output_folder_may_not_be_inside_the_submissions(tmp_path, capsys):
    (tmp_path / "subs").mkdir()
    assert cli(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "subs" / "out")]) == 1
    assert "must not be inside" in capsys.readouterr().err


def test_a_regrade_refuses_to_wipe_marks_typed_into_the_gradebook(tmp_path, capsys):
    from ddgrader.__main__ import refuse_to_overwrite_typed_marks

    book = tmp_path / "gradebook.csv"
    gradebook.write_gradebook(
        [ann_with_a_written_question()],
        book,
        {("ann", "03-mtcr-export-gap", "q6"): (3.0, "")},
    )
    manual = {"03-mtcr-export-gap": {"q6": 4.0}}
    with pytest.raises(ValueError, match="hand-typed marks.*ann q6"):
        refuse_to_overwrite_typed_marks(book, manual, {})
    refuse_to_overwrite_typed_marks(book, manual, {("ann", "03-mtcr-export-gap", "q6"): (3.0, "ok")})


def test_a_notebook_for_another_exercise_than_most_of_the_folder_is_flagged():
    rows = [
        row("a.ipynb", "ann", 1),
        row("b.ipynb", "bob", 1),
        row("c.ipynb", "cyd", 1, exercise="05-nagorno-karabakh-2020"),
        gradebook.Row(file="notes.html", student_id="notes", status="not a submission"),
    ]
    gradebook.flag_minority_exercises(rows)
    assert rows[2].reason == "most of this folder is 03-mtcr-export-gap; this notebook is 05-nagorno-karabakh-2020"
    assert [r.reason for r in rows[:2]] == ["", ""] and rows[3].reason == ""


def test_an_environment_under_tmp_stays_visible_in_the_sandbox(monkeypatch):
    """A clone in /tmp (as CI's is) must be bound on top of the sandbox's private /tmp, not
    hidden under it."""
    from ddgrader import sandbox

    venv = Path("/tmp/course-clone/.venv")
    monkeypatch.setattr(sandbox, "_readable_roots", lambda: [venv])
    command = sandbox._command(["true"], uid=None)
    assert command.index("/tmp", command.index("--tmpfs")) < command.index(str(venv))
    assert ["--perms", "0755", "--dir", "/tmp"] not in [command[i : i + 4] for i in range(len(command))]


# --- links in released notebooks -----------------------------------------------------------------


def test_links_to_book_pages_become_site_addresses_and_others_stay():
    from ddgrader import site_links

    site = "https://example.org/course/"
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "Read [the toolkit](../practice/python-toolkit.md) and [chapter 5](../chapters/05-x.md#the-map); "
                "see [SIPRI](https://www.sipri.org/x.md), [below](#q1) and [a copy](practice.ipynb)."
            ),
            nbformat.v4.new_code_cell("x = '[a](../practice/python-toolkit.md)'"),
        ]
    )
    site_links.with_site_links(notebook, "exercises", site)
    assert notebook.cells[0].source == (
        "Read [the toolkit](https://example.org/course/practice/python-toolkit.html) and "
        "[chapter 5](https://example.org/course/chapters/05-x.html#the-map); "
        "see [SIPRI](https://www.sipri.org/x.md), [below](#q1) and "
        "[a copy](https://example.org/course/exercises/practice.html)."
    )
    assert notebook.cells[1].source == "x = '[a](../practice/python-toolkit.md)'"


def test_a_link_outside_the_repository_or_a_missing_site_address_is_named():
    from ddgrader import site_links

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("[x](../../elsewhere.md)")])
    with pytest.raises(site_links.SiteLinkError, match=r"'\.\./\.\./elsewhere\.md'.*outside"):
        site_links.with_site_links(notebook, "exercises", "https://example.org/")


def test_the_configured_site_address_is_the_published_https_site():
    from ddgrader import site_links

    assert site_links.site_url().startswith("https://") and site_links.site_url().endswith("/")
