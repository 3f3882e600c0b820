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

At the zoom of a single war 1:110m is too coarse (Armenia has 24 points, and towns a few km
from its border would fall on the wrong side), so Chapter 5's map uses a regional cut of the
same package's 1:50m shapes, data/karabakh-region-50m.json: the South Caucasus and its
neighbours clipped to a box, as GeoJSON with the course's country codes. Refresh it with

    python -m refresh.worldmap --karabakh package/countries-50m.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from dronediplomacy.data import KARABAKH_REGION_FILE, WORLD_SHAPES_FILE, data_dir, load

# Armenia, Azerbaijan and their neighbours, in a box (west, south, east, north in degrees) wide
# enough to fill a wide or a narrow chart around Chapter 5's places (the chart fits its
# projection to the places and clips the shapes to the view).
KARABAKH_CODES = ("ARM", "AZE", "GEO", "IRN", "TUR", "RUS")
KARABAKH_BOX = (40.0, 36.5, 53.0, 44.0)

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
    return {
        "type": "Topology",
        "transform": topology["transform"],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": [topology["arcs"][i] for i in used],
    }


def _decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arc_refs: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for ref in arc_refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their end point
    return points


def clip_ring(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clipping of a closed ring to a longitude-latitude box. The box is
    convex, so the result is one ring (possibly with edges along the box), in the same winding
    order, which d3-geo and Vega read as the inside of the shape."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cross in edges:
        kept = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
        points = kept
        if not points:
            return []
    return [*points, points[0]]


def _cross_x(a, b, x):
    return (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))


def _cross_y(a, b, y):
    return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def regional_shapes(
    topology: dict, countries: pd.DataFrame, codes: tuple[str, ...], box: tuple[float, float, float, float]
) -> dict:
    """The countries with the given course codes, clipped to a box, as a GeoJSON
    FeatureCollection (coordinates rounded to 0.001 degree, about 100 m)."""
    numeric = {
        f"{int(n):03d}": code
        for code, n in zip(countries["code"], countries["iso_numeric"])
        if pd.notna(n) and code in codes
    }
    arcs = _decoded_arcs(topology)
    features = []
    for shape in topology["objects"]["countries"]["geometries"]:
        code = numeric.get(shape.get("id"))
        if code is None:
            continue
        polygons = shape["arcs"] if shape["type"] == "MultiPolygon" else [shape["arcs"]]
        clipped = []
        for polygon in polygons:
            rings = [clip_ring(_ring(refs, arcs), box) for refs in polygon]
            if len(rings[0]) >= 4:
                clipped.append([[[round(x, 3), round(y, 3)] for x, y in ring] for ring in rings if len(ring) >= 4])
        if clipped:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": shape["properties"]["name"], "code": code},
                    "geometry": {"type": "MultiPolygon", "coordinates": clipped},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source", type=Path, help="world-atlas 2.0.2's countries-110m.json (or countries-50m.json with --karabakh)"
    )
    parser.add_argument(
        "--karabakh", action="store_true", help="write Chapter 5's regional cut from countries-50m.json"
    )
    args = parser.parse_args(argv)
    if args.karabakh:
        region = regional_shapes(
            json.loads(args.source.read_text(encoding="utf-8")), load("countries"), KARABAKH_CODES, KARABAKH_BOX
        )
        out = data_dir() / KARABAKH_REGION_FILE
        out.write_text(json.dumps(region, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {out}: {len(region['features'])} countries")
        return
    trimmed = trim(json.loads(args.source.read_text(encoding="utf-8")), load("countries"))
    out = data_dir() / WORLD_SHAPES_FILE
    out.write_text(json.dumps(trimmed, separators=(",", ":")), encoding="utf-8")
    shapes = trimmed["objects"]["countries"]["geometries"]
    print(f"wrote {out}: {len(shapes)} shapes, {sum('code' in s['properties'] for s in shapes)} with a course code")


if __name__ == "__main__":
    main()
