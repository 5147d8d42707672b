"""Plan, Where can I go and Data in a real browser, at the 50th and 95th percentiles: prints
figures (not a test).

    python benchmarks/bench_plan_browser.py [REPEAT] [--phone] [--vs ROOT]

Starts ``streamlit run`` on the app, opens it once (the graph loaded) and waits for the app's
validation to end (a warm server). Then REPEAT times, each a first visit in a fresh Chromium
context (Debian's, through Playwright), from navigation until usable (the answer drawn, and the
app idle: no script running, none asked for during 300 ms):

- Plan: high school diploma to the CMA, until the route's timeline is drawn;
- Where can I go?: high school diploma and 2 years as a medical assistant, until the table shows;

and the interactions, each until its answer is on screen: "Plan my route" with a new target typed
(the new route's timeline drawn); a new sort on Where can I go (the table redrawn in the new
order). Last, the Data page's first open and later opens. ``--phone`` measures at 390x844 (scale
2, touch); ``--vs ROOT`` serves another checkout beside this one and alternates the visits (see
``bench_explore_browser.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import browser_bench as bb  # noqa: E402
from tests.browser import count_reruns, expander_folded  # noqa: E402

D = bb.D
PLAN = "/plan?" + urlencode({"have": D + "credential/high-school-diploma", "to": D + "cert/cma"})
OPTIONS = "/options?" + urlencode({"have": D + "credential/high-school-diploma", "exp": D + "role/medical-assistant=2"})
PLAN_DRAWN_JS = (
    "() => [...document.querySelectorAll('h3')].some(h => h.textContent.startsWith('Best route to Certified'))"
    " && document.querySelectorAll('.cp-card').length > 0"
)
OPTIONS_DRAWN_JS = (
    "() => [...document.querySelectorAll('h3')].some(h => h.textContent.includes('within reach'))"
    " && !!document.querySelector('table.cp-opt, [data-testid=stDataFrame]')"
)
FORM = {"plan": "Change what you hold, the target or the ranking", "options": "Change what you hold"}


def plan_drawn(page, timeout: int = 60000, label: str = "Certified Medical Assistant") -> None:
    page.get_by_text(f"Best route to {label}").wait_for(timeout=timeout)
    page.wait_for_function("() => document.querySelectorAll('.cp-card').length > 0", timeout=timeout)


def options_drawn(page, timeout: int = 60000) -> None:
    page.get_by_text("within reach").first.wait_for(timeout=timeout)
    page.locator("table.cp-opt, [data-testid='stDataFrame']").first.wait_for(timeout=timeout)


def open_form(page, which: str) -> None:
    """Unfold the form where it is folded under the answer (this version); elsewhere it is open."""
    summary = page.locator("[data-testid='stExpander'] summary").filter(has_text=FORM[which])
    if summary.count() and expander_folded(summary.first):  # not <details open>: see expander_folded
        summary.first.click()
    page.get_by_role("button", name="Plan my route" if which == "plan" else "Show where I can go").wait_for()


class PlanPage:
    """One page of Plan kept open: each ``click(i)`` types a new target, presses "Plan my route" and
    returns the seconds until the new route's timeline is drawn."""

    def __init__(self, browser, screen: str, url: str) -> None:
        self.context = browser.new_context(**bb.SCREENS[screen])
        self.page = self.context.new_page()
        self.sent = count_reruns(self.page)
        self.page.goto(url + PLAN)
        plan_drawn(self.page)
        bb.idle(self.page, self.sent)

    def click(self, i: int) -> float:
        page = self.page
        typed, label = [("RMA", "Registered Medical Assistant"), ("CMA", "Certified Medical Assistant")][i % 2]
        open_form(page, "plan")
        page.get_by_role("textbox", name="Target", exact=True).fill(typed)
        bb.arm(
            page,
            drawn=f"() => [...document.querySelectorAll('h3')].some(h => h.textContent === 'Best route to {label}')"
            " && document.querySelectorAll('.cp-card').length > 0",
        )
        page.get_by_role("button", name="Plan my route").click()
        took = bb.timed(page, "drawn")
        bb.idle(page, self.sent)
        return took


def first_target(page) -> str:
    return page.evaluate(
        "() => { const a = document.querySelector('table.cp-opt tbody tr a'); if (a) return a.textContent;"
        " const c = document.querySelector('[data-testid=stDataFrame]'); return c ? c.innerText.slice(0, 200) : ''; }"
    )


