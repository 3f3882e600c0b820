"""Numbers a chapter's prose takes from the course's data.

A chapter computes each such number in a code cell and hands it to :func:`glue`; the book's
text shows it with myst-nb's ``{glue:text}`` role, so the prose follows the data when the data
are refreshed. myst-nb is part of the book build, not of the package: in a student's kernel
(Colab, Binder, a plain install) the same cell must still run, so there ``glue`` only returns
the value.
"""

from __future__ import annotations

from collections.abc import Iterable


def glue(name: str, value):
    """Store `value` under `name` for the chapter text (without showing it in the cell), and
    return it as a plain Python number or string. Text is stored as Markdown, for {glue:md}."""
    if getattr(value, "ndim", None) == 0:
        # a numpy scalar (what pandas sums and counts return) would show as "np.int64(419)"
        value = value.item()
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        return value
    if isinstance(value, str):
        from IPython.display import Markdown

        myst_glue(name, Markdown(value), display=False)
    else:
        myst_glue(name, value, display=False)
    return value


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
