"""Where a chapter states a number that the course data also hold, the two must agree, so
prose and data cannot drift apart silently. Each case names the sentence and the query."""

from __future__ import annotations

from pathlib import Path

import pytest

from dronediplomacy import load
from chapter_code import glue_references, run_chapter

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"


def chapter(name: str) -> str:
    return " ".join((CHAPTERS / name).read_text(encoding="utf-8").split())


def deals(transfers, supplier, recipient, system_prefix):
    return transfers[
        (transfers.supplier == supplier)
        & (transfers.recipient == recipient)
        & transfers.system_id.str.startswith(system_prefix)
    ]


# Chapters 1-9 compute the numbers they quote and glue them into the prose; these tests run the
# chapter's code here (no kernel) and check each glued value against a query of their own (the
# chapters' own test modules check theirs).


@pytest.mark.parametrize("slug", sorted(p.stem for p in CHAPTERS.glob("0*.md")))
def test_every_glued_name_in_the_prose_is_computed_by_the_chapter(slug):
    shown, computed = glue_references(slug), set(run_chapter(slug).glued)
    assert shown, "the chapter's prose shows no glued number"
    assert shown <= computed, f"prose shows glue names the chapter never computes: {shown - computed}"
    assert computed <= shown, f"the chapter glues names its prose never shows: {computed - shown}"


def glued(slug: str) -> dict:
    return dict(run_chapter(slug).glued)


def test_ch3_first_tb2_export_and_recipient_count(transfers):
    text = chapter("03-mtcr-export-gap.md")
    assert (
        "first TB2 export went to {glue:md}`first_tb2_buyer`, ordered in {glue:text}`first_tb2_order_year` and delivered in {glue:text}`first_tb2_delivery_year`"
        in text
    )
    tb2 = transfers[transfers.system_id == "bayraktar-tb2"]
    first = tb2.sort_values(["order_year", "first_delivery_year"]).iloc[0]
    values = glued("03-mtcr-export-gap")
    assert (values["first_tb2_buyer"], values["first_tb2_order_year"], values["first_tb2_delivery_year"]) == (
        "Qatar",
        2018,
        2019,
    )
    assert (first.recipient, first.order_year, first.first_delivery_year) == ("QAT", 2018, 2019)
    # exercise 4 asks for the count by year: the chapter rounds it down to tens
    assert (
        "by 2024 SIPRI's records show Turkish TB2 deliveries to over {glue:text}`tb2_delivered_countries_over` countries"
        in text
    )
    from_turkey = tb2[tb2.supplier == "TUR"].dropna(subset=["first_delivery_year"])
    delivered = from_turkey.recipient.nunique()
    assert (
        values["tb2_delivered_countries_over"] % 10 == 0
        and delivered - 10 < values["tb2_delivered_countries_over"] < delivered
    )
    assert 20 <= delivered <= 28  # the order of magnitude the chapter argues from


def test_ch3_first_british_reapers(transfers):
    assert (
        "British order for {glue:text}`british_mq9_number` MQ-9 Reapers, delivered in {glue:md}`british_mq9_delivered`"
        in chapter("03-mtcr-export-gap.md")
    )
    first = deals(transfers, "USA", "GBR", "mq-9").sort_values("order_year").iloc[0]
    assert (first.order_year, first.number_ordered, first.delivery_years) == (2006, 3, "2007;2008")
    values = glued("03-mtcr-export-gap")
    assert (values["british_mq9_year"], values["british_mq9_number"], values["british_mq9_delivered"]) == (
        2006,
        3,
        "2007–08",
    )


def test_ch3_uae_predator_xp(transfers):
    assert "{glue:text}`uae_predator_xp_number` unarmed Predator XP drones ordered by the UAE" in chapter(
        "03-mtcr-export-gap.md"
    )
    deal = transfers[
        (transfers.recipient == "ARE") & transfers.sipri_comment.str.contains("Predator XP", na=False)
    ].iloc[0]
    assert (deal.order_year, deal.number_ordered, deal.delivery_years) == (2014, 10, "2017")
    values = glued("03-mtcr-export-gap")
    assert (values["uae_predator_xp_number"], values["uae_predator_xp_year"], values["uae_predator_xp_delivered"]) == (
        10,
        2014,
        "2017",
    )


def test_ch3_india_lease_and_order(transfers):
    assert "It leased {glue:text}`india_lease_number` MQ-9s in {glue:text}`india_lease_year`" in chapter(
        "03-mtcr-export-gap.md"
    )
    india = deals(transfers, "USA", "IND", "mq-9").set_index("order_year")
    assert india.loc[2020, "number_ordered"] == 2 and india.loc[2020, "lease"] == "yes"
    values = glued("03-mtcr-export-gap")
    assert (values["india_lease_number"], values["india_lease_year"]) == (2, 2020)


