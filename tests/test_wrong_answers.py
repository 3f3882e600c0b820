"""Every auto-graded question's checks catch the usual wrong answers, and say what to reconsider
without giving the answer away (issue 16).

For each question there is a corpus of realistic wrong answers: the value a student gets by the
common mistake (counting rows instead of summing, a percentage instead of a fraction, partial
months kept, a year left out, a window one year off, a NumPy scalar where an int is asked for),
built here with pandas from `load(...)`, or a wrong function defined here. Each one goes through
`answer_data.encode`/`decode`, as a submission's answers do in the grader, and the question's
checks, parsed from the master with jupytext, run against it with plain `exec`: no kernel, no
release. A wrong answer must fail at least one check; the corpus says whether a public check
(which the student sees before submitting) or only a hidden one catches it, and the failing
check's message must be there, point at what to reconsider and not contain the expected value.
The solutions, computed from the masters' own code cells, pass every check.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable

import numpy as np
import pandas as pd
import pytest

from dronediplomacy import check_output, load
from ddgrader import answer_data
from ddgrader.answers import function_calls
from answer_leaks import found_in, leak_forms
from masters import EXERCISES, Check, checked_questions, solution_values

# --- the masters' questions, solutions and checks -------------------------------------------------


def _as_graded(value, calls: list[str]):
    """The value as the grader sees it: sent out as data and rebuilt."""
    if callable(value) and type(value).__name__ == "function":
        return answer_data.RecordedFunction(value.__name__, answer_data.probe(value, calls, 5))
    return answer_data.decode(json.loads(json.dumps(answer_data.encode(value))))


def _run(number: str, question: str, answers: dict, strict: bool = True) -> list[tuple[Check, bool]]:
    """(check, passed) for each of the question's checks, run against `answers` rebuilt.
    A public check that fails must fail on its `assert` (otter then shows the student the
    check's message and one line, not a traceback from inside pandas); `strict=False` lets any
    error count as a failure (a blank answer's checks may stop before their assert)."""
    names, checks = checked_questions(number)[question]
    calls = {n: [c for check in checks for c in function_calls(check.source, n)] for n in names}
    rebuilt = {n: _as_graded(v, calls[n]) for n, v in answers.items()}
    results = []
    for check in checks:
        namespace = dict(rebuilt)
        try:
            exec(compile(check.source, f"{number}-{question}", "exec"), namespace)
            results.append((check, True))
        except AssertionError:
            results.append((check, False))
        except Exception as error:  # noqa: BLE001 - a check that cannot run fails too
            assert check.hidden or not strict, (
                f"a public check of {number} {question} raised {error!r} instead of failing its assert"
            )
            results.append((check, False))
    return results


# --- the corpus -----------------------------------------------------------------------------------


@dataclass
class Wrong:
    number: str  # exercise, "01"
    question: str  # "q1"
    mistake: str
    build: Callable[[], dict]  # the wrong answers (the other answer names take the solution's)
    public: bool  # caught by a public check (False: only a hidden one can catch it
    # without giving the answer away)
    says: str = ""  # what the failing message must say


def T():
    return load("transfers")


def _sorted_desc(series):
    return series.sort_values(ascending=False)


def _01_q2_rows():
    t = T()
    return {"ordered_2022": _sorted_desc(t[t["order_year"] == 2022].groupby("drone_class").size())}


def _01_q4_no_shots(drone_cost, interceptor_cost, shots_per_kill):
    if drone_cost <= 0:
        raise ValueError("drone_cost must be positive")
    return interceptor_cost / drone_cost


def _01_q4_inverted(drone_cost, interceptor_cost, shots_per_kill):
    if drone_cost <= 0:
        raise ValueError("drone_cost must be positive")
    return drone_cost / (interceptor_cost * shots_per_kill)


def _01_q5_sum():
    import altair as alt

    t = T()
    return {
        "class_chart": alt.Chart(t[["drone_class", "number_ordered"]])
        .mark_bar()
        .encode(x="drone_class:N", y="sum(number_ordered):Q")
        .properties(title="Drones by class")
    }


def _02_q2_deals():
    t = T()
    return {"israel_lasting_clients": int((t[t["supplier"] == "ISR"].groupby("recipient").size() >= 3).sum())}


def _02_q4_sum():
    import altair as alt

    t = T()
    turkey = t[t["supplier"] == "TUR"][["order_year", "drone_class", "number_ordered"]]
    return {
        "turkey_chart": alt.Chart(turkey)
        .mark_bar()
        .encode(x="order_year:O", y="sum(number_ordered):Q", color="drone_class:N")
        .properties(title="Turkey")
    }


def _02_q5_over_purchase(purchase, yearly_support_share, years):
    return purchase * yearly_support_share * years / purchase if purchase else 0.0


def _03_q2_percent():
    share = solution_values("03")["partner_share"]
    return {"partner_share": share * 100}


def _03_q2_ordered():
    c = load("countries")
    d = T().merge(c[["code", "mtcr_join_year"]], left_on="supplier", right_on="code", how="left")
    d = d[d["order_year"].between(2000, 2029)]
    partner = (d["mtcr_join_year"] <= d["order_year"]).fillna(False).astype(bool)
    n = d["number_ordered"].fillna(0)
    decade = (d["order_year"] // 10 * 10).astype(int)
    return {
        "partner_share": (n.where(partner, 0).groupby(decade).sum() / n.groupby(decade).sum())
        .astype(float)
        .to_frame("partner_share")
    }


def _03_q3_not_partners():
    t = T()
    kept = t[
        (t["drone_class"] == "armed UAV") & t["order_year"].between(2010, 2019) & (t["number_delivered"].fillna(0) > 0)
    ]
    return {"top_armed_supplier": str(kept.groupby("supplier")["recipient"].nunique().idxmax())}


def _03_q4_all_china():
    import altair as alt

    t = T()
    return {
        "china_chart": alt.Chart(t[t["supplier"] == "CHN"][["order_year", "deal_id"]])
        .mark_bar()
        .encode(x="order_year:O", y="count():Q")
        .properties(title="China")
    }


def _03_q5_strict(payload_kg, range_km):
    if range_km <= 300:
        return "below thresholds"
    return "Category I" if payload_kg > 500 else "Category II"


def _03_q5_range_only(payload_kg, range_km):
    return "below thresholds" if range_km < 300 else "Category I"


def _04_q1_deals():
    t = T()
    e = t[t["supplier"].isin(["TUR", "IRN", "CHN", "ISR"]) & (t["number_delivered"].fillna(0) > 0)]
    return {"recipients_per_supplier": _sorted_desc(e.groupby("supplier").size())}


def _04_q2_new_per_year():
    t = T()
    tb2 = t[(t["system_id"] == "bayraktar-tb2") & (t["supplier"] == "TUR")].dropna(subset=["first_delivery_year"])
    first = tb2.groupby("recipient")["first_delivery_year"].min()
    return {"tb2_clients": pd.Series({y: int((first == y).sum()) for y in range(2019, 2025)})}


def _04_q3_percent():
    t = T()
    return {"deal_share": t[t["order_year"].between(2015, 2024)]["supplier"].value_counts(normalize=True).head(5) * 100}


def _04_q4_count():
    import altair as alt

    t = T()
    return {
        "iran_chart": alt.Chart(t[t["supplier"] == "IRN"][["recipient", "number_delivered"]])
        .mark_bar()
        .encode(x="recipient:N", y="count():Q")
        .properties(title="Iran")
    }


def _04_q5_len(suppliers):
    if not suppliers:
        raise ValueError("a buyer needs at least one deal")
    return {1: "single-sourced", 2: "dual-sourced"}.get(len(suppliers), "multi-sourced")


def _05_aze():
    t = T()
    return t[t["recipient"] == "AZE"]


def _05_q4_event_year(counts, event_year, window):
    if window < 1:
        raise ValueError("window must be at least 1")
    before = sum(counts.get(event_year - k, 0) for k in range(window)) / window
    after = sum(counts.get(event_year + k, 0) for k in range(window)) / window
    return after - before


def _05_q5_totals():
    import altair as alt

    totals = _05_aze().groupby(["order_year", "supplier"], as_index=False)["number_ordered"].sum()
    return {
        "aze_chart": alt.Chart(totals)
        .mark_bar()
        .encode(x="order_year:O", y="number_ordered:Q", color="supplier:N")
        .properties(title="Azerbaijan")
    }


def _monthly():
    m = load("ukraine_air_attacks_monthly")
    return m.assign(year=m["month"].str[:4].astype(int))


def _06_q1_partial_kept():
    m = _monthly()
    return {"launched_by_year": m.groupby("year")["one_way_drones_launched"].sum().astype(int)}


def _06_q1_missing_years():
    m = _monthly()
    m = m[~m["partial_month"] & m["year"].between(2023, 2025)]
    return {"launched_by_year": m.groupby("year")["one_way_drones_launched"].sum().astype(int)}


def _06_q2_percent():
    return {"rates": solution_values("06")["rates"] * 100}


def _06_q2_monthly_mean():
    m = _monthly()
    m = m[~m["partial_month"] & m["year"].between(2023, 2025)]
    shot = (m["one_way_drones_destroyed"] / m["one_way_drones_launched"]).groupby(m["year"]).mean()
    stop = (
        ((m["one_way_drones_destroyed"] + m["one_way_drones_lost_to_ew"].fillna(0)) / m["one_way_drones_launched"])
        .groupby(m["year"])
        .mean()
    )
    return {"rates": pd.DataFrame({"shot_down": shot, "stopped": stop}).astype(float)}


def _06_q3_inverted():
    c = load("costs")
    s = c[c["item"].str.contains("Shahed") & (c["role"] == "attacker")]
    return {
        "shahed_spread": float(s["cost_low"].min() / s["cost_high"].max()),
        "cheapest_originator": solution_values("06")["cheapest_originator"],
    }


def _06_q4_every_month():
    import altair as alt

    m = load("ukraine_air_attacks_monthly")
    share = (m["one_way_drones_destroyed"] + m["one_way_drones_lost_to_ew"].fillna(0)) / m["one_way_drones_launched"]
    data = pd.DataFrame({"month": pd.to_datetime(m["month"]), "stopped_share": share.astype(float)})
    return {
        "stopped_chart": alt.Chart(data)
        .mark_line()
        .encode(x="month:T", y="stopped_share:Q")
        .properties(title="Stopped")
    }


def _06_q5_rate_once(drone_cost, interceptor_cost, shots_per_kill, interception_rate, value_defended):
    if drone_cost <= 0 or shots_per_kill <= 0 or not 0 <= interception_rate <= 1:
        raise ValueError("bad input")
    spend = shots_per_kill * interceptor_cost
    saved = interception_rate * value_defended
    return {"attacker_spend": drone_cost, "defender_spend": spend, "value_saved": saved, "net": saved - spend}


FIVE = ["TUR", "IRN", "CHN", "ISR", "USA"]


def _07_q1_deals():
    t = T()
    known = t[t["supplier"].isin(FIVE) & (t["recipient"] != "X-UNKNOWN") & t["order_year"].between(2015, 2024)]
    return {"clients_per_supplier": _sorted_desc(known.groupby("supplier").size())}


def _07_q1_every_year():
    t = T()
    known = t[t["supplier"].isin(FIVE) & (t["recipient"] != "X-UNKNOWN")]
    return {"clients_per_supplier": _sorted_desc(known.groupby("supplier")["recipient"].nunique())}


def _07_q2_union():
    t = T()
    clients = set(t.loc[t["supplier"].isin(["TUR", "CHN"]), "recipient"]) - {"X-UNKNOWN"}
    return {"turkey_and_china": sorted(clients)}


def _07_q3_all_rows():
    p = load("production_abroad")
    return {"well_sourced": _sorted_desc(p.groupby("supplier").size())}


def _07_q4_fractions(counts):
    if not counts or any(c < 0 for c in counts.values()):
        raise ValueError("bad counts")
    total = sum(counts.values())
    if total == 0:
        raise ValueError("all zero")
    return sum((c / total) ** 2 for c in counts.values())


def _07_q5_deals_per_year():
    import altair as alt

    t = T()
    per_year = t[t["supplier"] == "TUR"]["order_year"].value_counts().sort_index()
    data = per_year.rename_axis("first_year").reset_index(name="new_clients")
    return {
        "turkey_chart": alt.Chart(data).mark_bar().encode(x="first_year:O", y="new_clients:Q").properties(title="T")
    }


def _08_q1_end_excluded():
    t = T()
    ban = load("arms_embargoes").set_index("embargo_id").loc["un-iran-exports"]
    keep = (
        (t["supplier"] == "IRN")
        & (t["order_year"] >= ban["start_date"].year)
        & (t["order_year"] < ban["end_date"].year)
    )
    return {"iran_under_ban": t[keep].sort_values("order_year")}


def _08_q2_every_year():
    t = T()
    e = load("arms_embargoes")
    targets = e[(e["imposed_by"] == "EU") & (e["direction"] == "to target")]["target"]
    s = t[t["recipient"].isin(targets)].groupby("recipient")["number_ordered"].sum().fillna(0).astype(int)
    return {"ordered_under_eu": _sorted_desc(s)}


def _08_q3_rows():
    s = load("drone_strikes_civilian_harm")
    return {
        "strike_totals": {
            "low": int(s["civilians_killed_low"].count()),
            "high": int(s["civilians_killed_high"].count()),
        },
        "identified": int((s["attribution"] != "not identified").sum()),
    }


def _08_q3_numpy():
    s = load("drone_strikes_civilian_harm")
    return {
        "strike_totals": {"low": s["civilians_killed_low"].sum(), "high": s["civilians_killed_high"].sum()},
        "identified": (s["attribution"] != "not identified").sum(),
    }


def _08_q4_eu_denies(un_embargo, eu_embargo, civilians_killed, end_use_checks):
    if civilians_killed < 0:
        raise ValueError("negative")
    if un_embargo or eu_embargo:
        return "deny"
    if civilians_killed >= 10:
        return "refer" if end_use_checks else "deny"
    if civilians_killed > 0:
        return "refer"
    return "approve"


def _08_q4_deaths_first(un_embargo, eu_embargo, civilians_killed, end_use_checks):
    if civilians_killed < 0:
        raise ValueError("negative")
    if civilians_killed >= 10:
        return "refer" if end_use_checks else "deny"
    if eu_embargo or civilians_killed > 0:
        return "refer"
    return "deny" if un_embargo else "approve"


def _08_q5_low():
    import altair as alt

    s = load("drone_strikes_civilian_harm")
    return {
        "strike_chart": alt.Chart(s[["strike_id", "civilians_killed_low", "attribution"]])
        .mark_bar()
        .encode(x="civilians_killed_low:Q", y="strike_id:N", color="attribution:N")
        .properties(title="Strikes")
    }


def _armed():
    t = T()
    return t[(t["drone_class"] == "armed UAV") & (t["order_year"] >= 2015)]


def _09_q2_deals():
    a = _armed()
    return {
        "armed_clients": {
            k: int(v) for k, v in a[a["supplier"].isin(["USA", "CHN", "TUR"])].groupby("supplier").size().items()
        }
    }


def _09_q2_numpy():
    a = _armed()
    return {
        "armed_clients": dict(a[a["supplier"].isin(["USA", "CHN", "TUR"])].groupby("supplier")["recipient"].nunique())
    }


def _09_q3_union():
    a = _armed()
    return {"china_and_turkey": sorted(set(a.loc[a["supplier"].isin(["CHN", "TUR"]), "recipient"]))}


def _09_q4_count():
    import altair as alt

    a = _armed()
    return {
        "orders_chart": alt.Chart(a[a["supplier"].isin(["USA", "CHN", "TUR"])][["supplier", "number_ordered"]])
        .mark_bar()
        .encode(x="supplier:N", y="count():Q")
        .properties(title="Orders")
    }


def _09_q5_no_share(interceptors, drones_per_night, share_engaged, shots_per_kill):
    if interceptors < 0 or drones_per_night <= 0 or shots_per_kill <= 0 or not 0 < share_engaged <= 1:
        raise ValueError("bad input")
    return int(interceptors // (drones_per_night * shots_per_kill))


def _09_q5_rounded(interceptors, drones_per_night, share_engaged, shots_per_kill):
    if interceptors < 0 or drones_per_night <= 0 or shots_per_kill <= 0 or not 0 < share_engaged <= 1:
        raise ValueError("bad input")
    return round(interceptors / (drones_per_night * share_engaged * shots_per_kill))


def _fn(f, name):
    f.__name__ = name
    return lambda: {name: f}


def _sol(number, name, transform):
    return lambda: {name: transform(solution_values(number)[name])}


def U():
    return load("drone_use_in_conflicts")


def _10_q3_totals():
    import altair as alt

    totals = U().groupby(["conflict", "supply"]).size().reset_index(name="uses")
    return {
        "uses_chart": alt.Chart(totals)
        .mark_bar()
        .encode(y="conflict:N", x="sum(uses):Q", color="supply:N")
        .properties(title="Documented uses by war")
    }


def _10_q4_fraction(launched, intercepted):
    if launched <= 0 or intercepted < 0 or intercepted > launched:
        raise ValueError("bad input")
    return round(intercepted / launched, 3)


def _10_q4_unchecked(launched, intercepted):
    return round(100 * intercepted / launched, 1) if launched else 0.0


CORPUS = [
    # 01 Drones in modern war
    Wrong("01", "q1", "a percentage instead of a fraction", _sol("01", "armed_share", lambda v: v * 100), True),
    Wrong(
        "01",
        "q1",
        "the window one year too long (2010-2020)",
        lambda: {
            "armed_share": float((T()[T()["order_year"].between(2010, 2020)]["drone_class"] == "armed UAV").mean())
        },
        True,
        "both years included",
    ),
    Wrong("01", "q2", "deals counted instead of drones summed", _01_q2_rows, True),
    Wrong(
        "01",
        "q3",
        "the lowest and highest of cost_low",
        lambda: {"tb2_range": (float(_01_tb2()["cost_low"].min()), float(_01_tb2()["cost_low"].max()))},
        True,
        "cost_high",
    ),
    Wrong("01", "q3", "a list instead of a tuple", _sol("01", "tb2_range", list), True, "tuple"),
    Wrong("01", "q4", "shots per kill left out", _fn(_01_q4_no_shots, "exchange_ratio"), True),
    Wrong("01", "q4", "the ratio upside down", _fn(_01_q4_inverted, "exchange_ratio"), True),
    Wrong("01", "q5", "drones summed instead of deals counted", _01_q5_sum, True),
    # 02 Arms exports as statecraft
    Wrong(
        "02",
        "q1",
        "left in the order unique() gives",
        lambda: {
            "turkey_clients": [
                r for r in T().loc[T()["supplier"] == "TUR", "recipient"].unique() if not r.startswith("X-")
            ][::-1]
        },
        True,
    ),
    Wrong(
        "02",
        "q1",
        "one code per deal, duplicates kept",
        lambda: {
            "turkey_clients": sorted(
                r for r in T().loc[T()["supplier"] == "TUR", "recipient"] if not r.startswith("X-")
            )
        },
        True,
    ),
    Wrong("02", "q2", "deals counted instead of distinct order years", _02_q2_deals, True),
    Wrong("02", "q2", "a NumPy integer", _sol("02", "israel_lasting_clients", np.int64), True, "int(...)"),
    Wrong(
        "02",
        "q3",
        "deal counts instead of shares",
        lambda: {"share_2020s": T()[T()["order_year"].between(2020, 2024)]["supplier"].value_counts()},
        True,
    ),
    Wrong(
        "02",
        "q3",
        "the window one year short (2020-2023)",
        lambda: {"share_2020s": T()[T()["order_year"].between(2020, 2023)]["supplier"].value_counts(normalize=True)},
        True,
        "both years included",
    ),
    Wrong("02", "q4", "drones summed instead of deals counted", _02_q4_sum, True),
    Wrong("02", "q5", "support divided by the purchase, not the total", _fn(_02_q5_over_purchase, "tail_share"), True),
    # 03 The MTCR and the export gap
    Wrong(
        "03",
        "q1",
        "states that joined in 1995 left out",
        lambda: {"partners_1995": sorted(load("countries").loc[load("countries")["mtcr_join_year"] < 1995, "code"])},
        True,
    ),
    Wrong("03", "q2", "a percentage instead of a fraction", _03_q2_percent, True),
    Wrong("03", "q2", "drones ordered instead of delivered", _03_q2_ordered, False),
    Wrong("03", "q3", "the partner filter left out", _03_q3_not_partners, True, "partner"),
    Wrong("03", "q3", "a lower-case code", _sol("03", "top_armed_supplier", str.lower), True),
    Wrong("03", "q4", "every Chinese deal, not only armed UAVs", _03_q4_all_china, True),
    Wrong("03", "q5", "the thresholds as strict inequalities", _fn(_03_q5_strict, "mtcr_category"), True, ">="),
    Wrong("03", "q5", "the payload left out", _fn(_03_q5_range_only, "mtcr_category"), True),
    # 04 The new exporters
    Wrong("04", "q1", "deals counted instead of distinct recipients", _04_q1_deals, True),
    Wrong("04", "q2", "new clients per year instead of a running total", _04_q2_new_per_year, True),
    Wrong("04", "q3", "percentages instead of fractions", _04_q3_percent, True),
    Wrong("04", "q4", "deals counted instead of drones delivered summed", _04_q4_count, True),
    Wrong("04", "q5", "deals counted instead of distinct suppliers", _fn(_04_q5_len, "sourcing"), True),
    # 05 Nagorno-Karabakh 2020
    Wrong(
        "05",
        "q1",
        "deals counted instead of drones summed",
        lambda: {"aze_by_supplier": _sorted_desc(_05_aze().groupby("supplier").size())},
        True,
    ),
    Wrong(
        "05",
        "q2",
        "deals counted instead of drones summed",
        lambda: {
            "loitering_before_war": int(
                ((_05_aze()["drone_class"] == "loitering munition") & (_05_aze()["order_year"] <= 2019)).sum()
            )
        },
        True,
    ),
    Wrong("05", "q2", "a NumPy integer", _sol("05", "loitering_before_war", np.int64), True, "int(...)"),
    Wrong(
        "05",
        "q3",
        "drones summed instead of deals counted",
        lambda: {
            "tb2_before": int(_05_tb2().loc[_05_tb2()["order_year"].between(2018, 2020), "number_ordered"].sum()),
            "tb2_after": int(_05_tb2().loc[_05_tb2()["order_year"].between(2021, 2023), "number_ordered"].sum()),
        },
        True,
    ),
    Wrong("05", "q4", "the event year inside the windows", _fn(_05_q4_event_year, "yearly_change"), True),
    Wrong("05", "q5", "totals from groupby instead of the deals", _05_q5_totals, True),
    # 06 Ukraine
    Wrong("06", "q1", "partial months kept", _06_q1_partial_kept, True),
    Wrong("06", "q1", "2022 and 2026 left out", _06_q1_missing_years, True),
    Wrong("06", "q2", "percentages instead of fractions", _06_q2_percent, True),
    Wrong("06", "q2", "the mean of monthly rates", _06_q2_monthly_mean, True),
    Wrong("06", "q3", "the spread upside down", _06_q3_inverted, True),
    Wrong("06", "q4", "every month, not only those with an EW figure", _06_q4_every_month, True),
    Wrong(
        "06",
        "q5",
        "the interception rate left out of the defender's spend",
        _fn(_06_q5_rate_once, "defence_ledger"),
        True,
    ),
    # 07 Levers of influence
    Wrong("07", "q1", "deals counted instead of distinct recipients", _07_q1_deals, True),
    Wrong("07", "q1", "every year, as the chapter's chart counts", _07_q1_every_year, True, "2015 to 2024"),
    Wrong("07", "q2", "the union instead of the intersection", _07_q2_union, True),
    Wrong("07", "q3", "low-confidence rows kept", _07_q3_all_rows, True),
    Wrong("07", "q4", "shares as fractions, not percentages", _fn(_07_q4_fractions, "hhi"), True),
    Wrong("07", "q5", "deals per year instead of new clients", _07_q5_deals_per_year, True),
    # 08 Risks
    Wrong("08", "q1", "the last year of the ban left out", _08_q1_end_excluded, True),
    Wrong("08", "q2", "every year, not only from each embargo's start", _08_q2_every_year, True),
    Wrong("08", "q3", "strikes counted instead of deaths summed", _08_q3_rows, True),
    Wrong("08", "q3", "NumPy integers", _08_q3_numpy, True, "int(...)"),
    Wrong("08", "q4", "an EU embargo denying like a UN one", _fn(_08_q4_eu_denies, "licence_decision"), True),
    Wrong("08", "q4", "the death rules before the UN embargo", _fn(_08_q4_deaths_first, "licence_decision"), True),
    Wrong("08", "q5", "the lowest toll instead of the highest", _08_q5_low, True),
    # 09 Policy responses
    Wrong(
        "09",
        "q1",
        "shares instead of counts",
        lambda: {"status_counts": load("policy_tradeoffs")["status"].value_counts(normalize=True)},
        True,
    ),
    Wrong("09", "q2", "deals counted instead of distinct recipients", _09_q2_deals, True),
    Wrong("09", "q2", "NumPy integers", _09_q2_numpy, True, "int(...)"),
    Wrong("09", "q3", "the union instead of the intersection", _09_q3_union, True),
    Wrong("09", "q4", "deals counted instead of drones summed", _09_q4_count, True),
    Wrong("09", "q5", "the share engaged left out", _fn(_09_q5_no_share, "nights_of_defence"), True),
    Wrong("09", "q5", "a partial night rounded up", _fn(_09_q5_rounded, "nights_of_defence"), True),
    # 10 The essay, four years on
    Wrong(
        "10",
        "q1",
        "shares instead of counts",
        lambda: {"supply_counts": U()["supply"].value_counts(normalize=True)},
        True,
    ),
    Wrong(
        "10",
        "q2",
        "the missing design origin counted as a country",
        lambda: {
            "origins_per_conflict": {
                k: int(v)
                for k, v in U()
                .fillna({"design_origin": "unknown"})
                .groupby("conflict")["design_origin"]
                .nunique()
                .items()
            }
        },
        True,
    ),
    Wrong("10", "q3", "totals from groupby summed instead of rows counted", _10_q3_totals, True),
    Wrong("10", "q4", "a fraction instead of a percentage", _fn(_10_q4_fraction, "interception_rate"), True),
    Wrong("10", "q4", "no check of the inputs", _fn(_10_q4_unchecked, "interception_rate"), True),
    Wrong(
        "10",
        "q5",
        "every status but known taken as argued",
        lambda: {"argued_claims": sorted(set(load("essay_scorecard").query("status != 'known'")["claim"]))},
        True,
    ),
]


def _05_tb2():
    t = T()
    return t[(t["system_id"] == "bayraktar-tb2") & (t["supplier"] == "TUR")]


# --- the student tester's wrong answers (issue 16, item 2) -----------------------------------------


def _05_q3_counts(table, before, after):
    return lambda: {
        "tb2_before": int(before(table()["order_year"]).sum()),
        "tb2_after": int(after(table()["order_year"]).sum()),
    }


def _05_tb2_any_supplier():
    return T()[T()["system_id"] == "bayraktar-tb2"]


def _05_q4_key_error(counts, event_year, window):
    if window < 1:
        raise ValueError("window must be at least 1")
    before = sum(counts[event_year - k] for k in range(1, window + 1)) / window
    after = sum(counts[event_year + k] for k in range(1, window + 1)) / window
    return after - before


def _05_q4_no_value_error(counts, event_year, window):
    before = sum(counts.get(event_year - k, 0) for k in range(1, window + 1)) / window
    after = sum(counts.get(event_year + k, 0) for k in range(1, window + 1)) / window
    return after - before


def _05_q4_not_averaged(counts, event_year, window):
    if window < 1:
        raise ValueError("window must be at least 1")
    before = sum(counts.get(event_year - k, 0) for k in range(1, window + 1))
    after = sum(counts.get(event_year + k, 0) for k in range(1, window + 1))
    return after - before


def _05_q4_ends_only(counts, event_year, window):
    if window < 1:
        raise ValueError("window must be at least 1")
    return counts.get(event_year + window, 0) - counts.get(event_year - window, 0)


def _06_q1_rows():
    m = _monthly()
    m = m[~m["partial_month"]]
    return {"launched_by_year": m.groupby("year")["one_way_drones_launched"].count()}


def _06_q2_na_left():
    rates = solution_values("06")["rates"].astype("Float64")
    rates.loc[2023, "stopped"] = pd.NA
    return {"rates": rates}


def _06_q3_no_role():
    c = load("costs")
    s = c[c["item"].str.contains("Shahed")]
    return {
        "shahed_spread": float(s["cost_high"].max() / s["cost_low"].min()),
        "cheapest_originator": str(s.loc[s["cost_low"].idxmin(), "originator"]),
    }


def _06_q3_alphabetical():
    c = load("costs")
    s = c[c["item"].str.contains("Shahed") & (c["role"] == "attacker")]
    return {"shahed_spread": solution_values("06")["shahed_spread"], "cheapest_originator": str(s["originator"].min())}


def _06_q5_no_value_error(drone_cost, interceptor_cost, shots_per_kill, interception_rate, value_defended):
    spend = interception_rate * shots_per_kill * interceptor_cost
    saved = interception_rate * value_defended
    return {"attacker_spend": drone_cost, "defender_spend": spend, "value_saved": saved, "net": saved - spend}


TB2 = lambda: _05_tb2()  # noqa: E731 - the Turkish TB2 deals, for the corpus below
TESTER = [
    Wrong(
        "05",
        "q1",
        "the recipient's name instead of its code",
        lambda: {
            "aze_by_supplier": _sorted_desc(
                T()[T()["recipient"] == "Azerbaijan"].groupby("supplier")["number_ordered"].sum()
            )
        },
        True,
        "'AZE'",
    ),
    Wrong(
        "05",
        "q2",
        "a misspelled drone class",
        lambda: {
            "loitering_before_war": int(
                _05_aze()
                .loc[
                    (_05_aze()["drone_class"] == "loitering munitions") & (_05_aze()["order_year"] <= 2019),
                    "number_ordered",
                ]
                .sum()
            )
        },
        True,
        "spelling",
    ),
    Wrong("05", "q3", "a misspelled system_id", lambda: {"tb2_before": 0, "tb2_after": 0}, True, "spelling"),
    Wrong(
        "05",
        "q3",
        "strict comparisons: windows one year short at each end",
        _05_q3_counts(TB2, lambda y: (y > 2018) & (y < 2020), lambda y: (y > 2021) & (y < 2023)),
        True,
        "between",
    ),
    Wrong(
        "05",
        "q3",
        "overlapping periods 2017-2020 and 2020-2023",
        _05_q3_counts(TB2, lambda y: y.between(2017, 2020), lambda y: y.between(2020, 2023)),
        True,
        "three years",
    ),
    Wrong(
        "05",
        "q3",
        "the supplier filter left out",
        _05_q3_counts(_05_tb2_any_supplier, lambda y: y.between(2018, 2020), lambda y: y.between(2021, 2023)),
        True,
        "'TUR'",
    ),
    Wrong("05", "q4", "a KeyError on a missing year", _fn(_05_q4_key_error, "yearly_change"), True, "counts.get"),
    Wrong(
        "05",
        "q4",
        "no ValueError for a window below 1",
        _fn(_05_q4_no_value_error, "yearly_change"),
        True,
        "ValueError",
    ),
    Wrong("05", "q4", "totals not divided by the window", _fn(_05_q4_not_averaged, "yearly_change"), True, "divide"),
    Wrong("05", "q4", "only the window's end years", _fn(_05_q4_ends_only, "yearly_change"), True, "every year"),
    Wrong("06", "q1", "rows counted instead of drones summed", _06_q1_rows, True, "Sum"),
    Wrong("06", "q2", "a missing electronic-warfare figure left as <NA>", _06_q2_na_left, True, "fillna(0)"),
    Wrong("06", "q3", "the role filter left out", _06_q3_no_role, True, "'attacker'"),
    Wrong("06", "q3", "the alphabetically first originator", _06_q3_alphabetical, True, "idxmin"),
    Wrong("06", "q5", "no ValueError for bad inputs", _fn(_06_q5_no_value_error, "defence_ledger"), True, "ValueError"),
]
CORPUS += TESTER


# --- second pass, exercise 07: what a student who half-read the question submits ------------------


def _07_known(t):
    """The five suppliers' deals in exercise 7 q1's ten years."""
    return t[t["supplier"].isin(FIVE) & t["order_year"].between(2015, 2024)]


def _07_tur_and_chn_sets():
    t = T()
    return set(t.loc[t["supplier"] == "TUR", "recipient"]), set(t.loc[t["supplier"] == "CHN", "recipient"])


def _07_q2_names():
    names = dict(zip(load("countries")["code"], load("countries")["name"]))
    return {"turkey_and_china": sorted(names[c] for c in solution_values("07")["turkey_and_china"])}


def _07_q2_one_per_deal():
    t = T()
    chinese = set(t.loc[t["supplier"] == "CHN", "recipient"])
    return {"turkey_and_china": sorted(r for r in t.loc[t["supplier"] == "TUR", "recipient"] if r in chinese)}


def _07_q4_unsquared(counts):
    if not counts or any(c < 0 for c in counts.values()) or sum(counts.values()) == 0:
        raise ValueError("bad counts")
    return sum(100 * c / sum(counts.values()) for c in counts.values())


def _07_q4_zero_raises(counts):
    if not counts or any(c <= 0 for c in counts.values()):
        raise ValueError("counts must be positive")
    total = sum(counts.values())
    return sum((100 * c / total) ** 2 for c in counts.values())


def _07_q4_unchecked(counts):
    total = sum(counts.values())
    return sum((100 * c / total) ** 2 for c in counts.values())


def _07_q4_mean_of_squares(counts):
    if not counts or any(c < 0 for c in counts.values()) or sum(counts.values()) == 0:
        raise ValueError("bad counts")
    total = sum(counts.values())
    return sum((100 * c / total) ** 2 for c in counts.values()) / len(counts)


def _07_q5_chart(firsts: pd.Series, rows_per_recipient: bool = False):
    import altair as alt

    if rows_per_recipient:
        data = pd.DataFrame({"first_year": firsts.astype(int).to_numpy(), "new_clients": 1})
    else:
        data = firsts.value_counts().sort_index().rename_axis("first_year").reset_index(name="new_clients")
        data["first_year"] = data["first_year"].astype(int)
    return {
        "turkey_chart": alt.Chart(data).mark_bar().encode(x="first_year:O", y="new_clients:Q").properties(title="T")
    }


def _07_turkish():
    t = T()
    return t[t["supplier"] == "TUR"]


SECOND_PASS_07 = [
    Wrong(
        "07",
        "q1",
        "SIPRI's unknown recipient kept",
        lambda: {"clients_per_supplier": _sorted_desc(_07_known(T()).groupby("supplier")["recipient"].nunique())},
        True,
        "'X-UNKNOWN'",
    ),
    Wrong(
        "07",
        "q1",
        "every X- code dropped, armed groups and organisations too",
        lambda: {
            "clients_per_supplier": _sorted_desc(
                _07_known(T())[~_07_known(T())["recipient"].str.startswith("X-")]
                .groupby("supplier")["recipient"]
                .nunique()
            )
        },
        True,
        "X-HEZBOLLAH",
    ),
    Wrong(
        "07",
        "q1",
        "left in groupby's alphabetical order",
        lambda: {"clients_per_supplier": solution_values("07")["clients_per_supplier"].sort_index()},
        True,
        "sort_values(ascending=False)",
    ),
    Wrong(
        "07",
        "q2",
        "Turkey's clients only, no intersection",
        lambda: {"turkey_and_china": sorted(_07_tur_and_chn_sets()[0])},
        True,
        "intersection",
    ),
    Wrong("07", "q2", "country names instead of codes", _07_q2_names, True, "country names"),
    Wrong("07", "q2", "one code per Turkish deal, duplicates kept", _07_q2_one_per_deal, True, "more than once"),
    Wrong(
        "07",
        "q2",
        "a set instead of a sorted list",
        lambda: {"turkey_and_china": set(solution_values("07")["turkey_and_china"])},
        True,
        "sorted(...)",
    ),
    Wrong("07", "q2", "the supplier's name instead of its code", lambda: {"turkey_and_china": []}, True, "'TUR'"),
    Wrong(
        "07",
        "q3",
        "only the high-confidence rows",
        lambda: {
            "well_sourced": _sorted_desc(
                load("production_abroad").query("confidence == 'high'").groupby("supplier").size()
            )
        },
        True,
        "medium-confidence",
    ),
    Wrong(
        "07",
        "q3",
        "grouped by host country instead of supplier",
        lambda: {
            "well_sourced": _sorted_desc(load("production_abroad").query("confidence != 'low'").groupby("host").size())
        },
        True,
        "host",
    ),
    Wrong(
        "07",
        "q3",
        "capitalised confidence values",
        lambda: {
            "well_sourced": _sorted_desc(
                load("production_abroad").query("confidence in ['High', 'Medium']").groupby("supplier").size()
            )
        },
        True,
        "lower case",
    ),
    Wrong(
        "07",
        "q3",
        "shares instead of counts",
        lambda: {
            "well_sourced": load("production_abroad")
            .query("confidence != 'low'")["supplier"]
            .value_counts(normalize=True)
        },
        True,
        "whole number",
    ),
    Wrong("07", "q4", "shares not squared", _fn(_07_q4_unsquared, "hhi"), True, "square each share"),
    Wrong("07", "q4", "a zero count raising ValueError", _fn(_07_q4_zero_raises, "hhi"), True, "count of 0"),
    Wrong("07", "q4", "no check of the input", _fn(_07_q4_unchecked, "hhi"), True, "raise ValueError"),
    Wrong("07", "q4", "the squares averaged, not added", _fn(_07_q4_mean_of_squares, "hhi"), True, "5200"),
    Wrong(
        "07",
        "q5",
        "each client's latest order year",
        lambda: _07_q5_chart(_07_turkish().groupby("recipient")["order_year"].max()),
        True,
        "min()",
    ),
    Wrong(
        "07",
        "q5",
        "the first delivery year, as chapter 7's chart uses",
        lambda: _07_q5_chart(_07_turkish().groupby("recipient")["first_delivery_year"].min().dropna()),
        True,
        "delivery year",
    ),
    Wrong(
        "07",
        "q5",
        "one row per recipient, not per year",
        lambda: _07_q5_chart(_07_turkish().groupby("recipient")["order_year"].min(), rows_per_recipient=True),
        True,
        "more than once",
    ),
    Wrong(
        "07",
        "q5",
        "the axes swapped",
        lambda: {"turkey_chart": solution_values("07")["turkey_chart"].encode(x="new_clients:Q", y="first_year:O")},
        True,
        "x-axis",
    ),
]
CORPUS += SECOND_PASS_07


# --- second pass, exercise 08: what a student who half-read the question submits ------------------


def _08_ban_years():
    ban = load("arms_embargoes").set_index("embargo_id").loc["un-iran-exports"]
    return ban["start_date"].year, ban["end_date"].year


def _08_iran(keep):
    t = T()
    first, last = _08_ban_years()
    return {"iran_under_ban": t[keep(t, first, last)].sort_values("order_year")}


def _08_q2_deals(embargoes_kept, total):
    """Deals from each kept embargo's start year on, totalled per recipient by `total`."""
    t = T()
    e = load("arms_embargoes")
    kept = e[embargoes_kept(e)]
    parts = [t[(t["recipient"] == r["target"]) & (t["order_year"] >= r["start_date"].year)] for _, r in kept.iterrows()]
    return {"ordered_under_eu": _sorted_desc(total(pd.concat(parts).groupby("recipient")))}


def _eu_to_target(e):
    return (e["imposed_by"] == "EU") & (e["direction"] == "to target")


def _08_q3(low, high, identified):
    s = load("drone_strikes_civilian_harm")
    return {
        "strike_totals": {"low": int(s[low].sum()), "high": int(s[high].sum())},
        "identified": identified(s["attribution"]),
    }


def _08_q4_strict_ten(un_embargo, eu_embargo, civilians_killed, end_use_checks):
    if civilians_killed < 0:
        raise ValueError("negative")
    if un_embargo:
        return "deny"
    if civilians_killed > 10:
        return "refer" if end_use_checks else "deny"
    if eu_embargo or civilians_killed > 0:
        return "refer"
    return "approve"


def _08_q4_eu_before_deaths(un_embargo, eu_embargo, civilians_killed, end_use_checks):
    if civilians_killed < 0:
        raise ValueError("negative")
    if un_embargo:
        return "deny"
    if eu_embargo:
        return "refer"
    if civilians_killed >= 10:
        return "refer" if end_use_checks else "deny"
    return "refer" if civilians_killed > 0 else "approve"


def _08_q4_no_value_error(un_embargo, eu_embargo, civilians_killed, end_use_checks):
    if un_embargo:
        return "deny"
    if civilians_killed >= 10:
        return "refer" if end_use_checks else "deny"
    if eu_embargo or civilians_killed > 0:
        return "refer"
    return "approve"


def _08_q4_checks_ignored(un_embargo, eu_embargo, civilians_killed, end_use_checks):
    if civilians_killed < 0:
        raise ValueError("negative")
    if un_embargo or civilians_killed >= 10:
        return "deny"
    if eu_embargo or civilians_killed > 0:
        return "refer"
    return "approve"


def _08_q4_capitalised(un_embargo, eu_embargo, civilians_killed, end_use_checks):
    if civilians_killed < 0:
        raise ValueError("negative")
    if un_embargo:
        return "Deny"
    if civilians_killed >= 10:
        return "Refer" if end_use_checks else "Deny"
    if eu_embargo or civilians_killed > 0:
        return "Refer"
    return "Approve"


def _08_q5_chart(data, x, y):
    import altair as alt

    return {
        "strike_chart": alt.Chart(data).mark_bar().encode(x=x, y=y, color="attribution:N").properties(title="Strikes")
    }


def _08_strikes():
    return load("drone_strikes_civilian_harm")[["strike_id", "civilians_killed_high", "attribution"]]


SECOND_PASS_08 = [
    Wrong(
        "08",
        "q1",
        "the ban's first year left out",
        lambda: _08_iran(lambda t, a, b: (t["supplier"] == "IRN") & (t["order_year"] > a) & (t["order_year"] <= b)),
        True,
        "both ends included",
    ),
    Wrong(
        "08",
        "q1",
        "every Iranian deal, the ban's years ignored",
        lambda: _08_iran(lambda t, a, b: t["supplier"] == "IRN"),
        True,
        "outside the ban",
    ),
    Wrong(
        "08",
        "q1",
        "Iran as the recipient, not the supplier",
        lambda: _08_iran(lambda t, a, b: (t["recipient"] == "IRN") & t["order_year"].between(a, b)),
        True,
        "not the recipient",
    ),
    Wrong(
        "08",
        "q1",
        "only a few columns kept",
        lambda: {"iran_under_ban": solution_values("08")["iran_under_ban"][["deal_id", "supplier", "order_year"]]},
        True,
        "whole rows",
    ),
    Wrong(
        "08",
        "q2",
        "UN embargoes on arms to a target kept too",
        lambda: _08_q2_deals(lambda e: e["direction"] == "to target", lambda g: g["number_ordered"].sum()),
        True,
        "imposed_by == 'EU'",
    ),
    Wrong(
        "08",
        "q2",
        "deals counted instead of drones summed",
        lambda: _08_q2_deals(_eu_to_target, lambda g: g.size()),
        True,
        "counts of deals",
    ),
    Wrong(
        "08",
        "q2",
        "totals left as <NA> where no number was given",
        lambda: _08_q2_deals(_eu_to_target, lambda g: g["number_ordered"].sum(min_count=1)),
        True,
        "missing",
    ),
    # Catching these publicly would need a public check that lists the recipients with a deal
    # under an EU embargo (the answer's index) or computes their totals another way.
    Wrong(
        "08",
        "q2",
        "a recipient whose total is 0 dropped",
        lambda: {"ordered_under_eu": solution_values("08")["ordered_under_eu"].loc[lambda s: s > 0]},
        False,
    ),
    Wrong(
        "08",
        "q2",
        "drones delivered instead of ordered",
        lambda: _08_q2_deals(_eu_to_target, lambda g: g["number_delivered"].sum()),
        False,
    ),
    Wrong(
        "08",
        "q3",
        "'Not identified' with a capital N",
        lambda: _08_q3("civilians_killed_low", "civilians_killed_high", lambda a: int((a != "Not identified").sum())),
        True,
        "exact text",
    ),
    Wrong(
        "08",
        "q3",
        "the two columns swapped",
        lambda: _08_q3("civilians_killed_high", "civilians_killed_low", lambda a: int((a != "not identified").sum())),
        True,
        "above",
    ),
    Wrong(
        "08",
        "q3",
        "identified as a share of strikes",
        lambda: _08_q3(
            "civilians_killed_low", "civilians_killed_high", lambda a: float((a != "not identified").mean())
        ),
        True,
        "Python int",
    ),
    # Catching this publicly would mean a public check counting the unidentified strikes, which
    # gives identified away by subtraction.
    Wrong(
        "08",
        "q3",
        "the unidentified strikes counted (== instead of !=)",
        lambda: _08_q3("civilians_killed_low", "civilians_killed_high", lambda a: int((a == "not identified").sum())),
        False,
    ),
    Wrong("08", "q4", "more than 10 deaths, not 10 or more", _fn(_08_q4_strict_ten, "licence_decision"), True, ">= 10"),
    Wrong(
        "08",
        "q4",
        "the EU embargo checked before the deaths",
        _fn(_08_q4_eu_before_deaths, "licence_decision"),
        True,
        "comes before the EU embargo",
    ),
    Wrong(
        "08",
        "q4",
        "no ValueError for negative deaths",
        _fn(_08_q4_no_value_error, "licence_decision"),
        True,
        "ValueError",
    ),
    Wrong("08", "q4", "end-use checks ignored", _fn(_08_q4_checks_ignored, "licence_decision"), True, "end_use_checks"),
    Wrong("08", "q4", "capitalised answers", _fn(_08_q4_capitalised, "licence_decision"), True, "lower case"),
    Wrong(
        "08",
        "q5",
        "vertical bars: the axes swapped",
        lambda: _08_q5_chart(_08_strikes(), "strike_id:N", "civilians_killed_high:Q"),
        True,
        "x-axis",
    ),
    Wrong(
        "08",
        "q5",
        "only the strikes whose drone was identified",
        lambda: _08_q5_chart(
            _08_strikes()[_08_strikes()["attribution"] != "not identified"],
            "civilians_killed_high:Q",
            "strike_id:N",
        ),
        True,
        "every strike",
    ),
    Wrong(
        "08",
        "q5",
        "deaths totalled per attribution",
        lambda: _08_q5_chart(
            _08_strikes().groupby("attribution", as_index=False)["civilians_killed_high"].sum(),
            "civilians_killed_high:Q",
            "attribution:N",
        ),
        True,
        "not filtered or grouped",
    ),
]
CORPUS += SECOND_PASS_08


# --- a second pass over exercise 9: what a student who half-read each question submits ------------


def _09_three():
    a = _armed()
    return a[a["supplier"].isin(["USA", "CHN", "TUR"])]


def _09_q2_counts(table):
    return lambda: {
        "armed_clients": {
            k: int(v) for k, v in table().groupby("supplier")[["recipient"]].nunique()["recipient"].items()
        }
    }


def _09_q4_chart(data, y="sum(number_ordered):Q", filtered=False):
    import altair as alt

    def build():
        chart = alt.Chart(data()).mark_bar().encode(x="supplier:N", y=y).properties(title="Armed drones ordered")
        if filtered:
            chart = chart.transform_filter(alt.FieldOneOfPredicate(field="supplier", oneOf=["USA", "CHN", "TUR"]))
        return {"orders_chart": chart}

    return build


def _09_q5_engaged_rounded(interceptors, drones_per_night, share_engaged, shots_per_kill):
    if interceptors < 0 or drones_per_night <= 0 or shots_per_kill <= 0 or not 0 < share_engaged <= 1:
        raise ValueError("bad input")
    return int(interceptors // (int(drones_per_night * share_engaged) * shots_per_kill))


def _09_q5_share_unbounded(interceptors, drones_per_night, share_engaged, shots_per_kill):
    if interceptors < 0 or drones_per_night <= 0 or shots_per_kill <= 0 or share_engaged <= 0:
        raise ValueError("bad input")
    return int(interceptors // (drones_per_night * share_engaged * shots_per_kill))


def _09_q5_empty_stock_rejected(interceptors, drones_per_night, share_engaged, shots_per_kill):
    if interceptors <= 0 or drones_per_night <= 0 or shots_per_kill <= 0 or not 0 < share_engaged <= 1:
        raise ValueError("bad input")
    return int(interceptors // (drones_per_night * share_engaged * shots_per_kill))


def _09_q5_not_floored(interceptors, drones_per_night, share_engaged, shots_per_kill):
    if interceptors < 0 or drones_per_night <= 0 or shots_per_kill <= 0 or not 0 < share_engaged <= 1:
        raise ValueError("bad input")
    return interceptors / (drones_per_night * share_engaged * shots_per_kill)


SECOND_PASS_09 = [
    Wrong(
        "09",
        "q1",
        "percentages instead of counts",
        lambda: {"status_counts": load("policy_tradeoffs")["status"].value_counts(normalize=True) * 100},
        True,
        "percentages",
    ),
    Wrong(
        "09",
        "q1",
        "a dict instead of a Series",
        lambda: {"status_counts": {k: int(v) for k, v in load("policy_tradeoffs")["status"].value_counts().items()}},
        True,
        "not a dict",
    ),
    Wrong(
        "09",
        "q1",
        "the different responses with each status",
        lambda: {"status_counts": load("policy_tradeoffs").groupby("status")["response"].nunique()},
        True,
        "add up",
    ),
    Wrong(
        "09",
        "q2",
        "drones summed instead of buyers counted",
        lambda: {
            "armed_clients": {k: int(v) for k, v in _09_three().groupby("supplier")["number_ordered"].sum().items()}
        },
        True,
        "drones ordered",
    ),
    Wrong(
        "09",
        "q2",
        "armed drones of every year, not from 2015",
        _09_q2_counts(lambda: T()[(T()["drone_class"] == "armed UAV") & T()["supplier"].isin(["USA", "CHN", "TUR"])]),
        True,
        "before 2015",
    ),
    Wrong(
        "09",
        "q2",
        "every drone class from 2015",
        _09_q2_counts(lambda: T()[(T()["order_year"] >= 2015) & T()["supplier"].isin(["USA", "CHN", "TUR"])]),
        True,
        "not armed UAVs",
    ),
    Wrong(
        "09",
        "q2",
        "the Series nunique gives, not a dict",
        lambda: {"armed_clients": _09_three().groupby("supplier")["recipient"].nunique()},
        True,
        "not a Series",
    ),
    Wrong(
        "09",
        "q3",
        "a set instead of a sorted list",
        lambda: {"china_and_turkey": set(solution_values("09")["china_and_turkey"])},
        True,
        "sorted(...)",
    ),
    Wrong(
        "09",
        "q3",
        "China's buyers only",
        lambda: {"china_and_turkey": sorted(set(_armed().loc[_armed()["supplier"] == "CHN", "recipient"]))},
        True,
        "intersection (&)",
    ),
    Wrong(
        "09",
        "q3",
        "armed drones of every year, not from 2015",
        lambda: {
            "china_and_turkey": sorted(
                set(T().loc[(T()["supplier"] == "CHN") & (T()["drone_class"] == "armed UAV"), "recipient"])
                & set(T().loc[(T()["supplier"] == "TUR") & (T()["drone_class"] == "armed UAV"), "recipient"])
            )
        },
        True,
        "before 2015",
    ),
    Wrong(
        "09",
        "q3",
        "country names instead of codes",
        lambda: {
            "china_and_turkey": sorted(
                load("countries").set_index("code").loc[solution_values("09")["china_and_turkey"], "name"]
            )
        },
        True,
        "three-letter",
    ),
    Wrong(
        "09",
        "q4",
        "every armed deal, filtered inside the chart",
        _09_q4_chart(lambda: _armed()[["supplier", "number_ordered"]], filtered=True),
        True,
        "isin(...)",
    ),
    Wrong(
        "09",
        "q4",
        "totals from groupby",
        _09_q4_chart(lambda: _09_three().groupby("supplier", as_index=False)["number_ordered"].sum()),
        True,
        "totals",
    ),
    Wrong(
        "09",
        "q4",
        "every drone class and year, from transfers",
        _09_q4_chart(lambda: T().loc[T()["supplier"].isin(["USA", "CHN", "TUR"]), ["supplier", "number_ordered"]]),
        True,
        "start from armed",
    ),
    Wrong(
        "09",
        "q4",
        "number_ordered on the y-axis without sum",
        _09_q4_chart(lambda: _09_three()[["supplier", "number_ordered"]], y="number_ordered:Q"),
        True,
        "sum(number_ordered)",
    ),
    Wrong(
        "09",
        "q5",
        "the drones engaged rounded to a whole number",
        _fn(_09_q5_engaged_rounded, "nights_of_defence"),
        True,
        "Do not round",
    ),
    Wrong(
        "09",
        "q5",
        "a share engaged above 1 accepted",
        _fn(_09_q5_share_unbounded, "nights_of_defence"),
        True,
        "cannot be above 1",
    ),
    Wrong(
        "09",
        "q5",
        "an empty stock rejected",
        _fn(_09_q5_empty_stock_rejected, "nights_of_defence"),
        True,
        "empty stock",
    ),
    Wrong("09", "q5", "partial nights kept", _fn(_09_q5_not_floored, "nights_of_defence"), True, "Round down"),
]
CORPUS += SECOND_PASS_09


# --- a second pass over exercise 10: what a student who half-read each question submits -----------


def _10_q3_chart(data, y="conflict:N", x="count():Q", color="supply:N"):
    import altair as alt

    return lambda: {
        "uses_chart": alt.Chart(data()).mark_bar().encode(y=y, x=x, color=color).properties(title="Uses by war")
    }


def _10_q4_rate(through=False, digits=1, lowest=0, top=True):
    def interception_rate(launched, intercepted):
        if launched <= 0 or intercepted < lowest or (top and intercepted > launched):
            raise ValueError("bad input")
        share = (launched - intercepted) / launched if through else intercepted / launched
        return round(100 * share, digits) if digits is not None else 100 * share

    return _fn(interception_rate, "interception_rate")


SECOND_PASS_10 = [
    Wrong(
        "10",
        "q1",
        "percentages instead of counts",
        lambda: {"supply_counts": U()["supply"].value_counts(normalize=True) * 100},
        True,
        "percentages",
    ),
    Wrong(
        "10",
        "q1",
        "the different users with each kind of supply",
        lambda: {"supply_counts": U().groupby("supply")["user"].nunique()},
        True,
        "add up",
    ),
    Wrong(
        "10",
        "q1",
        "a dict instead of a Series",
        lambda: {"supply_counts": {k: int(v) for k, v in U()["supply"].value_counts().items()}},
        True,
        "not a dict",
    ),
    Wrong(
        "10",
        "q2",
        "rows counted instead of different origins",
        lambda: {"origins_per_conflict": {k: int(v) for k, v in U().groupby("conflict").size().items()}},
        True,
        "numbers of rows",
    ),
    Wrong(
        "10",
        "q2",
        "suppliers counted instead of design origins",
        lambda: {"origins_per_conflict": {k: int(v) for k, v in U().groupby("conflict")["supplier"].nunique().items()}},
        True,
        "suppliers",
    ),
    Wrong(
        "10",
        "q2",
        "the Series nunique gives, not a dict",
        lambda: {"origins_per_conflict": U().groupby("conflict")["design_origin"].nunique()},
        True,
        "not a Series",
    ),
    Wrong(
        "10",
        "q3",
        "the chapter's known_origin: the use with no design origin dropped",
        _10_q3_chart(lambda: U().dropna(subset=["design_origin"])[["conflict", "supply", "use_id"]]),
        True,
        "leave out some uses",
    ),
    Wrong(
        "10",
        "q3",
        "coloured by design origin",
        _10_q3_chart(lambda: U()[["conflict", "design_origin", "supply"]], color="design_origin:N"),
        True,
        "Colour the bars by supply",
    ),
    Wrong(
        "10",
        "q3",
        "the axes swapped",
        _10_q3_chart(lambda: U()[["conflict", "supply"]], y="count():Q", x="conflict:N"),
        True,
        "y-axis",
    ),
    Wrong("10", "q4", "the percentage not rounded", _10_q4_rate(digits=None), True, "round(..., 1)"),
    Wrong("10", "q4", "rounded to a whole percentage", _10_q4_rate(digits=0), True, "one decimal place"),
    Wrong("10", "q4", "the share that got through", _10_q4_rate(through=True), True, "intercepted divided by launched"),
    Wrong("10", "q4", "none intercepted rejected", _10_q4_rate(lowest=1), True, "none intercepted"),
    Wrong(
        "10", "q4", "more interceptions than launches accepted", _10_q4_rate(top=False), True, "cannot intercept more"
    ),
    Wrong(
        "10",
        "q5",
        "claims whose rows are all argued",
        lambda: {
            "argued_claims": sorted(
                c for c, s in load("essay_scorecard").groupby("claim")["status"] if (s == "argued").all()
            )
        },
        True,
        "not all of them",
    ),
    Wrong(
        "10",
        "q5",
        "the statements instead of the claims",
        lambda: {"argued_claims": sorted(set(load("essay_scorecard").query("status == 'argued'")["statement"]))},
        True,
        "not statements",
    ),
    Wrong(
        "10",
        "q5",
        "the verdict column filtered instead of status",
        lambda: {"argued_claims": sorted(set(load("essay_scorecard").query("verdict == 'argued'")["claim"]))},
        True,
        "status column",
    ),
    Wrong(
        "10",
        "q5",
        "the array unique() gives, not a list",
        lambda: {"argued_claims": np.array(solution_values("10")["argued_claims"])},
        True,
        "not a list",
    ),
]
CORPUS += SECOND_PASS_10


# --- second pass: exercises 1 and 2 (issue 16, item 2) -----------------------------------------------


def _01_tb2():
    c = load("costs")
    return c[c["item"].str.contains("Bayraktar TB2") & (c["currency"] == "USD")]


def _01_decade(first=2010, last=2019):
    t = T()
    return t[t["order_year"].between(first, last)]


def _01_q2(table, column="number_ordered"):
    return table.groupby("drone_class")[column].sum().fillna(0).astype(int)


def _01_q4_floor(drone_cost, interceptor_cost, shots_per_kill):
    if drone_cost <= 0:
        raise ValueError("drone_cost must be positive")
    return interceptor_cost * shots_per_kill // drone_cost


def _01_q4_only_zero(drone_cost, interceptor_cost, shots_per_kill):
    if drone_cost == 0:
        raise ValueError("drone_cost must not be zero")
    return interceptor_cost * shots_per_kill / drone_cost


def _01_q4_no_check(drone_cost, interceptor_cost, shots_per_kill):
    return interceptor_cost * shots_per_kill / drone_cost


def _01_q4_difference(drone_cost, interceptor_cost, shots_per_kill):
    if drone_cost <= 0:
        raise ValueError("drone_cost must be positive")
    return interceptor_cost * shots_per_kill - drone_cost


def _01_q5(data, x="drone_class:N", y="count():Q", title="Drone deals by class"):
    import altair as alt

    chart = alt.Chart(data).mark_bar().encode(x=x, y=y)
    return {"class_chart": chart.properties(title=title) if title else chart}


SECOND_PASS_01 = [
    Wrong(
        "01",
        "q1",
        "a share of drones ordered, not of deals",
        lambda: {
            "armed_share": float(
                _01_decade().loc[_01_decade()["drone_class"] == "armed UAV", "number_ordered"].sum()
                / _01_decade()["number_ordered"].sum()
            )
        },
        True,
        "counts deals",
    ),
    Wrong(
        "01",
        "q1",
        "the share over every year",
        lambda: {"armed_share": float((T()["drone_class"] == "armed UAV").mean())},
        True,
        "every year",
    ),
    Wrong(
        "01",
        "q1",
        "strict comparisons: 2011-2018",
        lambda: {"armed_share": float((_01_decade(2011, 2018)["drone_class"] == "armed UAV").mean())},
        True,
        "between includes both ends",
    ),
    Wrong(
        "01",
        "q1",
        "a Series from value_counts(normalize=True)",
        lambda: {"armed_share": _01_decade()["drone_class"].value_counts(normalize=True)},
        True,
        "float(...)",
    ),
    Wrong(
        "01",
        "q1",
        "the years compared with text: <NA>",
        lambda: {"armed_share": (T()[T()["order_year"] == "2010"]["drone_class"] == "armed UAV").mean()},
        True,
        "<NA>",
    ),
    Wrong(
        "01",
        "q2",
        "a DataFrame from selecting [['number_ordered']]",
        lambda: {"ordered_2022": _01_q2(T()[T()["order_year"] == 2022]).to_frame("number_ordered")},
        True,
        "DataFrame",
    ),
    Wrong(
        "01",
        "q2",
        "drones delivered instead of ordered",
        lambda: {"ordered_2022": _sorted_desc(_01_q2(T()[T()["order_year"] == 2022], "number_delivered"))},
        True,
        "sum number_ordered",
    ),
    Wrong(
        "01",
        "q2",
        "totals over every year",
        lambda: {"ordered_2022": _sorted_desc(_01_q2(T()))},
        True,
        "every year",
    ),
    Wrong(
        "01",
        "q2",
        "not sorted",
        lambda: {"ordered_2022": _01_q2(T()[T()["order_year"] == 2022]).sort_index()},
        True,
        "sort_values",
    ),
    Wrong(
        "01",
        "q2",
        "the year compared with the text '2022'",
        lambda: {"ordered_2022": _01_q2(T()[T()["order_year"] == "2022"])},
        True,
        "'2022'",
    ),
    Wrong(
        "01",
        "q3",
        "the highest first",
        lambda: {"tb2_range": (float(_01_tb2()["cost_high"].max()), float(_01_tb2()["cost_low"].min()))},
        True,
        "lowest estimate first",
    ),
    Wrong(
        "01",
        "q3",
        "every estimate in US dollars, not only the TB2's",
        lambda: {
            "tb2_range": (
                float(load("costs").query("currency == 'USD'")["cost_low"].min()),
                float(load("costs").query("currency == 'USD'")["cost_high"].max()),
            )
        },
        True,
        "'Bayraktar TB2'",
    ),
    Wrong(
        "01",
        "q3",
        "a misspelled item: <NA>",
        lambda: {
            "tb2_range": (
                load("costs").query("item.str.contains('Bayraktar Tb2')")["cost_low"].min(),
                load("costs").query("item.str.contains('Bayraktar Tb2')")["cost_high"].max(),
            )
        },
        True,
        "<NA>",
    ),
    Wrong("01", "q4", "floor division", _fn(_01_q4_floor, "exchange_ratio"), True, "//"),
    Wrong("01", "q4", "only a zero cost refused", _fn(_01_q4_only_zero, "exchange_ratio"), True, "<= 0"),
    Wrong("01", "q4", "no ValueError at all", _fn(_01_q4_no_check, "exchange_ratio"), True, "raise ValueError"),
    Wrong("01", "q4", "the difference, not the ratio", _fn(_01_q4_difference, "exchange_ratio"), True, "divide"),
    Wrong(
        "01",
        "q5",
        "class counts from value_counts, counted again",
        lambda: _01_q5(T()["drone_class"].value_counts().reset_index()),
        True,
        "one row per deal",
    ),
    Wrong(
        "01",
        "q5",
        "only the deals ordered in 2022",
        lambda: _01_q5(T()[T()["order_year"] == 2022][["deal_id", "drone_class"]]),
        True,
        "every row of transfers",
    ),
    Wrong(
        "01",
        "q5",
        "x and y swapped",
        lambda: _01_q5(T()[["deal_id", "drone_class"]], x="count():Q", y="drone_class:N"),
        True,
        "x-axis",
    ),
    Wrong("01", "q5", "no title", lambda: _01_q5(T()[["deal_id", "drone_class"]], title=None), True, "title"),
]
CORPUS += SECOND_PASS_01


def _02_turkey():
    t = T()
    return t[t["supplier"] == "TUR"]


def _02_years(table):
    return table.groupby("recipient")["order_year"].nunique()


def _02_israel_years():
    t = T()
    return _02_years(t[t["supplier"] == "ISR"])


def _02_recent(first=2020, last=2024):
    t = T()
    return t[t["order_year"].between(first, last)]


def _02_q4(data, color="drone_class:N"):
    import altair as alt

    encoding = {"x": "order_year:O", "y": "count():Q"} | ({"color": color} if color else {})
    return {"turkey_chart": alt.Chart(data).mark_bar().encode(**encoding).properties(title="Turkey's drone deals")}


def _02_q5_percent(purchase, yearly_support_share, years):
    support = purchase * yearly_support_share * years
    total = purchase + support
    return 100 * support / total if total else 0.0


def _02_q5_no_years(purchase, yearly_support_share, years):
    support = purchase * yearly_support_share
    total = purchase + support
    return support / total if total else 0.0


def _02_q5_unguarded(purchase, yearly_support_share, years):
    support = purchase * yearly_support_share * years
    return support / (purchase + support)


def _02_q5_support_cost(purchase, yearly_support_share, years):
    return purchase * yearly_support_share * years


SECOND_PASS_02 = [
    Wrong(
        "02",
        "q1",
        "the array unique() gives",
        lambda: {"turkey_clients": _02_turkey()["recipient"].unique()},
        True,
        "not a list",
    ),
    Wrong(
        "02",
        "q1",
        "Turkey's suppliers instead of its clients",
        lambda: {"turkey_clients": sorted(T().loc[T()["recipient"] == "TUR", "supplier"].unique())},
        True,
        "recipient column",
    ),
    Wrong(
        "02",
        "q1",
        "lower-case codes",
        lambda: {"turkey_clients": sorted(r.lower() for r in _02_turkey()["recipient"].unique() if r[:2] != "X-")},
        True,
        "three capital letters",
    ),
    Wrong(
        "02",
        "q1",
        "a set, not a list",
        lambda: {"turkey_clients": {r for r in _02_turkey()["recipient"] if not r.startswith("X-")}},
        True,
        "list",
    ),
    Wrong("02", "q1", "the supplier filter misspelled", lambda: {"turkey_clients": []}, True, "'TUR'"),
    Wrong(
        "02",
        "q2",
        "more than three years (>), not at least three",
        lambda: {"israel_lasting_clients": int((_02_israel_years() > 3).sum())},
        True,
        ">=",
    ),
    Wrong(
        "02",
        "q2",
        "every supplier's clients",
        lambda: {"israel_lasting_clients": int((_02_years(T()) >= 3).sum())},
        True,
        "'ISR'",
    ),
    Wrong(
        "02",
        "q2",
        "the years of the lasting clients added up",
        lambda: {"israel_lasting_clients": int(_02_israel_years()[_02_israel_years() >= 3].sum())},
        True,
        "not their years",
    ),
    Wrong(
        "02",
        "q2",
        "the Series of years per client",
        lambda: {"israel_lasting_clients": _02_israel_years()},
        True,
        "int(...)",
    ),
    Wrong("02", "q2", "the supplier filter misspelled", lambda: {"israel_lasting_clients": 0}, True, "'ISR'"),
    Wrong(
        "02",
        "q3",
        "percentages",
        lambda: {"share_2020s": _02_recent()["supplier"].value_counts(normalize=True) * 100},
        True,
        "percentages",
    ),
    Wrong(
        "02",
        "q3",
        "shares of drones, not deals",
        lambda: {
            "share_2020s": _sorted_desc(
                _02_recent().groupby("supplier")["number_ordered"].sum() / _02_recent()["number_ordered"].sum()
            )
        },
        True,
        "count rows",
    ),
    Wrong(
        "02",
        "q3",
        "shares by recipient",
        lambda: {"share_2020s": _02_recent()["recipient"].value_counts(normalize=True)},
        True,
        "supplier column",
    ),
    Wrong(
        "02",
        "q3",
        "shares over every year",
        lambda: {"share_2020s": T()["supplier"].value_counts(normalize=True)},
        True,
        "every year",
    ),
    Wrong(
        "02",
        "q3",
        "sorted from smallest to largest",
        lambda: {"share_2020s": _02_recent()["supplier"].value_counts(normalize=True).sort_values()},
        True,
        "sorted from largest",
    ),
    Wrong(
        "02",
        "q3",
        "strict comparisons: 2021-2023",
        lambda: {"share_2020s": _02_recent(2021, 2023)["supplier"].value_counts(normalize=True)},
        True,
        "between includes both ends",
    ),
    Wrong(
        "02",
        "q4",
        "every supplier's deals",
        lambda: _02_q4(T()[["order_year", "drone_class", "deal_id"]]),
        True,
        "'TUR'",
    ),
    Wrong(
        "02",
        "q4",
        "totals from groupby, counted again",
        lambda: _02_q4(_02_turkey().groupby(["order_year", "drone_class"]).size().reset_index(name="deals")),
        True,
        "one row per deal",
    ),
    Wrong(
        "02",
        "q4",
        "no colour",
        lambda: _02_q4(_02_turkey()[["order_year", "drone_class", "deal_id"]], color=None),
        True,
        "colour",
    ),
    Wrong("02", "q5", "a percentage", _fn(_02_q5_percent, "tail_share"), True, "percentage"),
    Wrong("02", "q5", "the years in service left out", _fn(_02_q5_no_years, "tail_share"), True, "three inputs"),
    Wrong("02", "q5", "no guard against 0 / 0", _fn(_02_q5_unguarded, "tail_share"), True, "ZeroDivisionError"),
    Wrong("02", "q5", "the support cost, not its share", _fn(_02_q5_support_cost, "tail_share"), True, "fraction"),
]
CORPUS += SECOND_PASS_02


# --- exercise 03, second pass: what a student who half-read the question submits ----------------


def _03_partner_deals():
    """Transfers with the supplier's join year and whether it was a partner in the order year."""
    c = load("countries")
    d = T().merge(c[["code", "mtcr_join_year"]], left_on="supplier", right_on="code", how="left")
    return d.assign(partner=(d["mtcr_join_year"] <= d["order_year"]).fillna(False).astype(bool))


def _03_q2_shares(deals, share):
    """{"partner_share": ...} from `share(group)` of each decade's deals."""
    decade = (deals["order_year"] // 10 * 10).astype(int).rename("decade")
    shares = deals.groupby(decade).apply(share, include_groups=False).astype(float)
    return {"partner_share": shares.to_frame("partner_share")}


def _03_delivered_share(d):
    delivered = d["number_delivered"].fillna(0)
    return delivered[d["partner"]].sum() / delivered.sum()


def _03_armed_partners(first_year, last_year):
    d = _03_partner_deals()
    return d[
        d["partner"]
        & (d["drone_class"] == "armed UAV")
        & d["order_year"].between(first_year, last_year)
        & (d["number_delivered"].fillna(0) > 0)
    ]


def _03_china_armed():
    t = T()
    return t[(t["supplier"] == "CHN") & (t["drone_class"] == "armed UAV")]


def _03_q4_chart(data, y):
    import altair as alt

    return lambda: {
        "china_chart": alt.Chart(data())
        .mark_bar()
        .encode(x="order_year:O", y=y)
        .properties(title="China's armed drones")
    }


def _03_q5_payload_first(payload_kg, range_km):
    if payload_kg >= 500:
        return "Category I"
    return "Category II" if range_km >= 300 else "below thresholds"


def _03_q5_no_below(payload_kg, range_km):
    if range_km >= 300:
        return "Category I" if payload_kg >= 500 else "Category II"


def _03_q5_own_labels(payload_kg, range_km):
    if range_km < 300:
        return "Below thresholds"
    return "Category 1" if payload_kg >= 500 else "Category 2"


def _countries():
    return load("countries")


SECOND_PASS_03 = [
    Wrong(
        "03",
        "q1",
        "a sorted pandas Series instead of a list",
        lambda: {"partners_1995": _countries().loc[_countries()["mtcr_join_year"] <= 1995, "code"].sort_values()},
        True,
        "list",
    ),
    Wrong(
        "03",
        "q1",
        "country names instead of codes",
        lambda: {"partners_1995": sorted(_countries().loc[_countries()["mtcr_join_year"] <= 1995, "name"])},
        True,
        "code",
    ),
    Wrong(
        "03",
        "q1",
        "missing join years filled with 0, so states that never joined are kept",
        lambda: {"partners_1995": sorted(_countries().loc[_countries()["mtcr_join_year"].fillna(0) <= 1995, "code"])},
        True,
        "never joined",
    ),
    Wrong(
        "03",
        "q2",
        "a Series instead of a one-column DataFrame",
        _sol("03", "partner_share", lambda frame: frame["partner_share"]),
        True,
        "to_frame",
    ),
    Wrong(
        "03",
        "q2",
        "every decade kept, the 1980s and 1990s too",
        lambda: _03_q2_shares(_03_partner_deals(), _03_delivered_share),
        True,
        "2000, 2010 and 2020",
    ),
    Wrong(
        "03",
        "q2",
        "the share of deals instead of drones delivered",
        lambda: _03_q2_shares(
            _03_partner_deals()[_03_partner_deals()["order_year"].between(2000, 2029)], lambda d: d["partner"].mean()
        ),
        False,
    ),
    Wrong(
        "03",
        "q3",
        "the largest count instead of its supplier",
        lambda: {"top_armed_supplier": _03_armed_partners(2010, 2019).groupby("supplier")["recipient"].nunique().max()},
        True,
        "idxmax",
    ),
    Wrong(
        "03",
        "q3",
        "the window one year too long (2010-2020)",
        lambda: {
            "top_armed_supplier": str(
                _03_armed_partners(2010, 2020).groupby("supplier")["recipient"].nunique().idxmax()
            )
        },
        False,
    ),
    Wrong(
        "03",
        "q3",
        "drones delivered summed instead of recipients counted",
        lambda: {
            "top_armed_supplier": str(
                _03_armed_partners(2010, 2019).groupby("supplier")["number_delivered"].sum().idxmax()
            )
        },
        False,
    ),
    Wrong(
        "03",
        "q4",
        "drones delivered summed instead of deals counted",
        _03_q4_chart(lambda: _03_china_armed()[["order_year", "number_delivered"]], "sum(number_delivered):Q"),
        True,
        "count()",
    ),
    Wrong(
        "03",
        "q4",
        "every supplier's armed UAV deals",
        _03_q4_chart(lambda: T()[T()["drone_class"] == "armed UAV"][["order_year", "deal_id"]], "count():Q"),
        True,
        "'CHN'",
    ),
    Wrong(
        "03",
        "q4",
        "deals per year counted in pandas first",
        _03_q4_chart(
            lambda: _03_china_armed()["order_year"].value_counts().rename_axis("order_year").reset_index(name="deals"),
            "deals:Q",
        ),
        True,
        "one row per deal",
    ),
    Wrong(
        "03",
        "q4",
        "a misspelled drone class",
        _03_q4_chart(
            lambda: T()[(T()["supplier"] == "CHN") & (T()["drone_class"] == "armed uav")][["order_year"]], "count():Q"
        ),
        True,
        "spelling",
    ),
    Wrong(
        "03",
        "q4",
        "the axes swapped",
        lambda: {"china_chart": solution_values("03")["china_chart"].encode(x="count():Q", y="order_year:O")},
        True,
        "x-axis",
    ),
    Wrong(
        "03",
        "q5",
        "the payload tested before the range",
        _fn(_03_q5_payload_first, "mtcr_category"),
        True,
        "range first",
    ),
    Wrong(
        "03",
        "q5",
        "no label returned below the thresholds",
        _fn(_03_q5_no_below, "mtcr_category"),
        True,
        "every branch",
    ),
    Wrong(
        "03", "q5", "labels not as the question writes them", _fn(_03_q5_own_labels, "mtcr_category"), True, "exactly"
    ),
]
CORPUS += SECOND_PASS_03


# --- exercise 04, second pass: what a student who half-read the question submits ----------------

FOUR = ["TUR", "IRN", "CHN", "ISR"]


def _04_q1_counts(keep):
    """{"recipients_per_supplier": ...} from the deals `keep(t)` selects."""

    def build():
        kept = T()[keep(T())]
        return {"recipients_per_supplier": _sorted_desc(kept.groupby("supplier")["recipient"].nunique())}

    return build


def _04_tb2_clients(deals, years=range(2019, 2025)):
    first = deals.dropna(subset=["first_delivery_year"]).groupby("recipient")["first_delivery_year"].min()
    return {"tb2_clients": pd.Series({y: int((first <= y).sum()) for y in years})}


def _04_tb2(supplier_filter=True):
    t = T()
    tb2 = t[t["system_id"] == "bayraktar-tb2"]
    return tb2[tb2["supplier"] == "TUR"] if supplier_filter else tb2


def _04_q2_deals_delivered():
    tb2 = _04_tb2().dropna(subset=["first_delivery_year"])
    return {"tb2_clients": pd.Series({y: int((tb2["first_delivery_year"] <= y).sum()) for y in range(2019, 2025)})}


def _04_q2_before_each_year():
    first = _04_tb2().dropna(subset=["first_delivery_year"]).groupby("recipient")["first_delivery_year"].min()
    return {"tb2_clients": pd.Series({y: int((first < y).sum()) for y in range(2019, 2025)})}


def _04_recent():
    t = T()
    return t[t["order_year"].between(2015, 2024)]


def _04_q3_top_five_only():
    counts = _04_recent()["supplier"].value_counts().head(5)
    return {"deal_share": counts / counts.sum()}


def _04_q3_drones():
    r = _04_recent()
    return {
        "deal_share": (r.groupby("supplier")["number_ordered"].sum() / r["number_ordered"].sum())
        .sort_values(ascending=False)
        .head(5)
    }


def _04_q4_chart(data):
    import altair as alt

    return lambda: {
        "iran_chart": alt.Chart(data())
        .mark_bar()
        .encode(x="recipient:N", y="sum(number_delivered):Q")
        .properties(title="Iran's drone deliveries")
    }


def _04_iran():
    t = T()
    return t[t["supplier"] == "IRN"][["recipient", "number_delivered"]]


def _04_q5_dict_of_three(suppliers):
    if not suppliers:
        raise ValueError("a buyer needs at least one deal")
    return {1: "single-sourced", 2: "dual-sourced", 3: "multi-sourced"}.get(len(set(suppliers)))


def _04_q5_no_value_error(suppliers):
    distinct = len(set(suppliers))
    if distinct == 1:
        return "single-sourced"
    return "dual-sourced" if distinct == 2 else "multi-sourced"


def _04_q5_more_than_three(suppliers):
    if not suppliers:
        raise ValueError("a buyer needs at least one deal")
    distinct = len(set(suppliers))
    if distinct == 1:
        return "single-sourced"
    return "multi-sourced" if distinct > 3 else "dual-sourced"


SECOND_PASS_04 = [
    Wrong(
        "04",
        "q1",
        "every supplier, not only the four",
        _04_q1_counts(lambda t: t["number_delivered"].fillna(0) > 0),
        True,
        "four codes",
    ),
    Wrong(
        "04",
        "q1",
        "deals with nothing delivered kept",
        _04_q1_counts(lambda t: t["supplier"].isin(FOUR)),
        True,
        "number_delivered",
    ),
    Wrong(
        "04",
        "q1",
        "non-state and unknown recipients left out",
        _04_q1_counts(
            lambda t: (
                t["supplier"].isin(FOUR) & (t["number_delivered"].fillna(0) > 0) & ~t["recipient"].str.startswith("X-")
            )
        ),
        True,
        "X-",
    ),
    Wrong(
        "04",
        "q2",
        "the years 2019-2023: range's end left out",
        lambda: _04_tb2_clients(_04_tb2(), range(2019, 2024)),
        True,
        "range(2019, 2025)",
    ),
    Wrong("04", "q2", "TB2s from every supplier", lambda: _04_tb2_clients(_04_tb2(False)), True, "'TUR'"),
    Wrong("04", "q2", "deals counted instead of clients", _04_q2_deals_delivered, True, "once"),
    Wrong("04", "q2", "clients before each year, not by its end", _04_q2_before_each_year, False),
    Wrong(
        "04",
        "q3",
        "order_year > 2015, which leaves 2015 out",
        lambda: {"deal_share": T()[T()["order_year"] > 2015]["supplier"].value_counts(normalize=True).head(5)},
        True,
        "both ends",
    ),
    Wrong("04", "q3", "shares of drones instead of deals", _04_q3_drones, True, "one row each"),
    Wrong("04", "q3", "shares of the top five's deals only", _04_q3_top_five_only, True, "all deals"),
    Wrong(
        "04",
        "q4",
        "totals per recipient from groupby",
        _04_q4_chart(lambda: _04_iran().groupby("recipient", as_index=False)["number_delivered"].sum()),
        True,
        "one row per deal",
    ),
    Wrong(
        "04",
        "q4",
        "deals with no drone delivered left out",
        _04_q4_chart(lambda: _04_iran()[_04_iran()["number_delivered"].fillna(0) > 0]),
        True,
        "every Iranian deal",
    ),
    Wrong(
        "04",
        "q4",
        "the whole table, not only Iran's deals",
        _04_q4_chart(lambda: T()[["recipient", "number_delivered"]]),
        True,
        "'IRN'",
    ),
    Wrong(
        "04",
        "q4",
        "the axes swapped",
        lambda: {
            "iran_chart": solution_values("04")["iran_chart"].encode(x="sum(number_delivered):Q", y="recipient:N")
        },
        True,
        "x-axis",
    ),
    Wrong("04", "q5", "no label for four suppliers or more", _fn(_04_q5_dict_of_three, "sourcing"), True, "above two"),
    Wrong("04", "q5", "no ValueError for an empty list", _fn(_04_q5_no_value_error, "sourcing"), True, "ValueError"),
    Wrong(
        "04",
        "q5",
        "three suppliers taken as dual-sourced",
        _fn(_04_q5_more_than_three, "sourcing"),
        True,
        "Three or more",
    ),
]
CORPUS += SECOND_PASS_04


# --- the second student trial (exercises 1 and 8): charts drawn wrong from the right rows, and more --


def _solution_chart_with(number, name, change):
    """The solution's chart, changed as a student's would be."""
    return lambda: {name: change(solution_values(number)[name].copy(deep=True))}


def _x_typed(kind):
    """The chart with its x-axis field read as another kind of data ("quantitative", "nominal")."""

    def retype(chart):
        chart.encoding.x.type = kind
        return chart

    return retype


def _01_q2_counted_with_count():
    in_2022 = T()[T()["order_year"] == 2022]
    return {"ordered_2022": _sorted_desc(in_2022.groupby("drone_class")["number_ordered"].count())}


SECOND_TRIAL = [
    Wrong("01", "q2", "deals with a number counted with count()", _01_q2_counted_with_count, True, "count()"),
    Wrong(
        "01",
        "q5",
        "the classes drawn as numbers (an empty chart)",
        _solution_chart_with("01", "class_chart", _x_typed("quantitative")),
        False,
        "kind of axis",
    ),
    Wrong(
        "01",
        "q5",
        "a filter inside the chart",
        _solution_chart_with("01", "class_chart", lambda c: c.transform_filter("datum.order_year == 2022")),
        False,
        "no filter inside the chart",
    ),
    Wrong(
        "08",
        "q5",
        "the tolls drawn as categories",
        _solution_chart_with("08", "strike_chart", _x_typed("nominal")),
        False,
        "kind of axis",
    ),
    Wrong(
        "08",
        "q5",
        "strikes left out by a filter inside the chart",
        _solution_chart_with("08", "strike_chart", lambda c: c.transform_filter("datum.civilians_killed_high >= 10")),
        False,
        "no filter inside the chart",
    ),
]
CORPUS += SECOND_TRIAL


def _answers(wrong: Wrong) -> dict:
    """The wrong answers, with the question's other answer names at their solution values."""
    names, _ = checked_questions(wrong.number)[wrong.question]
    solved = solution_values(wrong.number)
    return {n: solved[n] for n in names} | wrong.build()


QUESTIONS = [(n, q) for n in sorted(EXERCISES) for q in checked_questions(n)]
REMINDERS = ("should", "check", "did you", "keep", "count", "use", "put", "must", "sum", "wrap", "not", "make")


def test_the_corpus_covers_every_auto_graded_question():
    assert len(EXERCISES) >= 9
    covered = {(w.number, w.question) for w in CORPUS}
    assert [q for q in QUESTIONS if q not in covered] == []


@pytest.mark.parametrize("number,question", QUESTIONS, ids=[f"{n}-{q}" for n, q in QUESTIONS])
def test_the_solution_passes_every_check(number, question):
    names, _ = checked_questions(number)[question]
    solved = solution_values(number)
    failed = [
        c.message or c.source for c, passed in _run(number, question, {n: solved[n] for n in names}) if not passed
    ]
    assert failed == []


@pytest.mark.parametrize("wrong", CORPUS, ids=[f"{w.number}-{w.question}-{w.mistake}" for w in CORPUS])
def test_a_wrong_answer_is_caught_with_a_helpful_answer_free_message(wrong):
    results = _run(wrong.number, wrong.question, _answers(wrong))
    failed = [check for check, passed in results if not passed]
    assert failed, f"no check catches {wrong.mistake}"
    public = [check for check in failed if not check.hidden]
    assert bool(public) == wrong.public, (
        f"{wrong.mistake}: caught by a public check is {bool(public)}, the corpus says {wrong.public}"
    )
    names, _ = checked_questions(wrong.number)[wrong.question]
    solved = solution_values(wrong.number)
    forbidden = set().union(*(leak_forms(solved[n]) for n in names))
    for check in public or failed:
        message = check.message
        assert len(message) >= 20, f"{wrong.mistake}: the failing check has no real message"
        assert any(word in message.lower() for word in REMINDERS), (
            f"{wrong.mistake}: {message!r} says nothing to reconsider"
        )
        assert not found_in(forbidden, message), f"{wrong.mistake}: {message!r} gives the answer away"
    assert any(wrong.says in check.message for check in public or failed), (
        f"{wrong.mistake}: no message says {wrong.says!r}"
    )


@pytest.mark.parametrize("number,question", QUESTIONS, ids=[f"{n}-{q}" for n, q in QUESTIONS])
def test_public_checks_hold_no_expected_value(number, question):
    names, checks = checked_questions(number)[question]
    solved = solution_values(number)
    forbidden = set().union(*(leak_forms(solved[n]) for n in names))
    for check in checks:
        if not check.hidden:
            assert not found_in(forbidden, check.source + "\n" + check.message), check.source


# --- NumPy numbers where Python numbers are asked for ----------------------------------------------


def _as_numpy(value):
    """The value with each Python int or float a NumPy scalar, as pandas arithmetic leaves it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return np.int64(value)
    if isinstance(value, float):
        return np.float64(value)
    if isinstance(value, dict):
        return {k: _as_numpy(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)) and any(isinstance(v, (int, float)) for v in value):
        return type(value)(_as_numpy(v) for v in value)
    return value


def _numpy_returning(function):
    def wrapped(*args, **kwargs):
        return _as_numpy(function(*args, **kwargs))

    wrapped.__name__ = function.__name__
    return wrapped


FUNCTION_QUESTIONS = [
    (n, q)
    for n, q in QUESTIONS
    if any(type(solution_values(n)[name]).__name__ == "function" for name in checked_questions(n)[q][0])
]
NUMBER_QUESTIONS = [
    (n, q)
    for n, q in QUESTIONS
    if any(
        _as_numpy(solution_values(n)[name]) is not solution_values(n)[name]
        and type(solution_values(n)[name]).__name__ != "function"
        for name in checked_questions(n)[q][0]
    )
]


def test_numpy_cases_are_found():
    assert len(FUNCTION_QUESTIONS) >= 8 and len(NUMBER_QUESTIONS) >= 8


@pytest.mark.parametrize("number,question", FUNCTION_QUESTIONS, ids=[f"{n}-{q}" for n, q in FUNCTION_QUESTIONS])
def test_a_function_returning_numpy_numbers_passes_every_check(number, question):
    """A right function whose arithmetic went through NumPy (np.int64, np.float64) is right."""
    names, _ = checked_questions(number)[question]
    solved = solution_values(number)
    answers = {n: _numpy_returning(solved[n]) if type(solved[n]).__name__ == "function" else solved[n] for n in names}
    failed = [c.message or c.source for c, passed in _run(number, question, answers) if not passed]
    assert failed == []


@pytest.mark.parametrize("number,question", NUMBER_QUESTIONS, ids=[f"{n}-{q}" for n, q in NUMBER_QUESTIONS])
def test_a_numpy_number_where_python_is_asked_gets_one_clear_message(number, question):
    """A right value left as a NumPy scalar either passes every check (the question asked for a
    number) or a public check says to convert it with int(...) or float(...) (it asked for a
    Python int), and no other public check blames the value for what is only its type."""
    names, _ = checked_questions(number)[question]
    solved = solution_values(number)
    results = _run(number, question, {n: _as_numpy(solved[n]) for n in names})
    if all(passed for _, passed in results):
        return  # a number was asked for, and a NumPy number is one
    public_failures = [c.message for c, passed in results if not passed and not c.hidden]
    assert public_failures, "a NumPy number passes every public check but fails a hidden one"
    assert all("int(" in m or "float(" in m for m in public_failures), public_failures


def _blank(name, solved):
    """What a student who left the answer cell as released has: `...`, or a function that
    returns None."""
    if type(solved).__name__ != "function":
        return ...

    def blank(*args, **kwargs):
        return None

    blank.__name__ = name
    return blank


def _shown(number: str, question: str, results: list[tuple[Check, bool]]) -> tuple[str, list[str]]:
    """What `grader.check` shows the student for these results (public checks only)."""
    cases = [
        SimpleNamespace(passed=passed, message="", test_case=SimpleNamespace(failure_message=check.message))
        for check, passed in results
        if not check.hidden
    ]
    return check_output.summary_lines(SimpleNamespace(name=question, test_case_results=cases))


@pytest.mark.parametrize("number,question", QUESTIONS, ids=[f"{n}-{q}" for n, q in QUESTIONS])
def test_a_blank_answer_scores_nothing_and_is_told_only_that(number, question):
    """A blank answer passes no check that carries points, fails its public checks on their
    asserts (no error from deep inside a check), and the student is told only that the
    question is not answered yet: checks of what is in an answer stay silent without one."""
    names, _ = checked_questions(number)[question]
    solved = solution_values(number)
    results = _run(number, question, {n: _blank(n, solved[n]) for n in names})
    scored = [c.message or c.source for c, ok in results if ok and c.points != 0]
    assert scored == []
    headline, lines = _shown(number, question, results)
    assert "not answered yet" in headline and lines and all(m.startswith(check_output.NOT_ANSWERED) for m in lines), (
        lines
    )


def _wrong_type(name, solved):
    """An answer of the wrong type: a string for a number, table or chart, a number for a
    string, a function that returns a string."""
    if type(solved).__name__ == "function":

        def wrong(*args, **kwargs):
            return "wrong"

        wrong.__name__ = name
        return wrong
    return 0 if isinstance(solved, str) else "wrong"


@pytest.mark.parametrize("number,question", QUESTIONS, ids=[f"{n}-{q}" for n, q in QUESTIONS])
def test_an_answer_of_the_wrong_type_is_told_only_its_type(number, question):
    """Checks of what an answer holds ('these are numbers of deals') pass when it is not even
    of the type asked: the student sees the check that carries the points, nothing untrue."""
    names, _ = checked_questions(number)[question]
    solved = solution_values(number)
    results = _run(number, question, {n: _wrong_type(n, solved[n]) for n in names})
    failed = [c for c, ok in results if not ok and not c.hidden]
    assert failed and all(c.points for c in failed), [c.message for c in failed]
    assert _shown(number, question, results)[1] == [c.message for c in failed]


# --- charts: the axes the question asks for carry points --------------------------------------------


def _chart_questions() -> list[tuple[str, str, str]]:
    """(exercise, question, answer name) for each question whose answer is one Altair chart."""
    import altair as alt

    found = []
    for number, question in QUESTIONS:
        names, _ = checked_questions(number)[question]
        for name in names:
            if isinstance(solution_values(number)[name], alt.Chart):
                found.append((number, question, name))
    return found


CHART_QUESTIONS = _chart_questions()


def test_every_exercise_with_a_chart_question_is_found():
    assert len({n for n, _, _ in CHART_QUESTIONS}) >= 9


@pytest.mark.parametrize("number,question,name", CHART_QUESTIONS, ids=[f"{n}-{q}" for n, q, _ in CHART_QUESTIONS])
def test_a_chart_with_its_axes_swapped_loses_points_before_grading(number, question, name):
    """The question says what goes on each axis; a chart of the right rows with the axes the other
    way round must fail a public check that carries points, not only a 0-point diagnostic (hidden
    checks test the chart's data, which swapping leaves as it was)."""
    chart = solution_values(number)[name]
    swapped = chart.copy(deep=True)
    swapped.encoding.x, swapped.encoding.y = chart.encoding.y, chart.encoding.x
    names, _ = checked_questions(number)[question]
    solved = solution_values(number)
    results = _run(number, question, {n: solved[n] for n in names} | {name: swapped})
    costly = [c.message for c, ok in results if not ok and not c.hidden and c.points]
    assert costly, f"{number} {question}: swapped axes fail no public check that carries points"
