"""Self-check questions that work on the static page and in notebooks (jupyterquiz)."""

from __future__ import annotations

import json
from pathlib import Path

from jupyterquiz import display_quiz

QUESTIONS_DIR = Path(__file__).parent / "self_checks"


def self_check(topic: str) -> None:
    """Show the self-check questions for a chapter topic (self_checks/<topic>.json)."""
    path = QUESTIONS_DIR / f"{topic}.json"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in QUESTIONS_DIR.glob("*.json")))
        raise FileNotFoundError(f"No self-check questions named {topic!r}; known: {known}")
    display_quiz(json.loads(path.read_text(encoding="utf-8")), colors="fdsp")
