"""Build the curated `transfers` table from SIPRI's trade-register CSV export.

Usage (from a clone, after downloading the register from
https://armstransfers.sipri.org as CSV, "All countries to all countries", all years):

    python -m refresh.sipri path/to/trade-register.csv

It keeps the drone deals (UAV, armed UAV, loitering munition, one-way attack drone) ordered
or delivered from 1995 on, maps SIPRI's names to the course's country codes and system ids
(data/countries.csv, data/systems.csv), keeps SIPRI's uncertainty flags, and writes
data/transfers.csv. The output is deterministic: the same export gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from dronediplomacy.data import data_dir

FIRST_YEAR = 1995
PREAMBLE_LINES = 11
HEADER = [
    "Recipient",
    "Supplier",
    "Year of order",
    " ",
    "Number ordered",
    " ",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    " ",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
]
DRONE_CLASSES = {
    "UAV": "ISR UAV",
    "maritime patrol UAV": "ISR UAV",
    "light aircraft/UAV": "ISR UAV",
    "armed UAV": "armed UAV",
    "(armed) UAV": "armed UAV",
    "loitering munition": "loitering munition",
    "one-way attack drone": "one-way attack drone",
}
STATUSES = {"New": "new", "Second hand": "second-hand", "Second hand but modernized": "second-hand, modernised"}
IS_DRONE = re.compile(r"\b(UAV|UCAV|drone|loitering munition)\b", re.IGNORECASE)
VALUE = re.compile(r"(?P<currency>\$|[A-Z]{3}) ?(?P<low>\d+(?:\.\d+)?)(?:-(?P<high>\d+(?:\.\d+)?))? (?P<unit>[mb])\b")
USD_IN_BRACKETS = re.compile(r"\(\$(?P<low>\d+(?:\.\d+)?)(?:-(?P<high>\d+(?:\.\d+)?))? (?P<unit>[mb])\)")

# What deal_value reads from SIPRI's comment (in millions, with the currency and any hedge).
DEAL_VALUE_COLUMNS = [
    "deal_value_low",
    "deal_value_high",
    "deal_currency",
    "deal_value_usd_low",
    "deal_value_usd_high",
    "deal_value_qualifier",
]
COLUMNS = [
    "deal_id",
    "supplier",
    "recipient",
    "designation",
    "system_id",
    "drone_class",
    "sipri_description",
    "order_year",
    "order_year_estimated",
    "number_ordered",
    "number_ordered_estimated",
    "number_delivered",
    "number_delivered_estimated",
    "delivery_years",
    "first_delivery_year",
    "last_delivery_year",
    "status",
    "aid",
    "licensed_production",
    "lease",
    *DEAL_VALUE_COLUMNS,
    "tiv_per_unit",
    "tiv_order",
    "tiv_delivered",
    "sipri_comment",
    "source",
]
SOURCE = "sipri2025register"


class SipriFormatError(ValueError):
    """The file is not a SIPRI trade-register CSV export in the expected format."""


@dataclass(frozen=True)
class Lookups:
    codes: dict[str, str]  # SIPRI actor name -> course code
    systems: dict[str, str]  # SIPRI designation -> system_id


def read_lookups(directory: Path) -> Lookups:
    def mapping(file: str, key_column: str, value_column: str) -> dict[str, str]:
        with open(directory / file, encoding="utf-8", newline="") as handle:
            out = {}
            for row in csv.DictReader(handle):
                for name in filter(None, (n.strip() for n in row[key_column].split(";"))):
                    out[name] = row[value_column]
            return out

    return Lookups(
        mapping("countries.csv", "sipri_name", "code"), mapping("systems.csv", "sipri_designations", "system_id")
    )


def read_register(path: Path) -> tuple[str, list[list[str]]]:
    """Return SIPRI's 'Data generated' line and the data rows of a register export."""
    text = Path(path).read_bytes().decode("latin-1")
    lines = text.splitlines()
    if len(lines) <= PREAMBLE_LINES:
        raise SipriFormatError(f"{path}: too short to be a SIPRI trade register export")
    generated = next((line for line in lines[:PREAMBLE_LINES] if line.startswith("Data generated")), "")
    reader = csv.reader(io.StringIO("\n".join(lines[PREAMBLE_LINES:])))
    header = next(reader)
    if [h.strip() for h in header] != [h.strip() for h in HEADER]:
        raise SipriFormatError(
            f"{path}, line {PREAMBLE_LINES + 1}: header does not match SIPRI's trade register "
            f"export; expected {HEADER}, found {header}"
        )
    rows, pending, start = [], None, 0
    for number, row in enumerate(reader, start=PREAMBLE_LINES + 2):
        if pending is not None:
            # SIPRI's export writes line breaks inside a comment without quoting it, which
            # splits one record over two lines: join the pieces back together.
            row, pending = pending[:-1] + [f"{pending[-1]} {row[0]}"] + row[1:], None
            number = start
        elif not any(row):
            continue
        if len(row) < len(HEADER):
            pending, start = row, number
            continue
        if len(row) != len(HEADER):
            raise SipriFormatError(f"{path}, line {number}: expected {len(HEADER)} fields, found {len(row)}")
        rows.append(row)
    if pending is not None:
        raise SipriFormatError(f"{path}, line {start}: expected {len(HEADER)} fields, found {len(pending)}")
    return generated, rows


def _year(text: str, path, line: int, column: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text.split(".")[0]):
        raise SipriFormatError(f"{path}, line {line}, column '{column}': {text!r} is not a year")
    return int(text.split(".")[0])


def _count(text: str) -> str:
    text = text.strip()
    return str(int(float(text))) if text else ""


