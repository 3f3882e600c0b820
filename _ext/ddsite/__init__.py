"""How notebook outputs become a static site that needs nothing from outside itself.

Notebook outputs keep the standard Vega-Lite mimetype, so JupyterLab and Colab draw charts
themselves. On the site, a myst-nb mime-render plugin turns that mimetype into a figure whose
spec is embedded as JSON; `dd-outputs.js` draws it with the vega, vega-lite and vega-embed
builds shipped in static/vega/. That script is added only to pages that have a chart or a
notebook script, and it fetches the vega builds only when a chart comes near the reader's
viewport.

Scripts that outputs carry (the self-check quizzes build themselves with one, library included)
would run as the page is parsed, holding up its first paint; they are kept as inert text and
`dd-outputs.js` runs each one when its output comes near the viewport.

ipywidgets need a Python kernel. On the static page a widget output becomes a plain note that
says so and points to the launch buttons, instead of a dead control or a script from a CDN.

After the build, the theme's icon fonts are cut down to the icons the site shows (iconfonts.py)
and its largest stylesheets lose the rules no page can use (unused_css.py): a page cannot be
drawn before its stylesheets arrive.
"""

from __future__ import annotations

import html
import json
import re
from importlib.metadata import version
from pathlib import Path

from docutils import nodes

from . import iconfonts, unused_css
from . import bibstyle, reading_time

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
VEGALITE_MIMETYPE = "application/vnd.vegalite.v5+json"
WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
JAVASCRIPT_MIMETYPE = "application/javascript"
CHART_MARKER = 'class="dd-vega"'
NOTEBOOK_SCRIPT_TYPE = "text/x-dd-notebook-script"
# dd-outputs.js loads the vega builds from _static/vega/ itself, when a chart nears the viewport.
OUTPUTS_SCRIPT = "dd-outputs.js"

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


def notebook_script_html(source: str) -> str:
    """An output's script as inert text, for dd-outputs.js to run once the reader nears it."""
    if "</script" in source.lower():
        raise ValueError("a notebook output's script contains </script>, which would end it early")
    return f'<script type="{NOTEBOOK_SCRIPT_TYPE}">{source}</script>'


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
        if data.mime_type == JAVASCRIPT_MIMETYPE:
            return [nodes.raw(text=notebook_script_html(data.content), format="html", classes=["output"])]
        return None


SITE_DESCRIPTION = (
    "Drone Diplomacy: an open, executable course on how states use military-drone exports as a tool of diplomacy."
)
# Author-year citations as they read in the text, e.g. "[SIPRI, 2025, CRS, 2022]".
CITATION = re.compile(r"\s*[\[(][^\[\]()]*\b(?:19|20)\d\d[a-z]?\b[^\[\]()]*[\])]")
WIDGET_STATE_MIMETYPE = "application/vnd.jupyter.widget-state+json"


def page_description(doctree, limit: int = 160) -> str:
    """A page's first paragraph, citations removed, cut at a word to fit a search result."""
    paragraph = next(iter(doctree.findall(nodes.paragraph)), None) if doctree is not None else None
    text = " ".join(CITATION.sub("", paragraph.astext()).split()) if paragraph is not None else ""
    if not text:
        return SITE_DESCRIPTION
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _is_thebe(asset) -> bool:
    name = getattr(asset, "filename", None) or str(asset)
    body = getattr(asset, "attributes", {}).get("body", "")
    return "thebe" in name or "THEBE" in body


def _deferred(asset):
    """A script file set to run after the page is parsed instead of blocking its first paint.
    documentation_options.js stays as it is: inline scripts in the head assign to the object
    it defines."""
    filename = getattr(asset, "filename", None)
    attributes = getattr(asset, "attributes", {})
    if (
        not filename
        or "documentation_options" in str(filename)
        or {"async", "defer"} & set(attributes)
        or attributes.get("type", "text/javascript") != "text/javascript"
    ):
        return asset
    return type(asset)(filename, priority=asset.priority, **attributes, defer="defer")


# Extension assets that act only on their own elements: sphinx-design's components (its tab
# script for tab sets) and sphinx-togglebutton's toggles and dropdown admonitions (its script,
# its stylesheet and the settings it writes inline). A page with none of those elements (today,
# every page of the course) is spared the requests, two of them stylesheets that hold up its
# first paint.
DESIGN_COMPONENTS = re.compile(r'class="[^"]*(?<![\w-])sd-')
TOGGLES = re.compile(r'class="[^"]*(?<![\w-])(toggle|dropdown)(?![\w-])')
ASSETS_FOR_ELEMENTS = {
    "design-tabs.js": re.compile(r"\bsd-tab-set\b"),
    "sphinx-design.min.css": DESIGN_COMPONENTS,
    "togglebutton.js": TOGGLES,
    "togglebutton.css": TOGGLES,
}
TOGGLEBUTTON_SETTINGS = re.compile(r"\b(toggleHint\w*|toggleOpenOnPrint|togglebuttonSelector)\b")


def _needed(asset, body: str | None) -> bool:
    name = Path(str(getattr(asset, "filename", "") or "")).name
    if not name and TOGGLEBUTTON_SETTINGS.search(getattr(asset, "attributes", {}).get("body", "")):
        name = "togglebutton.js"
    elements = ASSETS_FOR_ELEMENTS.get(name)
    return elements is None or body is None or bool(elements.search(body))


