"""Load the course's curated tables, validated against their Table Schemas.

The schemas live in data/datapackage.json (Frictionless Data Package). Frictionless does
the validation because the same descriptor then serves three purposes: it checks types,
allowed values, primary and foreign keys; it documents the data (the data appendix is
generated from it); and it is a standard other tools read.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pandas as pd

PACKAGE_DIR = Path(__file__).resolve().parent
# World country shapes for the maps, a trimmed world-atlas (refresh/worldmap.py writes it).
WORLD_SHAPES_FILE = "world-countries-110m.json"
# Armenia, Azerbaijan and their neighbours at 1:50m for Chapter 5's map (refresh/worldmap.py --karabakh).
KARABAKH_REGION_FILE = "karabakh-region-50m.json"


def data_dir() -> Path:
    """The folder holding datapackage.json: inside the package when installed from a
    wheel (Colab, Binder), the repository's data/ folder in a clone."""
    for candidate in (PACKAGE_DIR / "data", PACKAGE_DIR.parent / "data"):
        if (candidate / "datapackage.json").exists():
            return candidate
    raise FileNotFoundError("Cannot find the course data (datapackage.json) next to the dronediplomacy package")


def references_path() -> Path:
    return data_dir().parent / "references.bib"


class DataError(ValueError):
    """A curated table does not match its schema. The message names file, line and column."""


# Frictionless types -> pandas dtypes. Nullable dtypes keep a missing value missing
# instead of turning an integer column into floats.
_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "year": "Int64",
    "number": "Float64",
    "boolean": "boolean",
}


def _package(path: Path):
    from frictionless import Package

    return Package(str(path / "datapackage.json"))


def schema(name: str) -> dict:
    """The Table Schema of one table, as a dict (fields, keys, descriptions)."""
    package = _package(data_dir())
    return package.get_resource(name).schema.to_dict()


def table_names() -> list[str]:
    # Read from the descriptor itself: building a frictionless Package for every load() took
    # most of the time of a call that returns a cached table.
    descriptor = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    return [resource["name"] for resource in descriptor["resources"]]


def _describe_error(path: str, error) -> str:
    """One line a person can act on: where (file, line, column) and what is wrong."""
    where = [path]
    if getattr(error, "row_number", None):
        where.append(f"line {error.row_number}")
    if getattr(error, "field_name", None):
        where.append(f"column '{error.field_name}'")
    cell, note = getattr(error, "cell", None), error.note
    if error.type == "primary-key":
        what = f"duplicate key: {note.replace('position', 'line')}"
    elif error.type == "foreign-key":
        what = f"no matching row in the referenced table ({note})"
    elif error.type == "constraint-error" and '"required"' in note:
        what = "missing value (this column is required)"
    elif error.type == "constraint-error" and '"enum"' in note:
        what = f"{cell!r} is not an allowed value; {note}"
    elif error.type == "type-error":
        expected = re.search(r'type is "([^"/]+)', note)
        what = f"{cell!r} is not a valid {expected.group(1) if expected else 'value'}"
    else:
        what = f"{error.title.lower()}: {note}" + (f" (value {cell!r})" if cell not in (None, "") else "")
    return f"{', '.join(where)}: {what}"


def validate(name: str, directory: Path | None = None):
    """Validate one table against its schema, its keys and the bibliography; return its
    Frictionless resource.

    Raises DataError listing every problem (file, line, column, what is wrong)."""
    directory = directory or data_dir()
    package = _package(directory)
    resource = package.get_resource(name)
    report = resource.validate()
    label = f"{directory.name}/{resource.path}"
    problems = [_describe_error(label, error) for task in report.tasks for error in task.errors]
    problems += [f"{label}: {error.note}" for error in report.errors]
    if not problems:
        problems = _check_references(resource, directory)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise DataError(f"Table '{name}' failed validation:\n  {shown}{more}")
    return resource


def bibliography_keys(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text))


