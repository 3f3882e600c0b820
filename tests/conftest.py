"""Shared fixtures: the built site, a local server for it, headless Chromium, and a reader who
opens the site's pages in it (tests/site_browser.py)."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"


# make test runs two processes, each given whole files in collection order (--dist loadfile
# --no-loadscope-reorder) with the next file already queued behind the one it runs. Collected
# first, the longest files (test_grading*.py about 200 s each in `--durations`, the browser
# pass about as long) start one in each process and the short files fill in around them.
LONGEST_FIRST = [
    "test_grading_attacks.py",
    "test_grading.py",
    "test_browser.py",
    "test_live_notebooks.py",
    "test_grading_loop.py",
]


def pytest_collection_modifyitems(items):
    """Put the longest files first, and mark each test by what it needs (pyproject.toml
    declares the markers)."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if "site" in needs:
            item.add_marker(pytest.mark.site)
        if "browser" in needs:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "intro.html").exists():
        pytest.fail("No built site in _build/html: run `make book` first (`make test` does).")
    return SITE


def site_pages(site: Path) -> list[Path]:
    """Every HTML page a reader can open."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that leaves a page (or a test that closes it) drops requests still in flight,
        # as readers' browsers do; that is not a server error worth a traceback in the test log.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Debian's chromium is missing: `apt-get install chromium` (.ci/run does this).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def reader(browser, site_url):
    """Opens the site's pages with every request beyond 127.0.0.1 aborted; closes them after
    the test, which fails if a page logged a console error or tried to leave the site
    (pytest_runtest_call below)."""
    from site_browser import Reader

    reader = Reader(browser, site_url)
    yield reader
    reader.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A browser test that passed fails after all if its pages logged console errors or sent a
    request that leaves the site (a test that expects errors takes them with take_errors)."""
    outcome = yield
    reader = getattr(item, "funcargs", {}).get("reader")
    if reader is not None:
        assert reader.errors == [], f"console errors: {reader.errors}"
        assert reader.blocked == [], f"requests that left the site: {reader.blocked}"
    return outcome


@pytest.fixture(scope="session")
def released(tmp_path_factory):
    """The exercises released once for the whole session (student notebooks, solutions, zips).
    Released without otter's own run of the solutions against their tests: nbval runs every
    master with its hidden tests, and test_grading grades every solution to full marks."""
    from ddgrader import exercises, release

    out = tmp_path_factory.mktemp("assign")
    release.release(exercises.all_exercises(), out, run_tests=False)
    return out


# The course's two main tables, loaded once per test module (load() hands each caller a copy).
@pytest.fixture(scope="module")
def transfers():
    from dronediplomacy import load

    return load("transfers")


@pytest.fixture(scope="module")
def countries():
    from dronediplomacy import load

    return load("countries")


# A chapter's cells run once per test module without a kernel (tests/chapter_code.py): the
# module names its chapter with SLUG ("06-ukraine") or CHAPTER (the chapter's path).
@pytest.fixture(scope="module")
def chapter_run(request):
    from chapter_code import run_chapter

    module = request.module
    return run_chapter(module.SLUG if hasattr(module, "SLUG") else module.CHAPTER.name)


@pytest.fixture(scope="module")
def glued(chapter_run):
    """What the chapter glues into its prose, by name."""
    return chapter_run.glued
