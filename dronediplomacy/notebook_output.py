"""How the course's charts appear in notebooks.

Altair 5's default renderer emits only HTML that loads Vega from a CDN. The course's renderer
emits the standard Vega-Lite mimetype, which JupyterLab draws natively and the course site
draws from its own copy of Vega (_ext/ddsite), plus Altair's HTML as a fallback for
front ends without a Vega-Lite renderer (Colab), which are online anyway.
"""

from __future__ import annotations

import altair as alt
from altair.vegalite.v5.display import html_renderer, mimetype_renderer

RENDERER = "dronediplomacy"


def notebook_bundle(spec: dict, **metadata):
    bundle, meta = mimetype_renderer(spec, **metadata), {}
    if isinstance(bundle, tuple):
        bundle, meta = bundle
    fallback = html_renderer(spec, **metadata)
    if isinstance(fallback, tuple):
        fallback = fallback[0]
    return {**bundle, "text/html": fallback["text/html"]}, meta


def enable() -> None:
    alt.renderers.register(RENDERER, notebook_bundle)
    alt.renderers.enable(RENDERER)