def _check_references(resource, directory: Path) -> list[str]:
    """Checks a Table Schema cannot express: every key in a column marked `"bibliography": true`
    is an entry of references.bib; every code in a column marked `"country_codes": true`
    (a ';'-separated list) is a row of countries."""
    columns = {
        f.name: f.custom
        for f in resource.schema.fields
        if f.custom.get("bibliography") or f.custom.get("country_codes")
    }
    if not columns:
        return []
    known = {"bibliography": bibliography_keys(directory.parent / "references.bib")}
    if any(c.get("country_codes") for c in columns.values()):
        known["country_codes"] = set(pd.read_csv(directory / "countries.csv", dtype="string")["code"])
    what = {"bibliography": "is not an entry in references.bib", "country_codes": "is not a code in countries.csv"}
    frame = pd.read_csv(directory / resource.path, dtype="string", keep_default_na=False)
    problems = []
    for column, custom in columns.items():
        kind = "bibliography" if custom.get("bibliography") else "country_codes"
        label = "source" if kind == "bibliography" else "code"
        for index, cell in frame[column].items():
            for key in filter(None, (k.strip() for k in cell.split(";"))):
                if key not in known[kind]:
                    problems.append(
                        f"{directory.name}/{resource.path}, line {index + 2}, column '{column}': "
                        f"{label} {key!r} {what[kind]}"
                    )
    return problems


@functools.lru_cache(maxsize=None)
def _load_validated(name: str, directory: Path, mtime: float) -> pd.DataFrame:
    resource = validate(name, directory)
    dtypes = {f.name: _DTYPES.get(f.type, "string") for f in resource.schema.fields}
    frame = pd.read_csv(
        directory / resource.path,
        dtype=dtypes,
        keep_default_na=False,
        na_values={c: [""] for c, t in dtypes.items() if t != "string"},
    )
    for column, dtype in dtypes.items():
        if dtype == "string":
            frame[column] = frame[column].replace("", pd.NA)
    for field in resource.schema.fields:
        if field.type == "date":
            frame[field.name] = pd.to_datetime(frame[field.name], format="%Y-%m-%d")
    return frame


def load(name: str) -> pd.DataFrame:
    """Return a curated table as a typed DataFrame, validated against its schema.

    >>> transfers = load("transfers")
    """
    directory = data_dir()
    names = table_names()
    if name not in names:
        raise KeyError(f"No table {name!r}; the course data has: {', '.join(names)}")
    path = directory / f"{name}.csv"
    return _load_validated(name, directory, path.stat().st_mtime).copy()


def data_dictionary(name: str) -> pd.DataFrame:
    """The columns of a table as its schema describes them: one row per column, for the
    data appendix (generated here so it is never written twice by hand)."""
    table = schema(name)
    keys = set(table.get("primaryKey", []))
    references = {
        fk["fields"][0]: f"{fk['reference']['resource']}.{fk['reference']['fields'][0]}"
        for fk in table.get("foreignKeys", [])
    }
    rows = []
    for field in table["fields"]:
        constraints = field.get("constraints", {})
        allowed = constraints.get("enum")
        rules = [
            f"one of: {', '.join(map(str, allowed))}" if allowed else "",
            f"pattern {constraints['pattern']}" if "pattern" in constraints else "",
            f"key in {references[field['name']]}" if field["name"] in references else "",
            "unique key" if field["name"] in keys else "",
            "keys in references.bib" if field.get("bibliography") else "",
        ]
        rows.append(
            {
                "column": field["name"],
                "type": field["type"] + (f" ({field['unit']})" if field.get("unit") else ""),
                "required": "yes" if constraints.get("required") else "",
                "rules": "; ".join(r for r in rules if r),
                "description": field.get("description", ""),
            }
        )
    return pd.DataFrame(rows)


@functools.cache
def world_shapes() -> dict:
    """The trimmed TopoJSON of world countries (object `countries`; `properties.code` joins to
    the course's country codes)."""
    return json.loads((data_dir() / WORLD_SHAPES_FILE).read_text(encoding="utf-8"))


def drawable_codes() -> set[str]:
    """Course country codes that have a shape on the map."""
    return {
        g["properties"]["code"]
        for g in world_shapes()["objects"]["countries"]["geometries"]
        if "code" in g["properties"]
    }


@functools.cache
def karabakh_region() -> dict:
    """Armenia, Azerbaijan and their neighbours at 1:50m, clipped to Chapter 5's map (GeoJSON)."""
    return json.loads((data_dir() / KARABAKH_REGION_FILE).read_text(encoding="utf-8"))