def test_ch3_akinci_recipients_and_wing_loong_payload(transfers):
    values = glued("03-mtcr-export-gap")
    akinci = transfers[(transfers.system_id == "bayraktar-akinci") & (transfers.number_delivered > 0)]
    assert values["akinci_delivered_count"] == akinci.recipient.nunique() == 8
    assert (
        values["akinci_delivered_names"].startswith("Azerbaijan, Burkina Faso")
        and " and " in values["akinci_delivered_names"]
    )
    assert values["wing_loong_2_payload"] == 480  # "just under the Category I line"


def test_ch1_first_shahed_attack_on_kyiv_matches_the_timeline():
    import pandas as pd

    text = chapter("01-drones-in-modern-war.md")
    row = load("timeline").set_index("event_id").loc["shahed-first-kyiv-attack"]
    # the sentence gives the day; the year is "the autumn of 2022"
    assert "On 17 October Russia attacked the Ukrainian capital" in text and "In the autumn of 2022" in text
    assert row["date"] == pd.Timestamp("2022-10-17") and row["date_precision"] == "day"


def test_ch1_armed_deals_lead_isr_in_2021_to_2023_only(transfers):
    text = chapter("01-drones-in-modern-war.md")
    assert "in {glue:md}`armed_ahead_years` armed drones account for more deals than ISR drones" in text
    deals_by = transfers.groupby(["order_year", "drone_class"]).size().unstack(fill_value=0)
    for year in (2021, 2022, 2023):
        assert deals_by.loc[year, "armed UAV"] > deals_by.loc[year, "ISR UAV"]
    ahead = [year for year in deals_by.index if deals_by.loc[year, "armed UAV"] > deals_by.loc[year, "ISR UAV"]]
    assert glued("01-drones-in-modern-war")["armed_ahead_years"] == ", ".join(map(str, ahead[:-1])) + " and " + str(
        ahead[-1]
    )
    assert ahead == [2021, 2022, 2023]  # the summary's "2021–23" span is one run of years
    assert abs(deals_by.loc[2024, "armed UAV"] - deals_by.loc[2024, "ISR UAV"]) <= 1  # "roughly level again"


def test_ch2_baykar_ukraine_plant_matches_the_timeline():
    import pandas as pd

    text = chapter("02-arms-exports-statecraft.md")
    assert "said in February 2024 that construction of the Ukrainian plant" in text
    row = load("timeline").set_index("event_id").loc["baykar-ukraine-construction"]
    assert (row["date"], row["date_precision"]) == (pd.Timestamp("2024-02-01"), "month")


def test_ch1_shahed_order_dominates_2022(transfers):
    text = chapter("01-drones-in-modern-war.md")
    assert "Russia ordered {glue:text}`shahed_order_2022:,.0f` Iranian Shahed-136 drones in 2022" in text
    assert "roughly {glue:text}`one_way_ordered_2022:,.0f` one-way attack drones ordered that year" in text
    shahed = deals(transfers, "IRN", "RUS", "shahed-136")
    one_way_2022 = transfers[(transfers.drone_class == "one-way attack drone") & (transfers.order_year == 2022)]
    values = glued("01-drones-in-modern-war")
    assert values["shahed_order_2022"] == shahed.loc[shahed.order_year == 2022, "number_ordered"].sum() == 6600
    assert values["one_way_ordered_2022"] == 7100 and abs(one_way_2022["number_ordered"].sum() - 7100) <= 50
    assert values["shahed_order_2022"] > values["one_way_ordered_2022"] / 2  # "most of"


def test_ch1_mass_drone_campaign_matches_air_force_table():
    text = chapter("01-drones-in-modern-war.md")
    assert "Russia launched about {glue:text}`launched_2022:,.0f` Shahed-type drones" in text
    assert "more than {glue:text}`launched_2025_thousands:,.0f` in 2025" in text
    monthly = load("ukraine_air_attacks_monthly")
    by_year = monthly.groupby(monthly["month"].str[:4])["one_way_drones_launched"].sum()
    values = glued("01-drones-in-modern-war")
    assert values["launched_2022"] == by_year["2022"] == 409
    assert values["launched_2025_thousands"] == 54_000 and 54_000 <= by_year["2025"] < 55_000
    first_quarter = monthly.set_index("month").loc[["2026-01", "2026-02", "2026-03"], "one_way_drones_launched"]
    assert (values["q1_2026_low"], values["q1_2026_high"]) == (4_500, 6_500)
    assert abs(first_quarter.min() - 4_500) < 100 and abs(first_quarter.max() - 6_500) < 100  # "about"
    assert monthly["one_way_drones_launched"].max() >= 2_000  # "several thousand in a single month"


