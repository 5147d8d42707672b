"""Explore in a real browser: how long until the first page is usable, and each interaction
answered, at the 50th and 95th percentiles. Prints figures (not a test).

    python benchmarks/bench_explore_browser.py [REPEAT] [--phone] [--vs ROOT] [--floor] [--profile]

Starts ``streamlit run`` on the app, opens it once to load the graph and waits for the app's
validation to end (a warm server, as a user after the first finds it), then REPEAT times, each in
a fresh Chromium context (Debian's, through Playwright: a first visit), measures from navigation
to: the pathway drawn (its boxes placed and fitted); usable (drawn, and the app idle: no script
running, none asked for during 300 ms). Then the interactions: a box chosen (clicked, or tapped in
the phone's list) until the inspector shows its name (a script run on the server); zoom in until
the map is redrawn at its new scale, and List until the list shows (both in the browser alone).
``--phone`` measures at 390x844 (scale 2, touch) instead of 1400x1000.

``--vs ROOT`` serves another checkout beside this one (ROOT's app with ROOT/.venv's Python, so it
imports its own careerpath; e.g. the current main in a worktree) and alternates the visits (A, B,
A, B...), so both see the same load on this shared machine; interactions a version lacks are left
out of its figures.

``--floor`` measures instead the least a Streamlit page costs here, opened the same way:
``benchmarks/floor_app.py`` (a heading only; same Streamlit, same ``.streamlit/config.toml``)
until the heading shows and the app is idle, and the same page with a two-box drawing by
the pathway's component (the component alone) until drawn and idle.

``--profile`` opens Explore once (a first visit) and prints where the time goes: the
requests (bytes, when), the messages each way on the app's websocket (each message the page
sends asks for a script run), and Chromium's own counters (script, layout, style time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import browser_bench as bb  # noqa: E402
from tests.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    OWN_DRAWN_JS,
    box_locator,
    chromium_path,
    count_reruns,
    pathway_frame,
)
from tests.stores import free_port, wait_for  # noqa: E402

D = "https://w3id.org/careerpath/data/"
WINDOW = {"width": 1400, "height": 1000}
FIGURES = ("heading", "drawn", "usable", "click -> inspector")
APP = ROOT / "app" / "streamlit_app.py"
STATUS = '[data-testid="stStatusWidget"]'  # Streamlit's "Running..." while a script runs


idle = bb.idle  # the floor and the profile below use the shared definitions
running = bb.running


def serve(script: Path) -> tuple[subprocess.Popen, str]:
    """``streamlit run`` on ``script`` from the repository's root (its config.toml applies)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script),
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    wait_for(f"{url}/_stcore/health", 60)
    return server, url


def settled(server: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the server's child processes (the app's SHACL validation, started with it:
    about 5 s of one core) have ended: a warm server, as later users find it, not one still
    validating on this 2-core machine."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        if not [pid for pid in pids if running(pid)]:
            return
        time.sleep(0.2)


def report(rows: dict[str, list[float]], repeat: int, what: str = "Explore") -> None:
    print(f"{what} in Chromium 1400x1000, warm server, {repeat} runs each; load average {os.getloadavg()[0]:.1f}")
    for name, times in rows.items():
        print(f"{name:44} median {statistics.median(times) * 1000:6.0f} ms   max {max(times) * 1000:6.0f} ms")


