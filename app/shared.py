"""What every page shares: the graph (loaded once per process), the graph drawing, and
small helpers. Pages call plain functions in ``graph/`` for everything else."""

from __future__ import annotations

import time
from collections.abc import Iterable

import streamlit as st

from careerpath.graph.core import CareerGraph
from careerpath.graph.errors import CareerPathError
from careerpath.graph.views import FONT_PX, KINDS, GraphView, Pathway, graph_view, pathway


@st.cache_resource(show_spinner="Loading the careerpath graph...")
def _load_graph() -> CareerGraph:
    cg = CareerGraph.load()
    _ = cg.projection, cg.names, cg.rdf  # the projection, the name index and the triples, now
    return cg


def career_graph() -> CareerGraph:
    """The shared, read-only graph: loaded once per process (``CAREERPATH_STORE`` chooses the store).

    Data that cannot be loaded (a malformed file, a missing folder, an unreachable store) is a
    message on the page, not a traceback.
    """
    try:
        return _load_graph()
    except CareerPathError as err:
        st.error(f"careerpath cannot load its data: {err}")
        st.stop()
        raise  # st.stop() raises; this line is never reached


@st.cache_resource
def full_view(kinds: tuple[str, ...]) -> GraphView:
    """The drawable graph for a set of kinds (cached per set)."""
    return graph_view(career_graph(), kinds)


def legend(kinds: Iterable[str]) -> None:
    """Colour, icon and kind: the legend of the drawing (colour is never alone): each kind's
    colour dot and the icon its nodes carry, then its name."""
    cells = []
    for kind in kinds:
        name, colour, icon, _ = KINDS[kind]
        cells.append(
            f"<span style='display:inline-block;width:12px;height:12px;border-radius:50%;background:{colour};"
            f"vertical-align:middle'></span> :material/{icon}: {name}"
        )
    st.markdown(" &nbsp; ".join(cells), unsafe_allow_html=True)


def _faded(kind_name: str) -> str:
    return f"{kind_name} (faded)"


def elements(view: GraphView, layout: str, highlight: set[str] | None = None) -> dict:
    """Cytoscape elements for st-link-analysis; with ``highlight``, everything else is dimmed."""
    positions = view.positions() if layout == "pathway" else {}
    nodes = []
    for node in view.nodes.values():
        group = KINDS[node.kind][0]
        if highlight is not None and node.id not in highlight:
            group = _faded(group)  # the component's own panel still names its kind
        item = {"data": {"id": node.id, "label": group, "name": node.label, "kind": KINDS[node.kind][0]}}
        if node.id in positions:
            x, y = positions[node.id]
            item["position"] = {"x": x, "y": y}
        nodes.append(item)
    edges = []
    for i, edge in enumerate(view.edges):
        on = highlight is None or (edge.source in highlight and edge.target in highlight)
        edges.append(
            {
                "data": {
                    "id": f"e{i}",
                    "source": edge.source,
                    "target": edge.target,
                    "label": "STEP" if on else "DIMMED",
                    "name": edge.label,
                }
            }
        )
    return {"nodes": nodes, "edges": edges}


def draw(view: GraphView, key: str, layout: str = "pathway", highlight: set[str] | None = None, height: int = 560):
    """Draw ``view``; return the id of the node clicked, if any.

    The component's value can be driven in tests: ``st.session_state[key + "_clicked"]``
    stands in for a click (``streamlit.testing`` does not run custom components).
    """
    from st_link_analysis import EdgeStyle, NodeStyle, st_link_analysis
    from st_link_analysis.component.events import Event

    styles = [NodeStyle(name, colour, "name", icon) for name, colour, icon, _ in KINDS.values()]
    styles += [NodeStyle(_faded(name), "#d9d9d9", "name", icon) for name, _, icon, _ in KINDS.values()]
    # labeled=None: the deprecated parameter's default (False) is "not None", so it always warns
    edge_styles = [
        EdgeStyle("STEP", caption="name", labeled=None, directed=True),
        EdgeStyle("DIMMED", caption=None, labeled=None, directed=True),
    ]
    layout_spec = {"name": "preset", "fit": True, "padding": 30} if layout == "pathway" else "cose"
    value = st_link_analysis(
        elements(view, layout, highlight),
        layout=layout_spec,
        node_styles=styles,
        edge_styles=edge_styles,
        height=height,
        key=key,
        events=[Event("node_click", "click tap", "node")],
    )
    if isinstance(value, dict) and value.get("action") == "node_click":
        return value.get("data", {}).get("target_id")
    return st.session_state.get(key + "_clicked")


@st.cache_resource(max_entries=64)
def pathway_of(focus: str) -> Pathway:
    """The pathway view of one milestone (cached per milestone)."""
    return pathway(career_graph(), focus)


#: Border and tint of the pathway's boxes by kind; junctions are dashed, white.
_JUNCTION_STYLE = {"all-of": ("#555555", "dashed"), "one-of": ("#555555", "dotted")}
_EXPERIENCE = ("#f28e2b", "dashed")
MIN_ZOOM = 12 / FONT_PX  # the drawing never zooms out below 12 px text