class OptionsPage:
    """One page of Where can I go kept open: each ``sort(i)`` chooses a new order and returns the
    seconds until the table shows it."""

    def __init__(self, browser, screen: str, url: str) -> None:
        self.context = browser.new_context(**bb.SCREENS[screen])
        self.page = self.context.new_page()
        self.sent = count_reruns(self.page)
        self.page.goto(url + OPTIONS)
        options_drawn(self.page)
        bb.idle(self.page, self.sent)

    def sort(self, i: int) -> float:
        page = self.page
        choice, key = [("highest median wage first", "wage"), ("fastest first", "months")][i % 2]
        before = first_target(page)
        outside = page.locator(".st-key-options_answer").count() > 0  # this version: Sort above the table
        if not outside:
            open_form(page, "options")
        page.get_by_label("Sort", exact=True).click()
        # the same answer for both versions: the run that sorts has written sort= to the address and
        # ended (the table, HTML or canvas, drawn by then)
        bb.arm(
            page,
            sorted=f"() => location.href.includes('sort={key}') && document.querySelector("
            "'[data-test-script-state]').getAttribute('data-test-script-state') === 'notRunning'",
        )
        page.get_by_role("option", name=choice).click()
        if not outside:  # the sort was in the form: it takes a submit
            page.get_by_role("button", name="Show where I can go").click()
        took = bb.timed(page, "sorted")
        page.wait_for_function(FIRST_ROW_CHANGED, arg=before) if outside else None
        bb.idle(page, self.sent)
        return took


FIRST_ROW_CHANGED = (
    "b => { const a = document.querySelector('table.cp-opt tbody tr a'); return a && a.textContent !== b; }"
)


def data_opens(browser, url: str, repeat: int) -> list[float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    sent = count_reruns(page)
    out = []
    for _ in range(1 + repeat):
        start = time.perf_counter()
        page.goto(url + "/data")
        page.get_by_text("SHACL validation").wait_for(timeout=60000)
        page.get_by_text("Entities").wait_for(timeout=60000)
        out.append(bb.idle(page, sent) - start)
    page.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repeat", nargs="?", type=int, default=10)
    parser.add_argument("--phone", action="store_true", help="390x844 at scale 2, touch (default 1400x1000)")
    parser.add_argument("--vs", type=Path, help="another checkout to serve beside this one (its own .venv)")
    args = parser.parse_args()
    screen = "phone" if args.phone else "desktop"
    apps = [bb.serve("this checkout")]
    if args.vs:
        apps.append(bb.serve(f"{args.vs}", args.vs.resolve(), str(args.vs.resolve() / ".venv" / "bin" / "python")))
    rows: dict[str, dict[str, list[float]]] = {app.name: {} for app in apps}
    failed: dict[str, dict[str, int]] = {app.name: {} for app in apps}
    try:
        with sync_playwright() as p:
            browser = bb.launch(p)
            for app in apps:
                rows[app.name]["Data: first open (this server's first visit)"] = data_opens(browser, app.url, 0)
                bb.warm(browser, app, PLAN, plan_drawn)
            for _ in range(args.repeat):
                bb.sample_load()
                for app in apps:  # alternate, so both versions see the same load
                    for page, path, drawn, drawn_js in (
                        ("Plan", PLAN, plan_drawn, PLAN_DRAWN_JS),
                        ("Where can I go", OPTIONS, options_drawn, OPTIONS_DRAWN_JS),
                    ):
                        for key, value in bb.first_visit(browser, screen, app.url + path, drawn, drawn_js).items():
                            rows[app.name].setdefault(f"{page}: first visit, {key}", []).append(value)
            plans = {app.name: PlanPage(browser, screen, app.url) for app in apps}
            sorting = {app.name: OptionsPage(browser, screen, app.url) for app in apps}
            for i in range(args.repeat):  # interactions alternate between the versions too
                bb.sample_load()
                for app in apps:
                    for name, act in (
                        ("Plan: 'Plan my route' -> new timeline drawn", plans[app.name].click),
                        ("Where can I go: new sort -> table in the new order", sorting[app.name].sort),
                    ):
                        try:
                            rows[app.name].setdefault(name, []).append(act(i))
                        except PlaywrightTimeout:  # counted, not hidden: the report says how many
                            failed[app.name][name] = failed[app.name].get(name, 0) + 1
            for app in apps:
                rows[app.name]["Data: later opens"] = data_opens(browser, app.url, max(3, args.repeat // 3))[1:]
            bb.sample_load()
            browser.close()
        size = "390x844 phone" if args.phone else "1400x1000"
        for app in apps:
            bb.report(f"Plan, Where can I go and Data in Chromium {size}, warm server ({app.name})", rows[app.name])
            for name, count in failed[app.name].items():
                print(f"  {name}: {count} of {args.repeat} timed out (left out of the figures)")
    finally:
        for app in apps:
            bb.stop(app)


if __name__ == "__main__":
    main()
