"""Server time of each app interaction, on the domain graph; prints figures (not a test).

    python benchmarks/bench_app.py

Runs the real pages with ``streamlit.testing`` (the script runs exactly as under
``streamlit run``); the entry script times the page it runs, which is the server time of an
interaction (the test harness and the browser's drawing are not included). The first run
loads the graph (``st.cache_resource``); the figures are for the runs after it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app" / "streamlit_app.py")
SECTIONS = ROOT / "app" / "sections"
D = "https://w3id.org/careerpath/data/"


def make(page: str | None, query: dict | None = None, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    if page:
        at.switch_page(str(SECTIONS / f"{page}.py"))
    return at


CASES = [
    ("explore: open (medical assistant's pathway)", None, {}, {}),
    ("explore: click a box", None, {}, {"explore_flow_clicked": D + "cert/cma"}),
    ("explore: search by name (centres on RMA)", None, {"q": "RMA"}, {}),
    ("explore: pathway of the high school diploma", None, {"focus": D + "credential/high-school-diploma"}, {}),
    ("explore: an old whole-graph address (a message)", None, {"view": "graph", "kind": ["skill", "duty", "role"]}, {}),
    (
        "plan: high school -> CMA, 2 alternatives",
        "plan",
        {"have": D + "credential/high-school-diploma", "to": D + "cert/cma", "k": "2"},
        {},
    ),
    (
        "plan: 2 years experience -> RMA by cost",
        "plan",
        {
            "have": D + "credential/high-school-diploma",
            "to": D + "cert/rma",
            "by": "cost",
            "exp": D + "role/medical-assistant=2",
        },
        {},
    ),
    (
        "plan: -> medical assistant instructor, 3 routes",
        "plan",
        {"to": D + "role/medical-assistant-instructor", "k": "3"},
        {},
    ),
    (
        "plan: -> medical assistant in WA, 2 routes",
        "plan",
        {"have": D + "credential/high-school-diploma", "to": D + "role/medical-assistant", "state": "WA", "k": "2"},
        {},
    ),
    ("plan: typed target 'CMA'", "plan", {"have": D + "credential/high-school-diploma", "to": "CMA"}, {}),
    (
        "options: high school + 2 years as MA",
        "options",
        {"have": D + "credential/high-school-diploma", "exp": D + "role/medical-assistant=2"},
        {},
    ),
    ("options: nothing held, by wage", "options", {"sort": "wage"}, {}),
    ("sparql: curated question (outlook)", "sparql", {"q": "outlook"}, {}),
    ("sparql: curated question (disagreements)", "sparql", {"q": "disagreements"}, {}),
    ("data: page", "data", {}, {}),
]


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    t = time.perf_counter()
    make(None).run()
    print(f"python {sys.version.split()[0]}; first run (loads the graph): {(time.perf_counter() - t) * 1000:.0f} ms")
    print("server time of each run: the entry script times the page it runs (app/streamlit_app.py)")
    # the Data page's first open: its cached tables cleared, so each run is a first visit
    # (validation runs in its own process, started with the app: not in this figure)
    import streamlit as st

    firsts = []
    for _ in range(max(3, repeat // 3)):
        st.cache_data.clear()
        at = make("data")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        firsts.append(at.session_state["last_run_ms"])
    firsts.sort()
    first = "data: first open (caches cleared)"
    print(f"{first:48} p50 {statistics.median(firsts):6.1f} ms   max {firsts[-1]:6.1f} ms")
    for name, page, query, state in CASES:
        make(page, query, state).run()  # warm the page's own caches
        times = []
        for _ in range(repeat):
            at = make(page, query, state)
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            times.append(at.session_state["last_run_ms"])
        times.sort()
        p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
        print(f"{name:48} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
