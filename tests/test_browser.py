"""Every page in headless Chromium with the network cut to 127.0.0.1: no console errors, no
blocked requests, every chart drawn, and the bound controls change the charts."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import SITE, site_pages

PAGES = [p.relative_to(SITE).as_posix() for p in site_pages(SITE)] if SITE.exists() else []


def open_offline(browser, url: str, width: int = 1280):
    """Open a page with every request that leaves 127.0.0.1 aborted and every output drawn;
    return the page and lists that fill with console errors and blocked requests."""
    page, errors, blocked = open_offline_unscrolled(browser, url, width)
    draw_every_output(page)
    return page, errors, blocked


def open_offline_unscrolled(browser, url: str, width: int = 1280, theme: str | None = None):
    """As open_offline, but leave the page as it loaded, scrolled to the top. With a theme
    ("light" or "dark"), the reader has chosen it, and so has their system."""
    if theme:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=theme)
        context.add_init_script(f"localStorage.setItem('mode', '{theme}'); localStorage.setItem('theme', '{theme}');")
    else:
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
    page.wait_for_function(THEME_SCRIPTS_HAVE_RUN, timeout=15_000)
    return page, errors, blocked


# The theme's scripts run once the page has loaded and been drawn (_ext/ddsite/templates/
# layout.html); among other things they make every region that scrolls sideways
# reachable by keyboard, marking each such region with a tabindex. A page is as a reader finds
# it once they have: index.html only redirects to intro.html, so wait for a page with content.
THEME_SCRIPTS_HAVE_RUN = """!!document.getElementById('main-content') &&
    Array.from(document.querySelectorAll('pre, .cell_output > .output, .pst-scrollable-table-container'))
         .every(e => e.hasAttribute('tabindex'))"""


INERT_SCRIPT = 'script[type="text/x-dd-notebook-script"]'


def draw_every_output(page):
    """Charts draw and self-checks build themselves as they near the viewport: scroll past each
    one as a reader would, wait until all charts are drawn (or failed, which the tests report)
    and every notebook script has run, and return to the top."""
    for figure in page.locator("figure.dd-chart").all():
        figure.scroll_into_view_if_needed()
        page.wait_for_function("e => !!e.dataset.drawn", arg=figure.locator(".dd-vega").element_handle(),
                               timeout=10_000)
    for inert in page.locator(INERT_SCRIPT).element_handles():
        inert.evaluate("e => (e.closest('.cell_output') || e.parentNode).scrollIntoView()")
        page.wait_for_function("e => !e.isConnected", arg=inert, timeout=10_000)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.dd-vega')).every(e => e.dataset.drawn === 'yes' || e.dataset.drawn === 'failed')",
        timeout=20_000)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)


def test_chart_libraries_load_only_when_a_chart_comes_near(browser, site_url):
    """A reader who opens a chapter starts reading before 800 KB of chart code arrives."""
    page, errors, _ = open_offline_unscrolled(browser, f"{site_url}/chapters/03-mtcr-export-gap.html")
    requested = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert not any("vega.min.js" in url for url in requested)
    first = page.locator("figure.dd-chart").first
    assert first.locator(".dd-vega").evaluate("e => !e.dataset.drawn")
    first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.dd-vega').dataset.drawn === 'yes'", timeout=20_000)
    assert first.locator("svg").count() > 0
    page.context.close()
    assert errors == []


def test_self_check_builds_itself_when_the_reader_reaches_it_and_answers(browser, site_url):
    """Self-check quizzes run their script only as the reader nears them, so the first paint
    does not wait for them; reached, a quiz works: a click on an answer shows its feedback."""
    page, errors, _ = open_offline_unscrolled(browser, f"{site_url}/chapters/06-ukraine.html")
    inert = page.locator(INERT_SCRIPT)
    assert inert.count() > 0, "the chapter's self-checks should wait for the reader"
    assert page.locator(".MCButton").count() == 0
    inert.first.evaluate("e => (e.closest('.cell_output') || e.parentNode).scrollIntoView()")
    answer = page.locator(".MCButton").first
    answer.wait_for(timeout=10_000)
    answer.click()
    feedback = page.locator(".Feedback").first
    page.wait_for_function("e => e.textContent.trim().length > 20", arg=feedback.element_handle(), timeout=5_000)
    page.context.close()
    assert errors == []


def test_search_box_finds_a_chapter(browser, site_url):
    """Pages no longer load the search index; the search box sends the reader to the search
    page, which does, and finds the chapters."""
    page, errors, _ = open_offline_unscrolled(browser, f"{site_url}/intro.html")
    requested = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert not any("searchindex.js" in url for url in requested)
    # The theme's scripts, which open the search dialog, arrive once the page has been drawn.
    page.wait_for_load_state("networkidle")
    page.locator(".search-button-field:visible").first.click()
    page.locator("#pst-search-dialog input[name=q]").fill("Shahed")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=Shahed*")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=15_000)
    found = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.context.close()
    assert any("06-ukraine" in href for href in found), found
    assert errors == []


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


# --- reader experience: accessibility, keyboard, phone width, dark theme ----------------------

@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_offline_and_accessible(browser, site_url, path):
    """Every page, opened with nothing reachable beyond the site and read to the end: no
    console error, no request that leaves the site, every chart drawn, and no serious or
    critical axe-core violation in what the reader then has in front of them."""
    from axe_playwright_python.sync_playwright import Axe

    page, errors, blocked = open_offline(browser, f"{site_url}/{path}")
    charts = page.locator(".dd-vega")
    drawn = [charts.nth(i).evaluate("e => e.dataset.drawn === 'yes' && !!e.querySelector('svg, canvas')")
             for i in range(charts.count())]
    errors_while_reading = list(errors)
    results = Axe().run(page)
    page.context.close()
    assert errors_while_reading == []
    assert blocked == []
    assert all(drawn), f"charts not drawn: {[i for i, ok in enumerate(drawn) if not ok]}"
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_chart_control_works_from_the_keyboard(browser, site_url):
    page, errors, _ = open_offline(browser, f"{site_url}/chapters/03-mtcr-export-gap.html")
    figure = page.locator("figure.dd-chart").filter(has_text="Who sells drones").first
    select = figure.locator("select").first
    before = figure.locator("svg").first.inner_html()
    # Reach the dropdown with Tab alone, starting from the element just before it.
    figure.locator("svg").first.evaluate("e => e.closest('figure').scrollIntoView()")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(400):
        page.keyboard.press("Tab")
        if select.evaluate("e => e === document.activeElement"):
            break
    assert select.evaluate("e => e === document.activeElement"), "Tab never reached the chart's dropdown"
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert figure.locator("svg").first.inner_html() != before
    page.context.close()
    assert errors == []


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/")])
def test_phone_width_has_no_sideways_scroll(browser, site_url, path):
    page, errors, _ = open_offline(browser, f"{site_url}/{path}", width=375)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    charts_fit = page.evaluate("Array.from(document.querySelectorAll('.dd-vega')).every(e => e.getBoundingClientRect().right <= window.innerWidth + 1)")
    cut_off = page.evaluate(TEXT_WIDER_THAN_ITS_PARAGRAPH)
    page.context.close()
    assert overflow <= 0 and charts_fit and errors == []
    assert cut_off == [], f"paragraphs whose text runs past their edge: {cut_off}"


# A paragraph of running text clips what overflows it (dd-course.css lays it out only near the
# screen, which contains its painting), so text too wide for a phone is cut off rather than
# scrolling the page: measure the text itself.
RUNNING_TEXT = ".bd-article section > p"
TEXT_WIDER_THAN_ITS_PARAGRAPH = f"""Array.from(document.querySelectorAll('{RUNNING_TEXT}')).filter(p => {{
    const text = document.createRange();
    text.selectNodeContents(p);
    return text.getBoundingClientRect().right > p.getBoundingClientRect().right - parseFloat(getComputedStyle(p).paddingRight) + 1;
}}).map(p => p.textContent.slice(0, 60))"""


def test_a_paragraph_too_wide_for_a_phone_is_caught(browser, site_url):
    """The check above fails on a paragraph whose text cannot wrap (the page's own scroll width
    does not show it)."""
    page, _, _ = open_offline_unscrolled(browser, f"{site_url}/chapters/01-drones-in-modern-war.html", width=375)
    page.evaluate("""selector => { const ps = document.querySelectorAll(selector);
        ps[ps.length - 2].append(' https://example.org/' + 'apaththatcannotwrap'.repeat(8)); }""", RUNNING_TEXT)
    cut_off = page.evaluate(TEXT_WIDER_THAN_ITS_PARAGRAPH)
    page.context.close()
    assert len(cut_off) == 1, cut_off


def test_charts_stay_readable_in_dark_mode(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    page = context.new_page()
    page.goto(f"{site_url}/chapters/02-arms-exports-statecraft.html")
    draw_every_output(page)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    # Charts are drawn on their own light card, whatever the page's background.
    backgrounds = page.evaluate("Array.from(document.querySelectorAll('.dd-vega')).map(e => getComputedStyle(e).backgroundColor)")
    title_fill = page.evaluate("getComputedStyle(document.querySelector('.dd-vega svg text')).fill")
    context.close()
    assert backgrounds and all(b == "rgb(255, 255, 255)" for b in backgrounds)
    red, green, blue = (int(x) for x in title_fill.strip("rgb()").split(","))
    assert red + green + blue < 3 * 100, f"chart text {title_fill} would not read on the light card"


@pytest.mark.parametrize("system, stored_mode, theme", [
    ("dark", None, "dark"), ("light", None, "light"), ("dark", "light", "light"), ("light", "dark", "dark")])
def test_page_is_drawn_in_the_readers_theme_before_the_theme_script_arrives(browser, site_url, system, stored_mode, theme):
    """The theme's script comes after the page has been drawn; until then the page is already
    in the reader's theme (their choice, or the system's), not unstyled nor light in dark mode,
    and the script, once it runs, keeps it."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=system)
    if stored_mode:
        context.add_init_script(f"localStorage.setItem('mode', '{stored_mode}')")
    theme_script = "**/scripts/pydata-sphinx-theme.js*"
    context.route(theme_script, lambda route: route.abort())
    page = context.new_page()
    url = f"{site_url}/chapters/05-nagorno-karabakh-2020.html"
    page.goto(url, wait_until="load")
    theme_and_background = "[document.documentElement.dataset.theme, getComputedStyle(document.body).backgroundColor]"
    before = page.evaluate(theme_and_background)
    context.unroute(theme_script)
    page.goto(url, wait_until="load")
    page.wait_for_function(THEME_SCRIPTS_HAVE_RUN, timeout=15_000)
    after = page.evaluate(theme_and_background)
    context.close()
    dark_background = sum(int(x) for x in before[1].strip("rgba()").split(",")[:3]) < 3 * 80
    assert before[0] == theme and dark_background == (theme == "dark"), before
    assert after == before


