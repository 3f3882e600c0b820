"""Reading time: the one measure the chapter headers and the 45-minute rule share."""

from pathlib import Path

import pytest

from ddsite.reading_time import CORE_LIMIT_MINUTES, reading_time

CHAPTERS = sorted((Path(__file__).resolve().parent.parent / "chapters").glob("*.md"))

CHAPTER = """---
jupytext: {}
---
# A chapter
One two three four five {cite:p}`sipri2025register`, see [the data](../data-appendix.md).

:::{dropdown} Going deeper: a detour
:class-container: dd-optional
Six seven eight {cite:t}`haaretz2016protest`.
:::

:::{note}
Nine ten.
:::

```{code-cell} ipython3
:tags: [remove-cell]
import sys
```

```{code-cell} ipython3
transfers = load("transfers")
```
"""


def test_core_and_optional_words_are_counted_apart():
    rt = reading_time(CHAPTER)
    # Citations and link targets are not read; the dropdown's words are optional; a note is core.
    assert (rt.core_words, rt.optional_words) == (12, 3)


def test_only_visible_code_cells_cost_time():
    assert reading_time(CHAPTER).code_cells == 1
    assert reading_time(CHAPTER).core_minutes == 2  # 12 words is nothing; one cell is 2 minutes


def test_a_dropdown_without_the_optional_class_is_core():
    text = CHAPTER.replace(":class-container: dd-optional\n", "")
    assert reading_time(text).optional_words == 0


def test_sentence_names_core_and_optional_minutes():
    long = (
        "# T\n" + "word " * 3000 + "\n:::{dropdown} More\n:class-container: dd-optional\n" + "deep " * 1500 + "\n:::\n"
    )
    assert reading_time(long).sentence() == "About 20 minutes to study, plus 10 minutes of optional depth."


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_every_chapters_core_fits_a_45_minute_sitting(chapter):
    timing = reading_time(chapter.read_text(encoding="utf-8"))
    assert timing.core_minutes <= CORE_LIMIT_MINUTES, (
        f"{chapter.name}: core {timing.core_minutes} minutes; move depth into a dd-optional dropdown"
    )
