"""What the browser benchmarks share: serving an app (this checkout's, or another checkout with its
own Python, for a side-by-side comparison), Debian's Chromium through Playwright at a desktop or a
phone size, "usable" (drawn, and the app idle), and the 50th and 95th percentiles with the machine's
load average. Used by ``bench_explore_browser.py`` and ``bench_plan_browser.py``."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.browser import CHROMIUM_ARGS, chromium_path, count_reruns  # noqa: E402
from tests.stores import free_port, wait_for  # noqa: E402

D = "https://w3id.org/careerpath/data/"
SCREENS = {
    "desktop": {"viewport": {"width": 1400, "height": 1000}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}
STATUS = '[data-testid="stStatusWidget"]'  # Streamlit's "Running..." while a script runs
LOADS: list[float] = []  # the one-minute load average, sampled as the benchmark runs


@dataclass
class App:
    """A served app: its name in the report, its address and its process."""

    name: str
    url: str
    process: subprocess.Popen = field(repr=False)


def serve(name: str, root: Path = ROOT, python: str | None = None) -> App:
    """``streamlit run`` on ``root``'s app, from ``root`` (its config.toml applies), with ``python``
    (another checkout's own environment, so that it imports its own careerpath)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [python or sys.executable, "-m", "streamlit", "run", str(root / "app" / "streamlit_app.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root,
    )  # fmt: skip
    wait_for(f"{url}/_stcore/health", 90)
    return App(name, url, process)


def stop(app: App) -> None:
    app.process.terminate()
    app.process.wait(10)


def running(pid: str) -> bool:
    """Whether process ``pid`` still runs (a zombie, ended but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def settled(app: App, timeout: float = 120) -> None:
    """Wait until the server's child processes (the app's SHACL validation, started with it: about
    5 s of one core) have ended: a warm server, as later users find it."""
    pid = app.process.pid
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if not [c for c in (children.read_text().split() if children.exists() else []) if running(c)]:
            return
        time.sleep(0.2)


def idle(page, sent, quiet_ms: int = 300) -> float:
    """Wait until no script runs and none was asked for during ``quiet_ms``; the time it became so."""
    while True:
        page.wait_for_function(f"() => !document.querySelector('{STATUS}')", timeout=60000)
        mark, count = time.perf_counter(), sent()
        page.wait_for_timeout(quiet_ms)
        if sent() == count and not page.locator(STATUS).count():
            return mark


def first_visit(browser, screen: str, url: str, drawn) -> dict[str, float]:
    """A first visit (a fresh browser context): seconds from navigation until ``drawn(page)`` has
    returned (the page's answer drawn) and until usable (drawn, and the app idle)."""
    context = browser.new_context(**SCREENS[screen])
    try:
        page = context.new_page()
        sent = count_reruns(page)
        start = time.perf_counter()
        page.goto(url)
        drawn(page)
        shown = time.perf_counter()
        return {"drawn": shown - start, "usable": max(idle(page, sent), shown) - start}
    finally:
        context.close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)


def warm(browser, app: App, path: str, drawn) -> None:
    """Open a page once (the graph loads on the first visit), then wait for the validation to end."""
    page = browser.new_page()
    page.goto(app.url + path)
    drawn(page, 180000)
    page.close()
    settled(app)


def sample_load() -> None:
    LOADS.append(os.getloadavg()[0])


def percentile(values: list[float], q: float) -> float:
    """The ``q`` percentile (nearest rank): for 20 values, p95 is the 19th smallest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def report(title: str, rows: dict[str, list[float]]) -> None:
    """Each figure's p50, p95 and max in milliseconds, with the load average while measuring."""
    loads = LOADS or [os.getloadavg()[0]]
    print(f"{title}; load average {min(loads):.1f}-{max(loads):.1f} (median {statistics.median(loads):.1f}), 2 cores")
    for name, values in rows.items():
        ms = [v * 1000 for v in values]
        print(
            f"  {name:58} p50 {percentile(ms, 0.5):6.0f}   p95 {percentile(ms, 0.95):6.0f}   "
            f"max {max(ms):6.0f} ms  (n={len(ms)})"
        )