@pytest.mark.parametrize("path", ["intro.html", "chapters/05-nagorno-karabakh-2020.html"])
@pytest.mark.parametrize("width", [1350, 375])
def test_page_does_not_jump_as_it_loads(browser, site_url, path, width):
    """Nothing the reader sees moves while the page loads (paragraphs laid out only near the
    screen must not stand in at the wrong height where the reader is looking): the layout
    shift the browser records stays under 0.01, a tenth of what counts as poor."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script("""window.ddShifts = [];
        new PerformanceObserver(list => list.getEntries().forEach(shift => window.ddShifts.push(
            [shift.value, shift.sources.map(s => s.node ? s.node.nodeName + ' ' + (s.node.textContent || '').trim().slice(0, 40) : '')])))
        .observe({type: 'layout-shift', buffered: true});""")
    page = context.new_page()
    page.goto(f"{site_url}/{path}", wait_until="load")
    page.wait_for_function(THEME_SCRIPTS_HAVE_RUN, timeout=15_000)
    page.wait_for_timeout(500)
    shifts = page.evaluate("window.ddShifts")
    context.close()
    assert sum(value for value, _ in shifts) < 0.01, shifts


def test_wide_pages_show_one_search_field(browser, site_url):
    page, errors, _ = open_offline_unscrolled(browser, f"{site_url}/intro.html")
    visible = page.locator(".search-button-field").evaluate_all(
        "fields => fields.filter(f => f.getClientRects().length > 0 && getComputedStyle(f).visibility !== 'hidden').length")
    page.context.close()
    assert visible == 1 and errors == []


def test_charts_fit_their_column_after_the_window_narrows_and_widens(browser, site_url):
    """Vega measures a container-wide chart on "resize", sometimes before the page's layout has
    settled; the course's script measures again once it has."""
    page, errors, _ = open_offline(browser, f"{site_url}/chapters/09-policy-responses.html")
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(600)
    overflow = page.evaluate("""Array.from(document.querySelectorAll('.dd-vega')).map(c => {
        const svg = c.querySelector('svg'); return svg ? svg.getBoundingClientRect().width - c.clientWidth : 0; })""")
    page.context.close()
    assert errors == [] and max(overflow) <= 0, overflow