def floor(repeat: int) -> None:
    """The floor: a heading-only Streamlit page, and the same with a two-box drawing."""
    server, url = serve(ROOT / "benchmarks" / "floor_app.py")
    rows: dict[str, list[float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            warm = browser.new_page()
            warm.goto(f"{url}/?c=own")
            pathway_frame(warm, 120000)
            warm.close()
            settled(server)
            for label, query in (("heading only", ""), ("two-box drawing", "?c=own")):
                for _ in range(repeat):
                    context = browser.new_context(viewport=WINDOW)
                    page = context.new_page()
                    sent = count_reruns(page)
                    start = time.perf_counter()
                    page.goto(f"{url}/{query}")
                    page.get_by_role("heading", name="Explore the pathways").wait_for(timeout=60000)
                    shown = time.perf_counter() - start
                    rows.setdefault(f"floor, {label}: heading", []).append(shown)
                    if query:
                        pathway_frame(page)
                        shown = time.perf_counter() - start
                        rows.setdefault(f"floor, {label}: drawn", []).append(shown)
                    rows.setdefault(f"floor, {label}: usable", []).append(max(idle(page, sent) - start, shown))
                    rows.setdefault(f"floor, {label}: script runs asked (count, not ms)", []).append(sent() / 1000)
                    context.close()
            browser.close()
        report(rows, repeat, "Floor (benchmarks/floor_app.py)")
    finally:
        server.terminate()
        server.wait(10)


def profile(app: Path = APP) -> None:
    """One first visit of Explore, with the network, the websocket and Chromium's counters."""
    server, url = serve(app)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            warm = browser.new_page()
            warm.goto(url)
            pathway_frame(warm, 120000)
            warm.close()
            settled(server)
            context = browser.new_context(viewport=WINDOW)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Performance.enable")
            start = time.perf_counter()
            ms = lambda: (time.perf_counter() - start) * 1000  # noqa: E731
            requests: dict[str, dict] = {}
            frames: list[tuple[float, str, int]] = []
            marks: list[tuple[float, str]] = []

            def sent_request(e):
                requests[e["requestId"]] = {"url": e["request"]["url"], "start": ms()}

            def finished(e):
                if e["requestId"] in requests:
                    requests[e["requestId"]].update(end=ms(), bytes=e["encodedDataLength"])

            cdp.on("Network.requestWillBeSent", sent_request)
            cdp.on("Network.loadingFinished", finished)
            for event, way in (("Network.webSocketFrameSent", "sent"), ("Network.webSocketFrameReceived", "received")):
                cdp.on(event, lambda e, way=way: frames.append((ms(), way, len(e["response"]["payloadData"]))))
            count = count_reruns(page)
            start = time.perf_counter()
            page.goto(url)
            page.get_by_role("heading", name="Explore the pathways").wait_for(timeout=60000)
            marks.append((ms(), "heading shown"))
            pathway_frame(page)
            marks.append((ms(), "pathway drawn"))
            marks.append(((idle(page, count) - start) * 1000, "usable (idle)"))
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    print(f"Explore, one first visit, profiled; load average {os.getloadavg()[0]:.1f}")
    groups: dict[str, list[dict]] = {}
    for r in requests.values():
        path = r["url"].split("//", 1)[-1].split("/", 1)[-1]
        group = path.split("/")[0].split("?")[0] or "/"
        group = "component " + path.split("/")[1] if group == "component" else group
        groups.setdefault(group, []).append(r)
    print("requests (group: count, bytes on the wire, first start -> last end)")
    for group, rs in sorted(groups.items(), key=lambda kv: min(r["start"] for r in kv[1])):
        size = sum(r.get("bytes", 0) for r in rs) / 1024
        end = max(r.get("end", r["start"]) for r in rs)
        print(f"  {group[:50]:50} {len(rs):3}  {size:7.0f} KB  {min(r['start'] for r in rs):6.0f} -> {end:6.0f} ms")
    events = sorted([(t, f"websocket {d} {n / 1024:.1f} KB") for t, d, n in frames if d == "sent" or n > 2048] + marks)
    print("timeline (websocket: every message sent, each a script run asked; messages received over 2 KB)")
    for t, what in events:
        print(f"  {t:7.0f} ms  {what}")
    received = [n for _, d, n in frames if d == "received"]
    print(f"websocket: {count()} messages sent, {len(received)} received ({sum(received) / 1024:.0f} KB)")
    keep = ("ScriptDuration", "TaskDuration", "LayoutDuration", "RecalcStyleDuration", "V8CompileDuration")
    print("Chromium (main page and its frames): " + ", ".join(f"{k} {metrics[k] * 1000:.0f} ms" for k in keep))


def drawn(page, timeout: int = 60000) -> None:
    """Explore's heading and its pathway drawn (boxes placed, the map fitted)."""
    page.get_by_role("heading", name="Explore the pathways").wait_for(timeout=timeout)
    pathway_frame(page, timeout)


def interactions(browser, screen: str, url: str) -> dict[str, float]:
    """Seconds from each action's first input event to its answer painted (timed inside the page,
    so the driver's own overhead is left out), in one fresh context."""
    out: dict[str, float] = {}
    context = browser.new_context(**bb.SCREENS[screen])
    try:
        page = context.new_page()
        sent = count_reruns(page)
        page.goto(url)
        drawn(page)
        bb.idle(page, sent)
        target = D + "role/clinical-medical-assistant"
        entry = page.locator(f".cp-pw-name[data-id='{target}']")
        on_map = not (entry.count() and entry.is_visible())
        card = on_map and page.locator(".cp-pw-card").count() > 0  # this version: a summary card at once
        bb.arm(
            page,
            card="() => { const c = document.querySelector('.cp-pw-card'); return !!c && !c.hidden; }",
            inspector="() => [...document.querySelectorAll('[data-testid=stHeading] h3')]"
            ".some(h => h.textContent.includes('Clinical medical assistant'))",
        )
        if not on_map:
            entry.tap()
        elif screen == "phone":
            box_locator(page.main_frame, target).tap()
        else:
            box_locator(page.main_frame, target).click()
        if card:
            out["box chosen -> its summary card (browser)"] = bb.timed(page, "card")
        out["box chosen -> its inspector (server)"] = bb.timed(page, "inspector")
        bb.idle(page, sent)
        if page.locator(".cp-pw-mode").count():  # the map's own controls: in the browser alone
            if page.locator(".cp-pw").get_attribute("data-mode") != "map":
                page.get_by_role("button", name="Map", exact=True).click()
                page.wait_for_function("() => document.querySelector('.cp-pw').dataset.zoom")
            before = page.locator(".cp-pw").get_attribute("data-zoom")
            bb.arm(page, zoom=f"() => document.querySelector('.cp-pw').dataset.zoom !== '{before}'")
            page.get_by_role("button", name="Zoom in").click()
            out["zoom in -> map redrawn (browser)"] = bb.timed(page, "zoom")
            bb.arm(page, shown="() => getComputedStyle(document.querySelector('.cp-pw-list')).display !== 'none'")
            page.get_by_role("button", name="List", exact=True).click()
            out["List -> the list shown (browser)"] = bb.timed(page, "shown")
    finally:
        context.close()
    return out


def measure_visit(page, url: str) -> dict[str, float]:
    """Open Explore in ``page`` and choose a box (for ``bench_explore_ab.py``): seconds to the pathway
    drawn, to usable, and from the click to the inspector."""
    sent = count_reruns(page)
    start = time.perf_counter()
    page.goto(url)
    drawn(page)
    out = {"drawn": time.perf_counter() - start}
    out["usable"] = max(bb.idle(page, sent), start + out["drawn"]) - start
    click = time.perf_counter()
    box_locator(page.main_frame, D + "role/clinical-medical-assistant").click()
    page.locator("[data-testid='stHeading'] h3").filter(has_text="Clinical medical assistant").first.wait_for(
        timeout=30000
    )
    out["click -> inspector"] = time.perf_counter() - click
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repeat", nargs="?", type=int, default=10)
    parser.add_argument("--phone", action="store_true", help="390x844 at scale 2, touch (default 1400x1000)")
    parser.add_argument("--vs", type=Path, help="another checkout to serve beside this one (its own .venv)")
    parser.add_argument("--floor", action="store_true", help="measure a heading-only Streamlit page instead")
    parser.add_argument("--profile", action="store_true", help="one first visit of Explore, where the time goes")
    args = parser.parse_args()
    if args.floor:
        return floor(args.repeat)
    if args.profile:
        return profile(APP)
    screen = "phone" if args.phone else "desktop"
    apps = [bb.serve("this checkout")]
    if args.vs:
        apps.append(bb.serve(f"{args.vs}", args.vs.resolve(), str(args.vs.resolve() / ".venv" / "bin" / "python")))
    rows: dict[str, dict[str, list[float]]] = {app.name: {} for app in apps}
    try:
        with sync_playwright() as p:
            browser = bb.launch(p)
            for app in apps:
                bb.warm(browser, app, "/", drawn)
            for _ in range(args.repeat):
                bb.sample_load()
                for app in apps:  # alternate, so both versions see the same load
                    for key, value in bb.first_visit(browser, screen, app.url + "/", drawn, OWN_DRAWN_JS).items():
                        rows[app.name].setdefault(f"first visit: {key}", []).append(value)
                    for key, value in interactions(browser, screen, app.url + "/").items():
                        rows[app.name].setdefault(key, []).append(value)
            bb.sample_load()
            browser.close()
        size = "390x844 phone" if args.phone else "1400x1000"
        for app in apps:
            bb.report(f"Explore in Chromium {size}, warm server ({app.name})", rows[app.name])
    finally:
        for app in apps:
            bb.stop(app)


if __name__ == "__main__":
    main()
