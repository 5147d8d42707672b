"""A/B of Explore's first page in a real browser: two entry scripts served side by side and
visited in turn (A, B, A, B, ...), so that both see the same load on a busy machine. Prints
figures (not a test).

    python benchmarks/bench_explore_ab.py [REPEAT] [--a PATH] [--b PATH]

Each visit is a first visit (a fresh browser context) to a warm server, measured as
``bench_explore_browser.py`` does: the heading shown, the pathway drawn, usable (drawn and
idle), then a click on a box until the inspector shows its name.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_explore_browser import APP, WINDOW, measure_visit, serve, settled  # noqa: E402
from tests.browser import CHROMIUM_ARGS, chromium_path, pathway_frame  # noqa: E402


def visit(browser, url: str, row: dict[str, list[float]]) -> None:
    """One first visit (a fresh context), measured by ``bench_explore_browser.measure_visit``."""
    context = browser.new_context(viewport=WINDOW)
    try:
        for key, value in measure_visit(context.new_page(), url).items():
            row.setdefault(key, []).append(value)
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repeat", nargs="?", type=int, default=5)
    parser.add_argument("--a", type=Path, default=APP, help="entry script A (default: the app)")
    parser.add_argument("--b", type=Path, required=True, help="entry script B")
    args = parser.parse_args()
    servers = {name: serve(path) for name, path in (("A", args.a), ("B", args.b))}
    rows: dict[str, dict[str, list[float]]] = {name: {} for name in servers}
    loads = [os.getloadavg()[0]]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            for server, url in servers.values():
                warm = browser.new_page()
                warm.goto(url)
                pathway_frame(warm, 120000)
                warm.close()
                settled(server)
            for _ in range(args.repeat):
                for name, (_, url) in servers.items():
                    visit(browser, url, rows[name])
                loads.append(os.getloadavg()[0])
            browser.close()
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait(10)
    print(f"Explore A/B, first visits in Chromium 1400x1000, warm servers, {args.repeat} runs each, interleaved;")
    print(f"load average {min(loads):.1f}-{max(loads):.1f}. A: {args.a}, B: {args.b}")
    for figure in rows["A"]:
        a, b = (statistics.median(rows[n][figure]) * 1000 for n in ("A", "B"))
        if "count" in figure:
            print(f"{figure:36} A median {a:6.0f}      B median {b:6.0f}")
        else:
            print(f"{figure:36} A median {a:6.0f} ms   B median {b:6.0f} ms")


if __name__ == "__main__":
    main()
