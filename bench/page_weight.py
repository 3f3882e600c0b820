"""Page weight: every page of the built site, loaded in headless Chromium with its charts
drawn, as a gzipping static host would send it. Prints the gzipped bytes and the request count
of each page, and the ratio to the reference the course measured for a default Jupyter Book 1
page with no chart at all (851 KB gzipped in 27 requests).

    .venv/bin/python bench/page_weight.py        (after `make book`)
"""

from __future__ import annotations

import gzip
from urllib.parse import unquote, urlparse

from playwright.sync_api import sync_playwright

from static_host import SITE, serve

DEFAULT_PAGE_GZIP_KB = 851
DEFAULT_PAGE_REQUESTS = 27


def pages() -> list[str]:
    chapters = sorted(p.relative_to(SITE).as_posix() for p in (SITE / "chapters").glob("*.html"))
    return ["intro.html", *chapters]


def weigh(browser, base: str, path: str) -> tuple[int, int]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("requestfinished", lambda r: requested.append(r.url))
    page.goto(f"{base}/{path}", wait_until="load")
    # Charts draw as they near the viewport: scroll past each, as a reader who reads on would.
    for figure in page.locator("figure.dd-chart").all():
        figure.scroll_into_view_if_needed()
        page.wait_for_function("e => !!e.dataset.drawn", arg=figure.locator(".dd-vega").element_handle())
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.dd-vega')).every(e => e.dataset.drawn === 'yes')", timeout=20_000
    )
    page.wait_for_timeout(500)
    page.close()
    total = 0
    for url in requested:
        file = SITE / unquote(urlparse(url).path).lstrip("/")
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), compresslevel=6))
    return total, len(requested)


def main() -> None:
    with serve() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        print(f"{'page':<44}{'gzipped KB':>11}{'requests':>10}{'vs default page':>17}")
        for path in pages():
            size, requests = weigh(browser, base, path)
            print(f"{path:<44}{size / 1024:>11.0f}{requests:>10}{size / 1024 / DEFAULT_PAGE_GZIP_KB:>16.2f}x")
        browser.close()
    print(
        f"reference: a default Jupyter Book 1 page with no chart, {DEFAULT_PAGE_GZIP_KB} KB gzipped in {DEFAULT_PAGE_REQUESTS} requests"
    )


if __name__ == "__main__":
    main()
