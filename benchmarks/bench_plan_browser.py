"""Plan, options and Data in a real browser: prints figures (not a test).

    python benchmarks/bench_plan_browser.py [REPEAT]

Starts ``streamlit run`` on the app and opens Explore once (the graph loaded: a warm
server). Then, in Debian's Chromium through Playwright:

- Data, first open: from navigation to the counts and the validation status shown (the
  page's own tables are cold: the first visit of this server), then later opens;
- "Plan my route": a new target typed and the button clicked, until the new route's
  timeline is drawn (heading, cards and bars of that route), REPEAT times;
- Where can I go?: from navigation to the table shown.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_explore_browser import settled  # noqa: E402
from tests.browser import CHROMIUM_ARGS, chromium_path, wait_idle  # noqa: E402
from tests.stores import free_port, wait_for  # noqa: E402

D = "https://w3id.org/careerpath/data/"


def figure(name: str, values: list[float]) -> None:
    values = sorted(values)
    print(f"{name:52} p50 {statistics.median(values):7.0f} ms   max {values[-1]:7.0f} ms   (n={len(values)})")


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
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.get_by_role("heading").first.wait_for(timeout=120000)
            wait_idle(page, 120000)

            data = []
            for _ in range(1 + repeat):
                start = time.perf_counter()
                page.goto(f"{url}/data")
                page.get_by_text("SHACL validation").wait_for(timeout=60000)
                page.get_by_text("Entities").wait_for(timeout=60000)
                wait_idle(page)
                data.append((time.perf_counter() - start) * 1000)
            figure("data: first open (this server's first visit)", data[:1])
            figure("data: later opens", data[1:])

            settled(server)  # the app's SHACL validation (5 s of one core) has ended: a warm server
            page.goto(f"{url}/plan?have={D}credential/high-school-diploma&to={D}cert/cma")
            page.get_by_text("Best route to Certified Medical Assistant").wait_for(timeout=60000)
            wait_idle(page)
            plans = []
            targets = [("RMA", "Registered Medical Assistant"), ("CMA", "Certified Medical Assistant")]
            for i in range(repeat):
                typed, label = targets[i % 2]
                box = page.get_by_role("textbox", name="Target", exact=True)
                box.fill(typed)
                start = time.perf_counter()
                page.get_by_role("button", name="Plan my route").click()
                page.get_by_text(f"Best route to {label}").wait_for(timeout=60000)
                page.wait_for_function("() => document.querySelectorAll('.cp-card').length > 0")
                plans.append((time.perf_counter() - start) * 1000)
                wait_idle(page)
            figure("plan: 'Plan my route' clicked -> new timeline drawn", plans)

            options = []
            for _ in range(repeat):
                start = time.perf_counter()
                page.goto(f"{url}/options?have={D}credential/high-school-diploma&exp={D}role/medical-assistant=2")
                page.get_by_text("within reach").wait_for(timeout=60000)
                page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60000)
                options.append((time.perf_counter() - start) * 1000)
            figure("options: navigation -> table shown", options)
            browser.close()
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
