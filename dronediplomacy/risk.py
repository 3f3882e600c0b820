"""Chapter 8's rules: which drone deals fell under an arms embargo, and a risk screen for a
proposed sale in the spirit of the Arms Trade Treaty's Articles 6 and 7.

The rules work on calendar years, because SIPRI records years of order and delivery, not
dates: a deal counts as falling under an embargo when the embargo was in force at any time in
its year of order or in one of its years of delivery. A year-level rule can flag a delivery
made a few weeks before an embargo began; the chapter says so."""

from __future__ import annotations

import pandas as pd

# From most to least serious; `risk_screen` reports the most serious level any flag reaches.
PROHIBITED = "prohibited"
HIGH_RISK = "high risk"
ASSESS = "assess with care"
NO_FLAG = "no flag in the course data"
LEVELS = [PROHIBITED, HIGH_RISK, ASSESS, NO_FLAG]


def _deal_years(deal: pd.Series) -> set[int]:
    years = set()
    if pd.notna(deal["order_year"]):
        years.add(int(deal["order_year"]))
    if pd.notna(deal["delivery_years"]):
        years.update(int(y) for y in str(deal["delivery_years"]).split(";"))
    return years


def in_force(embargoes: pd.DataFrame, year: int) -> pd.DataFrame:
    """The embargoes in force at any time during `year`."""
    started = embargoes["start_date"].dt.year <= year
    not_ended = embargoes["end_date"].isna() | (embargoes["end_date"].dt.year >= year)
    return embargoes[started & not_ended]


def deals_under_embargo(transfers: pd.DataFrame, embargoes: pd.DataFrame) -> pd.DataFrame:
    """One row per (deal, embargo) where the embargo was in force in the deal's year of order
    or a year of delivery, and either barred arms to the deal's recipient or arms from its
    supplier. `years` lists the overlapping years."""
    rows = []
    for _, embargo in embargoes.iterrows():
        column = "recipient" if embargo["direction"] == "to target" else "supplier"
        first = embargo["start_date"].year
        last = embargo["end_date"].year if pd.notna(embargo["end_date"]) else 9999
        for _, deal in transfers[transfers[column] == embargo["target"]].iterrows():
            overlap = sorted(y for y in _deal_years(deal) if first <= y <= last)
            if overlap:
                rows.append(
                    {
                        "deal_id": deal["deal_id"],
                        "supplier": deal["supplier"],
                        "recipient": deal["recipient"],
                        "designation": deal["designation"],
                        "order_year": deal["order_year"],
                        "number_ordered": deal["number_ordered"],
                        "embargo_id": embargo["embargo_id"],
                        "imposed_by": embargo["imposed_by"],
                        "direction": embargo["direction"],
                        "scope": embargo["scope"],
                        "years": ";".join(map(str, overlap)),
                    }
                )
    columns = [
        "deal_id",
        "supplier",
        "recipient",
        "designation",
        "order_year",
        "number_ordered",
        "embargo_id",
        "imposed_by",
        "direction",
        "scope",
        "years",
    ]
    return (
        pd.DataFrame(rows, columns=columns).sort_values(["order_year", "deal_id", "embargo_id"]).reset_index(drop=True)
    )


def _embargo_flag(embargo: pd.Series, party: str) -> tuple[str, str]:
    """The level and the sentence for one embargo in force on the recipient or supplier."""
    what = f"{embargo['imposed_by']} arms embargo ({embargo['instrument']}, {embargo['scope']})"
    if embargo["imposed_by"] == "UN" and embargo["scope"] == "region":
        return HIGH_RISK, (
            f"{what} on the {party}: prohibited if the drones could be used in the embargoed "
            "region (ATT Article 6.1), so end use must be checked"
        )
    if embargo["imposed_by"] == "UN":
        return PROHIBITED, f"{what} on the {party}: a binding Security Council measure (ATT Article 6.1)"
    return HIGH_RISK, (
        f"{what} on the {party}: binding on EU exporters; others should ask why the EU "
        "judged arms too risky (ATT Article 7)"
    )


def risk_screen(
    recipient: str,
    year: int,
    transfers: pd.DataFrame,
    countries: pd.DataFrame,
    embargoes: pd.DataFrame,
    strikes: pd.DataFrame,
    supplier: str | None = None,
) -> dict:
    """Screen a proposed drone sale to `recipient` in `year` (optionally from `supplier`)
    against the course data: embargoes in force on either party, the recipient's existing
    drone suppliers, and documented strikes by its forces that killed civilians. Returns the
    flags, the most serious level they reach (one of LEVELS), and the tables behind them.

    The screen only reads the course's small curated tables: "no flag" is not a clearance."""
    codes = set(countries["code"])
    for role, code in (("recipient", recipient), ("supplier", supplier)):
        if code is not None and code not in codes:
            raise ValueError(f"unknown {role} code {code!r}; use a code from the countries table")
    if supplier is not None and supplier == recipient:
        raise ValueError("supplier and recipient are the same")
    if not 1995 <= int(year) <= 2030:
        raise ValueError(f"year {year} is outside 1995-2030, the span of the course data")
    names = countries.set_index("code")["name"]
    current = in_force(embargoes, int(year))
    on_recipient = current[(current["target"] == recipient) & (current["direction"] == "to target")]
    on_supplier = current[(current["target"] == supplier) & (current["direction"] == "from target")]
    flags = [_embargo_flag(e, "recipient") for _, e in on_recipient.iterrows()]
    flags += [_embargo_flag(e, "supplier") for _, e in on_supplier.iterrows()]
    harm = strikes[(strikes["operator_state"] == recipient) & (strikes["date"].dt.year <= int(year))]
    if len(harm):
        low, high = int(harm["civilians_killed_low"].sum()), int(harm["civilians_killed_high"].sum())
        deaths = f"{low}" if low == high else f"{low}-{high}"
        flags.append(
            (
                HIGH_RISK,
                f"{len(harm)} documented drone strike(s) by its forces killed {deaths} civilians: "
                "an overriding risk of serious violations of humanitarian law? (ATT Article 7.1)",
            )
        )
    bought = transfers[(transfers["recipient"] == recipient) & (transfers["order_year"] <= int(year))]
    suppliers = sorted(
        "an unknown supplier" if code == "X-UNKNOWN" else names.get(code, code) for code in bought["supplier"].unique()
    )
    if bought["supplier"].nunique() >= 3:
        flags.append(
            (
                ASSESS,
                f"drones from {bought['supplier'].nunique()} suppliers already: the risk of "
                "diversion and of fuelling an arms race (ATT Articles 7.1 and 11)",
            )
        )
    level = min((level for level, _ in flags), key=LEVELS.index, default=NO_FLAG)
    return {
        "recipient": names[recipient],
        "year": int(year),
        "level": level,
        "flags": [text for _, text in flags],
        "suppliers": suppliers,
        "embargoes": pd.concat([on_recipient, on_supplier]),
        "strikes": harm,
    }
