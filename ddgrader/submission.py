"""Reading a submission: which files are submissions, who sent each and for which exercise.

The id rule, as the student guide states it: a submission's id comes from its file name (or,
for a learning platform's download, from the name the platform gave it), never from inside the
notebook, which the student controls.

- `jdoe_05-nagorno-karabakh-2020.ipynb`, `05-nagorno-karabakh-2020_jdoe.ipynb`, `jdoe.ipynb`:
  the id is `jdoe` (the exercise name and otter's export time stamp are taken out).
- Canvas's "Download submissions": `doejane_12345_67890_anything.ipynb` (also with `_LATE_`):
  the id is Canvas's user id `12345`.
- Moodle's "Download all submissions": a folder `Jane Doe_12345_assignsubmission_file_/`
  holding the file: the id is Moodle's participant id `12345`.

An id is letters, digits and `. _ @ -`; anything else is dropped, so that no id can become a
formula or a path in the files the grader writes.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import nbformat

# Otter's export zips are named <notebook>_<timestamp>.zip; instructors often prefix an id.
TIMESTAMP = re.compile(r"_?(\d{4})_(\d{2})_(\d{2})T(\d{2})_(\d{2})_(\d{2})(?:_\d+)?")
CANVAS = re.compile(r"^(?P<name>[a-z]+)(?:_LATE)?_(?P<id>\d+)_\d+_(?P<rest>.*)$")
MOODLE_FOLDER = re.compile(r"^(?P<name>.+)_(?P<id>\d+)_assign(?:submission|feedback)_\w+?_?$")
UNSAFE_ID = re.compile(r"[^A-Za-z0-9._@-]")
MAX_NOTEBOOK_BYTES = 50_000_000
SUBMISSION_KINDS = {".ipynb", ".zip"}
SYSTEM_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}


class InvalidSubmission(ValueError):
    """The file cannot be read as a notebook; the message says why."""


@dataclass
class Identity:
    student_id: str
    platform: str  # "file name", "Canvas" or "Moodle"
    exercise: str | None = None  # an exercise named in the file name
    submitted: str = ""  # otter's export time stamp, ISO, when the name carries one


@dataclass
class Submission:
    path: Path
    exercise: str | None  # otter assignment name from the notebook's metadata
    notebook: nbformat.NotebookNode
    claimed_id: str | None  # what the notebook's metadata says; reported, never used


def find_files(folder: Path) -> list[Path]:
    """Every file under `folder`, at any depth, in a stable order."""
    return sorted((p for p in Path(folder).rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())


def safe_id(text: str) -> str:
    return UNSAFE_ID.sub("", text).strip("._-")[:64]


def identify(path: Path, folder: Path, exercise_names: set[str]) -> Identity:
    """Who sent `path` (inside `folder`), from its name and its platform folder."""
    path = Path(path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    submitted = ""
    stamp = TIMESTAMP.search(stem)
    if stamp:
        submitted = datetime(*map(int, stamp.groups())).isoformat()
        stem = TIMESTAMP.sub("", stem)
    exercise = next((n for n in sorted(exercise_names, key=len, reverse=True) if n in path.name), None)
    for parent in path.relative_to(folder).parents:
        moodle = MOODLE_FOLDER.match(parent.name)
        if moodle:
            return Identity(safe_id(moodle["id"]), "Moodle", exercise, submitted)
    canvas = CANVAS.match(stem)
    if canvas:
        return Identity(safe_id(canvas["id"]), "Canvas", exercise, submitted)
    person = stem
    for name in sorted(exercise_names, key=len, reverse=True):
        person = person.replace(name, "")
    person = safe_id(person.strip("_- .")) or safe_id(stem) or "unknown"
    return Identity(person, "file name", exercise, submitted)


def exercise_of(submission: Submission, who: Identity, expected: str | None) -> str | None:
    """The exercise a submission is for: what the notebook says, else its file name, else the
    one the instructor expects."""
    return submission.exercise or who.exercise or expected


def _read_notebook(raw: bytes, where: str) -> nbformat.NotebookNode:
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise InvalidSubmission(f"{where} is {len(raw) / 1e6:.0f} MB, more than a notebook should be")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidSubmission(f"{where} is not a Jupyter notebook (not valid JSON: {error})")
    try:
        notebook = nbformat.reads(json.dumps(data), as_version=4)  # joins multi-line sources, upgrades old formats
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several types
        raise InvalidSubmission(f"{where} is not a valid Jupyter notebook: {str(error).splitlines()[0]}")
    return notebook


def read_submission(path: Path) -> Submission:
    path = Path(path)
    if path.suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                notebooks = [
                    i
                    for i in archive.infolist()
                    if i.filename.endswith(".ipynb")
                    and "/." not in i.filename
                    and not i.filename.startswith("__MACOSX")
                ]
                if len(notebooks) != 1:
                    raise InvalidSubmission(
                        f"the zip holds {len(notebooks)} notebooks; an otter export holds exactly one "
                        "(a learning platform's bulk download must be unzipped into the folder first)"
                    )
                if notebooks[0].file_size > MAX_NOTEBOOK_BYTES:
                    raise InvalidSubmission(f"{notebooks[0].filename} in the zip is larger than a notebook should be")
                raw, inner = archive.read(notebooks[0]), notebooks[0].filename
        except zipfile.BadZipFile:
            raise InvalidSubmission("the file is not a valid zip archive")
        notebook = _read_notebook(raw, f"{inner} in the zip")
    else:
        notebook = _read_notebook(path.read_bytes(), "the file")
    exercise = notebook.metadata.get("otter", {}).get("assignment_name")
    claimed = notebook.metadata.get("student_id")
    return Submission(path, str(exercise) if exercise else None, notebook, str(claimed)[:64] if claimed else None)
