"""Command line for instructors (the Makefile's assign, grade, written, export and merge targets).

    python -m ddgrader assign [--chapters 3,5] [--out _build/assign] [--ref TAG]
    python -m ddgrader grade SUBMISSIONS [--exercise NAME] [--out DIR] [--manual SHEET]
                                          [--timeout S] [--cell-timeout S] [--workers N] [--memory MB]
                                          [--duplicates latest|best] [--shard I/N] [--unsafe-no-sandbox]
    python -m ddgrader written SUBMISSIONS [--exercise NAME] [--out DIR]
    python -m ddgrader export --exercise NAME --roster ROSTER [--out DIR]
    python -m ddgrader merge DIR

The output folder (--out) defaults to SUBMISSIONS-graded beside the submissions folder, which
the grader only reads.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import exercises, export, gradebook, release, sandbox, written

DEFAULT_ASSIGN = Path("_build/assign")


def output_folder(submissions: Path, out: Path | None) -> Path:
    return out or submissions.resolve().parent / f"{submissions.resolve().name}-graded"


def parse_shard(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    match = re.fullmatch(r"(\d+)/(\d+)", text.strip())
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise ValueError(f"--shard must be I/N with 1 <= I <= N, like 2/4; got {text!r}")
    return int(match[1]), int(match[2])


def refuse_to_overwrite_typed_marks(path: Path, manual: dict, marks: dict) -> None:
    """Marks typed straight into a gradebook would be lost when it is written again: stop,
    and say where they belong, unless the marking sheet carries the same marks."""
    if not path.exists():
        return
    typed = []
    for row in gradebook.read_gradebook(path):
        for question in manual.get(row.get("exercise", ""), {}):
            value = (row.get(question) or "").strip()
            key = (gradebook.uncell(row.get("student_id", "")), row["exercise"], question)
            if value and (key not in marks or f"{marks[key][0]:g}" != value):
                typed.append(f"{key[0]} {question}")
    if typed:
        raise ValueError(
            f"{path} holds hand-typed marks that grading would overwrite ({', '.join(typed[:5])}"
            f"{' ...' if len(typed) > 5 else ''}): put them in the marking sheet (make written) and "
            "pass MANUAL=<sheet>, or move the gradebook away"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ddgrader", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    assign = commands.add_parser("assign", help="write student notebooks and autograder zips")
    assign.add_argument("--chapters", default="", help="chapter numbers, e.g. 3,5 (default: all)")
    assign.add_argument("--out", type=Path, default=DEFAULT_ASSIGN)
    assign.add_argument(
        "--ref",
        default=None,
        help="tag or branch the Colab install cell pins (default: this release's tag, v<version>)",
    )

    grade = commands.add_parser("grade", help="grade a folder of submissions into a gradebook and feedback")
    grade.add_argument("submissions", type=Path)
    grade.add_argument(
        "--exercise", default=None, help="only this exercise is expected (e.g. 05-nagorno-karabakh-2020)"
    )
    grade.add_argument("--autograders", type=Path, default=DEFAULT_ASSIGN / "autograder")
    grade.add_argument("--out", type=Path, default=None, help="output folder (default: SUBMISSIONS-graded)")
    grade.add_argument("--manual", type=Path, default=None, help="the filled-in marking sheet of written answers")
    grade.add_argument("--workers", type=int, default=None, help="submissions graded at once (default: one per core)")
    grade.add_argument("--timeout", type=int, default=300, help="seconds per submission (default 300)")
    grade.add_argument(
        "--cell-timeout", type=int, default=60, help="seconds per cell before it is interrupted (default 60)"
    )
    grade.add_argument("--memory", type=int, default=4000, help="MB of memory per process (default 4000)")
    grade.add_argument(
        "--duplicates",
        choices=[gradebook.LATEST, gradebook.BEST],
        default=gradebook.LATEST,
        help="which of a student's several submissions counts (default: latest)",
    )
    grade.add_argument("--shard", default=None, help="grade only part I of N of the folder, e.g. 2/4")
    grade.add_argument(
        "--unsafe-no-sandbox",
        action="store_true",
        help="run notebooks without the sandbox: only on a throwaway machine or user",
    )

    extract = commands.add_parser("written", help="extract written answers into a marking sheet")
    extract.add_argument("submissions", type=Path)
    extract.add_argument("--exercise", default=None)
    extract.add_argument("--out", type=Path, default=None)

    lms = commands.add_parser("export", help="Canvas and Moodle grade files from the gradebook")
    lms.add_argument("--exercise", required=True)
    lms.add_argument("--roster", type=Path, required=True)
    lms.add_argument("--out", type=Path, required=True, help="the grading output folder holding gradebook.csv")

    merge = commands.add_parser("merge", help="join shards' gradebooks (gradebook-shard-*.csv) into gradebook.csv")
    merge.add_argument("out", type=Path)
    args = parser.parse_args(argv)

    try:
        if args.command == "assign":
            for path in release.release(exercises.select(args.chapters), args.out, ref=args.ref):
                print(f"wrote {path}")
            return 0
        if args.command == "merge":
            parts = sorted(args.out.glob("gradebook-shard-*.csv"))
            if not parts:
                raise ValueError(f"no gradebook-shard-*.csv in {args.out}: copy each shard's output folder there first")
            count = gradebook.merge_gradebooks(parts, args.out / "gradebook.csv")
            print(f"merged {len(parts)} shard(s), {count} rows, into {args.out / 'gradebook.csv'}")
            return 0
        if args.command == "export":
            rows = gradebook.read_gradebook(args.out / "gradebook.csv")
            roster = export.read_roster(args.roster)
            canvas, moodle = args.out / f"canvas-{args.exercise}.csv", args.out / f"moodle-{args.exercise}.csv"
            export.canvas(rows, args.exercise, roster, canvas)
            export.moodle(rows, args.exercise, roster, moodle)
            print(f"wrote {canvas} and {moodle}")
            return 0
        if not args.submissions.is_dir():
            raise ValueError(f"{args.submissions} is not a folder of submissions")
        out = output_folder(args.submissions, args.out)
        if out.resolve().is_relative_to(args.submissions.resolve()):
            raise ValueError(f"the output folder {out} must not be inside the submissions folder")
        manual = written.manual_questions(exercises.all_exercises())
        if args.command == "written":
            sheet = written.extract(args.submissions, out, manual, args.exercise)
            print(f"wrote {sheet} and one page per question beside it")
            return 0
        zips = sorted(args.autograders.glob("*-autograder.zip"))
        if not zips:
            raise ValueError(f"no autograder zips in {args.autograders}: run `make assign` first")
        marks = written.read_sheet(args.manual, manual) if args.manual else None
        shard = parse_shard(args.shard)
        name = f"gradebook-shard-{shard[0]}-of-{shard[1]}.csv" if shard else "gradebook.csv"
        refuse_to_overwrite_typed_marks(out / name, manual, marks or {})
        limits = gradebook.Limits(
            seconds=args.timeout, cell_seconds=args.cell_timeout, memory_mb=args.memory, unsafe=args.unsafe_no_sandbox
        )
        if args.workers:
            limits.workers = args.workers
        rows = gradebook.grade_folder(
            args.submissions, zips, args.exercise, limits, out, args.duplicates, shard, manual, marks
        )
        gradebook.write_gradebook(rows, out / name, marks)
        counts = {s: sum(r.status == s for r in rows) for s in sorted({r.status for r in rows})}
        print(f"graded {len(rows)} file(s) into {out / name}: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
        print(f"feedback for each student in {out / 'feedback'}; executed notebooks and logs beside it")
        return 0
    except sandbox.SandboxUnavailable as error:
        print(f"error: refusing to run student code without a sandbox: {error}", file=sys.stderr)
        return 2
    except (ValueError, OSError, release.ReleaseError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
