"""How notebook outputs become a static site that needs nothing from outside itself.

Notebook outputs keep the standard Vega-Lite mimetype, so JupyterLab and Colab draw charts
themselves. On the site, a myst-nb mime-render plugin turns that mimetype into a figure whose
spec is embedded as JSON; `dd-charts.js` draws it with the vega, vega-lite and vega-embed
builds shipped in static/vega/. Those scripts are added only to pages that have a chart.

ipywidgets need a Python kernel. On the static page a widget output becomes a plain note that
says so and points to the launch buttons, instead of a dead control or a script from a CDN.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
VEGALITE_MIMETYPE = "application/vnd.vegalite.v5+json"
WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
CHART_MARKER = 'class="dd-vega"'
CHART_SCRIPTS = ("vega/vega.min.js", "vega/vega-lite.min.js",
                 "vega/vega-embed.min.js", "dd-charts.js")

WIDGET_NOTE = (
    '<div class="admonition note dd-live-only" role="note">'
    '<p class="admonition-title">Live exploration: needs a running notebook</p>'
    "<p>This control runs Python, so it cannot work on a static web page. Open this chapter "
    "as a notebook to use it: the rocket button at the top of the page launches it on Binder "
    "or Colab, and the download button gives you the notebook to run locally (see "
    "<em>For students</em> in the introduction). The charts on this page stay interactive "
    "without it.</p></div>"
)


def _script_json(value) -> str:
    """JSON safe to place inside a <script> element."""
    return json.dumps(value, separators=(",", ":")).replace("</", "<\\/")


def chart_html(spec: dict) -> str:
    """The figure the site shows for one Vega-Lite spec: a container, the spec and a
    text description for screen readers, print and readers without JavaScript."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(title)
    description = spec.get("description", "")
    return (
        f'<figure class="dd-chart" aria-label="{html.escape(str(title), quote=True)}">'
        f'<div {CHART_MARKER}></div>'
        f'<script type="application/json" class="dd-vega-spec">{_script_json(spec)}</script>'
        f'<figcaption class="dd-chart-description"><strong>Chart description.</strong> '
        f"{html.escape(description)}</figcaption></figure>"
    )


class OfflineOutputs:
    """myst-nb mime-render plugin (entry point group `myst_nb.mime_renderers`)."""

    # Lower numbers win: the Vega-Lite spec beats any fallback image or text.
    mime_priority_overrides = [("html", VEGALITE_MIMETYPE, 5), ("dirhtml", VEGALITE_MIMETYPE, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if inline:
            return None
        if data.mime_type == VEGALITE_MIMETYPE:
            spec = data.content if isinstance(data.content, dict) else json.loads(data.content)
            return [nodes.raw(text=chart_html(spec), format="html", classes=["output"])]
        if data.mime_type == WIDGET_VIEW_MIMETYPE:
            return [nodes.raw(text=WIDGET_NOTE, format="html", classes=["output"])]
        return None


def _is_thebe(asset) -> bool:
    name = getattr(asset, "filename", None) or str(asset)
    body = getattr(asset, "attributes", {}).get("body", "")
    return "thebe" in name or "THEBE" in body


def _page_assets(app, pagename, templatename, context, doctree):
    # Thebe (live code on the page) would fetch its kernel client from a CDN, and
    # sphinx-thebe declares its settings twice, an error on every page. The course uses
    # launch buttons instead, so the page gets none of it.
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [asset for asset in context[key] if not _is_thebe(asset)]
    # docutils marks the bibliography as a list whose entries are not list items, which
    # screen readers (and axe) reject; it reads correctly as plain blocks.
    if "body" in context:
        context["body"] = context["body"].replace('<div role="list" class="citation-list">',
                                                  '<div class="citation-list">')
    # Sphinx resets per-page script lists before this event, so these load only here.
    if CHART_MARKER in context.get("body", ""):
        for priority, path in enumerate(CHART_SCRIPTS, start=600):
            app.add_js_file(path, priority=priority, loading_method="defer")


def _add_static_dir(app, config):
    config.html_static_path.append(str(STATIC_DIR))
    # Ahead of the theme's own templates: see templates/webpack-macros.html.
    config.templates_path.insert(0, str(TEMPLATES_DIR))


def setup(app):
    app.connect("config-inited", _add_static_dir)
    app.connect("html-page-context", _page_assets)
    app.add_css_file("dd-course.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
