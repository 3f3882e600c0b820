"""The course's exercises: otter-assign master notebooks in exercises/, one per chapter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import ROOT

EXERCISES_DIR = ROOT / "exercises"
NAME = re.compile(r"^(?P<chapter>\d{2})-[a-z0-9-]+$")


@dataclass(frozen=True)
class Exercise:
    name: str  # e.g. "03-mtcr-export-gap", also the otter assignment name
    chapter: int
    master: Path


def all_exercises(directory: Path = EXERCISES_DIR) -> list[Exercise]:
    found = []
    for path in sorted(directory.glob("*.md")):
        match = NAME.match(path.stem)
        if match:
            found.append(Exercise(path.stem, int(match["chapter"]), path))
    return found


def select(chapters: str | None, directory: Path = EXERCISES_DIR) -> list[Exercise]:
    """Exercises for a comma-separated list of chapter numbers ("3,5"); all when empty."""
    exercises = all_exercises(directory)
    if not chapters:
        return exercises
    try:
        wanted = {int(part) for part in chapters.split(",") if part.strip()}
    except ValueError:
        raise ValueError(f"CHAPTERS must be chapter numbers separated by commas, like 3,5; got {chapters!r}")
    missing = wanted - {e.chapter for e in exercises}
    if missing:
        have = ", ".join(str(e.chapter) for e in exercises) or "none"
        raise ValueError(f"No exercise for chapter(s) {sorted(missing)}; exercises exist for: {have}")
    return [e for e in exercises if e.chapter in wanted]
