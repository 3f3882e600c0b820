"""World country shapes for the maps: the refresh script (dronediplomacy.data.world_shapes loads them).

The shapes come from the npm package world-atlas 2.0.2 (Mike Bostock, ISC licence), which
redistributes Natural Earth's 1:110m Admin 0 countries (public domain) as TopoJSON. The course
keeps a trimmed copy, data/world-countries-110m.json: the `countries` object only (no `land`),
Antarctica dropped (it takes a fifth of a world map and receives no drones), unused arcs
pruned, and each shape given the course's own country code (`properties.code`, from the
iso_numeric column of countries.csv) so charts join on the same codes as every table.

Refresh with the path to world-atlas's countries-110m.json:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m refresh.worldmap package/countries-110m.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from dronediplomacy.data import WORLD_SHAPES_FILE, data_dir, load

ANTARCTICA = "010"
# Natural Earth draws these as shapes of their own but they have no ISO 3166 numeric code, so
# world-atlas leaves them without an id. Kosovo is a drone recipient (Bayraktar TB2), so its
# shape is matched by name to the course's code; the other two stay uncoloured.
CODES_BY_NAME = {"Kosovo": "XKX"}


def _renumber(arcs_ref, mapping: dict[int, int]):
    """Arc references after pruning: TopoJSON writes a reversed arc i as ~i (-i - 1)."""
    if isinstance(arcs_ref, list):
        return [_renumber(a, mapping) for a in arcs_ref]
    return mapping[arcs_ref] if arcs_ref >= 0 else ~mapping[~arcs_ref]


def _arc_indices(arcs_ref):
    if isinstance(arcs_ref, list):
        for a in arcs_ref:
            yield from _arc_indices(a)
    else:
        yield arcs_ref if arcs_ref >= 0 else ~arcs_ref


def trim(topology: dict, countries: pd.DataFrame) -> dict:
    """The course's copy of world-atlas: countries with course codes, no Antarctica, no land."""
    codes = {f"{int(n):03d}": code for code, n in zip(countries["code"], countries["iso_numeric"]) if pd.notna(n)}
    kept = []
    for shape in topology["objects"]["countries"]["geometries"]:
        if shape.get("id") == ANTARCTICA:
            continue
        name = shape["properties"]["name"]
        code = codes.get(shape.get("id")) or CODES_BY_NAME.get(name)
        kept.append({**shape, "properties": {"name": name, **({"code": code} if code else {})}})
    used = sorted({i for shape in kept for i in _arc_indices(shape["arcs"])})
    mapping = {old: new for new, old in enumerate(used)}
    geometries = [{**shape, "arcs": _renumber(shape["arcs"], mapping)} for shape in kept]
    return {"type": "Topology", "transform": topology["transform"],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
            "arcs": [topology["arcs"][i] for i in used]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas 2.0.2's countries-110m.json")
    args = parser.parse_args(argv)
    trimmed = trim(json.loads(args.source.read_text(encoding="utf-8")), load("countries"))
    out = data_dir() / WORLD_SHAPES_FILE
    out.write_text(json.dumps(trimmed, separators=(",", ":")), encoding="utf-8")
    shapes = trimmed["objects"]["countries"]["geometries"]
    print(f"wrote {out}: {len(shapes)} shapes, {sum('code' in s['properties'] for s in shapes)} with a course code")


if __name__ == "__main__":
    main()
