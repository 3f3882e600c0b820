"""The "Python for this course" page teaches, in code a student can run, every skill the
exercises ask for (issue 16): a student who meets a skill first in a graded question, or only
in its hint, has not been taught it. The page itself is executed by the book build."""

from __future__ import annotations

import jupytext
import pytest

from conftest import ROOT

TOOLKIT = ROOT / "practice" / "python-toolkit.md"
# What the exercises ask students to do, and the code that shows it on the page.
SKILLS = {
    "a boolean filter on one value": '[transfers["supplier"] == ',
    "several values at once": ".isin(",
    "a range of years, ends included": ".between(",
    "missing values filled": ".fillna(0)",
    "counting rows per group": ".size()",
    "adding up a quantity per group": '["number_ordered"].sum()',
    "distinct values per group": '"nunique")',
    "the label of the largest value": ".idxmax()",
    "sorting, largest first": "sort_values(ascending=False)",
    "a join of two tables": ".merge(",
    "text to whole numbers": ".astype(int)",
    "complete months only": '~monthly["partial_month"]',
    "one value from the rows a filter kept": ".iloc[0]",
    "the year of a single date": ").year",
    "a dictionary lookup with a default": ".get(",
    "a function that refuses bad input": "raise ValueError",
    "a bar chart that counts rows": "count():Q",
    "a line over time": "mark_line(",
    "a date axis": ":T",
    "a dropdown bound to a chart": "alt.binding_select(",
    "a chart title and description": "description=",
}


@pytest.fixture(scope="module")
def toolkit_code() -> str:
    return "\n".join(c.source for c in jupytext.read(TOOLKIT).cells if c.cell_type == "code")


@pytest.mark.parametrize("skill", SKILLS)
def test_the_toolkit_shows_the_skill_in_code(skill, toolkit_code):
    assert SKILLS[skill] in toolkit_code, f"the toolkit page shows no code for {skill} ({SKILLS[skill]!r})"
