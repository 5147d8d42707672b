"""Make the README's screenshots from the running app: each page at a desktop size (1400x1000) and
as a phone (390x844 at scale 2), in Debian's Chromium through Playwright.

    python scripts/screenshots.py [--out docs/screenshots] [--url http://127.0.0.1:8501]

Without ``--url`` it starts the app itself (``streamlit run app/streamlit_app.py`` on a free port
of 127.0.0.1) and stops it afterwards. Each shot waits until the page is drawn and the app is idle,
so it shows what a person sees once the page is ready: the first screen, not the whole page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    SCREENS,
    StreamlitServer,
    chromium_path,
    pathway_frame,
    wait_idle,
)

D = "https://w3id.org/careerpath/data/"
# (file name, address, text that shows when the page is ready)
PAGES = [
    ("explore", "/", "Explore the pathways"),
    (
        "plan",
        "/plan?" + urlencode({"have": D + "credential/high-school-diploma", "to": D + "cert/cma", "k": "2"}),
        "Best route to Certified Medical Assistant",
    ),
    (
        "options",
        "/options?"
        + urlencode(
            {"have": D + "credential/high-school-diploma", "exp": D + "role/medical-assistant=2", "sort": "wage"}
        ),
        "within reach",
    ),
    ("atlas", "/atlas?state=TX", "Atlas of occupations"),
]


def shoot(url: str, out: Path) -> list[Path]:
    """Every page at every size; returns the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        warm = browser.new_page()  # the first visit loads the graph
        warm.goto(url)
        pathway_frame(warm, 120000)
        warm.close()
        for size, options in SCREENS.items():
            context = browser.new_context(**options)
            for name, address, ready in PAGES:
                page = context.new_page()
                page.goto(url + address)
                page.get_by_text(ready).first.wait_for(timeout=120000)
                if name == "explore":
                    pathway_frame(page)
                wait_idle(page, 120000)
                page.wait_for_timeout(400)  # the map's fit, fonts settled
                path = out / f"{name}-{size}.png"
                page.screenshot(path=str(path))
                written.append(path)
                page.close()
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--url", help="a running app (default: start one)")
    args = parser.parse_args()
    if chromium_path() is None:
        sys.exit("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    server = None if args.url else StreamlitServer()
    try:
        for path in shoot(args.url or server.url, args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
