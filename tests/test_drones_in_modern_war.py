"""Chapter 1 (Drones in modern war): the worked analysis a reader follows before the graded
exercise, the numbers it gives the prose, and the chapter's length."""

from __future__ import annotations

import pytest

from dronediplomacy import load
from chapter_code import assert_readable_chart_with_a_control, charts_built_in_view

SLUG = "01-drones-in-modern-war"


def test_deals_are_counted_as_rows_and_drones_as_a_sum(chapter_run):
    transfers = load("transfers")
    orders = transfers[transfers["order_year"] == 2023]
    table = chapter_run.namespace["by_class_2023"]
    assert table["deals"].to_dict() == orders.groupby("drone_class").size().to_dict()
    assert table["drones"].to_dict() == orders.groupby("drone_class")["number_ordered"].sum().astype(int).to_dict()
    # The prose's point: a class with deals but no recorded quantities shows 0 drones.
    assert table.loc["loitering munition", "deals"] > 0 and table.loc["loitering munition", "drones"] == 0
    assert chapter_run.glued["armed_deals_2023"] == table["deals"].max()  # "armed drones lead on both"
    assert chapter_run.glued["armed_drones_2023"] == table["drones"].max()


def test_share_of_isr_deals_in_the_2000s(chapter_run):
    transfers = load("transfers")
    decade = transfers[(transfers["order_year"] >= 2000) & (transfers["order_year"] <= 2009)]
    assert chapter_run.glued["deals_2000s"] == len(decade)
    assert abs(chapter_run.glued["isr_share_2000s"] - (decade["drone_class"] == "ISR UAV").sum() / len(decade)) < 1e-12


def test_cost_per_aircraft_refuses_no_aircraft_with_a_clear_message(chapter_run):
    cost_per_aircraft = chapter_run.namespace["cost_per_aircraft"]
    assert cost_per_aircraft(10_000_000, 4) == 2_500_000
    for aircraft in (0, -3):
        with pytest.raises(ValueError, match="aircraft must be a positive number"):
            cost_per_aircraft(10_000_000, aircraft)


def test_launch_chart_picks_a_year_with_a_dropdown(chapter_run):
    (spec,) = charts_built_in_view(chapter_run)
    monthly = load("ukraine_air_attacks_monthly")
    years = sorted({int(month[:4]) for month in monthly["month"]})
    assert_readable_chart_with_a_control(spec, years)
    rows = max(spec["datasets"].values(), key=len)
    assert len(rows) == len(monthly)
    assert (
        f"{monthly['one_way_drones_launched'][monthly['month'].str.startswith('2025')].sum():,}" in spec["description"]
    )
