"""Where a chapter states a number that the course data also hold, the two must agree, so
prose and data cannot drift apart silently. Each case names the sentence and the query."""

from __future__ import annotations

from pathlib import Path

import pytest

from dronediplomacy import load

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"


@pytest.fixture(scope="module")
def transfers():
    return load("transfers")


def chapter(name: str) -> str:
    return " ".join((CHAPTERS / name).read_text(encoding="utf-8").split())


def deals(transfers, supplier, recipient, system_prefix):
    return transfers[(transfers.supplier == supplier) & (transfers.recipient == recipient)
                     & transfers.system_id.str.startswith(system_prefix)]


def test_ch3_first_tb2_export_and_recipient_count(transfers):
    text = chapter("03-mtcr-export-gap.md")
    assert "first TB2 export went to Qatar, ordered in 2018 and delivered in 2019" in text
    assert "TB2 deliveries to about two dozen countries" in text
    tb2 = transfers[transfers.system_id == "bayraktar-tb2"]
    first = tb2.sort_values(["order_year", "first_delivery_year"]).iloc[0]
    assert (first.recipient, first.order_year, first.first_delivery_year) == ("QAT", 2018, 2019)
    delivered_to = tb2.dropna(subset=["first_delivery_year"]).recipient.nunique()
    assert 20 <= delivered_to <= 28  # "about two dozen"


def test_ch3_first_british_reapers(transfers):
    assert "2006 British order for three MQ-9 Reapers, delivered in 2007–08" in chapter("03-mtcr-export-gap.md")
    first = deals(transfers, "USA", "GBR", "mq-9").sort_values("order_year").iloc[0]
    assert (first.order_year, first.number_ordered, first.delivery_years) == (2006, 3, "2007;2008")


def test_ch3_uae_predator_xp(transfers):
    assert "ten unarmed Predator XP drones ordered by the UAE in 2014 and delivered in 2017" in chapter("03-mtcr-export-gap.md")
    deal = transfers[(transfers.recipient == "ARE") & transfers.sipri_comment.str.contains("Predator XP", na=False)].iloc[0]
    assert (deal.order_year, deal.number_ordered, deal.delivery_years) == (2014, 10, "2017")


def test_ch3_india_lease_and_order(transfers):
    assert "It leased two MQ-9s in 2020" in chapter("03-mtcr-export-gap.md")
    india = deals(transfers, "USA", "IND", "mq-9").set_index("order_year")
    assert india.loc[2020, "number_ordered"] == 2 and india.loc[2020, "lease"] == "yes"


@pytest.mark.parametrize("event_id,written", [
    ("mtcr-founded", "16 April 1987"),
    ("us-mtcr-reinterpretation-2020", "24 July 2020"),
    ("us-mtcr-memorandum-2025", "3 January 2025"),
])
def test_ch3_dates_match_the_timeline(event_id, written):
    import pandas as pd

    timeline = load("timeline").set_index("event_id")
    assert written in chapter("03-mtcr-export-gap.md")
    assert timeline.loc[event_id, "date"] == pd.Timestamp(written)
    assert timeline.loc[event_id, "date_precision"] == "day"


def test_ch1_shahed_order_dominates_2022(transfers):
    text = chapter("01-drones-in-modern-war.md")
    assert "Russia ordered 6,600 Iranian Shahed-136 drones in 2022" in text
    assert "roughly 7,100 one-way attack drones ordered that year" in text
    shahed = deals(transfers, "IRN", "RUS", "shahed-136")
    assert shahed.loc[shahed.order_year == 2022, "number_ordered"].sum() == 6600
    one_way_2022 = transfers[(transfers.drone_class == "one-way attack drone") & (transfers.order_year == 2022)]
    assert abs(one_way_2022["number_ordered"].sum() - 7100) <= 100


def test_ch1_mass_drone_campaign_matches_air_force_table():
    text = chapter("01-drones-in-modern-war.md")
    assert "Russia launched about 409 Shahed-type drones" in text and "more than 54,000 in 2025" in text
    monthly = load("ukraine_air_attacks_monthly")
    by_year = monthly.groupby(monthly["month"].str[:4])["one_way_drones_launched"].sum()
    assert by_year["2022"] == 409
    assert 54_000 <= by_year["2025"] < 55_000
    assert monthly["one_way_drones_launched"].max() >= 2_000   # "several thousand in a single month"


@pytest.mark.parametrize("chapter_file,event_id,written", [
    ("04-new-exporters.md", "us-israel-war-iran-2026", "28 February 2026"),
    ("05-nagorno-karabakh-2020.md", "washington-declaration-armenia-azerbaijan", "8 August 2025"),
    ("05-nagorno-karabakh-2020.md", "osce-minsk-process-closed", "1 September 2025"),
    ("06-ukraine.md", "operation-spiderweb", "1 June 2025"),
    ("06-ukraine.md", "shahed-first-downed-ukraine", "13 September 2022"),
])
def test_ch4_to_ch6_dates_match_the_timeline(chapter_file, event_id, written):
    import pandas as pd

    timeline = load("timeline").set_index("event_id")
    assert written in chapter(chapter_file)
    assert timeline.loc[event_id, "date"] == pd.Timestamp(written)
    assert timeline.loc[event_id, "date_precision"] == "day"


def test_ch6_spiderweb_drone_count_matches_the_timeline():
    text = chapter("06-ukraine.md")
    assert "smuggled 117 small drones into Russia" in text
    assert "117 small drones" in load("timeline").set_index("event_id").loc["operation-spiderweb", "event"]
