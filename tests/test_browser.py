"""Every page in headless Chromium with the network cut to 127.0.0.1: no console errors, no
blocked requests, every chart drawn, and the bound controls change the charts."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import SITE, site_pages

PAGES = [p.relative_to(SITE).as_posix() for p in site_pages(SITE)] if SITE.exists() else []


def open_offline(browser, url: str, width: int = 1280):
    """Open a page with every request that leaves 127.0.0.1 aborted; return the page and
    lists that fill with console errors and blocked requests."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    errors, blocked = [], []

    def route(r):
        if urlparse(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.dd-vega')).every(e => e.dataset.drawn === 'yes' || e.dataset.drawn === 'failed')",
        timeout=20_000)
    page.wait_for_timeout(300)
    return page, errors, blocked


@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_offline(browser, site_url, path):
    page, errors, blocked = open_offline(browser, f"{site_url}/{path}")
    charts = page.locator(".dd-vega")
    drawn = [charts.nth(i).evaluate("e => e.dataset.drawn === 'yes' && !!e.querySelector('svg, canvas')")
             for i in range(charts.count())]
    page.context.close()
    assert errors == []
    assert blocked == []
    assert all(drawn), f"charts not drawn: {[i for i, ok in enumerate(drawn) if not ok]}"


def chart_with(page, control_selector: str):
    """The chart figure that holds a given control."""
    return page.locator("figure.dd-chart").filter(has=page.locator(control_selector)).first


def test_year_slider_changes_membership_chart(browser, site_url):
    page, errors, _ = open_offline(browser, f"{site_url}/chapters/03-mtcr-export-gap.html")
    figure = chart_with(page, "input[type=range]")
    before = figure.locator("svg").first.inner_html()
    figure.locator("input[type=range]").first.fill("1990")
    page.wait_for_timeout(300)
    after = figure.locator("svg").first.inner_html()
    assert "1990" in after and after != before
    page.context.close()
    assert errors == []


def test_dropdown_changes_deals_chart(browser, site_url):
    page, errors, _ = open_offline(browser, f"{site_url}/chapters/03-mtcr-export-gap.html")
    figure = page.locator("figure.dd-chart").filter(has_text="Who sells drones").first
    before = figure.locator("svg").first.inner_html()
    figure.locator("select").first.select_option("armed UAV")
    page.wait_for_timeout(300)
    assert figure.locator("svg").first.inner_html() != before
    page.context.close()
    assert errors == []
