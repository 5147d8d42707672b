"""Explore in a real browser: how long until the first page is usable, and a click answered.
Prints figures (not a test).

    python benchmarks/bench_explore_browser.py [REPEAT] [--floor] [--profile]

Starts ``streamlit run`` on the app, opens it once to load the graph (a warm server, as a
user after the first finds it), then REPEAT times in a fresh Chromium page (Debian's, through
Playwright; a first visit in a fresh profile, a repeat visit with the browser's cache) measures
from navigation to: the heading shown; the pathway drawn (its boxes
placed and fitted); usable (drawn, and the app idle: no script running, none asked for
during 300 ms). Then a click on a box until the inspector shows its name. As a floor on the
same machine, the SPARQL page (no drawing) until its Run button shows.

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
from tests.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    box_locator,
    chromium_path,
    count_reruns,
    in_view,
    pathway_boxes,
    pathway_frame,
)
from tests.stores import free_port, wait_for  # noqa: E402

D = "https://w3id.org/careerpath/data/"
WINDOW = {"width": 1400, "height": 1000}
FIGURES = ("heading", "drawn", "usable", "click -> inspector")
APP = ROOT / "app" / "streamlit_app.py"
STATUS = '[data-testid="stStatusWidget"]'  # Streamlit's "Running..." while a script runs


def idle(page, sent, quiet_ms: int = 300) -> float:
    """Wait until no script runs and none was asked for during ``quiet_ms``; the time it became so."""
    while True:
        page.wait_for_function(f"() => !document.querySelector('{STATUS}')", timeout=60000)
        mark, count = time.perf_counter(), sent()
        page.wait_for_timeout(quiet_ms)
        if sent() == count and not page.locator(STATUS).count():
            return mark


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


def running(pid: str) -> bool:
    """Whether process ``pid`` still runs (a zombie, ended but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


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


def measure_visit(page, url: str) -> dict[str, float]:
    """Open Explore in ``page`` and click a box: seconds to each of FIGURES, and the script runs
    the visit asked for (a count, divided by 1000 so the report's milliseconds show it)."""
    sent = count_reruns(page)
    start = time.perf_counter()
    page.goto(url)
    page.get_by_role("heading", name="Explore the pathways").wait_for(timeout=60000)
    out = {"heading": time.perf_counter() - start}
    frame = pathway_frame(page)
    out["drawn"] = time.perf_counter() - start
    out["usable"] = max(idle(page, sent), start + out["drawn"]) - start
    out["script runs asked (count, not ms)"] = sent() / 1000
    target = next(b for b in in_view(frame, pathway_boxes(frame)) if "/role/clinical" in b["id"])
    name = target["text"].split("\n")[0]
    click = time.perf_counter()
    box_locator(frame, target["id"]).click()
    page.locator("[data-testid='stHeading'] h3").filter(has_text=name).first.wait_for(timeout=30000)
    out["click -> inspector"] = time.perf_counter() - click
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repeat", nargs="?", type=int, default=5)
    parser.add_argument("--floor", action="store_true", help="measure a heading-only Streamlit page instead")
    parser.add_argument("--profile", action="store_true", help="one first visit of Explore, where the time goes")
    parser.add_argument("--app", type=Path, default=APP, help="another entry script (to compare a change: A/B)")
    args = parser.parse_args()
    if args.floor:
        return floor(args.repeat)
    if args.profile:
        return profile(args.app)
    repeat = args.repeat
    server, url = serve(args.app)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            warm = browser.new_page()
            warm.goto(url)
            pathway_frame(warm, 120000)
            warm.close()
            settled(server)
            rows: dict[str, list[float]] = {}
            kept = browser.new_context(viewport=WINDOW)  # a returning visitor
            for visit in ["first visit"] * repeat + ["repeat visit"] * repeat:
                context = browser.new_context(viewport=WINDOW) if visit == "first visit" else kept
                page = context.new_page()
                for key, value in measure_visit(page, url).items():
                    rows.setdefault(f"{visit}: {key}", []).append(value)
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
        report(rows, repeat)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
