"""Where can I go's sort in a real browser, two servers side by side: prints figures (not a test).

    python benchmarks/bench_sort_browser.py [REPEAT] [--screen phone|desktop]
        [--apps NAME=ROOT:PYTHON ...]

Each app (by default this checkout, served with this Python) is opened once on Where can I go
(high school diploma, 2 years as a medical assistant) and kept open; then REPEAT times, the apps
alternating (and which goes first alternating too, so both see the same load), a new sort is
chosen (highest median wage first, then fastest first, and so on). For each sort it prints the
time from the first input event to the frame painted once the rows are in the new order and the
run has ended (the address says ``sort=``), and what does not depend on the machine's load: the
bytes the page received and sent over its websocket, the messages it sent (each asks for a script
run), the elements the server sent, and the elements the page created or moved.

``--apps main=/path/to/main:/path/to/python`` serves another checkout with a Python that imports
its own careerpath (a wrapper script that sets ``PYTHONPATH`` does).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: TID251 - reads the messages, as bench_app.py reads pages

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import browser_bench as bb  # noqa: E402
from benchmarks.bench_plan_browser import OPTIONS, first_target, options_drawn  # noqa: E402
from tests.browser import count_reruns  # noqa: E402

COUNT_JS = """() => {
  // elements the page creates (new) or moves (already there) from now on, under the main area
  const root = document.querySelector('[data-testid=stMain]') || document.body;
  const old = new WeakSet(root.querySelectorAll('*'));
  const c = (window.__dom = { created: 0, moved: 0 });
  window.__domObserver && window.__domObserver.disconnect();
  window.__domObserver = new MutationObserver((ms) => {
    for (const m of ms) for (const n of m.addedNodes) if (n.nodeType === 1)
      for (const e of [n, ...n.querySelectorAll('*')]) old.has(e) ? c.moved++ : c.created++;
  });
  window.__domObserver.observe(root, { subtree: true, childList: true });
}"""


class Sorting:
    """One app's page of Where can I go, kept open, with its websocket traffic recorded."""

    def __init__(self, browser, screen: str, app: bb.App) -> None:
        self.name = app.name
        self.context = browser.new_context(**bb.SCREENS[screen])
        self.page = self.context.new_page()
        self.received: list[bytes | str] = []
        self.sent_frames: list[bytes | str] = []
        self.page.on("websocket", self._tap)
        self.sent = count_reruns(self.page)
        self.page.goto(app.url + OPTIONS)
        options_drawn(self.page)
        bb.idle(self.page, self.sent)
        self.rows: list[dict] = []

    def _tap(self, ws) -> None:
        ws.on("framereceived", lambda payload: self.received.append(payload))
        ws.on("framesent", lambda payload: self.sent_frames.append(payload))

    def sort(self, i: int) -> None:
        """Choose the next sort; record its time and its load-independent figures."""
        page = self.page
        choice, key = [("highest median wage first", "wage"), ("fastest first", "months")][i % 2]
        before, rx0, tx0 = first_target(page), len(self.received), len(self.sent_frames)
        page.get_by_label("Sort", exact=True).click()
        page.evaluate(COUNT_JS)
        bb.arm(
            page,
            done="() => location.href.includes('sort=" + key + "') && document.querySelector("
            "'[data-test-script-state]').getAttribute('data-test-script-state') === 'notRunning'"
            " && document.querySelector('table.cp-opt tbody tr a').textContent !== " + repr(before),
        )
        page.get_by_role("option", name=choice).click()
        took = bb.timed(page, "done")
        bb.idle(page, self.sent)
        elements = 0
        for frame in self.received[rx0:]:
            if isinstance(frame, bytes):
                msg = ForwardMsg.FromString(frame)
                elements += msg.WhichOneof("type") in ("delta", "ref_hash")
        dom = page.evaluate("() => window.__dom")
        self.rows.append(
            {
                "ms": took * 1000,
                "received": sum(len(f) for f in self.received[rx0:]),
                "sent": sum(len(f) for f in self.sent_frames[tx0:]),
                "messages": len(self.sent_frames) - tx0,
                "elements": elements,
                "created": dom["created"],
                "moved": dom["moved"],
            }
        )

    def report(self) -> None:
        ms = [r["ms"] for r in self.rows]
        print(
            f"  {self.name}: p50 {bb.percentile(ms, 0.5):.0f}  p95 {bb.percentile(ms, 0.95):.0f}  "
            f"max {max(ms):.0f} ms (n={len(ms)})"
        )
        for field in ("received", "sent", "messages", "elements", "created", "moved"):
            values = [r[field] for r in self.rows]
            print(f"    {field:9} median {statistics.median(values):7.0f}   min {min(values):7}   max {max(values):7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repeat", nargs="?", type=int, default=20)
    parser.add_argument("--screen", choices=list(bb.SCREENS), default="phone")
    parser.add_argument("--apps", nargs="+", default=[f"this checkout={ROOT}:{sys.executable}"])
    args = parser.parse_args()
    apps = []
    try:
        for spec in args.apps:
            name, rest = spec.split("=", 1)
            root, python = rest.rsplit(":", 1)
            apps.append(bb.serve(name, Path(root), python))
        with sync_playwright() as p:
            browser = bb.launch(p)
            for app in apps:
                bb.warm(browser, app, OPTIONS, options_drawn)
            pages = [Sorting(browser, args.screen, app) for app in apps]
            for i in range(args.repeat):
                bb.sample_load()
                for sorting in pages if i % 2 == 0 else pages[::-1]:
                    sorting.sort(i)
            browser.close()
        loads = bb.LOADS
        print(f"Where can I go: a new sort, {args.screen}; load average {min(loads):.1f}-{max(loads):.1f}, 2 cores")
        for sorting in pages:
            sorting.report()
    finally:
        for app in apps:
            bb.stop(app)


if __name__ == "__main__":
    main()