def test_ch1_poland_contract_per_aircraft(transfers):
    values = glued("01-drones-in-modern-war")
    deal = transfers[(transfers.recipient == "POL") & (transfers.system_id == "bayraktar-tb2")].iloc[0]
    assert (
        (values["poland_value_musd"], values["poland_aircraft"])
        == (deal.deal_value_usd_low, deal.number_ordered)
        == (268, 24)
    )
    assert abs(values["poland_cost_per_aircraft_musd"] - 268 / 24) < 1e-9


def test_ch2_first_tb2_export(transfers):
    text = chapter("02-arms-exports-statecraft.md")
    assert "first export customer was {glue:md}`first_tb2_export_buyer`" in text
    values = glued("02-arms-exports-statecraft")
    qatar = deals(transfers, "TUR", "QAT", "bayraktar-tb2").iloc[0]
    assert (values["first_tb2_export_buyer"], values["first_tb2_export_year"], values["first_tb2_export_number"]) == (
        "Qatar",
        qatar.order_year,
        qatar.number_ordered,
    )


@pytest.mark.parametrize(
    "chapter_file,event_id,written",
    [
        ("03-mtcr-export-gap.md", "mtcr-founded", "16 April 1987"),
        ("03-mtcr-export-gap.md", "us-mtcr-reinterpretation-2020", "24 July 2020"),
        ("03-mtcr-export-gap.md", "us-mtcr-memorandum-2025", "3 January 2025"),
        ("03-mtcr-export-gap.md", "mtcr-india-joins", "27 June 2016"),
        ("03-mtcr-export-gap.md", "us-uas-export-policy-2015", "17 February 2015"),
        ("03-mtcr-export-gap.md", "us-uas-export-policy-2018", "19 April 2018"),
        ("03-mtcr-export-gap.md", "taiwan-mq9b-notified", "3 November 2020"),
        ("03-mtcr-export-gap.md", "india-mq9b-deal", "15 October 2024"),
        ("03-mtcr-export-gap.md", "us-arms-sales-order-2025", "9 April 2025"),
        ("03-mtcr-export-gap.md", "us-drone-dominance-order", "6 June 2025"),
        ("03-mtcr-export-gap.md", "us-uas-like-fighters-2025", "15 September 2025"),
        ("01-drones-in-modern-war.md", "operation-spiderweb", "1 June 2025"),
        ("07-levers-of-influence.md", "tajikistan-ababil2-plant-opens", "17 May 2022"),
        ("07-levers-of-influence.md", "uae-tb2-delivery-reported", "21 September 2022"),
        ("07-levers-of-influence.md", "kirby-full-defense-partnership", "9 December 2022"),
        ("07-levers-of-influence.md", "israel-isfahan-strike", "28 January 2023"),
        ("07-levers-of-influence.md", "houthis-seize-galaxy-leader", "19 November 2023"),
        ("07-levers-of-influence.md", "tower-22-drone-attack", "28 January 2024"),
        ("07-levers-of-influence.md", "us-sanctions-eansa-venezuela", "30 December 2025"),
        ("07-levers-of-influence.md", "maduro-captured", "3 January 2026"),
        ("08-risks.md", "tigray-dedebit-airstrike", "7 January 2022"),
        ("09-policy-responses.md", "un-2231-missile-restrictions-expire", "18 October 2023"),
        ("09-policy-responses.md", "us-mtcr-memorandum-2025", "3 January 2025"),
        ("09-policy-responses.md", "us-uas-like-fighters-2025", "15 September 2025"),
        ("09-policy-responses.md", "russian-drones-over-poland", "10 September 2025"),
        ("09-policy-responses.md", "snapback-delay-vote-fails", "26 September 2025"),
        ("09-policy-responses.md", "iron-beam-operational", "28 December 2025"),
        ("04-new-exporters.md", "us-israel-war-iran-2026", "28 February 2026"),
        ("05-nagorno-karabakh-2020.md", "washington-declaration-armenia-azerbaijan", "8 August 2025"),
        ("05-nagorno-karabakh-2020.md", "osce-minsk-process-closed", "1 September 2025"),
        ("06-ukraine.md", "operation-spiderweb", "1 June 2025"),
        ("06-ukraine.md", "shahed-first-downed-ukraine", "13 September 2022"),
    ],
)
def test_chapter_dates_match_the_timeline(chapter_file, event_id, written):
    import pandas as pd

    timeline = load("timeline").set_index("event_id")
    assert written in chapter(chapter_file)
    assert timeline.loc[event_id, "date"] == pd.Timestamp(written)
    assert timeline.loc[event_id, "date_precision"] == "day"


def test_ch6_spiderweb_drone_count_matches_the_timeline():
    text = chapter("06-ukraine.md")
    assert "smuggled 117 small drones into Russia" in text
    assert "117 small drones" in load("timeline").set_index("event_id").loc["operation-spiderweb", "event"]