# --- trimmed theme stylesheets ---------------------------------------------------------------

def theme_originals():
    """The theme's stylesheets as shipped, before the build trims them (unused_css.py)."""
    import myst_nb
    import pydata_sphinx_theme
    import sphinx_design
    from pathlib import Path

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "styles"
    return {
        "styles/theme.css": theme / "theme.css",
        "pydata-sphinx-theme.css": theme / "pydata-sphinx-theme.css",
        "sphinx-design.min.css": Path(sphinx_design.__file__).parent / "static" / "sphinx-design.min.css",
        "mystnb.*.css": Path(myst_nb.__file__).parent / "static" / "mystnb.css",
    }


def serving(css: str):
    """A route handler that answers with `css`."""
    return lambda route: route.fulfill(body=css, content_type="text/css")


def settled_screenshot(page) -> bytes:
    """A screenshot once nothing on screen moves any more (late layout). CSS transitions are
    taken to their end for each shot: a hover fading out of the sidebar's search field could
    be caught mid-way in one run and not the other."""
    previous = page.screenshot(animations="disabled")
    for _ in range(15):
        page.wait_for_timeout(200)
        current = page.screenshot(animations="disabled")
        if current == previous:
            return current
        previous = current
    return current


def move_pointer_off_tooltips(page) -> None:
    """Move the pointer to the corner and wait until no tooltip shows: one the pointer has
    just set off is due 500 ms later, so wait past that before looking."""
    page.mouse.move(1, 1)
    page.wait_for_timeout(600)
    page.wait_for_function("!document.querySelector('.tooltip')", timeout=5_000)


