"""Which component draws a readable pathway? Measures three candidates in Debian's
Chromium (Playwright) on the medical assistant's pathway; prints figures (not a test).

    python benchmarks/bench_components.py

For each candidate and window (1400x1000, 390x844): how many labels are drawn, the smallest
drawn label on screen (font size times zoom, px), labels the component hides at that zoom,
pairs of overlapping node boxes, whether a click reaches Python, and the time from opening
the page to the drawing in place. The readability criterion (issue 11): every drawn label
>= 12 px, no overlapping boxes, and a click that reaches Python. ``own`` is the app's
(``app/pathway_map.py``, a custom component v2); streamlit-flow, measured here before it,
is in the README's table.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    box_locator,
    chromium_path,
    overlapping,
    pathway_boxes,
    pathway_frame,
)
from tests.stores import free_port, wait_for  # noqa: E402

D = "https://w3id.org/careerpath/data/"
FOCUS = D + "role/medical-assistant"

LINK_JS = """() => {
  const el = document.getElementById('cy'), cy = el._cyreg.cy, z = cy.zoom(), r = el.getBoundingClientRect();
  return cy.nodes().map(n => { const b = n.renderedBoundingBox({includeLabels: true});
    const px = parseFloat(n.style('font-size')) * z, min = parseFloat(n.style('min-zoomed-font-size')) || 0;
    return {id: n.id(), x: b.x1, y: b.y1, w: b.w, h: b.h, font: px, hidden: px < min,
            cx: n.renderedPosition().x + r.left, cy: n.renderedPosition().y + r.top}; });
}"""
GRAPHVIZ_JS = """() => [...document.querySelectorAll('[data-testid="stGraphVizChart"] svg g.node')].map(g => {
  const b = g.getBoundingClientRect(), t = g.querySelector('text'), m = t.getScreenCTM();
  return {id: g.querySelector('title').textContent, x: b.x, y: b.y, w: b.width, h: b.height,
          font: parseFloat(t.getAttribute('font-size')) * Math.hypot(m.a, m.b), hidden: false};
})"""


def measure(page, url: str, candidate: str) -> dict:
    start = time.perf_counter()
    page.goto(f"{url}/?c={candidate}")
    if candidate == "own":
        frame = pathway_frame(page)
        drawn = time.perf_counter() - start
        boxes = [b | {"hidden": False} for b in pathway_boxes(frame) if b["id"].startswith(D)]
    elif candidate == "link":
        frame = None
        while frame is None:
            frame = next((f for f in page.frames if "st_link_analysis" in f.url), None)
            page.wait_for_timeout(100)
        frame.wait_for_function("() => document.getElementById('cy') && document.getElementById('cy')._cyreg")
        frame.wait_for_timeout(1500)  # the fit animation
        drawn = time.perf_counter() - start
        boxes = frame.evaluate(LINK_JS)
    else:
        page.locator("[data-testid='stGraphVizChart'] svg g.node").first.wait_for(timeout=60000)
        drawn = time.perf_counter() - start
        boxes = page.evaluate(GRAPHVIZ_JS)
    shown = [b for b in boxes if not b["hidden"]]
    clicked = "no events"
    if candidate == "own":
        box_locator(frame, FOCUS).click()
    elif candidate == "link":
        focus = next(b for b in boxes if b["id"] == FOCUS)
        box = page.locator("iframe[title*='st_link_analysis']").first.bounding_box()
        page.mouse.click(box["x"] + focus["cx"], box["y"] + focus["cy"])
    if candidate != "graphviz":
        try:
            page.get_by_text(f"clicked: {FOCUS}").wait_for(timeout=15000)
            clicked = "yes"
        except Exception:  # noqa: BLE001 - a click that never arrives is the figure
            clicked = "no"
    return {
        "labels": len(shown),
        "smallest": min((b["font"] for b in shown), default=0.0),
        "smallest_any": min((b["font"] for b in boxes), default=0.0),
        "hidden": len(boxes) - len(shown),
        "overlaps": len(overlapping(boxes)),
        "click": clicked,
        "drawn_s": drawn,
    }


def main() -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "benchmarks" / "component_probe.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    try:
        wait_for(f"{url}/_stcore/health", 60)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            warm = browser.new_page()
            warm.goto(url)  # loads the graph once
            warm.get_by_text("nothing clicked").wait_for(timeout=120000)
            warm.close()
            print("component  window    labels  smallest hidden (at px) overlaps     click  drawn")
            for candidate in ("link", "own", "graphviz"):
                for width, height in ((1400, 1000), (390, 844)):
                    page = browser.new_page(viewport={"width": width, "height": height})
                    m = measure(page, url, candidate)
                    page.close()
                    print(
                        f"{candidate:10} {width}x{height:<4} {m['labels']:6} {m['smallest']:7.1f}px"
                        f" {m['hidden']:6} ({m['smallest_any']:4.1f}px)"
                        f" {m['overlaps']:8} {m['click']:>9} {m['drawn_s']:5.1f}s"
                    )
            browser.close()
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
