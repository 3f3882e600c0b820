"""The monthly Ukrainian Air Force table is rebuilt from daily records in the compiled format."""

from __future__ import annotations

import csv

import pytest

from refresh import airforce

HEADER = [
    "time_start",
    "time_end",
    "model",
    "launch_place",
    "target",
    "target_main",
    "launched",
    "destroyed",
    "not_reach_goal",
    "still_attacking",
    "border_crossing",
    "is_shahed",
]


def write_daily(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for time_end, model, launched, destroyed, lost in rows:
            writer.writerow(["", time_end, model, "", "Ukraine", "", launched, destroyed, lost, "", "{}", ""])
    return path


def test_monthly_sums_by_weapon_group_and_partial_months(tmp_path):
    daily = write_daily(
        tmp_path / "daily.csv",
        [
            ("2024-06-30 08:00", "Shahed-136/131", "50.0", "45.0", ""),
            ("2024-07-01 08:00", "Shahed-136/131", "100.0", "80.0", "15.0"),
            ("2024-07-02 08:00", "Shahed-136/131", "20.0", "20.0", ""),
            ("2024-07-02 08:00", "Kalibr", "6.0", "4.0", ""),
            ("2024-07-03", "Orlan-10", "", "3.0", ""),
            ("2024-08-01 08:00", "Iskander-M", "2.0", "0.0", ""),
        ],
    )
    rows = {r["month"]: r for r in airforce.monthly(daily)}
    july = rows["2024-07"]
    assert (july["one_way_drones_launched"], july["one_way_drones_destroyed"]) == ("120", "100")
    assert july["one_way_drones_lost_to_ew"] == "15"
    assert (july["missiles_launched"], july["missiles_destroyed"], july["other_drones_reported"]) == ("6", "4", "3")
    assert rows["2024-06"]["one_way_drones_lost_to_ew"] == ""  # not reported is not zero
    assert [rows[m]["partial_month"] for m in ("2024-06", "2024-07", "2024-08")] == ["true", "false", "true"]


def test_bad_daily_records_are_refused_with_line_and_column(tmp_path):
    daily = write_daily(tmp_path / "daily.csv", [("2024-07-01 08:00", "Shahed-136/131", "many", "1", "")])
    with pytest.raises(airforce.AttackDataError, match="line 2, column 'launched': 'many' is not a number"):
        airforce.monthly(daily)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("date,count\n2024-01-01,3\n")
    with pytest.raises(airforce.AttackDataError, match="missing column"):
        airforce.monthly(wrong)


def test_refresh_writes_a_table_that_validates(tmp_path):
    import shutil

    from dronediplomacy import data

    directory = tmp_path / "data"
    shutil.copytree(data.data_dir(), directory)
    shutil.copy(data.references_path(), tmp_path / "references.bib")
    daily = write_daily(tmp_path / "daily.csv", [("2025-01-05 08:00", "Shahed-136/131", "80", "60", "12")])
    airforce.refresh(daily, directory)
    data.validate("ukraine_air_attacks_monthly", directory)
