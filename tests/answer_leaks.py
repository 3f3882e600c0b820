"""The text forms of an exercise's expected answer that a check's message or a hint must not
contain, and a search for them that sees whole tokens only."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from ddgrader import answer_data


def _number_forms(value: float) -> set[str]:
    if isinstance(value, (bool, np.bool_)) or not math.isfinite(float(value)):
        return set()
    value = float(value)
    forms = set()
    if value.is_integer():
        if abs(value) >= 10:  # small whole numbers turn up in any sentence
            forms |= {str(int(value)), f"{int(value):,}"}
    else:
        forms |= {f"{value:.{d}f}" for d in (2, 3, 4)} | {f"{100 * value:.{d}f}%" for d in (0, 1)}
    return forms


def leak_forms(value) -> set[str]:
    """Text forms of an expected value that a message must not contain."""
    if isinstance(value, answer_data.RecordedChart) or callable(value):
        return set()
    if isinstance(value, str):
        return {value} if len(value) >= 3 else set()
    if isinstance(value, (int, float, np.integer, np.floating)):
        return _number_forms(value)
    if isinstance(value, pd.DataFrame):
        return set().union(set(), *(leak_forms(value[c]) for c in value.columns))
    if isinstance(value, pd.Series):
        if not pd.api.types.is_numeric_dtype(value):
            return set()
        return set().union(set(), *(_number_forms(v) for v in value.dropna().astype(float)))
    if isinstance(value, dict):
        return set().union(*(leak_forms(v) for v in value.values()))
    if isinstance(value, (list, tuple)) and value:
        if all(isinstance(v, str) for v in value):
            return {", ".join(value)} | ({"".join(value)} if len(value) > 1 else set())
        return set().union(*(leak_forms(v) for v in value))
    return set()


def found_in(forms: set[str], text: str) -> list[str]:
    """The forms that stand in `text` as whole tokens ('19' is not in '2019')."""
    return [f for f in forms if re.search(rf"(?<![\w.,]){re.escape(f)}(?![\w]|[.,]\d)", text)]