def _flag(comment: str, pattern: str) -> str:
    """'yes', 'possible' (SIPRI hedges with possibly/probably) or 'no'."""
    for clause in comment.split(";"):
        if re.search(pattern, clause, re.IGNORECASE):
            return "possible" if re.search(r"\b(possibly|probably)\b", clause, re.IGNORECASE) else "yes"
    return "no"


def _millions(match) -> tuple[str, str]:
    scale = 1000 if match["unit"] == "b" else 1
    low = float(match["low"]) * scale
    high = float(match["high"]) * scale if match["high"] else low
    return f"{low:g}", f"{high:g}"


def deal_value(comment: str) -> dict[str, str]:
    """The deal value SIPRI's comment states, in millions, with its currency."""
    empty = dict.fromkeys(DEAL_VALUE_COLUMNS, "")
    match = VALUE.search(comment)
    if not match:
        return empty
    low, high = _millions(match)
    currency = "USD" if match["currency"] == "$" else match["currency"]
    out = dict(empty, deal_value_low=low, deal_value_high=high, deal_currency=currency)
    if currency == "USD":
        out["deal_value_usd_low"], out["deal_value_usd_high"] = low, high
    elif usd := USD_IN_BRACKETS.search(comment):
        out["deal_value_usd_low"], out["deal_value_usd_high"] = _millions(usd)
    before = comment[: match.start()].lower()
    out["deal_value_qualifier"] = next((q for q in ("part of", "possibly", "probably") if q in before[-20:]), "")
    return out


def curate(path: Path, lookups: Lookups, rows: list[list[str]] | None = None) -> list[dict[str, str]]:
    """The curated transfers rows for every drone deal in a SIPRI register export (its data
    rows, if already read)."""
    if rows is None:
        _, rows = read_register(path)
    out, unknown = [], []
    for line, row in enumerate(rows, start=PREAMBLE_LINES + 2):
        (
            recipient,
            supplier,
            order_year,
            order_flag,
            ordered,
            ordered_flag,
            designation,
            description,
            delivered,
            delivered_flag,
            delivery_years,
            status,
            comment,
            tiv_unit,
            tiv_order,
            tiv_delivered,
        ) = (cell.strip() for cell in row)
        if not IS_DRONE.search(description):
            continue
        years = [_year(y, path, line, "Year(s) of delivery") for y in delivery_years.split(";") if y.strip()]
        year = _year(order_year, path, line, "Year of order")
        if max([year or 0, *years]) < FIRST_YEAR:
            continue
        problems = [
            f"line {line}: {kind} {name!r}"
            for kind, name, known in (
                ("supplier", supplier, lookups.codes),
                ("recipient", recipient, lookups.codes),
                ("designation", designation, lookups.systems),
                ("description", description, DRONE_CLASSES),
                ("status", status, STATUSES),
            )
            if name not in known
        ]
        if problems:
            unknown += problems
            continue
        out.append(
            {
                "supplier": lookups.codes[supplier],
                "recipient": lookups.codes[recipient],
                "designation": designation,
                "system_id": lookups.systems[designation],
                "drone_class": DRONE_CLASSES[description],
                "sipri_description": description,
                "order_year": str(year) if year else "",
                "order_year_estimated": str(order_flag == "?").lower(),
                "number_ordered": _count(ordered),
                "number_ordered_estimated": str(ordered_flag == "?").lower(),
                "number_delivered": _count(delivered),
                "number_delivered_estimated": str(delivered_flag == "?").lower(),
                "delivery_years": ";".join(str(y) for y in years),
                "first_delivery_year": str(min(years)) if years else "",
                "last_delivery_year": str(max(years)) if years else "",
                "status": STATUSES[status],
                "aid": _flag(comment, r"\baid\b|donated"),
                "licensed_production": _flag(comment, r"under licence|assembl|production in|produced in"),
                "lease": _flag(comment, r"\blease"),
                **deal_value(comment),
                "tiv_per_unit": tiv_unit,
                "tiv_order": tiv_order,
                "tiv_delivered": tiv_delivered,
                "sipri_comment": comment,
                "source": SOURCE,
            }
        )
    if unknown:
        raise SipriFormatError(
            f"{path}: names the course data cannot map (add them to data/countries.csv "
            f"'sipri_name' or data/systems.csv 'sipri_designations'):\n  " + "\n  ".join(unknown)
        )
    return _with_ids(out)


def _with_ids(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Sort deterministically and give each deal a stable, readable id."""
    rows = sorted(
        rows,
        key=lambda r: (
            r["order_year"],
            r["supplier"],
            r["recipient"],
            r["system_id"],
            r["designation"],
            r["number_ordered"],
            r["delivery_years"],
            r["sipri_comment"],
        ),
    )
    seen: dict[str, int] = {}
    for row in rows:
        base = f"{row['order_year'] or 'unknown'}-{row['supplier']}-{row['recipient']}-{row['system_id']}"
        seen[base] = seen.get(base, 0) + 1
        row["deal_id"] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return [{column: row[column] for column in COLUMNS} for row in rows]


def write_transfers(rows: list[dict[str, str]], destination: Path) -> None:
    with open(destination, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def refresh(export: Path, directory: Path | None = None) -> tuple[Path, str]:
    """Write data/transfers.csv from an export; return its path and SIPRI's 'Data generated' line."""
    directory = directory or data_dir()
    generated, rows = read_register(Path(export))
    destination = directory / "transfers.csv"
    write_transfers(curate(Path(export), read_lookups(directory), rows), destination)
    return destination, generated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path, help="SIPRI trade register CSV export")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: the course's)")
    args = parser.parse_args(argv)
    try:
        destination, generated = refresh(args.export, args.data)
    except (SipriFormatError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {destination} from {args.export} ({generated.strip() or 'generation date not found'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
