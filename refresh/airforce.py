"""Build the curated `ukraine_air_attacks_monthly` table from the daily attack records compiled
from Ukrainian Air Force reports (Petro Ivaniuk's "Massive Missile Attacks on Ukraine" data set,
file missile_attacks_daily.csv).

    python -m refresh.airforce path/to/missile_attacks_daily.csv

Each daily record names a weapon model and how many were launched and reported destroyed. The
script sorts models into one-way attack drones (Shahed-136/131 and the decoys the Air Force
reports with them), other drones (reconnaissance drones and loitering munitions) and missiles,
and sums each month by the date the report closes. These are one side's claims: see the data
appendix for the caveats.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from dronediplomacy.data import data_dir

ONE_WAY = {"Shahed-136/131"}
OTHER_DRONES = {
    "Unknown UAV",
    "Orlan-10",
    "Reconnaissance UAV",
    "Supercam",
    "ZALA",
    "Lancet",
    "Молнія",
    "Merlin-VR",
    "Orion",
    "Mohajer-6",
    "Forpost",
    "Kub",
    "Orlan-10 and ZALA and Supercam",
    "Молнія and Lancet",
}
REQUIRED = ("time_end", "model", "launched", "destroyed", "not_reach_goal")
COLUMNS = [
    "month",
    "partial_month",
    "one_way_drones_launched",
    "one_way_drones_destroyed",
    "one_way_drones_lost_to_ew",
    "other_drones_reported",
    "missiles_launched",
    "missiles_destroyed",
    "reports",
    "source",
]
SOURCE = "ivaniuk2026attacks;kpszsu2026reports"


class AttackDataError(ValueError):
    pass


def weapon_group(model: str) -> str:
    if model in ONE_WAY:
        return "one_way"
    if model in OTHER_DRONES or "UAV" in model:
        return "other_drone"
    return "missile"


def _number(text: str, path, line: int, column: str) -> float:
    text = (text or "").strip()
    if text in ("", "nan", "NaN"):
        return 0.0
    try:
        value = float(text)
    except ValueError:
        raise AttackDataError(f"{path}, line {line}, column '{column}': {text!r} is not a number")
    if value < 0:
        raise AttackDataError(f"{path}, line {line}, column '{column}': {value} is negative")
    return value


def monthly(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise AttackDataError(f"{path}: missing column(s) {missing}; is this missile_attacks_daily.csv?")
        totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for line, row in enumerate(reader, start=2):
            month = row["time_end"].strip()[:7]
            if len(month) != 7 or month[4] != "-":
                raise AttackDataError(f"{path}, line {line}, column 'time_end': {row['time_end']!r} is not a date")
            launched = _number(row["launched"], path, line, "launched")
            destroyed = _number(row["destroyed"], path, line, "destroyed")
            lost = _number(row["not_reach_goal"], path, line, "not_reach_goal")
            reported_lost = (row["not_reach_goal"] or "").strip() not in ("", "nan", "NaN")
            group, month_totals = weapon_group(row["model"].strip()), totals[month]
            month_totals["reports"] += 1
            if group == "one_way":
                month_totals["one_way_drones_launched"] += launched
                month_totals["one_way_drones_destroyed"] += destroyed
                if reported_lost:  # the Air Force began reporting these in mid-2024
                    month_totals["one_way_drones_lost_to_ew"] += lost
                    month_totals["lost_reported"] += 1
            elif group == "other_drone":
                month_totals["other_drones_reported"] += max(launched, destroyed)
            else:
                month_totals["missiles_launched"] += launched
                month_totals["missiles_destroyed"] += destroyed
    months = sorted(totals)
    # The records start and stop part-way through a month: say so rather than show a dip.
    return [
        {
            "month": month,
            "partial_month": str(month in (months[0], months[-1])).lower(),
            **{c: f"{totals[month][c]:.0f}" for c in COLUMNS[2:-1]},
            "source": SOURCE,
            # No figure is not zero: leave months without reports of EW losses empty.
            **({} if totals[month]["lost_reported"] else {"one_way_drones_lost_to_ew": ""}),
        }
        for month in months
    ]


def refresh(daily_csv: Path, directory: Path | None = None) -> Path:
    rows = monthly(Path(daily_csv))
    destination = (directory or data_dir()) / "ukraine_air_attacks_monthly.csv"
    with open(destination, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return destination


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("daily_csv", type=Path)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        print(f"wrote {refresh(args.daily_csv, args.data)}")
    except (AttackDataError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
