"""Every page in headless Chromium with the network cut to 127.0.0.1: no console errors, no
blocked requests, every chart drawn, and the bound controls change the charts."""

from __future__ import annotations

import pytest

from conftest import SITE, site_pages
from chapter_code import redraw_after_choosing
from site_browser import (
    INERT_SCRIPT,
    THEME_SCRIPTS_HAVE_RUN,
    chart_markup,
    chart_with,
    draw_every_output,
    redrawn,
    settled,
    wait_until_idle,
)

PAGES = [p.relative_to(SITE).as_posix() for p in site_pages(SITE)] if SITE.exists() else []


def test_chart_libraries_load_only_when_a_chart_comes_near(reader):
    """A reader who opens a chapter starts reading before 800 KB of chart code arrives."""
    page = reader.open("chapters/03-mtcr-export-gap.html", draw=False)
    requested = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert not any("vega.min.js" in url for url in requested)
    first = page.locator("figure.dd-chart").first
    assert first.locator(".dd-vega").evaluate("e => !e.dataset.drawn")
    first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.dd-vega').dataset.drawn === 'yes'", timeout=20_000)
    assert first.locator("svg").count() > 0


def test_self_check_builds_itself_when_the_reader_reaches_it_and_answers(reader):
    """Self-check quizzes run their script only as the reader nears them, so the first paint
    does not wait for them; reached, a quiz works: a click on an answer shows its feedback."""
    page = reader.open("chapters/06-ukraine.html", draw=False)
    inert = page.locator(INERT_SCRIPT)
    assert inert.count() > 0, "the chapter's self-checks should wait for the reader"
    assert page.locator(".MCButton").count() == 0
    inert.first.evaluate("e => (e.closest('.cell_output') || e.parentNode).scrollIntoView()")
    answer = page.locator(".MCButton").first
    answer.wait_for(timeout=10_000)
    answer.click()
    feedback = page.locator(".Feedback").first
    page.wait_for_function("e => e.textContent.trim().length > 20", arg=feedback.element_handle(), timeout=5_000)


def test_search_box_finds_a_chapter(reader):
    """Pages no longer load the search index; the search box sends the reader to the search
    page, which does, and finds the chapters."""
    page = reader.open("intro.html", draw=False)
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
    assert any("06-ukraine" in href for href in found), found


def test_year_slider_changes_membership_chart(reader):
    page = reader.open("chapters/03-mtcr-export-gap.html")
    figure = chart_with(page, "input[type=range]")
    before = chart_markup(figure)
    figure.locator("input[type=range]").first.fill("1990")
    redrawn(figure, before, containing="1990")


def test_dropdown_changes_deals_chart(reader):
    redraw_after_choosing(reader, "chapters/03-mtcr-export-gap.html", "Who sells drones", "armed UAV")


# --- reader experience: accessibility, keyboard, phone width, dark theme ----------------------


@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_offline_and_accessible(reader, path):
    """Every page, opened with nothing reachable beyond the site and read to the end: no
    console error, no request that leaves the site (the reader fixture checks both), every
    chart drawn, and no serious or critical axe-core violation in what the reader then has in
    front of them."""
    from axe_playwright_python.sync_playwright import Axe

    page = reader.open(path)
    charts = page.locator(".dd-vega")
    drawn = [
        charts.nth(i).evaluate("e => e.dataset.drawn === 'yes' && !!e.querySelector('svg, canvas')")
        for i in range(charts.count())
    ]
    # What axe's own script logs while it inspects the page is no error of the page's.
    assert reader.take_errors() == []
    results = Axe().run(page)
    reader.take_errors()
    assert all(drawn), f"charts not drawn: {[i for i, ok in enumerate(drawn) if not ok]}"
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_chart_control_works_from_the_keyboard(reader):
    page = reader.open("chapters/03-mtcr-export-gap.html")
    figure = page.locator("figure.dd-chart").filter(has_text="Who sells drones").first
    select = figure.locator("select").first
    before = chart_markup(figure)
    # Reach the dropdown with Tab alone, starting from the element just before it.
    figure.locator("svg").first.evaluate("e => e.closest('figure').scrollIntoView()")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(400):
        page.keyboard.press("Tab")
        if select.evaluate("e => e === document.activeElement"):
            break
    assert select.evaluate("e => e === document.activeElement"), "Tab never reached the chart's dropdown"
    page.keyboard.press("ArrowDown")
    redrawn(figure, before)


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/")])
def test_phone_width_has_no_sideways_scroll(reader, path):
    page = reader.open(path, width=375)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    charts_fit = page.evaluate(
        "Array.from(document.querySelectorAll('.dd-vega')).every(e => e.getBoundingClientRect().right <= window.innerWidth + 1)"
    )
    cut_off = page.evaluate(TEXT_WIDER_THAN_ITS_PARAGRAPH)
    assert overflow <= 0 and charts_fit
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


