"""What the browser benchmarks share: serving an app (this checkout's, or another checkout with its
own Python, for a side-by-side comparison), Debian's Chromium through Playwright at a desktop or a
phone size, "usable" (drawn, and the app idle), and the 50th and 95th percentiles with the machine's
load average. Used by ``bench_explore_browser.py`` and ``bench_plan_browser.py``."""

from __future__ import annotations

import json
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
from tests.browser import CHROMIUM_ARGS, SCREENS, chromium_path, count_reruns  # noqa: E402
from tests.stores import free_port, wait_for  # noqa: E402

D = "https://w3id.org/careerpath/data/"
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


VISIT_JS = """(cond) => {
  // From navigation start (performance.now() counts from it): when the page's answer is first drawn,
  // and when the app last became idle (its script no longer running).
  const ready = new Function('return (' + cond + ')()');
  window.__visit = { drawn: null, idle: null };
  const check = () => {
    const v = window.__visit;
    if (v.drawn === null && ready())
      requestAnimationFrame(() => { if (v.drawn === null) v.drawn = performance.now(); });
    const app = document.querySelector('[data-test-script-state]');
    if (app && app.getAttribute('data-test-script-state') === 'notRunning') v.idle = v.idle ?? performance.now();
    else v.idle = null;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  setInterval(check, 5);
}"""


def first_visit(browser, screen: str, url: str, drawn, drawn_js: str) -> dict[str, float]:
    """A first visit (a fresh browser context), timed inside the page from navigation start: seconds
    until the page's answer is drawn (``drawn_js`` holds, painted) and until usable (drawn, and the
    app idle: no script running, none asked for during 300 ms)."""
    context = browser.new_context(**SCREENS[screen])
    try:
        page = context.new_page()
        script = f"({VISIT_JS})({json.dumps(drawn_js)})"
        page.add_init_script(f"document.addEventListener('DOMContentLoaded', () => {script})")
        sent = count_reruns(page)
        page.goto(url)
        drawn(page)
        idle(page, sent)
        page.wait_for_function("() => window.__visit.drawn !== null && window.__visit.idle !== null")
        visit = page.evaluate("() => window.__visit")
        return {"drawn": visit["drawn"] / 1000, "usable": max(visit["drawn"], visit["idle"]) / 1000}
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


ARM_JS = """(conds) => {
  // Time an interaction inside the page, without the driver's own overhead: from the person's first
  // input event (pointer, mouse, touch or key) to the frame painted after each condition first holds.
  const ready = Object.fromEntries(Object.entries(conds).map(([k, c]) => [k, new Function('return (' + c + ')()')]));
  const b = (window.__bench = { start: null, end: {}, pending: {} });
  const mark = (e) => { if (b.start === null) b.start = e.timeStamp || performance.now(); };
  for (const ev of ['pointerdown', 'mousedown', 'touchstart', 'keydown'])
    document.addEventListener(ev, mark, { capture: true });
  const check = () => {
    if (b.start === null) return;
    for (const k in ready) {
      if (!b.pending[k] && ready[k]()) {
        b.pending[k] = true;
        requestAnimationFrame(() => { b.end[k] = performance.now(); });
      }
    }
  };
  b.observer = new MutationObserver(check);
  b.observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  b.timer = setInterval(check, 5);
}"""


def arm(page, **conditions: str) -> None:
    """Start timing the next interaction in ``page``: each named condition (a JS function's text)
    says when one of its answers is on screen."""
    page.evaluate(ARM_JS, conditions)


def timed(page, name: str, timeout: float = 60000) -> float:
    """Seconds from the armed interaction's first input event to its answer ``name`` painted."""
    page.wait_for_function("k => window.__bench && window.__bench.end[k] !== undefined", arg=name, timeout=timeout)
    return page.evaluate("k => window.__bench.end[k] - window.__bench.start", name) / 1000
