"""Explore: one pathway (what leads into a role, certification, program or credential, and where it
leads) as a map that opens on the whole pathway, or as a list (a phone's first view); choose a box
for its details in the inspector beside the map, which offers to plan a route to it.

Everything the page shows lives in the URL (``focus``, ``node``, ``q``), read once when the page
opens and written back after each run. The page is served at ``/`` and at ``/explore``.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode, urlparse

import streamlit as st
from rdflib import URIRef

from careerpath.app.details import show_details
from careerpath.app.shared import bring_into_view, career_graph, draw_pathway, pathway_of, plain, timed
from careerpath.graph.errors import CareerPathError, UnknownNameError
from careerpath.graph.loading.namespaces import CP, CPD

cg = career_graph()
params = st.query_params
DEFAULT_FOCUS = f"{CPD}role/medical-assistant"
OWN_PATHS = {"", "explore"}  # Streamlit shows the default page (this one) for any unknown path
PLANNABLE = {str(c) for c in (CP.Role, CP.Certification, CP.EducationProgram)}  # what Plan takes as a target

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


def plannable(iri: str | None) -> bool:
    return bool(iri) and bool(cg.names.types.get(iri, frozenset()) & PLANNABLE)


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


def choose(node: str) -> None:
    """A box chosen on the map or in the list (before the run it asks for)."""
    st.session_state.explore_node = node


def close() -> None:
    st.session_state.explore_node = None


def on_search() -> None:
    text = st.session_state.explore_search.strip()
    if text:
        hit, _ = find(text)
        if hit:
            select(hit)


problems: list[str] = []
notes: list[str] = []

# The URL is read when the page opens (a widget's state, once set, is the user's).
path = urlparse(st.context.url or "").path.strip("/").split("/")[-1] if st.context.url else ""
if path not in OWN_PATHS:
    problems.append(f"There is no page {shorten(path)!r}; this is Explore.")
if "explore_focus" not in st.session_state:
    if params.get("view") == "graph" or params.get_all("kind") or params.get("layout"):
        notes.append(
            "The whole-graph view is gone: its 120+ nodes could not be read at any size. Each pathway is "
            "drawn here, and the SPARQL page draws the entities any query names."
        )
    elif params.get("view") not in (None, "pathway"):
        problems.append(f"There is no view {shorten(params['view'])!r}: Explore shows one pathway.")
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

# The drawing is sent first, the controls above it after it (into a container placed
# above it): the browser starts loading the drawing's component while it draws the
# controls. Every control's value is its key's state, known before the control is drawn.
controls = st.container()
options = focusable()
if st.session_state.explore_focus not in options:
    st.session_state.explore_focus = DEFAULT_FOCUS
focus = st.session_state.explore_focus
search = st.session_state.explore_search


def write_url(focus: str, node: str | None, search: str) -> None:
    """Write the state to the URL, so a view can be shared and survives a reload."""
    wanted = {"focus": focus}
    if node:
        wanted["node"] = node
    if search.strip():
        wanted["q"] = shorten(search.strip(), 200)
    for key in [k for k in params.keys() if k not in wanted]:
        del params[key]
    for key, value in wanted.items():
        if params.get(key) != value:
            params[key] = value


@st.fragment
def body(focus: str, search: str) -> None:
    """The map and the inspector. A box chosen, or the inspector closed, reruns this part alone (the
    title and the controls above stay as they are, unsent); a new focus reruns the page."""
    if st.session_state.explore_focus != focus:  # "Show its pathway": the controls must show it too
        st.rerun()
    node = st.session_state.explore_node
    with st.container(horizontal=True, gap="medium", key="explore_body"):
        with st.container(key="explore_map"):
            with timed("explore: pathway"):
                pw = pathway_of(focus)
            clicked = draw_pathway(pw, key="explore_flow", selected=node, on_choose=choose)
            if clicked:
                node = st.session_state.explore_node = clicked
                st.session_state.explore_clicks = st.session_state.get("explore_clicks", 0) + 1
        if node:
            with st.container(key="explore_inspector", border=True, width=500):

                def actions() -> None:  # under the heading (the heading is drawn first)
                    row = st.container(horizontal=True, vertical_alignment="center")
                    if plannable(node):  # a plain link: no widget code to load
                        row.html(
                            f'<a class="cp-action" href="plan?{escape(urlencode({"to": node}), quote=True)}">'
                            "Plan a route to this →</a>"
                        )
                    if node in focusable() and node != focus:
                        row.button("Show its pathway", on_click=select, args=(node,), key="explore_refocus")
                    row.button("Close", key="explore_close", on_click=close, help="Close the details")

                with timed("explore: details"):
                    show_details(cg, node, actions)
    if node and clicked:  # on a phone the inspector stands below the map: bring it into view
        bring_into_view("explore_inspector", f"{clicked} {st.session_state.explore_clicks}")
    explored = node if plannable(node) else focus if plannable(focus) else None
    if explored:
        st.session_state["explored"] = explored  # Plan opens on it (the entry file keeps it across pages)
    write_url(focus, node, search)


body(focus, search)

with controls:
    for problem in problems:
        st.warning(plain(problem))
    for note in notes:
        st.info(plain(note))
    c1, c2 = st.columns(2)
    with c1:
        st.selectbox(
            "Pathway of",
            list(options),
            key="explore_focus",
            format_func=options.get,
            help="A role, certification, program or credential: what leads into it and where it leads.",
        )
    with c2:
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
                st.warning(plain(message))
            elif hit not in options and hit not in cg.projection.steps:
                st.info(plain(f"{cg.label(hit)} has no pathway of its own; its details are in the inspector."))
