"""Self-check questions that work on the static page and in notebooks (jupyterquiz)."""

from __future__ import annotations

import json
from pathlib import Path

from jupyterquiz import display_quiz

QUESTIONS_DIR = Path(__file__).parent / "self_checks"

# jupyterquiz's colour scheme: its "fdsp" palette with the colours that failed WCAG AA (4.5:1 for
# text) replaced. The question boxes and the answer a reader picked carry TEXT on top of them;
# CORRECT and INCORRECT fill the picked answer. The feedback line under the answers takes its
# colours from dd-course.css instead (--dd-feedback-*), which has a light and a dark set, because
# it sits on the page's background, which changes with the reader's theme.
TEXT = "#fafafa"
COLORS = {
    "--jq-multiple-choice-bg": "#345995",
    "--jq-mc-button-bg": "#fafafa",
    "--jq-mc-button-border": "#6b6b6b",
    "--jq-mc-button-inset-shadow": "#555555",
    "--jq-many-choice-bg": "#8c3b2e",
    "--jq-numeric-bg": "#1f5f7a",
    "--jq-numeric-input-bg": "#0b2a3a",
    "--jq-numeric-input-label": TEXT,  # unused: the label sits on the page (dd-course.css)
    "--jq-numeric-input-shadow": "#999999",
    "--jq-string-bg": "#861657",
    "--jq-incorrect-color": "#a4262c",
    "--jq-correct-color": "#1d6b35",
    "--jq-text-color": TEXT,
    "--jq-link-color": "#cfe0ff",
}


def self_check(topic: str) -> None:
    """Show a chapter's self-check questions: self_check("mtcr_export_gap") for chapter
    03-mtcr-export-gap reads self_checks/mtcr_export_gap.json."""
    path = QUESTIONS_DIR / f"{topic}.json"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in QUESTIONS_DIR.glob("*.json")))
        raise FileNotFoundError(f"No self-check questions named {topic!r}; known: {known}")
    display_quiz(json.loads(path.read_text(encoding="utf-8")), colors=COLORS)
