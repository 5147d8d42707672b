"""careerpath's Streamlit app: the entry file only sets up and routes to the pages."""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from careerpath.app.style import page_style
from careerpath.app.validation import validation_job

HERE = Path(__file__).resolve().parent

# An emoji icon is drawn in the page (a data: URL); a Material icon here would be fetched from
# fonts.gstatic.com on every visit: a third-party request from a school's or an office's app.
st.set_page_config(page_title="careerpath", page_icon="🧭", layout="wide")

EXPLORE = HERE / "sections" / "explore.py"
pages = [
    # Explore is served at "/" and, as README's addresses write it, at "/explore" (a hidden twin:
    # the default page reserves its own url_path without serving it).
    st.Page(EXPLORE, title="Explore", icon=":material/hub:", url_path="pathways", default=True),
    st.Page(EXPLORE, title="Explore", icon=":material/hub:", url_path="explore", visibility="hidden"),
    st.Page(HERE / "sections" / "plan.py", title="Plan a route", icon=":material/route:", url_path="plan"),
    st.Page(HERE / "sections" / "options.py", title="Where can I go?", icon=":material/explore:", url_path="options"),
    st.Page(HERE / "sections" / "sparql.py", title="SPARQL", icon=":material/terminal:", url_path="sparql"),
    st.Page(HERE / "sections" / "data.py", title="Data", icon=":material/dataset:", url_path="data"),
]
page_style()
st.session_state.setdefault("explored", None)  # the target last explored: Plan opens on it
validation_job()  # SHACL validation starts once, with the app, in its own process (the Data page shows it)
start = time.perf_counter()
try:
    st.navigation(pages, position="top").run()
finally:  # the page's server time, for benchmarks/bench_app.py (also when a page stops early)
    st.session_state["last_run_ms"] = (time.perf_counter() - start) * 1000
