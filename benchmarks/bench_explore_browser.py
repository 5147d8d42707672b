"""Explore in a real browser: how long until the first page is usable, and a click answered.
Prints figures (not a test).

    python benchmarks/bench_explore_browser.py [REPEAT]

Starts ``streamlit run`` on the app, opens it once to load the graph (a warm server, as a
user after the first finds it), then REPEAT times in a fresh Chromium page (Debian's, through
Playwright; a first visit in a fresh profile, a repeat visit with the browser's cache) measures
from navigation to: the heading shown; the pathway drawn (its boxes
placed and fitted); usable (drawn, and the app idle: no script running, none asked for
during 300 ms). Then a click on a box until the inspector shows its name. As a floor on the
same machine, the SPARQL page (no drawing) until its Run button shows.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.browser import CHROMIUM_ARGS, chromium_path, count_reruns, flow_boxes, flow_frame, in_view  # noqa: E402
from tests.stores import free_port, wait_for  # noqa: E402

D = "https://w3id.org/careerpath/data/"
WINDOW = {"width": 1400, "height": 1000}
FIGURES = ("heading", "drawn", "usable", "click -> inspector")
STATUS = '[data-testid="stStatusWidget"]'  # Streamlit's "Running..." while a script runs


def idle(page, sent, quiet_ms: int = 300) -> float:
    """Wait until no script runs and none was asked for during ``quiet_ms``; the time it became so."""
    while True:
        page.wait_for_function(f"() => !document.querySelector('{STATUS}')", timeout=60000)
        mark, count = time.perf_counter(), sent()
        page.wait_for_timeout(quiet_ms)
        if sent() == count and not page.locator(STATUS).count():
            return mark


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "streamlit_app.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    try:
        wait_for(f"{url}/_stcore/health", 60)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            warm = browser.new_page()
            warm.goto(url)
            flow_frame(warm, 120000)
            warm.close()
            rows: dict[str, list[float]] = {}
            kept = browser.new_context(viewport=WINDOW)  # a returning visitor
            for visit in ["first visit"] * repeat + ["repeat visit"] * repeat:
                context = browser.new_context(viewport=WINDOW) if visit == "first visit" else kept
                page = context.new_page()
                row = {k: rows.setdefault(f"{visit}: {k}", []) for k in FIGURES}
                sent = count_reruns(page)
                start = time.perf_counter()
                page.goto(url)
                page.get_by_role("heading", name="Explore the pathways").wait_for(timeout=60000)
                row["heading"].append(time.perf_counter() - start)
                frame = flow_frame(page)
                row["drawn"].append(time.perf_counter() - start)
                row["usable"].append(max(idle(page, sent), start + row["drawn"][-1]) - start)
                target = next(b for b in in_view(frame, flow_boxes(frame)) if "/role/clinical" in b["id"])
                name = target["text"].split("\n")[0]
                click = time.perf_counter()
                frame.locator(f".react-flow__node[data-id='{target['id']}']").click()
                page.locator("[data-testid='stHeading'] h3").filter(has_text=name).first.wait_for(timeout=30000)
                row["click -> inspector"].append(time.perf_counter() - click)
                page.close()
                if context is not kept:
                    context.close()
            for _ in range(repeat):  # the same machine's floor: a page with no drawing
                page = browser.new_page(viewport=WINDOW)
                start = time.perf_counter()
                page.goto(f"{url}/sparql")
                page.get_by_role("button", name="Run").wait_for(timeout=60000)
                rows.setdefault("baseline: SPARQL page (no drawing) shown", []).append(time.perf_counter() - start)
                page.close()
            browser.close()
        print(f"Explore in Chromium 1400x1000, warm server, {repeat} runs each; load average {os.getloadavg()[0]:.1f}")
        for name, times in rows.items():
            print(f"{name:36} median {statistics.median(times) * 1000:6.0f} ms   max {max(times) * 1000:6.0f} ms")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
