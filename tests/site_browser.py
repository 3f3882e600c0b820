"""The built site as a reader's browser shows it, for the browser tests: pages opened with nothing
reachable beyond the site, and waits on what the reader would see change (a chart redrawn, a
layout that has stopped moving), never on a fixed time. conftest.py's `reader` fixture hands
each test a Reader and fails the test on a console error or a request that left the site."""

from __future__ import annotations

from urllib.parse import urlparse

# The theme's scripts run once the page has loaded and been drawn (_ext/ddsite/templates/
# layout.html); among other things they make every region that scrolls sideways
# reachable by keyboard, marking each such region with a tabindex. A page is as a reader finds
# it once they have: index.html only redirects to intro.html, so wait for a page with content.
THEME_SCRIPTS_HAVE_RUN = """!!document.getElementById('main-content') &&
    Array.from(document.querySelectorAll('pre, .cell_output > .output, .pst-scrollable-table-container'))
         .every(e => e.hasAttribute('tabindex'))"""

INERT_SCRIPT = 'script[type="text/x-dd-notebook-script"]'


class Reader:
    """Opens pages of the site in fresh browser contexts, each cut off from everything but
    127.0.0.1, and keeps what went wrong: console errors and requests that tried to leave."""

    def __init__(self, browser, site_url: str):
        self.browser = browser
        self.site_url = site_url
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self._contexts = []

    def new_context(self, width: int = 1280, theme: str | None = None, **options):
        """A browser context whose pages reach only the site. With a theme ("light" or "dark"),
        the reader has chosen it, and so has their system."""
        if theme:
            options["color_scheme"] = theme
        context = self.browser.new_context(viewport={"width": width, "height": 900}, **options)
        if theme:
            # Init scripts run in the blank document a page starts as too, which has no storage.
            context.add_init_script(
                f"if (location.protocol === 'http:') {{ localStorage.setItem('mode', '{theme}');"
                f" localStorage.setItem('theme', '{theme}'); }}"
            )
        context.route("**/*", self._only_the_site)
        context.on("page", self._listen)
        self._contexts.append(context)
        return context

    def _only_the_site(self, route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _listen(self, page):
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str, width: int = 1280, theme: str | None = None, draw: bool = True):
        """Open a page of the site once the theme's scripts have run; with `draw`, read it to the
        end first, so every chart is drawn and every self-check built, and return to the top."""
        page = self.new_context(width, theme).new_page()
        page.goto(f"{self.site_url}/{path}", wait_until="load")
        page.wait_for_function(THEME_SCRIPTS_HAVE_RUN, timeout=15_000)
        if draw:
            draw_every_output(page)
        return page

    def take_errors(self) -> list[str]:
        """The console errors so far, which the test then answers for itself."""
        taken, self.errors[:] = list(self.errors), []
        return taken

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()


def draw_every_output(page) -> None:
    """Charts draw and self-checks build themselves as they near the viewport: scroll past each
    one as a reader would, wait until all charts are drawn (or failed, which the tests report)
    and every notebook script has run, and return to the top."""
    for figure in page.locator("figure.dd-chart").all():
        figure.scroll_into_view_if_needed()
        page.wait_for_function(
            "e => !!e.dataset.drawn", arg=figure.locator(".dd-vega").element_handle(), timeout=10_000
        )
    for inert in page.locator(INERT_SCRIPT).element_handles():
        inert.evaluate("e => (e.closest('.cell_output') || e.parentNode).scrollIntoView()")
        page.wait_for_function("e => !e.isConnected", arg=inert, timeout=10_000)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.dd-vega')).every(e => e.dataset.drawn === 'yes' || e.dataset.drawn === 'failed')",
        timeout=20_000,
    )
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("window.scrollY === 0", timeout=5_000)
    wait_until_idle(page)


def wait_until_idle(page) -> None:
    """Wait until the browser has painted a frame and then has nothing left to do."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestIdleCallback(done, {timeout: 5000})))")


def settled(page, measure: str, frames: int = 10, limit: int = 1200):
    """The value of the JavaScript expression `measure` once it has stopped changing (the same
    for `frames` painted frames in a row); fails when it still changes after `limit` frames."""
    return page.evaluate(f"""async () => {{
        const read = () => JSON.stringify({measure});
        let last = read(), still = 0;
        for (let frame = 0; still < {frames}; frame++) {{
            if (frame > {limit}) throw new Error('still changing after {limit} frames: ' + last);
            await new Promise(done => requestAnimationFrame(done));
            const now = read();
            still = now === last ? still + 1 : 0;
            last = now;
        }}
        return JSON.parse(last);
    }}""")


def chart_with(page, control_selector: str):
    """The chart figure that holds a given control."""
    return page.locator("figure.dd-chart").filter(has=page.locator(control_selector)).first


def chart_markup(figure) -> str:
    """What the figure's chart draws: its SVG's markup."""
    return figure.locator("svg").first.inner_html()


def redrawn(figure, before: str, containing: str = "", timeout: float = 10_000) -> str:
    """Wait until the figure's chart draws something other than `before` (and holding
    `containing`); return its markup then."""
    figure.page.wait_for_function(
        """([figure, before, containing]) => {
            const svg = figure.querySelector('svg');
            return !!svg && svg.innerHTML !== before && svg.innerHTML.includes(containing);
        }""",
        arg=[figure.element_handle(), before, containing],
        timeout=timeout,
    )
    return chart_markup(figure)
