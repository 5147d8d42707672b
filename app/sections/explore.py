"""Explore: the knowledge graph drawn, filtered, searched; click a node for its details."""

from __future__ import annotations

import streamlit as st

from careerpath.app.details import show_details
from careerpath.app.shared import career_graph, draw, full_view, legend, timed
from careerpath.graph.errors import UnknownNameError
from careerpath.graph.views import DETAIL_KINDS, KINDS

cg = career_graph()
params = st.query_params

st.title("Explore the pathways")
st.caption("Education, programs, certifications, roles and advancement, left to right. Click a node for its details.")

all_kinds = list(KINDS)
default_kinds = [k for k in all_kinds if k not in DETAIL_KINDS]
chosen = params.get_all("kind") or default_kinds
chosen = [k for k in chosen if k in KINDS] or default_kinds
names = {k: KINDS[k][0] for k in all_kinds}

c1, c2, c3 = st.columns([3, 2, 2])
with c1:
    kinds = st.multiselect(
        "Kinds of nodes",
        all_kinds,
        default=chosen,
        format_func=names.get,
        key="explore_kinds",
        help="Skills and duties are collapsed until you add them.",
    )
with c2:
    layout = st.radio(
        "Layout",
        ["pathway", "free"],
        key="explore_layout",
        horizontal=True,
        index=1 if params.get("layout") == "free" else 0,
        format_func={"pathway": "Pathway (left to right)", "free": "Free"}.get,
    )
with c3:
    search = st.text_input(
        "Find by name", value=params.get("q", ""), key="explore_search", placeholder="e.g. CMA, podiatry, hospitals"
    )

with timed("explore: view"):
    view = full_view(tuple(sorted(kinds)))
selected = params.get("node")
if search:
    try:
        selected = cg.resolve(search)
        if selected not in view.nodes:
            with c3:
                st.info(f"{cg.label(selected)} is not drawn with these kinds; its details are below.")
    except UnknownNameError as err:
        with c3:
            st.warning(
                f"Nothing is called {search!r}."
                + (" Closest: " + ", ".join(label for _, label in err.matches) if err.matches else "")
            )

with st.container():
    legend(sorted({n.kind for n in view.nodes.values()}, key=all_kinds.index))
    highlight = None
    if selected and selected in view.nodes:
        highlight = {selected} | view.neighbours(selected)
    clicked = draw(view, key="explore_graph", layout=layout, highlight=highlight, height=680)
    if clicked and clicked != selected:
        selected = clicked
        st.query_params["node"] = clicked
        st.rerun()

st.query_params["layout"] = layout
st.query_params["kind"] = kinds
if selected:
    st.query_params["node"] = selected
    with timed("explore: details"):
        show_details(cg, selected)
else:
    st.info("Click a node, or find one by name, to see its facts, eligibility routes, wages and sources.")
