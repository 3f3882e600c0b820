"""Chapter 1 (Drones in modern war): the worked analysis a reader follows before the graded
exercise, the numbers it gives the prose, and the chapter's length."""

from __future__ import annotations

import json

import pytest

from dronediplomacy import charts, load
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


def test_launch_chart_draws_partial_months_hollow(chapter_run):
    """April 2026 has four days of reports: drawn solid it would read as a collapse."""
    (spec,) = charts_built_in_view(chapter_run)
    monthly = load("ukraine_air_attacks_monthly")
    partial = monthly.loc[monthly["partial_month"].astype(bool), "month"].tolist()
    assert "2026-04" in partial
    fill = spec["encoding"]["fill"]
    assert "partial_month" in json.dumps(fill["condition"]) and fill["condition"]["value"] == "white"
    assert fill["value"] != "white"
    rows = max(spec["datasets"].values(), key=len)
    assert {row["month"] for row in rows if row["partial_month"]} == set(partial)
    assert all(month in spec["description"] for month in partial)


def test_deals_chart_fits_its_column_and_names_both_counts():
    """Counting drones widens the y labels (8,000): the chart must size its axes, titles and
    legend inside the column, and its title must not say "deals" alone."""
    spec = charts.drone_classes_over_time(load("transfers")).to_dict()
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding", "resize": True}
    assert spec["width"] == "container"
    title, subtitle = spec["title"]["text"], spec["title"]["subtitle"]
    assert "deals" not in title and "deals or drones ordered" in subtitle
    assert len(title) <= 40  # Vega does not wrap titles: a longer one runs off a phone
    measure = next(p for p in spec["params"] if p["name"] == "measure")
    assert measure["bind"]["options"] == ["deals signed", "drones ordered"]
    assert spec["encoding"]["color"]["legend"]["columns"] == 2  # four classes in a row overflow a phone


def test_cost_chart_colours_only_roles_it_draws_and_cuts_labels_at_words():
    costs = load("costs")
    spec = charts.cost_ranges(costs).to_dict()
    rows = max(spec["datasets"].values(), key=len)
    drawn = {row["role"] for row in rows}
    assert "electronic warfare" in set(costs["role"]) and "electronic warfare" not in drawn
    domains = [layer["encoding"]["color"]["scale"]["domain"] for layer in spec["layer"]]
    assert all(set(domain) == drawn for domain in domains)
    select = next(p for p in spec["params"] if p["name"] == "role")
    assert set(select["bind"]["options"]) == drawn | {"All"}
    assert "electronic warfare" not in spec["description"]
    for row in rows:
        label = row["estimate"].split(" · ")[0]
        words = row["item"].replace(",", " ").replace("(", " ").split()
        assert all(word in words for word in label.rstrip("…").split()), label
    # A phone-wide column gets narrower labels so the bars keep room.
    assert "containerSize()" in spec["layer"][0]["encoding"]["y"]["axis"]["labelLimit"]["expr"]
