"""Chapter 5 (Nagorno-Karabakh 2020): its charts, widget, and the numbers its prose shares with
the data."""

from __future__ import annotations

import json
from pathlib import Path

import re

import pandas as pd
import pytest

from dronediplomacy import charts, load, widgets
from dronediplomacy.charts.nagorno_karabakh_2020 import control_by_day, prose_numbers
from dronediplomacy.data import bibliography_keys, references_path, validate
from chapter_code import (
    assert_readable_chart_with_a_control,
    charts_built_in_view,
    redraw_after_choosing,
)
from site_browser import chart_markup, chart_with, redrawn

CHAPTER = Path(__file__).resolve().parent.parent / "chapters" / "05-nagorno-karabakh-2020.md"


@pytest.fixture(scope="module")
def tables():
    return load("transfers"), load("countries")


@pytest.fixture(scope="module")
def text():
    return " ".join(CHAPTER.read_text(encoding="utf-8").split())


def rows(chart):
    return max(chart.to_dict()["datasets"].values(), key=len)


@pytest.mark.parametrize("build", [charts.azerbaijan_drone_deals, charts.tb2_orders_around_war])
def test_charts_have_title_description_and_a_browser_control(tables, build):
    spec = build(*tables).to_dict()
    assert spec["title"]["text"] and len(spec["description"]) > 80
    assert '"bind"' in json.dumps(spec.get("params", [])) + json.dumps(spec.get("layer", []))


def test_deal_chart_shows_every_azerbaijani_deal_and_no_armenian_one(tables):
    transfers, countries = tables
    data = rows(charts.azerbaijan_drone_deals(transfers, countries))
    assert len(data) == (transfers.recipient == "AZE").sum() == 12
    assert {r["supplier"] for r in data} == {"Israel", "Turkey"}
    assert (transfers.recipient == "ARM").sum() == 0  # the description says SIPRI records none
    harop = next(r for r in data if r["system"] == "Harop")
    assert (harop["start"], harop["end"], harop["ordered"]) == (2014, 2019, 100)


def test_tb2_chart_counts_turkish_deals_per_order_year(tables):
    transfers, countries = tables
    data = {r["order_year"]: r for r in rows(charts.tb2_orders_around_war(transfers, countries))}
    assert data[2020]["deals"] == 3 and "Azerbaijan" in data[2020]["buyers"]
    assert "Sudan" not in data[2023]["buyers"]  # a TB2 from an unknown supplier, not Turkey
    assert sum(r["deals"] for r in data.values()) == 33


GLUE = re.compile(r"\{glue:text\}`([\w]+)")


def test_prose_numbers_from_the_data_are_glued_not_typed(text):
    assert (
        "records {glue:text}`aze_deals` drone deals for Azerbaijan, {glue:text}`aze_israel_deals` of them with Israel"
        in text
    )
    for typed in ("records twelve drone deals", "six deals for Turkish TB2s", "ordered 450 Israeli"):
        assert typed not in text
    # every number the prose glues is one the chapter's hidden cell computes
    assert set(GLUE.findall(text)) <= set(prose_numbers(load("transfers"), load("countries")))
    assert "prose_numbers(transfers, countries)" in text


def test_glued_numbers_equal_independent_computations(tables):
    transfers, countries = tables
    glued = prose_numbers(transfers, countries)
    aze = transfers[transfers.recipient == "AZE"]
    assert (glued["aze_deals"], glued["aze_israel_deals"]) == (len(aze), (aze.supplier == "ISR").sum()) == (12, 10)
    assert glued["aze_tb2"] == aze[aze.system_id == "bayraktar-tb2"].number_ordered.iloc[0] == 12
    russia = transfers[transfers.recipient == "RUS"]
    assert glued["russia_iran_drones"] == russia[russia.supplier == "IRN"].number_ordered.sum() == 6720
    georgia = transfers[transfers.recipient == "GEO"]
    assert glued["georgia_2015_2019"] == georgia[georgia.order_year.between(2015, 2019)].number_ordered.sum()
    assert glued["georgia_2021_2024"] == georgia[georgia.order_year.between(2021, 2024)].number_ordered.sum() > 0
    ordered_since_2021 = russia[russia.order_year >= 2021].number_ordered.sum()
    assert glued["russia_2021_2024_at_least"] % 1000 == 0
    assert ordered_since_2021 - 1000 < glued["russia_2021_2024_at_least"] < ordered_since_2021
    assert (
        glued["russia_2015_2019"] == 0
        and glued["neighbour_deals"] == transfers.recipient.isin(["ARM", "GEO", "RUS", "TUR", "IRN"]).sum()
    )
    assert all(type(v) is int for v in glued.values())  # plain ints format cleanly in the prose


