"""Chapter 3 (The MTCR and the export gap): the worked analysis a reader follows before the
graded exercise, the numbers it gives the prose, and the chapter's length."""

from __future__ import annotations

import pandas as pd
import pytest

from dronediplomacy import load
from chapter_code import assert_readable_chart_with_a_control, charts_built_in_view

SLUG = "03-mtcr-export-gap"


def test_partner_share_counts_a_supplier_as_partner_from_its_joining_year(chapter_run):
    transfers, countries = load("transfers"), load("countries")
    joined = {code: int(year) for code, year in zip(countries["code"], countries["mtcr_join_year"]) if pd.notna(year)}
    armed = transfers[(transfers["drone_class"] == "armed UAV") & (transfers["order_year"] >= 2000)]
    expected = {}
    for period in sorted({int(y) // 5 * 5 for y in armed["order_year"]}):
        deals = armed[armed["order_year"] // 5 * 5 == period]
        partner = [
            code in joined and joined[code] <= int(year) for code, year in zip(deals["supplier"], deals["order_year"])
        ]
        expected[period] = sum(partner) / len(partner)
    table = chapter_run.namespace["partner_share"]
    computed = table[table["drone_class"] == "armed UAV"].set_index("period")["partner_share"].to_dict()
    assert computed.keys() == expected.keys()
    assert all(abs(computed[p] - expected[p]) < 1e-12 for p in expected)
    # The prose: the share fell to its lowest in 2010-14 and Turkey signed most partners' deals in 2020-24.
    assert min(expected, key=expected.get) == 2010 and chapter_run.glued["armed_lowest_period"] == "2010–14"
    assert chapter_run.glued["turkey_share_of_partner_armed_last"] > 0.5


def test_range_for_the_300_km_line_doubles_a_radius_and_refuses_unknown_bases(chapter_run):
    mtcr_range_km = chapter_run.namespace["mtcr_range_km"]
    assert mtcr_range_km(150, "datalink radius") == 300
    assert mtcr_range_km(1500, "stated range") == 1500
    with pytest.raises(ValueError, match="unknown range basis 'combat radius'"):
        mtcr_range_km(150, "combat radius")
    systems = load("systems").dropna(subset=["range_km"])
    assert chapter_run.glued["systems_with_range"] == len(systems)
    assert set(systems["range_basis"]) <= {"datalink radius", "stated range", "ferry/maximum range"}


def test_partner_share_chart_picks_a_drone_class_with_a_dropdown(chapter_run):
    (spec,) = charts_built_in_view(chapter_run)
    classes = sorted(chapter_run.namespace["partner_share"]["drone_class"].unique())
    assert_readable_chart_with_a_control(spec, classes)
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1]
