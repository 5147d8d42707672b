"""Explore: one pathway drawn as a map (what leads into a role or certification, and where it
leads), or the whole graph; click a box for its details in the inspector beside it.

Everything the page shows lives in the URL (``focus``, ``node``, ``q``, ``view``, ``kind``,
``layout``), read once when the page opens and written back after each run.
"""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st
from rdflib import URIRef

from careerpath.app.details import show_details
from careerpath.app.shared import (
    bring_into_view,
    career_graph,
    draw,
    draw_pathway,
    full_view,
    legend,
    pathway_of,
    timed,
)
from careerpath.graph.errors import CareerPathError, UnknownNameError
from careerpath.graph.loading.namespaces import CP, CPD
from careerpath.graph.presenting.pathway import DETAIL_KINDS, KINDS

cg = career_graph()
params = st.query_params
DEFAULT_FOCUS = f"{CPD}role/medical-assistant"
OWN_PATHS = {"", "explore"}  # Streamlit shows the default page (this one) for any unknown path

st.title("Explore the pathways")


def shorten(text: str, limit: int = 60) -> str:
    """``text`` as echoed back on the page: at most ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def couldnt_find(name: str, err: UnknownNameError | None = None) -> str:
    """The message for a name that matches nothing, with the closest names (or some to try)."""
    matches = list(err.matches) if err else []
    if not matches and "/" in name:  # an IRI that does not exist: suggest by its last segment
        matches = cg.names.suggest(name.rstrip("/").rsplit("/", 1)[-1].replace("-", " "))
    if matches:
        return f"Couldn't find {shorten(name)!r}. Closest names: " + ", ".join(lb for _, lb in matches[:5]) + "."
    tries = [cg.label(DEFAULT_FOCUS), cg.label(f"{CPD}cert/cma"), cg.label(f"{CPD}credential/high-school-diploma")]
    return f"Couldn't find {shorten(name)!r}, and no name is close. Try, for example: " + ", ".join(tries) + "."


@st.cache_resource
def focusable() -> dict[str, str]:
    """What a pathway can centre on: roles, certifications, programs, credentials, by label
    (with the abbreviation, so that typing "CMA" in the box finds it)."""
    keep = {str(c) for c in (CP.Role, CP.Certification, CP.EducationProgram, CP.Credential)}
    out = {iri: label for iri, label in cg.names.labels.items() if cg.names.types.get(iri, frozenset()) & keep}
    out = {iri: label for iri, label in out.items() if iri in cg.projection.graph}
    for iri in out:
        abbreviation = cg.rdf.value(URIRef(iri), CP.abbreviation)
        if abbreviation is not None and str(abbreviation).lower() not in out[iri].lower():
            out[iri] = f"{out[iri]} ({abbreviation})"
    return dict(sorted(out.items(), key=lambda kv: kv[1].lower()))


def find(name: str) -> tuple[str | None, str | None]:
    """(IRI, None) for a name or IRI, or (None, a "couldn't find" message)."""
    try:
        return cg.resolve(name), None
    except UnknownNameError as err:
        return None, couldnt_find(name, err)
    except CareerPathError as err:  # ambiguous: name the candidates
        return None, f"{shorten(name)!r} is ambiguous: {shorten(str(err), 200)}"


def select(node: str) -> None:
    """Open ``node`` in the inspector and centre the map on it: a milestone becomes the
    pathway's focus, a step or route shows the pathway of what it achieves."""
    st.session_state.explore_node = node
    step = cg.projection.steps.get(node)
    target = step.achieves if step is not None else node
    if target in focusable():
        st.session_state.explore_focus = target


def on_search() -> None:
    text = st.session_state.explore_search.strip()
    if text:
        hit, _ = find(text)
        if hit:
            select(hit)


problems: list[str] = []

# The URL is read when the page opens (a widget's state, once set, is the user's).
path = urlparse(st.context.url or "").path.strip("/").split("/")[-1] if st.context.url else ""
if path not in OWN_PATHS:
    problems.append(f"There is no page {shorten(path)!r}; this is Explore.")
if "explore_view" not in st.session_state:
    st.session_state.explore_view = "graph" if params.get("view") == "graph" else "pathway"
    if params.get("view") not in (None, "pathway", "graph"):
        problems.append(f"There is no view {shorten(params['view'])!r}: the views are pathway and graph.")
if "explore_focus" not in st.session_state:
    focus = DEFAULT_FOCUS
    if params.get("focus"):
        hit, message = find(params["focus"])
        if hit in focusable():
            focus = hit
        else:
            problems.append(message or f"{cg.label(hit)} has no pathway; showing the medical assistant's.")
    st.session_state.explore_focus = focus
if "explore_node" not in st.session_state:
    st.session_state.explore_node = None
    if params.get("node"):
        hit, message = find(params["node"])
        if hit:
            st.session_state.explore_node = hit
        else:
            problems.append(message)
if "explore_search" not in st.session_state:
    st.session_state.explore_search = shorten(params.get("q", ""), 200)
    if st.session_state.explore_search and not params.get("node") and not params.get("focus"):
        on_search()  # a shared search opens its hit; a shared click or focus wins over it
