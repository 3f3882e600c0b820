"""Numbers a chapter's prose takes from the course's data.

A chapter computes each such number in a code cell and hands it to :func:`glue`; the book's
text shows it with myst-nb's ``{glue:text}`` role, so the prose follows the data when the data
are refreshed. myst-nb is part of the book build, not of the package: in a student's kernel
(Colab, Binder, a plain install) the same cell must still run, so there ``glue`` only returns
the value.
"""

from __future__ import annotations


def glue(name: str, value):
    """Store `value` under `name` for the chapter text (without showing it in the cell), and
    return it as a plain Python number or string."""
    if getattr(value, "ndim", None) == 0:
        # a numpy scalar (what pandas sums and counts return) would show as "np.int64(419)"
        value = value.item()
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        return value
    myst_glue(name, value, display=False)
    return value
