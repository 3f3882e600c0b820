"""Recompute the mtcr_category column of data/systems.csv from payload, range and range basis.

Run after editing a system's figures (tests/test_data.py fails until you do):
    .venv/bin/python -m refresh.fill_mtcr_category
"""

import csv

from dronediplomacy.data import data_dir
from dronediplomacy.mtcr import mtcr_category


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def main() -> None:
    path = data_dir() / "systems.csv"
    with path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        row["mtcr_category"] = mtcr_category(
            _number(row["payload_kg"]), _number(row["range_km"]), row["range_basis"] or None
        )
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
