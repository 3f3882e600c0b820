"""The refresh script turns a SIPRI trade-register export into data/transfers.csv.

The tests write exports in SIPRI's format themselves (Latin-1, eleven preamble lines, blank
flag columns, unquoted line breaks in comments), never reading SIPRI's own file."""

from __future__ import annotations

import csv
import random
import shutil

import pytest

from dronediplomacy import data
from refresh import sipri

PREAMBLE = [
    "Transfers of major conventional arms from All countries  to All countries . Deals with deliveries made for the year range 'Not specified' to 'Not specified' ",
    "A '?' in a column indicates uncertain data.",
    "An empty field for 'Number ordered' indicates that data is not yet available.",
    "SIPRI trend-indicator values (TIVs) are in millions.",
    "An empty field for 'SIPRI TIV for total order' indicates that data is not available.",
    "A '0' for 'SIPRI TIV of delivered weapons' indicates a small volume.",
    "Figures may not add up to stated totals due to the conventions of rounding.",
    "For the method used see <https://www.sipri.org/databases/armstransfers/sources-and-methods>.",
    "",
    "Source: SIPRI Arms Transfers Database (c) SIPRI.",
    "Data generated: 13 Mar 2025 10:02:49 AM",
]
HEADER = ",".join(sipri.HEADER)
STATUS_NAMES = {v: k for k, v in sipri.STATUSES.items()}


def sipri_line(*cells) -> str:
    """One register row as SIPRI writes it: the cells of sipri.HEADER in order, quoted as needed."""
    assert len(cells) == len(sipri.HEADER), f"a SIPRI row has {len(sipri.HEADER)} cells, not {len(cells)}"
    buffer = []
    csv.writer(_Sink(buffer), lineterminator="").writerow(cells)
    return buffer[0]


def turkish_order_of_2022(recipient: str, designation: str) -> str:
    """A register row: 2 armed drones ordered from Turkey in 2022, delivered in 2023."""
    cells = ["Turkiye", "2022", "", "2", "", designation, "armed UAV", "2", "", "2023", "New", "", "4", "8", "8"]
    return sipri_line(recipient, *cells)


class _Sink:
    def __init__(self, buffer):
        self.buffer = buffer

    def write(self, text):
        self.buffer.append(text)


def write_export(path, lines):
    path.write_bytes(("\r\n".join(PREAMBLE + [HEADER] + lines) + "\r\n").encode("latin-1"))
    return path


