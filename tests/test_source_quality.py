"""At most 1 in 20 of the sources a chapter cites may be weak (tools/source_quality.py says
what counts as weak: encyclopedias and mirrors, forums, content farms, aggregators and
syndicated reposts, bracketed titles, and entries a reviewer marked `quality = {weak: ...}`)."""

from __future__ import annotations

import sys

import pytest
from pybtex.database import Entry

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import source_quality  # noqa: E402

REPORT = source_quality.weak_sources_by_chapter(ROOT)


@pytest.mark.parametrize("chapter", sorted(REPORT))
def test_at_most_one_source_in_twenty_is_weak(chapter):
    keys, weak = REPORT[chapter]
    assert keys, f"{chapter} cites no sources"
    assert len(weak) / len(keys) <= source_quality.MAX_WEAK_SHARE, (
        f"{chapter}: {len(weak)} of {len(keys)} sources are weak: "
        + "; ".join(f"{k} ({why})" for k, why in sorted(weak.items()))
    )


@pytest.mark.parametrize(
    "fields, weak",
    [
        ({"title": "Bayraktar TB2", "url": "https://en.m.wikipedia.org/wiki/Bayraktar_TB2"}, True),
        ({"title": "Turkey's drones", "url": "https://www.exbulletin.com/world/123"}, True),
        ({"title": "[Report on a drone sale]", "url": "https://www.reuters.com/x"}, True),
        ({"title": "A sound report", "url": "https://www.reuters.com/x", "quality": "weak: undated page"}, True),
        ({"title": "Sword of Damocles", "url": "https://www.crisisgroup.org/report"}, False),
        ({"title": "Guidelines", "url": "https://mtcr.info/guidelines"}, False),
    ],
)
def test_the_classifier_tells_weak_sources_from_sound_ones(fields, weak):
    assert (source_quality.weak_reason(Entry("misc", fields=fields)) is not None) == weak