def _page_assets(app, pagename, templatename, context, doctree):
    app.dd_pages_written = getattr(app, "dd_pages_written", 0) + 1
    # Thebe (live code on the page) would fetch its kernel client from a CDN, and
    # sphinx-thebe declares its settings twice, an error on every page. The course uses
    # launch buttons instead, so the page gets none of it; nor any extension asset for
    # elements the page does not have.
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [
                asset for asset in context[key] if not _is_thebe(asset) and _needed(asset, context.get("body"))
            ]
    # Saved widget state is for a widget manager script, which the site does not load (widgets
    # need a kernel); it would only add weight to the head of the page.
    # The search page runs Sphinx's search scripts as it loads, and they need doctools.js first.
    defer = (lambda asset: asset) if pagename == "search" else _deferred
    context["script_files"][:] = [
        defer(asset)
        for asset in context.get("script_files", [])
        if getattr(asset, "attributes", {}).get("type") != WIDGET_STATE_MIMETYPE
    ]
    # docutils marks the bibliography as a list whose entries are not list items, which
    # screen readers (and axe) reject, and each entry with a role ARIA has deprecated and does
    # not allow on a div; it reads correctly as plain blocks.
    if "body" in context:
        context["body"] = (
            context["body"]
            .replace('<div role="list" class="citation-list">', '<div class="citation-list">')
            .replace(' role="doc-biblioentry">', ">")
        )
    context["metatags"] = context.get("metatags", "") + (
        f'<meta name="description" content="{html.escape(page_description(doctree), quote=True)}" />'
    )
    # Sphinx resets per-page script lists before this event, so these load only here.
    body = context.get("body", "")
    if CHART_MARKER in body or NOTEBOOK_SCRIPT_TYPE in body:
        app.add_js_file(OUTPUTS_SCRIPT, priority=600, loading_method="defer")


# The overrides in templates/ and the trimming in iconfonts.py and unused_css.py were written
# against these releases; requirements.txt pins them.
THEME_VERSIONS = {"sphinx-book-theme": "1.3.0", "pydata-sphinx-theme": "0.17.1"}


def check_theme_versions(installed=None) -> None:
    """Stop the build, saying what to do, when the theme is not the release the site's
    overrides were written for: a changed theme could break pages without an error."""
    from importlib.metadata import PackageNotFoundError, version

    from sphinx.errors import ExtensionError

    def found(name):
        try:
            return (installed or version)(name)
        except PackageNotFoundError:
            return "not installed"

    wrong = {name: found(name) for name, wanted in THEME_VERSIONS.items() if found(name) != wanted}
    if wrong:
        details = ", ".join(f"{name} {have} (written for {THEME_VERSIONS[name]})" for name, have in wrong.items())
        raise ExtensionError(
            f"the site's theme overrides do not match the installed theme: {details}. Install the pinned "
            "versions (`make clean && make book`), or, to move to a new theme release, update "
            "_ext/ddsite/templates/, check the trimming tests, then THEME_VERSIONS and requirements.txt."
        )


def footer_html(version: str, repository: str) -> str:
    """The line under every page: the release, the licences, and the terms of the third-party
    data beside them (LICENSE, LICENSE-content and the data appendix say more)."""
    files = f"{html.escape(repository, quote=True)}/blob/v{html.escape(version, quote=True)}"
    return (
        f'<p class="dd-licence">Drone Diplomacy, version {html.escape(version)}. '
        'Text, exercises and the course\'s own tables: '
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>; '
        f'code: <a href="{files}/LICENSE">MIT</a>. '
        'Third-party data keep their own terms: '
        '<a href="https://www.sipri.org/databases/armstransfers">SIPRI Arms Transfers Database</a> '
        '(non-commercial use, with attribution); world-atlas (ISC) from Natural Earth (public domain); '
        'Ukrainian Air Force reports compiled by Petro Ivaniuk (monthly sums, with attribution). '
        f'<a href="{files}/LICENSE-content">Licences and terms</a>.</p>'
    )


def _add_static_dir(app, config):
    config.html_static_path.append(str(STATIC_DIR))
    # Ahead of the theme's own templates: templates/layout.html extends the theme's.
    config.templates_path.insert(0, str(TEMPLATES_DIR))
    # The release is pyproject.toml's version, as installed with the package.
    config.version = config.release = version("dronediplomacy")
    repository = config.html_theme_options.get("repository_url", "")
    config.html_theme_options["extra_footer"] = footer_html(config.release, repository)


def _trim_theme_assets(app, exception):
    # Sphinx copies the theme's files afresh only when it writes pages; a rebuild that writes
    # none leaves them as the last build trimmed them, and redoing it would cost seconds.
    if exception is None and app.builder.format == "html" and getattr(app, "dd_pages_written", 0):
        site = Path(app.outdir)
        # Every page, and every script but fontawesome.js (the page never loads it, and it
        # names every icon): what the site can show.
        texts = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
        texts += [p.read_text(encoding="utf-8") for p in (site / "_static").rglob("*.js") if p.name != "fontawesome.js"]
        # Fonts first: they look up the icons pages show in the untrimmed stylesheet.
        iconfonts.subset_site(site, texts)
        unused_css.trim_site(site, texts)


def _state_reading_time(app, doctree):
    """Under each chapter's title, how long its core takes to study and how much optional depth
    it holds: the reader can plan a sitting (the same measure the tests hold to 45 minutes)."""
    if not app.env.docname.startswith("chapters/"):
        return
    source = Path(app.env.doc2path(app.env.docname)).read_text(encoding="utf-8")
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    note = nodes.paragraph("", reading_time.reading_time(source).sentence(), classes=["dd-reading-time"])
    title.parent.insert(title.parent.index(title) + 1, note)


def setup(app):
    check_theme_versions()
    bibstyle.register()
    app.connect("doctree-read", _state_reading_time)
    app.connect("config-inited", _add_static_dir)
    app.connect("build-finished", _trim_theme_assets)
    app.connect("html-page-context", _page_assets)
    app.add_css_file("dd-course.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
