"""A real browser for end-to-end tests: Debian's Chromium driven by Playwright, against
``streamlit run`` on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.stores import Served, free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
#: The two screens every page is tested, measured and photographed at (Playwright context options).
SCREENS = {
    "desktop": {"viewport": {"width": 1400, "height": 1000}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CAREERPATH_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class StreamlitServer(Served):
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app" / "streamlit_app.py"),
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        wait_for(f"{self.url}/_stcore/health", 60)


def click_node(page, node_id: str) -> None:
    """Click a node of the st-link-analysis (Cytoscape) drawing, where it is on screen."""
    frame = None
    for _ in range(120):
        frame = next((f for f in page.frames if "st_link_analysis" in f.url), None)
        if frame is not None:
            break
        page.wait_for_timeout(250)
    assert frame is not None, "the graph component did not load"
    frame.wait_for_function(
        "() => document.getElementById('cy') && document.getElementById('cy')._cyreg", timeout=30000
    )
    frame.wait_for_timeout(1500)  # the layout's fit animation
    x, y = frame.evaluate(
        """(id) => { const cy = document.getElementById('cy')._cyreg.cy;
                     const p = cy.getElementById(id).renderedPosition();
                     const r = document.getElementById('cy').getBoundingClientRect();
                     return [p.x + r.left, p.y + r.top]; }""",
        node_id,
    )
    box = page.locator("iframe[title*='st_link_analysis']").first.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


# --- The pathway drawing: careerpath's own component (HTML boxes in the page, ``.cp-pw-pane``)
# or, for an A/B comparison with the app before it, streamlit-flow's (React Flow in an iframe).

BOXES_JS = """() => {
  const pane = document.querySelector('.cp-pw-pane');
  if (pane) {
    const p = pane.getBoundingClientRect(), left = p.left + pane.clientLeft, top = p.top + pane.clientTop;
    const ui = pane.closest('.cp-pw');
    const zoom = ui && ui.dataset.zoom ? parseFloat(ui.dataset.zoom) : 1;  // the map's scale on screen
    const heads = [...pane.querySelectorAll('.cp-pw-heading')].map(n => ({n, id: 'heading:' + n.textContent.trim()}));
    const boxes = [...pane.querySelectorAll('.cp-pw-box')].map(n => ({n, id: n.dataset.id}));
    return [...heads, ...boxes].map(({n, id}) => {
      const r = n.getBoundingClientRect();
      const texts = [...n.querySelectorAll('p, strong')].filter(e => e.textContent.trim());
      const fonts = texts.map(e => parseFloat(getComputedStyle(e).fontSize) * zoom);
      return {id, x: r.x - left, y: r.y - top, w: r.width, h: r.height, text: n.innerText.trim(),
              font: Math.min(...fonts, parseFloat(getComputedStyle(n).fontSize) * zoom),
              cut: n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1};
    });
  }
  const vp = document.querySelector('.react-flow__viewport');
  const scale = vp ? new DOMMatrix(getComputedStyle(vp).transform).a : 1;
  return [...document.querySelectorAll('.react-flow__node')]
    .filter(n => !n.dataset.id.startsWith('anchor:'))
    .map(n => {
      const r = n.getBoundingClientRect();
      const texts = [...n.querySelectorAll('p, strong, span, div')].filter(e => e.textContent.trim());
      const fonts = texts.map(e => parseFloat(getComputedStyle(e).fontSize) * scale);
      return {id: n.dataset.id, x: r.x, y: r.y, w: r.width, h: r.height, text: n.innerText.trim(),
              font: Math.min(...fonts, parseFloat(getComputedStyle(n).fontSize) * scale)};
    });
}"""

OWN_DRAWN_JS = "() => document.querySelectorAll('.cp-pw-pane .cp-pw-box').length > 1"
FLOW_DRAWN_JS = (
    "() => { const v = document.querySelector('.react-flow__viewport');"
    " return v && document.querySelectorAll('.react-flow__node').length > 1"
    " && getComputedStyle(v).transform !== 'none'; }"
)


def pathway_frame(page, timeout_ms: int = 60000):
    """The frame holding the pathway drawing (the page's own, or streamlit-flow's iframe),
    once its boxes are placed."""
    page.wait_for_function(
        "() => (" + OWN_DRAWN_JS + ")() || !!document.querySelector(\"iframe[src*='streamlit_flow']\")",
        timeout=timeout_ms,
    )
    if page.evaluate(OWN_DRAWN_JS):
        return page.main_frame
    # streamlit-flow's iframe is in the page: its frame object follows within moments
    for _ in range(max(1, timeout_ms // 20)):
        frame = next((f for f in page.frames if "streamlit_flow" in f.url), None)
        if frame is not None:
            frame.wait_for_function(FLOW_DRAWN_JS, timeout=timeout_ms)
            return frame
        page.wait_for_timeout(20)
    raise AssertionError("streamlit-flow's iframe has no frame: the pathway drawing did not load")


def pathway_boxes(frame) -> list[dict]:
    """Every drawn box (column headings included): id, coordinates in the drawing's pane,
    size, text and the smallest font size of its text as rendered on screen (CSS px times
    the drawing's zoom, if it has one)."""
    return frame.evaluate(BOXES_JS)


def wait_url_has(page, part: str, timeout: float = 30000) -> None:
    """Wait until the page's address holds ``part`` (Streamlit writes query parameters at the
    end of the script run that set them, which can come after what that run draws)."""
    page.wait_for_function("part => window.location.href.includes(part)", arg=part, timeout=timeout)
    assert part in page.url


def box_locator(frame, node_id: str):
    """A box of the pathway drawing, to click, tap or focus."""
    own = frame.locator(f".cp-pw-box[data-id='{node_id}']")
    return own if own.count() else frame.locator(f".react-flow__node[data-id='{node_id}']")


def overlapping(boxes: list[dict], tolerance: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of boxes whose rectangles overlap (by more than ``tolerance`` px)."""
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["x"] + a["w"] - tolerance > b["x"]
                and b["x"] + b["w"] - tolerance > a["x"]
                and a["y"] + a["h"] - tolerance > b["y"]
                and b["y"] + b["h"] - tolerance > a["y"]
            ):
                out.append((a["id"], b["id"]))
    return out


def in_view(frame, boxes: list[dict]) -> list[dict]:
    """The boxes wholly inside the drawing's visible pane."""
    width, height = frame.evaluate(
        "() => { const p = document.querySelector('.cp-pw-pane');"
        " return p ? [p.clientWidth, p.clientHeight] : [innerWidth, innerHeight]; }"
    )
    return [b for b in boxes if b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["w"] <= width and b["y"] + b["h"] <= height]


def expander_folded(summary) -> bool:
    """Whether the expander of ``summary`` (a locator) is folded, as Streamlit holds it: its content
    is ``inert`` while folded. ``<details open>`` is no guide: Streamlit folds with a 500 ms
    animation and drops the attribute only at its end, so an expander checked just after the
    page folded it looked open, was not clicked, and its form never came."""
    return summary.locator("xpath=..").locator("[data-testid='stExpanderDetails']").get_attribute("inert") is not None


def open_form(page, label: str) -> None:
    """Open the folded form (an expander) under the answer, if it is closed, and wait until the
    run that draws its widgets has finished: the form is drawn only once opened, and a value typed
    while that run still draws it can be lost (CI stop 27: a target typed there never reached the
    submit)."""
    summary = page.locator("[data-testid='stExpander'] summary").filter(has_text=label).first
    summary.wait_for(timeout=60000)
    if expander_folded(summary):
        summary.click()
    page.wait_for_function(
        "label => [...document.querySelectorAll('[data-testid=stExpander] details')].some(d => d.open"
        " && !d.querySelector('[data-testid=stExpanderDetails]').hasAttribute('inert') && d.textContent.includes(label)"
        " && d.querySelector('[data-testid=stForm]'))",
        arg=label,
        timeout=60000,
    )
    wait_idle(page)


def click_box(frame, node_id: str) -> None:
    """Click a box of the pathway drawing where it is drawn."""
    box_locator(frame, node_id).click()


def count_reruns(page):
    """Start counting the messages the page sends its server (each asks for a script run:
    a widget change, a component value, a rerun); returns a function giving the count so far."""
    sent = []

    def on_socket(ws):
        ws.on("framesent", lambda payload: sent.append(payload))

    page.on("websocket", on_socket)
    return lambda: len(sent)


def wait_idle(page, timeout: float = 60000) -> None:
    """Wait until the app's script has finished its run (every element of the page drawn)."""
    page.wait_for_function(
        """() => { const app = document.querySelector('[data-test-script-state]');
                   return app && app.getAttribute('data-test-script-state') === 'notRunning'; }""",
        timeout=timeout,
    )
