"""The MTCR's treatment of complete drone systems, as the course explains it in chapter 3.

Category I (Annex item 1.A.2): complete unmanned aerial vehicle systems capable of delivering
at least a 500 kg payload to a range of at least 300 km; partners apply a strong presumption
of denial. Category II (item 19.A.2): other complete UAV systems with a range of at least
300 km, whatever their payload; transfers are reviewed case by case. Below 300 km a complete
drone is not a controlled MTCR item as such (components and some special cases still are).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

CATEGORY_I = "Category I"
CATEGORY_II = "Category II"
BELOW = "below MTCR thresholds"
UNKNOWN = "unknown (payload or range not public)"
CATEGORIES = (CATEGORY_I, CATEGORY_II, BELOW, UNKNOWN)

PAYLOAD_THRESHOLD_KG = 500
RANGE_THRESHOLD_KM = 300
# The July 2020 US policy treats Category I drones slower than this as Category II.
US_2020_SPEED_LIMIT_KMH = 800
# A radius (how far out a drone operates, or how far its data link reaches) is not a flight
# range: a drone that works 150 km out and comes back has flown at least 300 km.
RADIUS_BASES = {"datalink radius", "combat radius"}


def mtcr_range_km(range_km, range_basis=None):
    """The flight range a published figure implies, for comparison with the 300 km line:
    the figure itself, or at least twice a radius (out and back)."""
    if _missing(range_km):
        return range_km
    return 2 * range_km if range_basis in RADIUS_BASES else range_km


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def mtcr_category(payload_kg, range_km, range_basis=None) -> str:
    """The MTCR category a complete drone system's payload and range imply.

    A drone whose range is public but below 300 km is below the thresholds whatever its
    payload; one that reaches 300 km is Category II unless its payload is also known to
    reach 500 kg. A radius counts as twice its value (see mtcr_range_km)."""
    if _missing(range_km):
        return UNKNOWN
    if range_km < 0 or (not _missing(payload_kg) and payload_kg < 0):
        raise ValueError(f"payload ({payload_kg}) and range ({range_km}) cannot be negative")
    range_km = mtcr_range_km(range_km, range_basis)
    if range_km < RANGE_THRESHOLD_KM:
        return BELOW
    if _missing(payload_kg):
        # Range alone already puts it in Category II; Category I would need the payload.
        return CATEGORY_II
    return CATEGORY_I if payload_kg >= PAYLOAD_THRESHOLD_KG else CATEGORY_II


@dataclass(frozen=True)
class ExportRule:
    regime: str
    rule: str


def export_rules(payload_kg, range_km, max_speed_kmh=None) -> list[ExportRule]:
    """The rules an MTCR partner (and the US, under its 2020 policy) would apply to an export."""
    category = mtcr_category(payload_kg, range_km)
    if category == CATEGORY_I:
        rules = [
            ExportRule(
                "MTCR",
                "Category I: a strong presumption of denial; transfers "
                "only on rare occasions, with binding government assurances.",
            )
        ]
        if not _missing(max_speed_kmh) and max_speed_kmh < US_2020_SPEED_LIMIT_KMH:
            rules.append(
                ExportRule(
                    "US policy since July 2020",
                    "slower than 800 km/h: the "
                    "United States treats it as Category II and reviews the "
                    "sale case by case.",
                )
            )
        else:
            rules.append(
                ExportRule(
                    "US policy since July 2020",
                    "the presumption of denial still applies (speed unknown or 800 km/h and above).",
                )
            )
        return rules
    if category == CATEGORY_II:
        return [
            ExportRule(
                "MTCR",
                "Category II: case-by-case review against the "
                "Guidelines' factors (end use, the recipient's missile programme, "
                "risk of diversion).",
            )
        ]
    if category == BELOW:
        return [
            ExportRule(
                "MTCR",
                "Not a controlled complete system: national arms-export "
                "law and, for Wassenaar states, its munitions list still apply.",
            )
        ]
    return [ExportRule("MTCR", "Cannot classify: the payload or range is not public.")]


PARTNER = "MTCR partner"
ADHERENT = "adherent, not a partner"
OUTSIDE = "outside the MTCR"
STATUS_GROUPS = (PARTNER, ADHERENT, OUTSIDE)
_ADHERENT_STATUSES = {"unilateral adherent", "informal adherent", "pledged non-member"}


def regime_standing(countries: pd.DataFrame, codes: pd.Series, years: pd.Series) -> pd.Series:
    """Each state's standing in the MTCR in a given year: partner (joined by then),
    adherent (follows the Guidelines without being a partner) or outside.

    A partner counts as a partner only from its join year; before that it is outside."""
    info = countries.set_index("code")[["mtcr_status", "mtcr_join_year"]]
    status = codes.map(info["mtcr_status"])
    joined = codes.map(info["mtcr_join_year"])
    if status.isna().any():
        missing = sorted(set(codes[status.isna()]))
        raise KeyError(f"codes not in the countries table: {missing}")
    is_partner = (status == "partner") & joined.notna() & (joined <= years)
    standing = pd.Series(OUTSIDE, index=codes.index, dtype="string")
    standing[status.isin(_ADHERENT_STATUSES)] = ADHERENT
    standing[is_partner.fillna(False).astype(bool)] = PARTNER
    return standing
