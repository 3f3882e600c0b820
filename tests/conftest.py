"""Shared fixtures: the built site, a local server for it, and headless Chromium."""

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
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def released(tmp_path_factory):
    """The exercises released once for the whole session (student notebooks, solutions, zips).
    Released without otter's own run of the solutions against their tests: nbval runs every
    master with its hidden tests, and test_grading grades every solution to full marks."""
    from ddgrader import exercises, release

    out = tmp_path_factory.mktemp("assign")
    release.release(exercises.all_exercises(), out, run_tests=False)
    return out
