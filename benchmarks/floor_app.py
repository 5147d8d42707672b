"""The floor for ``benchmarks/bench_explore_browser.py --floor``: the least a Streamlit page
can be on this machine (same Streamlit, the repository's ``.streamlit/config.toml``).

``?c=own`` adds a two-box drawing by the pathway's component (``app/pathway_map.py``): the
cost of the component itself, apart from careerpath's page.
"""

from __future__ import annotations

import streamlit as st  # noqa: TID251 - a benchmark's Streamlit page, like component_probe.py

st.set_page_config(page_title="floor", layout="wide")
st.title("Explore the pathways")
if st.query_params.get("c") == "own":
    from careerpath.app.pathway_map import draw_pathway
    from careerpath.graph.presenting.pathway import Pathway, PathwayNode

    nodes = {n: PathwayNode(n, n, "role", (n, "Role"), x, 60, 200, 70) for n, x in (("a", 0), ("b", 300))}
    draw_pathway(Pathway("a", nodes, [("a", "b")], [("Roles", 0)]), key="floor")
