"""Unit tests of the site's Sphinx extension (_ext/ddsite): chart figures, widget notes, deferred
scripts, per-page assets, theme trimming and the theme-version check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ddsite as site


def test_site_figure_embeds_spec_safely():
    spec = {"title": "T", "description": "D </script><b>", "mark": "point"}
    out = site.chart_html(spec)
    assert out.count("</script>") == 1
    assert "&lt;/script&gt;&lt;b&gt;" in out
    assert json.loads(out.split('class="dd-vega-spec">')[1].split("</script>")[0].replace("<\\/", "</")) == spec


class _Data:
    def __init__(self, mime_type, content):
        self.mime_type, self.content = mime_type, content


def test_site_plugin_renders_charts_and_explains_widgets():
    chart = site.OfflineOutputs.handle_mime(None, _Data(site.VEGALITE_MIMETYPE, {"title": "x"}), False)
    assert 'class="dd-vega"' in chart[0].astext()
    widget = site.OfflineOutputs.handle_mime(None, _Data(site.WIDGET_VIEW_MIMETYPE, {}), False)
    assert "needs a running notebook" in widget[0].astext()
    assert site.OfflineOutputs.handle_mime(None, _Data("text/plain", "x"), False) is None
    script = site.OfflineOutputs.handle_mime(None, _Data(site.JAVASCRIPT_MIMETYPE, "show(1)"), False)
    assert script[0].astext() == '<script type="text/x-dd-notebook-script">show(1)</script>'
    with pytest.raises(ValueError, match="</script>"):
        site.notebook_script_html('x = "</SCRIPT>"')


# --- icon fonts --------------------------------------------------------------------------------

ICON_CSS = """
.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}
.fa-unused:before{content:"\\f111"}
@media (min-width: 10px) { .fa-github::before { content: "\\f09b" } }
html{--pst-icon-info-circle:"\\f05a";--pst-icon-note:var(--pst-icon-info-circle)}
.admonition-title:after{content:var(--x, "\\f071")}
p:before{content:"A"}
"""


def test_icon_glyphs_kept_are_those_pages_show_and_stylesheets_draw():
    points = site.iconfonts.glyphs_in_use([ICON_CSS], ['<i class="fa-solid fa-navicon"></i>', "fa-github"])
    # Shown by class (either selector of a shared rule, inside @media too), drawn by the
    # stylesheet itself (custom properties, var() fallbacks); never an icon no page names, and
    # never ordinary text.
    assert points == {0xF0C9, 0xF09B, 0xF05A, 0xF071}
    assert 0xF111 not in site.iconfonts.glyphs_in_use([ICON_CSS], ["fa-bars"])


def test_trimmed_stylesheet_keeps_every_rule_a_page_or_script_could_use():
    css = (
        ".used{a:1}.unused{b:2}.used .unused{c:3}.unused,.used>p{d:4}p:not(.gone){e:5}"
        "#main-content{f:6}#nowhere{g:7}.bs-tooltip-top{h:8}@media (min-width:9px){.unused{i:9}.used{j:10}}"
        "@font-face{font-family:x}:root{--k:11}"
    )
    words = site.unused_css.words_in(['<div class="used" id="main-content">', 'el.classList.add("show")'])
    kept = site.unused_css.trim(css, words)
    for rule in [
        ".used{a:1}",
        ".unused,.used>p{d:4}",
        "p:not(.gone){e:5}",
        "#main-content{f:6}",
        ".bs-tooltip-top{h:8}",
        "@media (min-width:9px){.used{j:10}}",
        "@font-face",
        ":root{--k:11}",
    ]:
        assert rule in kept, rule
    for rule in [".unused{b:2}", ".used .unused", "#nowhere", "i:9"]:
        assert rule not in kept, rule
    assert site.unused_css.trim(kept, words) == kept


def test_theme_assets_are_trimmed_only_when_sphinx_copied_them_afresh(monkeypatch, tmp_path):
    """Sphinx recopies the theme's files only on a build that writes pages; a rebuild with
    nothing to write must not spend seconds trimming what the last build trimmed."""
    calls = []
    monkeypatch.setattr(site.iconfonts, "subset_site", lambda path, texts: calls.append("fonts"))
    monkeypatch.setattr(site.unused_css, "trim_site", lambda path, texts: calls.append("css"))

    class App:
        outdir = str(tmp_path)
        builder = type("Builder", (), {"format": "html"})()

    app = App()
    site._trim_theme_assets(app, None)
    assert calls == []
    site._page_assets(app, "intro", "page.html", {"script_files": [], "body": ""}, None)
    site._trim_theme_assets(app, None)
    assert calls == ["fonts", "css"]


def test_tab_and_toggle_assets_load_only_on_pages_that_have_tabs_or_toggles():
    from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

    class App:
        def add_js_file(self, *args, **kwargs):
            pass

    def assets_for(body: str) -> list[str]:
        context = {
            "script_files": [
                _JavaScript(name)
                for name in ("_static/doctools.js", "_static/design-tabs.js", "_static/togglebutton.js")
            ]
            + [_JavaScript(None, body="let toggleHintShow = 'Click to show';")],
            "css_files": [
                _CascadingStyleSheet(name)
                for name in ("_static/pygments.css", "_static/sphinx-design.min.css", "_static/togglebutton.css")
            ],
            "body": body,
        }
        site._page_assets(App(), "chapters/x", "page.html", context, None)
        return [
            Path(asset.filename).name if asset.filename else "inline toggle settings"
            for asset in context["script_files"] + context["css_files"]
        ]

    assert assets_for("<p>prose</p>") == ["doctools.js", "pygments.css"]
    assert assets_for('<div class="sd-tab-set docutils">') == [
        "doctools.js",
        "design-tabs.js",
        "pygments.css",
        "sphinx-design.min.css",
    ]
    assert assets_for('<div class="sd-card docutils">') == ["doctools.js", "pygments.css", "sphinx-design.min.css"]
    toggles = ["doctools.js", "togglebutton.js", "inline toggle settings", "pygments.css", "togglebutton.css"]
    assert assets_for('<div class="admonition dropdown">') == toggles
    assert assets_for('<div class="toggle docutils container">') == toggles
    assert assets_for('<button class="btn dropdown-toggle">') == ["doctools.js", "pygments.css"]
    assert assets_for('<p class="used-sd-like">') == ["doctools.js", "pygments.css"]


def test_the_build_stops_when_the_theme_is_not_the_release_the_overrides_fit():
    from sphinx.errors import ExtensionError

    site.check_theme_versions()  # the pinned theme passes
    newer = {"sphinx-book-theme": "1.4.0", "pydata-sphinx-theme": "0.17.1"}
    with pytest.raises(ExtensionError, match=r"sphinx-book-theme 1\.4\.0 \(written for 1\.3\.0\)"):
        site.check_theme_versions(installed=newer.__getitem__)


# --- the theme template ------------------------------------------------------------------------


def _block(template: str, name: str) -> str:
    return template.split(f"block {name} %}}", 1)[1].split("endblock", 1)[0]


def test_the_theme_still_has_what_the_site_template_takes_out():
    """templates/layout.html starts each block it changes from the theme's own (super()) and
    takes out fontawesome.js and the script preloads, Sphinx's search scripts, and the theme's
    scripts until after the first paint. Should a theme release move any of them, the template
    would silently change nothing: this fails first, naming what moved."""
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    layout = (theme / "layout.html").read_text(encoding="utf-8")
    macros = (theme / "static" / "webpack-macros.html").read_text(encoding="utf-8")
    assert "{{ _webpack.head_js_preload() }}" in _block(layout, "css")
    assert "_webpack.body_post()" in _block(layout, "scripts_end")
    for path in ("_static/searchtools.js", "_static/language_data.js", "searchindex.js"):
        assert f"<script src=\"{{{{ pathto('{path}', 1) | e }}}}\"></script>" in _block(layout, "extrahead"), path
    preload = macros.split("macro head_js_preload()", 1)[1].split("endmacro", 1)[0]
    assert "fontawesome.js" in preload and 'rel="preload" as="script"' in preload
    body_post = macros.split("macro body_post()", 1)[1].split("endmacro", 1)[0]
    assert "scripts/bootstrap.js" in body_post and "scripts/pydata-sphinx-theme.js" in body_post


def test_footer_names_the_release_the_licences_and_the_data_terms():
    footer = site.footer_html("2026.12", "https://github.com/o/r")
    assert "version 2026.12" in footer
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in footer and "MIT" in footer
    assert "SIPRI" in footer and "non-commercial" in footer and "world-atlas" in footer and "Ivaniuk" in footer
    assert 'href="https://github.com/o/r/blob/v2026.12/LICENSE-content"' in footer
