"""Reading a submission: a notebook or an otter export zip; who sent it and for which exercise."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

# Otter's export zips are named <notebook>_<timestamp>.zip; instructors often prefix an id.
TIMESTAMP = re.compile(r"_?\d{4}_\d{2}_\d{2}T\d{2}_\d{2}_\d{2}(_\d+)?$")
MAX_NOTEBOOK_BYTES = 50_000_000


class InvalidSubmission(ValueError):
    """The file cannot be read as a notebook; the message says why."""


@dataclass
class Submission:
    path: Path
    student_id: str
    exercise: str | None       # otter assignment name from the notebook's metadata
    notebook: nbformat.NotebookNode


def _read_notebook(raw: bytes, where: str) -> nbformat.NotebookNode:
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise InvalidSubmission(f"{where} is {len(raw) / 1e6:.0f} MB, more than a notebook should be")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidSubmission(f"{where} is not a Jupyter notebook (not valid JSON: {error})")
    try:
        notebook = nbformat.from_dict(data)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several types
        raise InvalidSubmission(f"{where} is not a valid Jupyter notebook: {str(error).splitlines()[0]}")
    return notebook


def read_submission(path: Path, exercise_names: set[str]) -> Submission:
    path = Path(path)
    if path.suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                notebooks = [n for n in archive.namelist() if n.endswith(".ipynb") and "/." not in n]
                if len(notebooks) != 1:
                    raise InvalidSubmission(f"the zip holds {len(notebooks)} notebooks; an otter export holds exactly one")
                raw, inner = archive.read(notebooks[0]), notebooks[0]
        except zipfile.BadZipFile:
            raise InvalidSubmission("the file is not a valid zip archive")
        notebook = _read_notebook(raw, f"{inner} in the zip")
    else:
        notebook = _read_notebook(path.read_bytes(), "the file")
    exercise = notebook.metadata.get("otter", {}).get("assignment_name")
    return Submission(path, student_id(path, notebook, exercise_names), exercise, notebook)


def student_id(path: Path, notebook, exercise_names: set[str]) -> str:
    """From notebook metadata (`student_id`) if present, else the file name without the
    exercise name and otter's export timestamp: `jdoe_03-mtcr-export-gap.ipynb` -> `jdoe`."""
    declared = notebook.get("metadata", {}).get("student_id") if notebook is not None else None
    if declared:
        return str(declared)
    stem = TIMESTAMP.sub("", Path(path).stem)
    person = stem
    for name in sorted(exercise_names, key=len, reverse=True):
        person = person.replace(name, "")
    return person.strip("_- .") or stem