def screenshots(browser, url: str, width: int, dark: bool, untrimmed: bool) -> list[bytes]:
    """What a reader sees of a page: its top, its middle (charts, self-checks, admonitions),
    and the theme's interactive parts: the sidebar drawer on a phone, the search dialog and a
    button's tooltip on a wide screen."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="dark" if dark else "light",
                                  reduced_motion="reduce")
    if dark:
        context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    if untrimmed:
        for name, original in theme_originals().items():
            context.route(f"**/{name}*", serving(original.read_text(encoding="utf-8")))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_function(THEME_SCRIPTS_HAVE_RUN, timeout=15_000)
    draw_every_output(page)
    page.wait_for_load_state("networkidle")
    shots = [settled_screenshot(page)]
    # Off-screen sections are laid out only when reached, so the page's height is not fixed:
    # go to the middle heading rather than to a height.
    page.evaluate("""() => { const h = document.querySelectorAll('article h2, article h1');
                             (h[Math.floor(h.length / 2)] || document.querySelector('main')).scrollIntoView(); }""")
    shots.append(settled_screenshot(page))
    page.evaluate("window.scrollTo(0, 0)")
    if width < 992:
        page.locator(".primary-toggle:visible").first.click()
    else:
        page.locator(".theme-switch-button:visible").first.hover()
        page.locator(".tooltip.show").wait_for(state="visible", timeout=5_000)
        shots.append(settled_screenshot(page))
        move_pointer_off_tooltips(page)
        page.locator(".search-button-field:visible").first.click()
        page.locator("#pst-search-dialog input[name=q]").wait_for(state="visible", timeout=10_000)
        # The search button has a tooltip too: under load it could show in one run and not
        # the other.
        move_pointer_off_tooltips(page)
    shots.append(settled_screenshot(page))
    context.close()
    return shots


@pytest.mark.parametrize("path", ["intro.html", "chapters/06-ukraine.html", "instructors/guide.html"])
def test_trimmed_stylesheets_draw_pages_exactly_as_the_theme_does(browser, site_url, path, tmp_path):
    """The build drops stylesheet rules no page can use; a reader must not be able to tell:
    every screenshot, wide and phone, light and dark, with the sidebar, search and a tooltip
    open, is pixel for pixel the one the theme's full stylesheets give."""
    for width, dark in [(1280, False), (375, True)]:
        trimmed = screenshots(browser, f"{site_url}/{path}", width, dark, untrimmed=False)
        full = screenshots(browser, f"{site_url}/{path}", width, dark, untrimmed=True)
        differ = [i for i, (a, b) in enumerate(zip(trimmed, full)) if a != b]
        for i in differ:  # kept for whoever looks into a failure
            (tmp_path / f"{width}-{i}-trimmed.png").write_bytes(trimmed[i])
            (tmp_path / f"{width}-{i}-full.png").write_bytes(full[i])
        assert differ == [], f"{path} at {width} px{' dark' if dark else ''}: screenshots {differ} differ (see {tmp_path})"


