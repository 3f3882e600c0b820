"""The grading benchmark runs end to end on a small batch and both graders agree on every
score (its timings are printed by `make bench`, never asserted here)."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import grading_speed  # noqa: E402


def test_grading_benchmark_smoke(released, monkeypatch):
    monkeypatch.setattr(grading_speed, "ASSIGN", released)
    result = grading_speed.measure(1)
    assert result["scores_agree"], result
    assert result["scores"]["q3"] < 2 and result["scores"]["q1"] == 2   # the realistic mix
