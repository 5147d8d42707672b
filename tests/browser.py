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