def test_prose_describes_what_exercise_5_counts_without_the_counts(tables, text):
    """Exercise 5 asks for the loitering munitions Azerbaijan ordered before the war and the TB2
    deals of 2018-20 and 2021-23: the chapter states the pattern, checked here, not the numbers."""
    transfers, _ = tables
    aze = transfers[transfers.recipient == "AZE"]
    loitering = aze[aze.drone_class == "loitering munition"]
    assert (
        "Azerbaijan ordered hundreds of Israeli loitering munitions, Harops, Orbiter-1Ks and SkyStrikers, "
        "in 2014 and 2016, all delivered by 2020"
    ) in text
    assert set(loitering.designation) == {"Harop", "Orbiter-1K", "SkyStriker"} and set(loitering.supplier) == {"ISR"}
    assert set(loitering.order_year) == {2014, 2016} and 200 <= loitering.number_ordered.sum() < 1000
    assert (loitering.number_delivered == loitering.number_ordered).all()
    assert (
        "Turkish TB2 deals came several times faster a year after 2020 than before, "
        "and 2021 alone outnumbered all earlier years"
    ) in text
    tb2 = transfers[(transfers.system_id == "bayraktar-tb2") & (transfers.supplier == "TUR")]
    before, after = tb2[tb2.order_year <= 2020], tb2[tb2.order_year > 2020]
    per_year_before = len(before) / (2020 - before.order_year.min() + 1)
    per_year_after = len(after) / (after.order_year.max() - 2020)
    assert per_year_after >= 3 * per_year_before
    assert (tb2.order_year == 2021).sum() > len(before)
    for count in (
        len(before),
        ((tb2.order_year >= 2021) & (tb2.order_year <= 2023)).sum(),
        loitering.number_ordered.sum(),
    ):
        assert f" {count} " not in text


# --- the map of control --------------------------------------------------------------------


@pytest.fixture(scope="module")
def places():
    return load("karabakh_places")


def test_places_table_validates_and_cites_the_bibliography(places):
    validate("karabakh_places")
    keys = bibliography_keys(references_path())
    cited = {k for cell in places.source for k in cell.split(";")}
    assert cited <= keys and len(places) >= 12
    assert {"stepanakert", "shusha", "hadrut", "lachin", "kalbajar", "agdam"} <= set(places.place_id)


def test_places_change_only_within_the_war_or_its_handovers(places):
    changed = places[places.change != "none"]
    assert changed.change_date.notna().all() and places[places.change == "none"].change_date.isna().all()
    captured = changed[changed.change == "captured"].change_date
    assert captured.between("2020-09-27", "2020-11-10").all()
    handed = changed[changed.change == "handed over"].set_index("place_id").change_date.dt.strftime("%Y-%m-%d")
    assert handed.to_dict() == {"agdam": "2020-11-20", "kalbajar": "2020-11-25", "lachin": "2020-12-01"}
    assert (places[places.change == "none"].held_before == places[places.change == "none"].held_after).all()


def test_control_by_day_follows_the_announcements(places):
    first = control_by_day(places, pd.Timestamp("2020-09-27")).set_axis(places.place_id)
    last = control_by_day(places, pd.Timestamp("2020-12-01")).set_axis(places.place_id)
    assert first["shusha"] == "Armenian forces" and last["shusha"] == "Azerbaijan"
    assert control_by_day(places, pd.Timestamp("2020-11-07")).set_axis(places.place_id)["shusha"] == "Armenian forces"
    assert last["lachin"] == "Russian peacekeepers" and last["stepanakert"] == "Armenian forces"


