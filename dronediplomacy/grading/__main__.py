"""Command line for instructors (the Makefile's `assign` and `grade` targets call it).

    python -m dronediplomacy.grading assign [--chapters 3,5] [--out _build/assign]
    python -m dronediplomacy.grading grade SUBMISSIONS [--exercise NAME] [--out gradebook.csv]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import exercises, gradebook, release

DEFAULT_OUT = Path("_build/assign")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dronediplomacy.grading", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    assign = commands.add_parser("assign", help="write student notebooks and autograder zips")
    assign.add_argument("--chapters", default="", help="chapter numbers, e.g. 3,5 (default: all)")
    assign.add_argument("--out", type=Path, default=DEFAULT_OUT)
    grade = commands.add_parser("grade", help="grade a folder of submissions into a gradebook CSV")
    grade.add_argument("submissions", type=Path)
    grade.add_argument("--exercise", default=None, help="only this exercise is expected (e.g. 03-mtcr-export-gap)")
    grade.add_argument("--autograders", type=Path, default=DEFAULT_OUT / "autograder")
    grade.add_argument("--out", type=Path, default=None, help="gradebook CSV (default: SUBMISSIONS/gradebook.csv)")
    grade.add_argument("--workers", type=int, default=None)
    grade.add_argument("--timeout", type=int, default=300, help="seconds per submission")
    grade.add_argument("--memory", type=int, default=4000, help="MB per submission")
    args = parser.parse_args(argv)

    try:
        if args.command == "assign":
            for path in release.release(exercises.select(args.chapters), args.out):
                print(f"wrote {path}")
            return 0
        if not args.submissions.is_dir():
            raise ValueError(f"{args.submissions} is not a folder of submissions")
        zips = sorted(args.autograders.glob("*-autograder.zip"))
        if not zips:
            raise ValueError(f"no autograder zips in {args.autograders}: run `make assign` first")
        limits = gradebook.Limits(seconds=args.timeout, memory_mb=args.memory)
        if args.workers:
            limits.workers = args.workers
        rows = gradebook.grade_folder(args.submissions, zips, args.exercise, limits)
        out = args.out or args.submissions / "gradebook.csv"
        gradebook.write_gradebook(rows, out)
        counts = {s: sum(r.status == s for r in rows) for s in sorted({r.status for r in rows})}
        print(f"graded {len(rows)} file(s) into {out}: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
        return 0
    except (ValueError, release.ReleaseError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
