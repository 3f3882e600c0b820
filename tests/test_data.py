"""The curated tables load, validate, and reject bad input with a message a person can act on."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from dronediplomacy import data, mtcr
from dronediplomacy.data import DataError, load


@pytest.mark.parametrize("name", ["countries", "systems", "transfers"])
def test_tables_load_typed(name):
    frame = load(name)
    assert len(frame) > 50
    fields = data.schema(name)["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    for field in fields:
        expected = {"integer": "Int64", "year": "Int64", "number": "Float64", "boolean": "boolean"}.get(field["type"])
        if expected:
            assert str(frame[field["name"]].dtype) == expected, field["name"]


def test_missing_values_stay_missing():
    transfers = load("transfers")
    assert transfers["number_ordered"].isna().any()  # SIPRI has no figure for some orders
    assert not (transfers["number_ordered"] == 0).all()


def test_load_names_the_tables_it_has():
    with pytest.raises(KeyError, match="countries"):
        load("no-such-table")


def test_every_sipri_drone_deal_maps_to_known_systems_and_actors():
    transfers, systems, countries = load("transfers"), load("systems"), load("countries")
    assert set(transfers["system_id"]) <= set(systems["system_id"])
    assert set(transfers["supplier"]) | set(transfers["recipient"]) <= set(countries["code"])


def test_systems_mtcr_category_follows_from_payload_and_range():
    systems = load("systems")
    implied = [
        mtcr.mtcr_category(p, r, b)
        for p, r, b in zip(systems["payload_kg"], systems["range_km"], systems["range_basis"])
    ]
    assert list(systems["mtcr_category"]) == implied


def test_countries_match_the_regimes_published_membership():
    countries = load("countries")
    assert (countries["mtcr_status"] == "partner").sum() == 35
    assert (countries["wassenaar_status"] == "participating").sum() == 42
    by_code = countries.set_index("code")
    assert by_code.loc["IND", "mtcr_join_year"] == 2016
    assert by_code.loc["TUR", "mtcr_status"] == "partner"
    assert by_code.loc["ISR", "mtcr_status"] == "informal adherent"
    assert by_code.loc["CHN", "mtcr_status"] == "pledged non-member"
    assert by_code.loc["IRN", "mtcr_status"] == "none"


# --- bad input: copy the data folder, break one thing, expect a precise error ---------------


@pytest.fixture
def broken_data(tmp_path):
    """A writable copy of data/ and references.bib, and a helper that edits one cell."""
    directory = tmp_path / "data"
    shutil.copytree(data.data_dir(), directory)
    shutil.copy(data.references_path(), tmp_path / "references.bib")

    def edit(table: str, row: int, column: str, value: str):
        frame = pd.read_csv(directory / f"{table}.csv", dtype=str, keep_default_na=False)
        frame.loc[row, column] = value
        frame.to_csv(directory / f"{table}.csv", index=False, lineterminator="\n")
        return directory

    return edit


@pytest.mark.parametrize(
    "table,column,value,message",
    [
        ("transfers", "order_year", "twenty-ten", "line 2, column 'order_year'"),
        ("transfers", "number_ordered", "12.5", "line 2, column 'number_ordered'"),
        ("transfers", "supplier", "ZZZ", "line 2.*(foreign key|not found)"),
        ("transfers", "system_id", "no-such-drone", "line 2.*(foreign key|not found)"),
        ("transfers", "drone_class", "spy balloon", "line 2, column 'drone_class'"),
        ("transfers", "source", "", "line 2, column 'source'"),
        ("transfers", "source", "nobody2099", "line 2, column 'source': source 'nobody2099' is not an entry"),
        ("countries", "code", "usa", "line 2, column 'code'"),
        ("countries", "mtcr_status", "member", "line 2, column 'mtcr_status'"),
        ("systems", "payload_kg", "heavy", "line 2, column 'payload_kg'"),
        ("systems", "origin", "XYZ", "line 2.*(foreign key|not found)"),
        ("timeline", "actors", "USA;ZZZ", "line 2, column 'actors': code 'ZZZ' is not a code in countries.csv"),
        ("timeline", "date", "2020-13-45", "line 2, column 'date'"),
        ("timeline", "date_precision", "week", "line 2, column 'date_precision'"),
        ("costs", "role", "bomber", "line 2, column 'role'"),
        ("costs", "cost_low", "cheap", "line 2, column 'cost_low'"),
        ("production_abroad", "host", "ZZZ", "line 2.*(referenced table|not found)"),
        ("ukraine_air_attacks_monthly", "one_way_drones_launched", "-5", "line 2, column 'one_way_drones_launched'"),
        ("ukraine_air_attacks_monthly", "month", "March 2024", "line 2, column 'month'"),
    ],
)
def test_bad_cell_is_reported_with_file_line_and_column(broken_data, table, column, value, message):
    directory = broken_data(table, 0, column, value)
    with pytest.raises(DataError, match=f"{table}.csv, {message}"):
        data.validate(table, directory)


def test_duplicate_key_is_reported(broken_data):
    transfers = load("transfers")
    directory = broken_data("transfers", 1, "deal_id", transfers.loc[0, "deal_id"])
    with pytest.raises(DataError, match="transfers.csv, line 3: duplicate key: the same as in the row at line 2"):
        data.validate("transfers", directory)


def test_unbroken_copy_validates(broken_data):
    directory = broken_data("countries", 0, "notes", "a harmless note")
    for table in ("countries", "systems", "transfers"):
        data.validate(table, directory)


@pytest.mark.parametrize("name", ["countries", "systems", "transfers"])
def test_data_dictionary_comes_from_the_schema(name):
    dictionary = data.data_dictionary(name)
    fields = data.schema(name)["fields"]
    assert list(dictionary["column"]) == [f["name"] for f in fields]
    assert dictionary["description"].str.len().min() > 5


def test_data_dictionary_states_keys_and_allowed_values():
    rules = data.data_dictionary("transfers").set_index("column")["rules"]
    assert "key in countries.code" in rules["supplier"]
    assert "key in systems.system_id" in rules["system_id"]
    assert "unique key" in rules["deal_id"]
    assert "one of: ISR UAV, armed UAV" in rules["drone_class"]
    assert "keys in references.bib" in rules["source"]


def test_timeline_dates_are_dates_and_estimates_are_ranges():
    timeline, costs = load("timeline"), load("costs")
    assert str(timeline["date"].dtype).startswith("datetime64")
    assert (costs["cost_low"] <= costs["cost_high"]).all()
    shahed = costs[costs["item"].str.contains("Shahed")]
    assert shahed["originator"].nunique() >= 3  # estimates disagree: each keeps its originator
