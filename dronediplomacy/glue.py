"""Numbers the chapters' prose takes from the data: computed in the chapter, shown in its text.

On the course site, myst-nb stores each glued value under a name and the prose shows it with
{glue:text}`name:,.0f` (numbers, with a format) or {glue:md}`name` (words, such as a list of
years). A notebook opened on Colab or Binder has no myst-nb; there gluing does nothing, and the
reader sees the same computation in the cell.
"""

from __future__ import annotations

from collections.abc import Iterable


def listing(items: Iterable) -> str:
    """Items as an English list: "2021, 2022 and 2023"."""
    words = [str(item) for item in items]
    if not words:
        raise ValueError("an empty list cannot be written as words")
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# Country names that take "the" in running text ("sold by the United States").
_WITH_ARTICLE = ("United ", "Netherlands", "Philippines", "Maldives")


def in_sentence(country_name: str) -> str:
    """A country's name as it reads inside a sentence: "the United States", "Qatar"."""
    return f"the {country_name}" if country_name.startswith(_WITH_ARTICLE) else country_name


def glue(name: str, value) -> None:
    """Store `value` for the prose under `name`; text is stored as Markdown, for {glue:md}."""
    try:
        from myst_nb import glue as myst_nb_glue
    except ImportError:  # a notebook outside the book build: nothing reads the value
        return
    if isinstance(value, str):
        from IPython.display import Markdown

        value = Markdown(value)
    myst_nb_glue(name, value, display=False)
