"""Chapter 2 (Arms exports as a diplomatic tool): the worked analysis a reader follows before
the graded exercise, the numbers it gives the prose, and the chapter's length."""

from __future__ import annotations

import pytest

from chapter_code import assert_readable_chart_with_a_control, charts_built_in_view

SLUG = "02-arms-exports-statecraft"


def test_shares_of_deals_and_of_drones_delivered(chapter_run, transfers):
    period = transfers[(transfers["order_year"] >= 2015) & (transfers["order_year"] <= 2019)]
    shares = chapter_run.namespace["shares"]
    deals = period["supplier"].value_counts() / len(period)
    delivered = period.groupby("supplier")["number_delivered"].sum()
    for supplier in deals.index:
        assert abs(shares.loc[supplier, "share of deals"] - deals[supplier]) < 1e-12
        assert abs(shares.loc[supplier, "share of drones delivered"] - delivered[supplier] / delivered.sum()) < 1e-12
    assert abs(shares["share of deals"].sum() - 1) < 1e-9
    glued = chapter_run.glued
    assert glued["late_2010s_deals"] == len(period)
    assert glued["late_2010s_top_deals_supplier"] == "the United States" and deals.idxmax() == "USA"
    assert glued["late_2010s_top_delivered_supplier"] == "Israel" and delivered.idxmax() == "ISR"


def test_repeat_clients_count_distinct_years_of_order(chapter_run, transfers):
    us = transfers[(transfers["supplier"] == "USA") & ~transfers["recipient"].str.startswith("X-")]
    years = us.groupby("recipient")["order_year"].nunique()
    assert chapter_run.glued["us_clients"] == len(years)
    assert chapter_run.glued["us_returning_clients"] == (years >= 2).sum()
    assert type(chapter_run.namespace["returning_clients"]) is int


def test_tail_multiple_gives_the_prose_range_and_refuses_percentages(chapter_run):
    tail_multiple = chapter_run.namespace["tail_multiple"]
    assert (
        f"{chapter_run.glued['tail_multiple_low']:.1f}" == "1.2"
        and f"{chapter_run.glued['tail_multiple_high']:.1f}" == "2.3"
    )
    assert tail_multiple(0.5) == 1
    for share in (70, 1, -0.1):
        with pytest.raises(ValueError, match="fraction"):
            tail_multiple(share)


def test_diversification_chart_picks_a_buyer_with_a_dropdown(chapter_run, transfers):
    (spec,) = charts_built_in_view(chapter_run)
    buyers = ["India", "Morocco", "Pakistan", "Poland", "United Arab Emirates"]
    assert_readable_chart_with_a_control(spec, buyers)
    rows = max(spec["datasets"].values(), key=len)
    assert len(rows) == transfers["recipient"].isin(["IND", "MAR", "PAK", "POL", "ARE"]).sum()
    assert spec["encoding"]["y"]["aggregate"] == "count"
    # The prose: India bought from Israel alone until the 2020s.
    india = transfers[transfers["recipient"] == "IND"]
    assert set(india.loc[india["order_year"] < 2020, "supplier"]) == {"ISR"}
    assert {"USA", "POL"} <= set(india.loc[india["order_year"] >= 2020, "supplier"])
