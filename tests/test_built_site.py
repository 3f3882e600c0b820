"""The built site: builds with zero warnings and loads nothing from outside itself."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import ROOT, site_pages


@pytest.mark.site
def test_build_has_no_warnings():
    """The site under test was built without a warning. `make book` builds with every warning
    an error and keeps the build's log; reading it, rather than building again here, spares
    half a minute and never rewrites the site while the browser tests read it."""
    log_file = ROOT / "_build" / "book.log"
    assert log_file.exists(), "no build log: build the site with `make book`, which keeps it"
    log = log_file.read_text()
    assert "build succeeded" in log, log[-3000:]
    warnings = [line for line in log.splitlines() if "WARNING" in line and "Kernel is running over TCP" not in line]
    assert warnings == []


class _ViewTimeResources(HTMLParser):
    """Collect the URLs a browser fetches when it shows the page (not links a reader clicks)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed", "track"} and a.get("src"):
            self.urls.append(a["src"])
        if (
            tag == "link"
            and a.get("href")
            and set((a.get("rel") or "").split())
            & {"stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"}
        ):
            self.urls.append(a["href"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        for url in re.findall(r"url\(([^)]+)\)", a.get("style") or ""):
            self.urls.append(url.strip("'\""))


EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_pages_load_nothing_from_outside_the_site(site):
    offenders = {}
    for page in site_pages(site):
        parser = _ViewTimeResources()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [u for u in parser.urls if EXTERNAL.match(u)]
        inline_imports = re.findall(
            r"""(?:import\s*\(|importScripts\(|@import\s+url\()\s*['"]?(https?://[^'")\s]+)""",
            page.read_text(encoding="utf-8"),
        )
        if external or inline_imports:
            offenders[str(page.relative_to(site))] = external + inline_imports
    for css in site.rglob("*.css"):
        external = [
            u
            for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace"))
            if EXTERNAL.match(u)
        ]
        if external:
            offenders[str(css.relative_to(site))] = external
    assert offenders == {}


def test_charts_ship_their_libraries_and_licences(site):
    vega = site / "_static" / "vega"
    for name in ("vega", "vega-lite", "vega-embed"):
        assert (vega / f"{name}.min.js").stat().st_size > 10_000
        assert "Copyright" in (vega / f"LICENSE.{name}.txt").read_text()


def test_output_script_only_on_pages_with_charts_or_notebook_scripts(site):
    for page in site_pages(site):
        html = page.read_text(encoding="utf-8")
        has_output = 'class="dd-vega"' in html or 'type="text/x-dd-notebook-script"' in html
        assert has_output == ("dd-outputs.js" in html), page.name
        assert "vega/vega.min.js" not in html, f"{page.name}: the vega builds load on demand, not with the page"
        # Notebook scripts (the self-checks) wait for the reader instead of running mid-parse.
        assert '<script type="application/javascript">' not in html, page.name


def test_pages_do_not_load_the_search_index(site):
    """The search box opens search.html, which loads the index; other pages do not need it."""
    for page in site_pages(site):
        html = page.read_text(encoding="utf-8")
        assert ("searchindex.js" in html) == (page.name == "search.html"), page.name
        assert 'rel="preload" as="script"' not in html, page.name


def test_pages_load_no_fontawesome_script_and_the_theme_scripts_only_after_the_first_paint(site):
    """The theme's icons come from its web fonts; its scripts wait, inert in a <template>, until
    the page has been drawn (_ext/ddsite/templates/layout.html)."""
    for page in site_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, page.name
        if page.name == "index.html":  # only redirects to intro.html
            continue
        held = html.split('<template id="dd-theme-scripts">', 1)[1].split("</template>", 1)[0]
        assert "scripts/bootstrap.js" in held and "scripts/pydata-sphinx-theme.js" in held, page.name
        assert html.count("scripts/pydata-sphinx-theme.js") == 1, page.name


def test_icon_fonts_hold_every_icon_the_site_shows_and_little_else(site):
    from fontTools.ttLib import TTFont

    from ddsite import iconfonts

    fonts = site / "_static" / "vendor" / "fontawesome" / "webfonts"
    solid, brands = TTFont(fonts / "fa-solid-900.woff2"), TTFont(fonts / "fa-brands-400.woff2")
    css = (site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    shown = set()
    for page in site_pages(site):
        shown |= set(
            re.findall(
                r'class="[^"]*\b(fa-solid|fa-brands|fa-regular|fas|fab|far) (fa-[a-z0-9-]+)',
                page.read_text(encoding="utf-8"),
            )
        )
    assert ("fab", "fa-github") in shown and ("fa-solid", "fa-bars") in shown
    for style, name in shown:
        point = iconfonts.icon_points([css], {name})
        font = brands if style in ("fa-brands", "fab") else solid
        assert point and point <= set(font.getBestCmap()), f"{name} is shown but not in {style}'s font"
    # The theme's own icons drawn from its stylesheet (admonitions, external links).
    assert ord("\uf35d") in solid.getBestCmap() and ord("\uf05a") in solid.getBestCmap()
    assert len(solid.getBestCmap()) < 100 and (fonts / "fa-solid-900.woff2").stat().st_size < 20_000


def test_trimmed_stylesheets_keep_their_licences_and_need_no_second_round_trip(site):
    styles = site / "_static" / "styles"
    theme = (styles / "theme.css").read_text(encoding="utf-8")
    assert "@import" not in theme and "div.related" in theme, "basic.css belongs inline in theme.css"
    pydata = (styles / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "Bootstrap Authors" in pydata and "Licensed under MIT" in pydata
    assert len(pydata) < 200_000, "the theme stylesheet should be trimmed"


def test_every_page_footer_shows_the_release_and_the_licences(site):
    import dronediplomacy

    for page in site_pages(site):
        if page.name == "index.html":  # only redirects to intro.html
            continue
        footer = page.read_text(encoding="utf-8").split('class="bd-footer-content', 1)[1]
        assert f"version {dronediplomacy.__version__}" in footer, page.name
        assert "CC BY 4.0" in footer and "SIPRI" in footer, page.name


def test_each_chapter_says_under_its_title_how_long_its_core_takes(site):
    from ddsite.reading_time import CORE_LIMIT_MINUTES, reading_time

    for source in sorted((ROOT / "chapters").glob("*.md")):
        page = (site / "chapters" / source.with_suffix(".html").name).read_text(encoding="utf-8")
        shown = re.search(r'</h1>\s*<p class="dd-reading-time">([^<]+)</p>', page)
        assert shown, f"{source.name}: no reading time under the title"
        assert shown.group(1) == reading_time(source.read_text(encoding="utf-8")).sentence()
        minutes = int(re.match(r"About (\d+) minutes to study", shown.group(1)).group(1))
        assert minutes <= CORE_LIMIT_MINUTES and "optional depth" in shown.group(1), source.name
    assert "dd-reading-time" not in (site / "intro.html").read_text(encoding="utf-8")


def test_bibliography_entries_carry_no_deprecated_aria_role_and_render_lazily(site):
    """docutils gives each of the ~750 entries role="doc-biblioentry", which ARIA deprecated and
    Lighthouse's accessibility audit rejects; entries off screen are not laid out on load."""
    page = (site / "bibliography.html").read_text(encoding="utf-8")
    assert page.count('<div class="citation"') > 500
    assert 'role="doc-biblioentry"' not in page and 'role="list"' not in page
    css = (site / "_static" / "dd-course.css").read_text(encoding="utf-8")
    assert "content-visibility: auto" in css.split("div.citation-list > div.citation", 1)[1].split("}", 1)[0]