def test_map_has_a_day_slider_and_draws_the_table(places):
    spec = charts.karabakh_control_map(places).to_dict()
    slider = next(p for p in spec["params"] if p["name"] == "war_day")
    assert slider["bind"]["input"] == "range" and (slider["bind"]["min"], slider["bind"]["max"]) == (0, 65)
    assert spec["title"]["text"] and "not front lines" in spec["description"]
    drawn = max(spec["datasets"].values(), key=lambda rows: len(rows) if rows and "place_id" in rows[0] else 0)
    assert {r["place_id"] for r in drawn} == set(places.place_id)
    shusha = next(r for r in drawn if r["place_id"] == "shusha")
    assert shusha["change_day"] == 42 and "Shushi (Armenian)" in shusha["other_names"]
    assert "war_day" in json.dumps(spec["layer"])


def test_regional_shapes_are_clipped_to_their_box():
    from dronediplomacy.data import karabakh_region
    from refresh.worldmap import KARABAKH_BOX, clip_ring

    west, south, east, north = KARABAKH_BOX
    codes = {f["properties"]["code"] for f in karabakh_region()["features"]}
    assert {"ARM", "AZE", "GEO", "IRN", "TUR"} <= codes
    points = [
        pt
        for f in karabakh_region()["features"]
        for poly in f["geometry"]["coordinates"]
        for ring in poly
        for pt in ring
    ]
    assert all(west <= x <= east and south <= y <= north for x, y in points)
    square = [(0, 0), (0, 2), (2, 2), (2, 0), (0, 0)]
    clipped = clip_ring(square, (1, -1, 3, 3))
    assert clipped[0] == clipped[-1] and set(clipped) == {(1, 0), (1, 2), (2, 2), (2, 0)}
    assert clip_ring(square, (5, 5, 6, 6)) == []


def test_map_slider_changes_which_places_are_captured_in_the_browser(reader):
    page = reader.open("chapters/05-nagorno-karabakh-2020.html")
    figure = page.locator("figure.dd-chart").filter(has_text="day by day").first
    figure.scroll_into_view_if_needed()
    caption = figure.locator("svg text").filter(has_text="places changed hands so far").first
    caption.wait_for()
    assert caption.text_content().startswith("0 of")
    figure.locator("input[type=range]").first.fill("65")
    page.wait_for_function("el => el.textContent.startsWith('10 of')", arg=caption.element_handle())
    blue = "e => e.querySelectorAll('path[fill=\"#0072B2\"]').length"
    assert figure.locator("svg").first.evaluate(blue) > 0


@pytest.mark.parametrize(
    "event_id,written",
    [
        ("nagorno-karabakh-war-start", "27 September 2020"),
        ("karabakh-monitoring-centre-opens", "30 January 2021"),
        ("azerbaijan-offensive-2023", "19 September 2023"),
    ],
)
def test_prose_dates_match_the_timeline(text, event_id, written):
    assert written in text
    event = load("timeline").set_index("event_id").loc[event_id]
    assert event.date.strftime("%-d %B %Y") == written


def test_import_comparison_lists_both_rivals_even_without_deals(tables):
    transfers, countries = tables
    table = widgets.drone_imports_between(transfers, countries, 2007, 2020)
    armenia = table[table.recipient == "Armenia"]
    assert len(armenia) == 1 and armenia.ordered.iloc[0] == 0 and armenia.supplier.iloc[0] == "none recorded"
    aze = table[table.recipient == "Azerbaijan"].set_index(["supplier", "drone_class"]).ordered
    assert aze[("Israel", "loitering munition")] == 450 and aze[("Turkey", "armed UAV")] == 12
    after = widgets.drone_imports_between(transfers, countries, 2021, 2024, "armed UAV")
    assert after[after.recipient == "Azerbaijan"].ordered.sum() == 2  # two Akinci ordered 2022