def test_a_paragraph_too_wide_for_a_phone_is_caught(reader):
    """The check above fails on a paragraph whose text cannot wrap (the page's own scroll width
    does not show it)."""
    page = reader.open("chapters/01-drones-in-modern-war.html", width=375, draw=False)
    page.evaluate(
        """selector => { const ps = document.querySelectorAll(selector);
        ps[ps.length - 2].append(' https://example.org/' + 'apaththatcannotwrap'.repeat(8)); }""",
        RUNNING_TEXT,
    )
    cut_off = page.evaluate(TEXT_WIDER_THAN_ITS_PARAGRAPH)
    assert len(cut_off) == 1, cut_off


def test_charts_stay_readable_in_dark_mode(reader):
    page = reader.open("chapters/02-arms-exports-statecraft.html", theme="dark")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    # Charts are drawn on their own light card, whatever the page's background.
    backgrounds = page.evaluate(
        "Array.from(document.querySelectorAll('.dd-vega')).map(e => getComputedStyle(e).backgroundColor)"
    )
    title_fill = page.evaluate("getComputedStyle(document.querySelector('.dd-vega svg text')).fill")
    assert backgrounds and all(b == "rgb(255, 255, 255)" for b in backgrounds)
    red, green, blue = (int(x) for x in title_fill.strip("rgb()").split(","))
    assert red + green + blue < 3 * 100, f"chart text {title_fill} would not read on the light card"


@pytest.mark.parametrize(
    "system, stored_mode, theme",
    [("dark", None, "dark"), ("light", None, "light"), ("dark", "light", "light"), ("light", "dark", "dark")],
)
def test_page_is_drawn_in_the_readers_theme_before_the_theme_script_arrives(reader, system, stored_mode, theme):
    """The theme's script comes after the page has been drawn; until then the page is already
    in the reader's theme (their choice, or the system's), not unstyled nor light in dark mode,
    and the script, once it runs, keeps it."""
    context = reader.new_context(375, color_scheme=system)
    if stored_mode:
        context.add_init_script(f"if (location.protocol === 'http:') localStorage.setItem('mode', '{stored_mode}')")
    theme_script = "**/scripts/pydata-sphinx-theme.js*"
    # An empty script stands in for the theme's: the page as drawn before the real one arrives.
    context.route(theme_script, lambda route: route.fulfill(body="", content_type="text/javascript"))
    page = context.new_page()
    url = f"{reader.site_url}/chapters/05-nagorno-karabakh-2020.html"
    page.goto(url, wait_until="load")
    theme_and_background = "[document.documentElement.dataset.theme, getComputedStyle(document.body).backgroundColor]"
    before = page.evaluate(theme_and_background)
    context.unroute(theme_script)
    page.goto(url, wait_until="load")
    page.wait_for_function(THEME_SCRIPTS_HAVE_RUN, timeout=15_000)
    after = page.evaluate(theme_and_background)
    dark_background = sum(int(x) for x in before[1].strip("rgba()").split(",")[:3]) < 3 * 80
    assert before[0] == theme and dark_background == (theme == "dark"), before
    assert after == before


@pytest.mark.parametrize("path", ["intro.html", "chapters/05-nagorno-karabakh-2020.html"])
@pytest.mark.parametrize("width", [1350, 375])
def test_page_does_not_jump_as_it_loads(reader, path, width):
    """Nothing the reader sees moves while the page loads (paragraphs laid out only near the
    screen must not stand in at the wrong height where the reader is looking): the layout
    shift the browser records stays under 0.01, a tenth of what counts as poor."""
    context = reader.new_context(width)
    context.add_init_script("""window.ddShifts = [];
        new PerformanceObserver(list => list.getEntries().forEach(shift => window.ddShifts.push(
            [shift.value, shift.sources.map(s => s.node ? s.node.nodeName + ' ' + (s.node.textContent || '').trim().slice(0, 40) : '')])))
        .observe({type: 'layout-shift', buffered: true});""")
    page = context.new_page()
    page.goto(f"{reader.site_url}/{path}", wait_until="load")
    page.wait_for_function(THEME_SCRIPTS_HAVE_RUN, timeout=15_000)
    # Loading is over once nothing is fetched, the fonts are in, no chart near the screen is
    # still being drawn and the layout has stopped moving.
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_function("!document.querySelector('.dd-vega[data-drawn=pending]')", timeout=10_000)
    settled(page, "[document.documentElement.scrollHeight, window.ddShifts.length]")
    shifts = page.evaluate("window.ddShifts")
    assert sum(value for value, _ in shifts) < 0.01, shifts


def test_wide_pages_show_one_search_field(reader):
    page = reader.open("intro.html", draw=False)
    visible = page.locator(".search-button-field").evaluate_all(
        "fields => fields.filter(f => f.getClientRects().length > 0 && getComputedStyle(f).visibility !== 'hidden').length"
    )
    assert visible == 1