def export_from_curated(transfers_csv, countries_csv, role_names=True) -> list[str]:
    """SIPRI-format lines for every curated deal: the inverse of the refresh script."""
    names = {}
    with open(countries_csv, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[row["code"]] = [n.strip() for n in row["sipri_name"].split(";") if n.strip()]
    lines = []
    with open(transfers_csv, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):

            def name(code, role):
                options = names[code]
                return next((n for n in options if role in n), options[0])

            lines.append(
                sipri_line(
                    name(row["recipient"], "recipient"),
                    name(row["supplier"], "supplier"),
                    row["order_year"],
                    "?" if row["order_year_estimated"] == "true" else "",
                    row["number_ordered"],
                    "?" if row["number_ordered_estimated"] == "true" else "",
                    row["designation"],
                    row["sipri_description"],
                    row["number_delivered"],
                    "?" if row["number_delivered_estimated"] == "true" else "",
                    "; ".join(row["delivery_years"].split(";")) if row["delivery_years"] else "",
                    STATUS_NAMES[row["status"]],
                    row["sipri_comment"],
                    row["tiv_per_unit"],
                    row["tiv_order"],
                    row["tiv_delivered"],
                )
            )
    return lines


def test_round_trip_reproduces_the_curated_table_byte_for_byte(tmp_path):
    """Export every curated deal back to SIPRI's format, shuffled and mixed with deals the
    course must drop; refreshing from it rebuilds data/transfers.csv exactly."""
    directory = tmp_path / "data"
    shutil.copytree(data.data_dir(), directory)
    original = (directory / "transfers.csv").read_bytes()
    lines = export_from_curated(directory / "transfers.csv", directory / "countries.csv")
    lines += [
        sipri_line(
            "Afghanistan",
            "Soviet Union",
            "1987",
            "?",
            "3",
            "",
            "An-26",
            "transport aircraft",
            "3",
            "",
            "1987",
            "New",
            "",
            "8.5",
            "25.5",
            "25.5",
        ),
        sipri_line(
            "France", "Canada", "1980", "", "10", "", "CL-289", "UAV", "10", "", "1990", "New", "", "1", "10", "10"
        ),
    ]
    random.Random(7).shuffle(lines)
    export = write_export(tmp_path / "trade-register.csv", lines)
    (directory / "transfers.csv").unlink()
    sipri.refresh(export, directory)
    assert (directory / "transfers.csv").read_bytes() == original


def test_refresh_parses_flags_values_and_broken_comment_lines(tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(data.data_dir(), directory)
    turkey_ukraine = sipri_line(
        "Ukraine",
        "Turkiye",
        "2018",
        "",
        "12",
        "?",
        "Bayraktar TB2",
        "armed UAV",
        "12",
        "",
        "2019; 2021",
        "New",
        "$69 m deal",
        "4",
        "48",
        "48",
    )
    morocco = sipri_line(
        "Morocco",
        "Turkiye",
        "2021",
        "",
        "13",
        "",
        "Bayraktar TB2",
        "armed UAV",
        "13",
        "",
        "2022",
        "New",
        "MAD626 m ($70 m) deal;\npossibly aid",
        "4",
        "52",
        "52",
    )
    export = write_export(tmp_path / "trade-register.csv", [turkey_ukraine, morocco])
    rows = sipri.curate(export, sipri.read_lookups(directory))
    ukraine, moroccan = sorted(rows, key=lambda r: r["order_year"])
    assert ukraine["supplier"] == "TUR" and ukraine["recipient"] == "UKR"
    assert ukraine["system_id"] == "bayraktar-tb2" and ukraine["drone_class"] == "armed UAV"
    assert ukraine["number_ordered_estimated"] == "true" and ukraine["order_year_estimated"] == "false"
    assert ukraine["delivery_years"] == "2019;2021" and ukraine["last_delivery_year"] == "2021"
    assert (ukraine["deal_value_low"], ukraine["deal_currency"], ukraine["deal_value_usd_low"]) == ("69", "USD", "69")
    assert (moroccan["deal_value_low"], moroccan["deal_currency"], moroccan["deal_value_usd_low"]) == (
        "626",
        "MAD",
        "70",
    )
    assert moroccan["aid"] == "possible"
    assert moroccan["sipri_comment"] == "MAD626 m ($70 m) deal; possibly aid"


@pytest.mark.parametrize(
    "comment,expected",
    [
        ("$71 m deal", ("71", "71", "USD", "71", "71", "")),
        ("EUR158-161 m deal", ("158", "161", "EUR", "", "", "")),
        ("INR320 b ($3.8 b) deal; incl 15 SeaGuardian", ("320000", "320000", "INR", "3800", "3800", "")),
        ("Part of $70 m deal; recipient is Latin America country", ("70", "70", "USD", "70", "70", "part of")),
        ("Possibly $30 m deal (incl technology transfers)", ("30", "30", "USD", "30", "30", "possibly")),
        ("Searcher-2 version", ("", "", "", "", "", "")),
    ],
)
def test_deal_values_from_sipri_comments(comment, expected):
    value = sipri.deal_value(comment)
    assert tuple(value[k] for k in sipri.DEAL_VALUE_COLUMNS) == expected


def test_unknown_names_are_listed_not_dropped(tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(data.data_dir(), directory)
    export = write_export(
        tmp_path / "trade-register.csv",
        [
            turkish_order_of_2022("Atlantis", "Bayraktar TB2"),
            turkish_order_of_2022("Ukraine", "Sky Whale"),
        ],
    )
    with pytest.raises(sipri.SipriFormatError) as error:
        sipri.refresh(export, directory)
    assert "line 13: recipient 'Atlantis'" in str(error.value)
    assert "line 14: designation 'Sky Whale'" in str(error.value)
    assert (directory / "transfers.csv").read_bytes() == (data.data_dir() / "transfers.csv").read_bytes()


def test_wrong_file_is_refused_with_the_line(tmp_path):
    export = tmp_path / "not-sipri.csv"
    export.write_text("\n" * 11 + "country,year,value\nFrance,2020,3\n", encoding="latin-1")
    with pytest.raises(sipri.SipriFormatError, match="line 12: header does not match"):
        sipri.read_register(export)


def test_command_line_reports_errors_without_traceback(tmp_path, capsys):
    export = tmp_path / "empty.csv"
    export.write_text("nothing here\n", encoding="latin-1")
    assert sipri.main([str(export), "--data", str(data.data_dir())]) == 1
    assert "too short to be a SIPRI trade register export" in capsys.readouterr().err