@pytest.mark.parametrize(
    "args,message",
    [
        ((2020, 2007), "after last_year"),
        ((2007, 2020, "helicopter"), "unknown drone class"),
        ((2007, 2020, "All", ("AZE", "XXX")), "unknown country codes: XXX"),
    ],
)
def test_import_comparison_refuses_bad_input(tables, args, message):
    with pytest.raises(ValueError, match=message):
        widgets.drone_imports_between(*tables, *args)


def test_import_widget_responds_to_its_controls(tables):
    years, drone_class, report = widgets.karabakh_imports_explorer(*tables).children
    assert "Azerbaijan: <strong>508</strong>" in report.value
    drone_class.value = "loitering munition"
    assert "Azerbaijan: <strong>450</strong>" in report.value
    years.value = (1995, 2006)
    assert "Azerbaijan: <strong>0</strong>" in report.value and "Armenia: <strong>0</strong>" in report.value


def test_tb2_slider_recolours_the_bars_in_the_browser(reader):
    page = reader.open("chapters/05-nagorno-karabakh-2020.html")
    figure = chart_with(page, "input[type=range]")
    before = chart_markup(figure)
    figure.locator("input[type=range]").first.fill("2022")
    redrawn(figure, before)


def test_deal_chart_dropdown_filters_in_the_browser(reader):
    page = reader.open("chapters/05-nagorno-karabakh-2020.html")
    figure = page.locator("figure.dd-chart").filter(has_text="deal by deal").first
    bars = "e => e.querySelectorAll('path[aria-roledescription=bar], .mark-rect path').length"
    before, markup = figure.locator("svg").first.evaluate(bars), chart_markup(figure)
    figure.locator("select").first.select_option("loitering munition")
    redrawn(figure, markup)
    after = figure.locator("svg").first.evaluate(bars)
    assert 0 < after < before


def test_control_map_fills_a_phone_column():
    """Vega shrinks a fitted view until its title fits: a subtitle wider than a phone's column
    drew the map a third of the column wide. The map fits the column with its title inside."""
    spec = charts.karabakh_control_map(load("karabakh_places")).to_dict()
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"} and spec["width"] == "container"
    subtitle = spec["title"]["subtitle"]
    lines = [spec["title"]["text"], *([subtitle] if isinstance(subtitle, str) else subtitle)]
    assert all(len(line) <= 55 for line in lines), lines  # about 330 px at the title's font size


def test_control_map_spec_is_strict_json():
    """A NaN in the chart's data made the kernel warn ("Out of range float values are not JSON
    compliant") under the map, on the page and in the notebook."""
    import json

    json.dumps(charts.karabakh_control_map(load("karabakh_places")).to_dict(), allow_nan=False)


def test_worked_chart_names_buyers_and_suppliers_and_counts_whole_deals(tables, chapter_run):
    transfers, countries = tables
    (spec,) = charts_built_in_view(chapter_run)
    names = countries.set_index("code")["name"]
    neighbours = transfers[transfers["recipient"].isin(["ARM", "GEO", "RUS", "TUR", "IRN"])]
    assert_readable_chart_with_a_control(spec, sorted(neighbours["recipient"].map(names).unique()))
    drawn = max(spec["datasets"].values(), key=len)
    assert sorted({row["supplier_name"] for row in drawn}) == sorted(neighbours["supplier"].map(names).unique())
    assert not any(re.fullmatch(r"[A-Z]{3}|X-[A-Z]+", row["supplier_name"]) for row in drawn)
    axis = spec["encoding"]["y"]["axis"]
    assert axis["tickMinStep"] == 1 and axis["format"] == "d"  # deals come whole: no 0.5 ticks


def test_worked_chart_dropdown_redraws_the_chosen_neighbour(reader):
    before, after = redraw_after_choosing(
        reader, "chapters/05-nagorno-karabakh-2020.html", "Neighbours' drone deals by year", "Georgia"
    )
    assert ">Iran<" in before and ">Iran<" not in after
