"""Chapter 10 (the essay, four years on): whose drones fought in which wars of 2022-2026, and
the scorecard of the essay's claims against that evidence."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from .common import ALL, PALETTE, column_wide, finish, scale
from .policy_responses import GAP_LINES, LINE_CHARS, LINE_PX, text_cards

NOT_IDENTIFIED = "not identified"
ORIGIN_COLOURS = {
    "Iran": PALETTE[4],
    "Turkey": PALETTE[2],
    "Israel": PALETTE[0],
    "Ukraine": PALETTE[1],
    NOT_IDENTIFIED: "#999999",
}
SUPPLY_SHAPES = {"import": "circle", "domestic": "square", "localised production": "triangle-up", "copy": "diamond"}
VERDICT_COLOURS = {
    "supported": PALETTE[0],
    "mixed": PALETTE[1],
    "contradicted": PALETTE[4],
    "too early to say": PALETTE[3],
}
SLOT_PX, MAX_SLOT = 12, 3  # pixels between the sub-rows of one war; sub-rows either side of its centre
ROW_PX = 84  # height of one war's row; its users' marks share it (yOffset)
SIDE_WORDS = {"for the claim": "FOR THE CLAIM", "against the claim": "AGAINST THE CLAIM"}


def use_years(uses: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """One row per use and year it covers, with the countries' names for users, suppliers and
    design origins (an empty origin becomes 'not identified')."""
    names = countries.set_index("code")["name"]
    rows = uses.assign(
        user_name=uses["user"].map(names),
        supplier_name=uses["supplier"].map(names),
        origin_name=uses["design_origin"].map(names).fillna(NOT_IDENTIFIED),
        year=[list(range(int(a), int(b) + 1)) for a, b in zip(uses["first_year"], uses["last_year"])],
    ).explode("year")
    rows["year"] = rows["year"].astype(int)
    # each use of a war gets its own sub-row, centred on the war's row, so that two uses in the
    # same year do not overlap and every mark stays next to its war's label
    slots = rows.groupby("conflict")["use_id"].transform(
        lambda ids: ids.map({u: i for i, u in enumerate(dict.fromkeys(ids))})
    )
    rows["slot"] = slots - rows["conflict"].map(slots.groupby(rows["conflict"]).max()) / 2
    return rows[
        [
            "use_id",
            "conflict",
            "year",
            "user_name",
            "drone_type",
            "supplier_name",
            "origin_name",
            "supply",
            "role",
            "claimed_by",
            "confidence",
            "source",
            "slot",
        ]
    ].reset_index(drop=True)


def drones_in_conflicts(uses: pd.DataFrame, countries: pd.DataFrame) -> alt.Chart:
    """Each war of 2022-2026 by year, with a mark for every documented use of drones: coloured by
    whose design the drone is, shaped by how the user got it. A dropdown keeps one design
    origin's drones; buttons keep one way of getting them."""
    rows = use_years(uses, countries)
    origins = [o for o in ORIGIN_COLOURS if o in set(rows["origin_name"])]
    colours = {o: ORIGIN_COLOURS[o] for o in origins}
    origin = alt.param(
        name="drones_from", value=ALL, bind=alt.binding_select(options=[ALL, *origins], name="Designed in ")
    )
    supply = alt.param(
        name="supply_kind",
        value=ALL,
        bind=alt.binding_radio(options=[ALL, *SUPPLY_SHAPES], name="How the user got them "),
    )
    highlight = alt.selection_point(fields=["origin_name"], bind="legend")
    chart = (
        alt.Chart(rows)
        .transform_filter(
            f"(drones_from == '{ALL}' || datum.origin_name == drones_from)"
            f" && (supply_kind == '{ALL}' || datum.supply == supply_kind)"
        )
        .mark_point(filled=True, size=90, stroke="#222222", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "year:O", title="Year", scale=alt.Scale(domain=list(range(2022, 2027))), axis=alt.Axis(labelAngle=0)
            ),
            y=alt.Y(
                "conflict:N", title=None, axis=alt.Axis(labelLimit=150), scale=alt.Scale(paddingInner=0, paddingOuter=0)
            ),
            yOffset=alt.YOffset(
                "slot:Q",
                scale=alt.Scale(
                    domain=[-MAX_SLOT, MAX_SLOT],
                    range=[ROW_PX / 2 - SLOT_PX * MAX_SLOT, ROW_PX / 2 + SLOT_PX * MAX_SLOT],
                ),
            ),  # from the top of the row
            color=alt.Color(
                "origin_name:N",
                scale=scale(colours),
                title="Designed in (click one)",
                legend=alt.Legend(columns=2, labelLimit=110),
            ),
            shape=alt.Shape(
                "supply:N",
                scale=alt.Scale(domain=list(SUPPLY_SHAPES), range=list(SUPPLY_SHAPES.values())),
                title="How the user got them",
                legend=alt.Legend(columns=2, orient="top"),
            ),
            opacity=alt.condition(highlight, alt.value(0.95), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("conflict:N"),
                alt.Tooltip("year:O"),
                alt.Tooltip("user_name:N", title="used by"),
                alt.Tooltip("drone_type:N", title="drone"),
                alt.Tooltip("supplier_name:N", title="supplied by"),
                alt.Tooltip("origin_name:N", title="designed in"),
                alt.Tooltip("supply:N", title="how obtained"),
                alt.Tooltip("role:N"),
                alt.Tooltip("claimed_by:N", title="claimed by"),
                alt.Tooltip("confidence:N"),
                alt.Tooltip("source:N", title="sources"),
            ],
        )
        .add_params(origin, supply, highlight)
        .properties(**column_wide(ROW_PX * rows["conflict"].nunique()))
    )
    conflicts = rows.groupby("origin_name")["conflict"].nunique()
    return finish(
        chart,
        "Whose drones fought where, 2022–2026",
        "A dot chart with one row per war (India–Pakistan 2025, Iran–Israel 2024–2025, the Iran war of 2026, "
        "Russia–Ukraine, Sudan's civil war) and one column per year from 2022 to 2026. Each mark is one "
        "documented use of drones by one party, coloured by whose design the drone is and shaped by how the "
        "user got it: imported, made at home, a foreign design produced locally, or a copy. A dropdown keeps "
        "one design origin's drones and buttons keep one way of getting them; hover for the user, drone type, "
        f"role, who claims the use and the sources. Iranian designs appear in {conflicts.get('Iran', 0)} of "
        f"the {rows['conflict'].nunique()} wars. The course's drone_use_in_conflicts table; many rows rest on "
        "one party's claims.",
        subtitle="One mark per documented use; hover for who claims it",
    )