def _faint(colour: str, keep: float = 0.14) -> str:
    """``colour`` mixed with white, opaque (so dark text stays readable in the dark theme)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02x}" for c in rgb)


def _box_text(lines: tuple[str, ...]) -> str:
    """Markdown for a box: one paragraph a line, the first (name, or a junction's tag) bold."""
    esc = [line.replace("*", "\\*").replace("_", "\\_") for line in lines]
    return "\n\n".join([f"**{esc[0]}**", *esc[1:]])


def _flow_state(pw: Pathway, selected: str | None, height: int):
    from streamlit_flow.elements import StreamlitFlowEdge, StreamlitFlowNode
    from streamlit_flow.state import StreamlitFlowState

    nodes = []
    for title, x in pw.headings:
        nodes.append(
            StreamlitFlowNode(
                f"heading:{title}",
                (x, 0),
                {"content": f"**{title}**"},
                draggable=False,
                selectable=False,
                focusable=False,
                style={
                    "width": "200px",
                    "fontSize": f"{FONT_PX + 3}px",
                    "border": "none",
                    "borderRadius": "6px",
                    "background": "#e8eaef",  # opaque, so the heading reads in both themes
                    "color": "#1f1f1f",
                    "padding": "0 10px",
                    "pointerEvents": "none",
                },
                className="cp-heading",
            )
        )
    for node in pw.nodes.values():
        if node.junction:
            colour, border = _JUNCTION_STYLE[node.kind]
            background = "#ffffff"
        elif node.kind == "experience":
            colour, border = _EXPERIENCE
            background = "#fff7ee"
        else:
            colour, border = KINDS[node.kind][1], "solid"
            background = _faint(colour)
        width = 3 if node.id in (pw.focus, selected) else 1.5
        nodes.append(
            StreamlitFlowNode(
                node.id,
                (node.x, node.y),
                {"content": _box_text(node.lines)},
                "default",
                "right",
                "left",
                draggable=False,
                selectable=True,
                selected=node.id == selected,
                style={
                    "width": f"{node.width}px",
                    "fontSize": f"{FONT_PX}px",
                    "lineHeight": "20px",
                    "textAlign": "left",
                    "padding": "0 10px",
                    "border": f"{width}px {border} {colour}",
                    "borderRadius": "14px" if node.junction else "6px",
                    "background": background,
                    "color": "#1f1f1f",
                },
                className=f"cp-{node.kind}",
            )
        )
    # An invisible anchor stretches the drawing's bounds so that fitting the view (the only
    # way the component can be told where to look) opens on the focus's column, at the top:
    # it mirrors the farthest box around the focus, and lifts the bounds' top by as much as
    # the content is taller than the pane at the smallest zoom.
    focus = pw.nodes[pw.focus]
    cx = focus.x + focus.width / 2
    far = max(pw.nodes.values(), key=lambda n: abs(n.x + n.width / 2 - cx))
    bottom = max(n.y + n.height for n in pw.nodes.values())
    nodes.append(
        StreamlitFlowNode(
            "anchor:centre",
            (2 * cx - (far.x + far.width / 2), min(0.0, height / MIN_ZOOM - bottom)),
            {"content": ""},
            draggable=False,
            selectable=False,
            focusable=False,
            style={"width": "1px", "height": "1px", "padding": "0", "border": "none", "opacity": 0},
            className="cp-anchor",
        )
    )
    edges = [
        StreamlitFlowEdge(
            f"{s}->{t}",
            s,
            t,
            "default",
            marker_end={"type": "arrowclosed"},
            style={"stroke": "#777777", "strokeWidth": 1.5},
        )
        for s, t in pw.edges
    ]
    return StreamlitFlowState(nodes, edges)


def draw_pathway(pw: Pathway, key: str, selected: str | None = None, height: int = 640) -> str | None:
    """Draw a pathway view (streamlit-flow: boxes in the page's DOM, React Flow); return the id
    of a node the user has just clicked, or None.

    The drawing opens at a zoom of at least ``MIN_ZOOM`` (labels >= 12 px), centred on the
    focus; the rest is reached by panning. A click is reported once: later reruns return None
    until the next click. The component's state lives in the session, rebuilt only when the
    pathway changes (``selected`` is marked then; later clicks are marked by React Flow itself),
    so a rerun never resets it (a reset makes the component send its state: one more run, and
    the view refitted). In tests, ``st.session_state[key + "_clicked"]`` stands in for a click.
    """
    from streamlit_flow import streamlit_flow
    from streamlit_flow.layouts import ManualLayout

    stub = st.session_state.pop(key + "_clicked", None)
    if stub is not None:
        return stub
    sig_key, state_key, seen_key = key + "_sig", key + "_state", key + "_seen"
    signature = (pw.focus, len(pw.nodes))  # not the selection: React Flow marks a clicked box itself
    if st.session_state.get(sig_key) != signature or state_key not in st.session_state:
        st.session_state[state_key] = _flow_state(pw, selected, height)
        st.session_state[sig_key] = signature
    state = streamlit_flow(
        key,
        st.session_state[state_key],
        height=height,
        fit_view=True,
        show_controls=True,
        layout=ManualLayout(),
        get_node_on_click=True,
        min_zoom=MIN_ZOOM,
        hide_watermark=True,
        style={"fontFamily": "sans-serif"},
    )
    st.session_state[state_key] = state
    clicked = state.selected_id
    if clicked and state.timestamp != st.session_state.get(seen_key) and clicked in pw.nodes:
        st.session_state[seen_key] = state.timestamp
        return clicked
    return None


def bring_into_view(key: str, nonce: str, narrow_px: int = 640) -> None:
    """On a narrow screen (where columns stack), scroll the container with ``key`` into view.

    Used after a click on a drawing, so that the inspector, stacked below it on a phone, comes
    into view. ``nonce`` changes per click, so that the script runs again.
    """
    st.html(
        f"""<script>/* {nonce} */
        (() => {{ const el = document.querySelector('.st-key-{key}');
          if (el && window.innerWidth < {narrow_px}) el.scrollIntoView({{behavior: 'instant', block: 'start'}}); }})();
        </script>""",
        unsafe_allow_javascript=True,
    )


class timed:  # noqa: N801 - a context manager
    """Shows how long a block took (server time), for the figures in the footer."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> timed:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        st.session_state.setdefault("timings", {})[self.what] = (time.perf_counter() - self.start) * 1000