# --- Self-checks on a phone -------------------------------------------------------------------------

# What a reader sees of a self-check's feedback: its text colour over the first background that is
# not transparent behind it, its size and spacing, and how far its box and its text reach.
FEEDBACK_AS_SEEN = """e => {
    const rgba = c => c.match(/[\\d.]+/g).map(Number);
    const style = getComputedStyle(e);
    let layer = e, background = rgba(style.backgroundColor);
    while (background.length === 4 && background[3] === 0 && layer.parentElement) {
        layer = layer.parentElement;
        background = rgba(getComputedStyle(layer).backgroundColor);
    }
    if (background.length === 4 && background[3] === 0) background = [255, 255, 255];
    const box = e.getBoundingClientRect();
    const text = document.createRange();
    text.selectNodeContents(e);
    const words = text.getBoundingClientRect();
    return {colour: rgba(style.color).slice(0, 3), background: background.slice(0, 3),
            fontSize: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight),
            textAlign: style.textAlign, visible: style.display !== 'none' && style.visibility !== 'hidden' && box.height > 0,
            box: [box.left, box.right], text: [words.left, words.right], viewport: window.innerWidth,
            pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""

FEEDBACK_SHOWN = """([e, kind]) => e.classList.contains(kind) && getComputedStyle(e).display !== 'none'
    && e.textContent.trim().length > 20"""


def relative_luminance(rgb) -> float:
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a, b) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def assert_feedback_reads_well_on_a_phone(seen: dict, kind: str):
    assert seen["visible"], f"{kind} feedback is not shown"
    ratio = contrast_ratio(seen["colour"], seen["background"])
    assert ratio >= 4.5, f"{kind} feedback: {seen['colour']} on {seen['background']} is {ratio:.2f}:1"
    assert seen["fontSize"] >= 16 and seen["lineHeight"] >= 1.4 * seen["fontSize"], seen
    assert seen["textAlign"] in ("left", "start"), seen
    left, right = seen["box"]
    assert left >= 0 and right <= seen["viewport"], f"{kind} feedback box runs off the screen: {seen}"
    assert seen["text"][1] <= right + 1, f"{kind} feedback text runs past its box: {seen}"
    assert seen["pageOverflow"] <= 0, f"the page scrolls sideways: {seen}"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_self_check_feedback_reads_well_on_a_phone(browser, site_url, theme):
    """At 375 px, a reader answers chapter 5's self-check: a wrong choice, then the number the
    chart question asks for. Each time the feedback appears, in colours that pass WCAG AA on what
    is actually behind it, at body size with room between lines, inside the screen."""
    page, errors, _ = open_offline_unscrolled(
        browser, f"{site_url}/chapters/05-nagorno-karabakh-2020.html", width=375, theme=theme)
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    page.locator(INERT_SCRIPT).first.evaluate("e => (e.closest('.cell_output') || e.parentNode).scrollIntoView()")
    first = page.locator(".Quiz").first
    wrong = first.locator('.MCButton[data-correct="false"]').first
    wrong.wait_for(timeout=10_000)
    wrong.scroll_into_view_if_needed()
    wrong.click()
    feedback = first.locator(".Feedback")
    page.wait_for_function(FEEDBACK_SHOWN, arg=[feedback.element_handle(), "incorrect"], timeout=5_000)
    assert_feedback_reads_well_on_a_phone(feedback.evaluate(FEEDBACK_AS_SEEN), "incorrect")

    numeric = page.locator(".Quiz", has=page.locator(".Input-text")).first
    field = numeric.locator(".Input-text")
    field.scroll_into_view_if_needed()
    field.fill("45")
    field.press("Enter")
    feedback = numeric.locator(".Feedback")
    page.wait_for_function(FEEDBACK_SHOWN, arg=[feedback.element_handle(), "correct"], timeout=5_000)
    assert_feedback_reads_well_on_a_phone(feedback.evaluate(FEEDBACK_AS_SEEN), "correct")
    page.context.close()
    assert errors == []


def test_the_feedback_check_catches_text_that_does_not_read(browser, site_url):
    """The checks above fail on the colours the self-checks used to have (jupyterquiz's 'fdsp'
    green, 2.7:1 on white) and on a word too long to wrap."""
    page, _, _ = open_offline_unscrolled(browser, f"{site_url}/chapters/05-nagorno-karabakh-2020.html",
                                         width=375, theme="light")
    page.locator(INERT_SCRIPT).first.evaluate("e => (e.closest('.cell_output') || e.parentNode).scrollIntoView()")
    right = page.locator(".Quiz").first.locator('.MCButton[data-correct="true"]')
    right.wait_for(timeout=10_000)
    right.click()
    feedback = page.locator(".Quiz").first.locator(".Feedback")
    page.wait_for_function(FEEDBACK_SHOWN, arg=[feedback.element_handle(), "correct"], timeout=5_000)
    assert_feedback_reads_well_on_a_phone(feedback.evaluate(FEEDBACK_AS_SEEN), "correct")
    feedback.evaluate("e => { e.style.color = '#87a878'; e.style.background = '#ffffff'; }")
    with pytest.raises(AssertionError, match="2.66:1"):
        assert_feedback_reads_well_on_a_phone(feedback.evaluate(FEEDBACK_AS_SEEN), "correct")
    feedback.evaluate("e => { e.style.color = ''; e.style.background = ''; e.style.overflowWrap = 'normal';"
                      " e.append(' ' + 'unbreakable'.repeat(8)); }")
    with pytest.raises(AssertionError, match="runs"):
        assert_feedback_reads_well_on_a_phone(feedback.evaluate(FEEDBACK_AS_SEEN), "correct")
    page.context.close()
