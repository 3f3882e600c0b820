"""Lighthouse scores of every page of the book, for a phone (Lighthouse's default: a
mid-range phone on a slow 4G link, CPU slowed four times) and for a desktop, against the
built site served as a gzipping static host serves it. Prints a table.

    .venv/bin/python bench/lighthouse.py [--runs N] [--phone] [PAGE ...]
        (after `make book`; `make bench` does both; N runs per page and device, default 3;
         --phone skips the desktop runs; PAGEs such as chapters/06-ukraine.html, default all)

Lighthouse 12.2.3 comes from the npm registry into _build/bench-tools on first use (newer
majors need Node 22) and drives Debian's chromium.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import static_host

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "_build" / "bench-tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
VERSION = "12.2.3"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 95, "seo": 90}
# Behind the performance score: first and largest contentful paint, total blocking time (ms), layout shift.
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def install() -> None:
    if not LIGHTHOUSE.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(TOOLS),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                f"lighthouse@{VERSION}",
            ],
            check=True,
        )


def audit(url: str, preset: str | None) -> dict[str, float]:
    """One Lighthouse run: the four category scores and the metrics behind performance."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ]
        if preset:
            command.append(f"--preset={preset}")
        subprocess.run(
            command, check=True, env={"CHROME_PATH": "/usr/bin/chromium", "PATH": "/usr/bin:/bin", "HOME": tmp}
        )
        result = json.loads(report.read_text())
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    return scores | {metric: result["audits"][metric]["numericValue"] for metric in METRICS}


def median_run(url: str, preset: str | None, runs: int) -> dict[str, float]:
    """The run with the median performance score: one run of a throttled page varies by ten
    points or more with whatever else the machine is doing (Lighthouse's own advice is the
    median of several)."""
    results = sorted((audit(url, preset) for _ in range(runs)), key=lambda r: r["performance"])
    return results[len(results) // 2]


def book_pages() -> list[str]:
    """Every page a reader reaches from the table of contents (not Sphinx's index and search
    pages, which the book does not link)."""
    skipped = {"genindex.html", "search.html", "index.html"}  # the top index.html only redirects to intro
    pages = (path.relative_to(static_host.SITE).as_posix() for path in static_host.SITE.rglob("*.html"))
    return sorted(page for page in pages if not page.startswith("_") and page not in skipped)


def main(runs: int, devices: list[tuple[str, str | None]], pages: list[str]) -> int:
    install()
    short = {"performance": "perf", "accessibility": "a11y", "best-practices": "best pr.", "seo": "SEO"}
    print(f"median of {runs} runs per page and device")
    print(
        f"{'page':<44}{'device':>8}"
        + "".join(f"{short[c]:>10}" for c in CATEGORIES)
        + "".join(f"{label:>9}" for label in METRICS.values())
    )
    misses = []
    with static_host.serve() as base:
        for path in pages:
            for device, preset in devices:
                result = median_run(f"{base}/{path}", preset, runs)
                print(
                    f"{path:<44}{device:>8}"
                    + "".join(f"{result[c]:>10}" for c in CATEGORIES)
                    + "".join(
                        f"{result[m]:>9.0f}" if m != "cumulative-layout-shift" else f"{result[m]:>9.3f}"
                        for m in METRICS
                    ),
                    flush=True,
                )
                misses += [
                    f"{path} ({device}): {c} {result[c]} < {TARGETS[c]}" for c in CATEGORIES if result[c] < TARGETS[c]
                ]
    print("targets: " + ", ".join(f"{c} >= {t}" for c, t in TARGETS.items()))
    print("below target:" if misses else "every page meets every target", *misses, sep="\n  ")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="pages to audit, relative to _build/html (default: every page)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and device; the median is kept")
    parser.add_argument("--phone", action="store_true", help="audit as a phone only")
    options = parser.parse_args()
    devices = [("phone", None)] + ([] if options.phone else [("desktop", "desktop")])
    sys.exit(main(options.runs, devices, options.pages or book_pages()))
