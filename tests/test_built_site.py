"""The built site: builds with zero warnings and loads nothing from outside itself."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT, site_pages

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def test_build_has_no_warnings():
    # An incremental rebuild with the execution cache: cheap after `make book`.
    result = subprocess.run([str(JUPYTER_BOOK), "build", str(ROOT), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
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
        if tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {
                "stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"}:
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
        inline_imports = re.findall(r"""(?:import\s*\(|importScripts\(|@import\s+url\()\s*['"]?(https?://[^'")\s]+)""",
                                    page.read_text(encoding="utf-8"))
        if external or inline_imports:
            offenders[str(page.relative_to(site))] = external + inline_imports
    for css in site.rglob("*.css"):
        external = [u for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace"))
                    if EXTERNAL.match(u)]
        if external:
            offenders[str(css.relative_to(site))] = external
    assert offenders == {}


def test_charts_ship_their_libraries_and_licences(site):
    vega = site / "_static" / "vega"
    for name in ("vega", "vega-lite", "vega-embed"):
        assert (vega / f"{name}.min.js").stat().st_size > 10_000
        assert "Copyright" in (vega / f"LICENSE.{name}.txt").read_text()


def test_chart_scripts_only_on_pages_with_charts(site):
    for page in site_pages(site):
        html = page.read_text(encoding="utf-8")
        has_chart = 'class="dd-vega"' in html
        assert has_chart == ("dd-charts.js" in html), page.name
        assert "vega/vega.min.js" not in html, f"{page.name}: the vega builds load on demand, not with the page"