def scorecard_rows(scorecard: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as blocks of text to draw: for each claim a heading block (its verdict and
    the claim's sentence) followed by its evidence for and against, each wrapped to fit a phone.
    `lines` counts a block's heading and text lines; `order` is the drawing order."""
    blocks = []
    for order, claim in scorecard.sort_values(["claim_order", "side"], ascending=[True, False]).groupby(
        "claim_order", sort=True
    ):
        first = claim.iloc[0]
        common = {"claim": first["claim"], "verdict": first["verdict"]}
        blocks.append(
            {
                **common,
                "order": order * 10,
                "kind": "claim",
                "heading": f"{order}. {first['claim'][0].upper()}{first['claim'][1:]}",
                "text": textwrap.fill(
                    f"Verdict: {first['verdict'].upper()}. The essay: {first['statement']}",
                    LINE_CHARS,
                    break_on_hyphens=False,
                ),
            }
        )
        for step, row in enumerate(claim.itertuples(), start=1):
            blocks.append(
                {
                    **common,
                    "order": order * 10 + step,
                    "kind": "evidence",
                    "heading": f"{SIDE_WORDS[row.side]} · {row.status}",
                    "text": textwrap.fill(
                        f"{row.evidence} (Source: {row.source_label})", LINE_CHARS, break_on_hyphens=False
                    ),
                }
            )
    rows = pd.DataFrame(blocks)
    rows["lines"] = rows["text"].str.count("\n") + 2 + GAP_LINES
    return rows


def essay_scorecard(scorecard: pd.DataFrame) -> alt.LayerChart:
    """The essay's claims with the course's verdicts and the strongest evidence on both sides;
    dropdowns keep one claim or one verdict, and the blocks close up to fill the space."""
    rows = scorecard_rows(scorecard)
    claims = list(dict.fromkeys(rows["claim"]))
    verdicts = [v for v in VERDICT_COLOURS if v in set(rows["verdict"])]
    claim = alt.param(name="scorecard_claim", value=ALL, bind=alt.binding_select(options=[ALL, *claims], name="Claim "))
    verdict = alt.param(
        name="scorecard_verdict", value=ALL, bind=alt.binding_select(options=[ALL, *VERDICT_COLOURS], name="Verdict ")
    )
    base = (
        alt.Chart(rows)
        .transform_filter(
            f"(scorecard_claim == '{ALL}' || datum.claim == scorecard_claim)"
            f" && (scorecard_verdict == '{ALL}' || datum.verdict == scorecard_verdict)"
        )
        .transform_window(below="sum(lines)", sort=[alt.SortField("order")], frame=[None, 0])
        .transform_calculate(top=f"(datum.below - datum.lines) * {LINE_PX}")
    )
    colour = alt.Color(
        "verdict:N",
        scale=scale({v: VERDICT_COLOURS[v] for v in verdicts}),
        title="Verdict",
        legend=alt.Legend(orient="top", direction="horizontal"),
    )
    height = int(rows["lines"].sum() * LINE_PX) + 4
    chart = text_cards(base, colour).add_params(claim, verdict).properties(width=330, height=height)
    counts = rows[rows["kind"] == "claim"]["verdict"].value_counts()
    summary = ", ".join(f"{counts[v]} {v}" for v in verdicts)
    return finish(
        chart,
        "The essay's claims, four years on",
        f"A scorecard of the {len(claims)} claims of Lin-Greenberg's 2022 essay that the chapter tests: for each, "
        "the claim in one sentence, the course's verdict (supported, mixed, contradicted or too early to say) "
        "and the strongest evidence for and against it, each marked known, estimated or argued with its "
        f"sources. Verdicts: {summary}. Two dropdowns keep one claim or one verdict. The same points are in "
        "the course's essay_scorecard table.",
        subtitle="Choose a claim or a verdict below",
    ).configure_view(stroke=None)