if "explore_kinds" not in st.session_state:
    wanted = [k for k in params.get_all("kind") if k in KINDS]
    unknown = [k for k in params.get_all("kind") if k not in KINDS]
    if unknown:
        problems.append(
            f"Unknown kind(s) {shorten(', '.join(unknown))!r} left out; the kinds are: " + ", ".join(KINDS) + "."
        )
    st.session_state.explore_kinds = wanted or [k for k in KINDS if k not in DETAIL_KINDS]
if "explore_layout" not in st.session_state:
    st.session_state.explore_layout = "free" if params.get("layout") == "free" else "pathway"
    if params.get("layout") not in (None, "pathway", "free"):
        problems.append(f"There is no layout {shorten(params['layout'])!r}: the layouts are pathway and free.")

# The drawing is sent first, the controls above it after it (into a container placed
# above it): the browser starts loading the drawing's component while it draws the
# controls. Every control's value is its key's state, known before the control is drawn.
controls = st.container()
view_mode = st.session_state.explore_view
options = focusable()
if st.session_state.explore_focus not in options:
    st.session_state.explore_focus = DEFAULT_FOCUS
focus = st.session_state.explore_focus
search = st.session_state.explore_search
layout = st.session_state.explore_layout
kinds = st.session_state.explore_kinds

node = st.session_state.explore_node
left, right = st.columns([2, 1], gap="medium")
with left:
    if view_mode == "pathway":
        with timed("explore: pathway"):
            pw = pathway_of(focus)
        st.caption(
            f"**{cg.label(focus)}**: what leads into it and where it leads, left to right. "
            "**ALL OF**: a step needs every box that points into it. **ONE OF**: any box that points "
            "into it counts. A box reached by several steps says so: any one of them will do. "
            "Drag or scroll to pan; click a box, or Tab to it and press Enter, for its details."
        )
        clicked = draw_pathway(pw, key="explore_flow", selected=node)
    else:
        with timed("explore: view"):
            view = full_view(tuple(sorted(kinds or [])))
        legend(sorted({n.kind for n in view.nodes.values()}, key=list(KINDS).index))
        highlight = {node} | view.neighbours(node) if node in view.nodes else None
        clicked = draw(view, key="explore_graph", layout=layout, highlight=highlight, height=640)
        if clicked == st.session_state.get("explore_graph_seen"):
            clicked = None  # the component repeats its last click on every run
        else:
            st.session_state.explore_graph_seen = clicked
    if clicked:
        node = st.session_state.explore_node = clicked
        st.session_state.explore_clicks = st.session_state.get("explore_clicks", 0) + 1
        bring_into_view("explore_inspector", f"{clicked} {st.session_state.explore_clicks}")

with right:
    with st.container(height=700, border=True, key="explore_inspector"):
        if node:
            with timed("explore: details"):
                show_details(cg, node)
            if node in options and node != focus:
                st.button(
                    f"Show the pathway of {shorten(cg.label(node))}",
                    on_click=select,
                    args=(node,),
                    key="explore_refocus",
                )
        else:
            st.info("Click a box, or find one by name, to see its facts, eligibility routes, wages and sources.")

with controls:
    for problem in problems:
        st.warning(problem)

    c1, c2, c3 = st.columns([2, 3, 3])
    with c1:
        st.radio(
            "View",
            ["pathway", "graph"],
            key="explore_view",
            horizontal=True,
            format_func={"pathway": "One pathway", "graph": "Whole graph"}.get,
        )
    with c2:
        st.selectbox(
            "Pathway of",
            list(options),
            key="explore_focus",
            format_func=options.get,
            disabled=view_mode != "pathway",
            help="A role, certification, program or credential: what leads into it and where it leads.",
        )
    with c3:
        st.text_input(
            "Find by name",
            key="explore_search",
            on_change=on_search,
            max_chars=200,
            placeholder="e.g. CMA, podiatry, hospitals",
        )
        if search.strip():
            hit, message = find(search.strip())
            if message:
                st.warning(message)
            elif hit not in options and hit not in cg.projection.steps and view_mode == "pathway":
                st.info(f"{cg.label(hit)} has no pathway of its own; its details are in the inspector.")

    if view_mode == "graph":
        st.radio(
            "Layout",
            ["pathway", "free"],
            key="explore_layout",
            horizontal=True,
            format_func={"pathway": "Columns", "free": "Free"}.get,
        )
        st.pills(
            "Kinds of nodes",
            list(KINDS),
            selection_mode="multi",
            key="explore_kinds",
            format_func=lambda k: KINDS[k][0],
            help="Skills and duties are collapsed until you add them.",
        )

# Write the state back to the URL, so a view can be shared and survives a reload.
wanted = {"view": view_mode, "focus": focus}
if node:
    wanted["node"] = node
if search.strip():
    wanted["q"] = shorten(search.strip(), 200)
if view_mode == "graph":
    wanted["kind"] = list(kinds or [])
    wanted["layout"] = layout
for key in [k for k in params.keys() if k not in wanted]:
    del params[key]
for key, value in wanted.items():
    if (params.get_all(key) if isinstance(value, list) else params.get(key)) != value:
        params[key] = value