def test_charts_fit_their_column_after_the_window_narrows_and_widens(reader):
    """Vega measures a container-wide chart on "resize", sometimes before the page's layout has
    settled; the course's script measures again once it has."""
    page = reader.open("chapters/09-policy-responses.html")
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        overflow = settled(
            page,
            """Array.from(document.querySelectorAll('.dd-vega')).map(c => {
            const svg = c.querySelector('svg'); return svg ? svg.getBoundingClientRect().width - c.clientWidth : 0; })""",
        )
    assert max(overflow) <= 0, overflow


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
        wait_until_idle(page)
        current = page.screenshot(animations="disabled")
        if current == previous:
            return current
        previous = current
    return current


# A tooltip the pointer has set off shows 500 ms later; until then Bootstrap (5.3, pinned with
# the theme) marks it due on its instance, `_isHovered`.
NO_TOOLTIP_SHOWN_OR_DUE = """!document.querySelector('.tooltip') &&
    Array.from(document.querySelectorAll('[data-bs-toggle="tooltip"]')).every(e => {
        const tooltip = bootstrap.Tooltip.getInstance(e);
        return !tooltip || !tooltip._isHovered; })"""


def move_pointer_off_tooltips(page) -> None:
    """Move the pointer to the corner and wait until no tooltip shows or is due to."""
    page.mouse.move(1, 1)
    page.wait_for_function(NO_TOOLTIP_SHOWN_OR_DUE, timeout=5_000)


def screenshots(reader, path: str, width: int, dark: bool, untrimmed: bool) -> list[bytes]:
    """What a reader sees of a page: its top, its middle (charts, self-checks, admonitions),
    and the theme's interactive parts: the sidebar drawer on a phone, the search dialog and a
    button's tooltip on a wide screen."""
    if dark:
        context = reader.new_context(width, theme="dark", reduced_motion="reduce")
    else:
        context = reader.new_context(width, color_scheme="light", reduced_motion="reduce")
    if untrimmed:
        for name, original in theme_originals().items():
            context.route(f"**/{name}*", serving(original.read_text(encoding="utf-8")))
    page = context.new_page()
    page.goto(f"{reader.site_url}/{path}", wait_until="load")
    # Paragraphs off screen are laid out only when reached (content-visibility: auto), so the
    # middle shot's scroll position could land a pixel apart between two loads of one page; both
    # runs lay everything out at once, which the stylesheets under comparison do not affect.
    page.add_style_tag(content=".bd-article section > p { content-visibility: visible !important; }")
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
def test_trimmed_stylesheets_draw_pages_exactly_as_the_theme_does(reader, path, tmp_path):
    """The build drops stylesheet rules no page can use; a reader must not be able to tell:
    every screenshot, wide and phone, light and dark, with the sidebar, search and a tooltip
    open, is pixel for pixel the one the theme's full stylesheets give."""
    for width, dark in [(1280, False), (375, True)]:
        trimmed = screenshots(reader, path, width, dark, untrimmed=False)
        full = screenshots(reader, path, width, dark, untrimmed=True)
        differ = [i for i, (a, b) in enumerate(zip(trimmed, full)) if a != b]
        for i in differ:  # kept for whoever looks into a failure
            (tmp_path / f"{width}-{i}-trimmed.png").write_bytes(trimmed[i])
            (tmp_path / f"{width}-{i}-full.png").write_bytes(full[i])
        assert differ == [], (
            f"{path} at {width} px{' dark' if dark else ''}: screenshots {differ} differ (see {tmp_path})"
        )


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
def test_self_check_feedback_reads_well_on_a_phone(reader, theme):
    """At 375 px, a reader answers chapter 5's self-check: a wrong choice, then the number the
    chart question asks for. Each time the feedback appears, in colours that pass WCAG AA on what
    is actually behind it, at body size with room between lines, inside the screen."""
    page = reader.open("chapters/05-nagorno-karabakh-2020.html", width=375, theme=theme, draw=False)
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


def test_the_feedback_check_catches_text_that_does_not_read(reader):
    """The checks above fail on the colours the self-checks used to have (jupyterquiz's 'fdsp'
    green, 2.7:1 on white) and on a word too long to wrap."""
    page = reader.open("chapters/05-nagorno-karabakh-2020.html", width=375, theme="light", draw=False)
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
    feedback.evaluate(
        "e => { e.style.color = ''; e.style.background = ''; e.style.overflowWrap = 'normal';"
        " e.append(' ' + 'unbreakable'.repeat(8)); }"
    )
    with pytest.raises(AssertionError, match="runs"):
        assert_feedback_reads_well_on_a_phone(feedback.evaluate(FEEDBACK_AS_SEEN), "correct")
