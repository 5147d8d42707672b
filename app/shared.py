"""What every page shares: the graph (loaded once per process), the graph drawing, and
small helpers. Pages call plain functions in ``graph/`` for everything else."""

from __future__ import annotations

import time
from collections.abc import Iterable

import streamlit as st

from careerpath.graph.core import CareerGraph
from careerpath.graph.errors import CareerPathError
from careerpath.graph.views import KINDS, GraphView, graph_view


@st.cache_resource(show_spinner="Loading the careerpath graph...")
def _load_graph() -> CareerGraph:
    cg = CareerGraph.load()
    _ = cg.projection, cg.names  # build the planner's projection and the name index now
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
    """Colour, icon name and kind: the legend of the drawing (colour is never alone)."""
    cells = []
    for kind in kinds:
        name, colour, icon, _ = KINDS[kind]
        cells.append(
            f"<span style='display:inline-block;margin-right:14px'>"
            f"<span style='display:inline-block;width:12px;height:12px;border-radius:50%;background:{colour};"
            f"vertical-align:middle;margin-right:4px'></span>{name} "
            f"<small>({icon.replace('_', ' ')} icon)</small></span>"
        )
    st.markdown("".join(cells), unsafe_allow_html=True)


def elements(view: GraphView, layout: str, highlight: set[str] | None = None) -> dict:
    """Cytoscape elements for st-link-analysis; with ``highlight``, everything else is dimmed."""
    positions = view.positions() if layout == "pathway" else {}
    nodes = []
    for node in view.nodes.values():
        group = KINDS[node.kind][0]
        if highlight is not None and node.id not in highlight:
            group = "Dimmed"
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
    styles.append(NodeStyle("Dimmed", "#d9d9d9", "name", "link"))
    edge_styles = [EdgeStyle("STEP", caption="name", directed=True), EdgeStyle("DIMMED", caption=None, directed=True)]
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


class timed:  # noqa: N801 - a context manager
    """Shows how long a block took (server time), for the figures in the footer."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> timed:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        st.session_state.setdefault("timings", {})[self.what] = (time.perf_counter() - self.start) * 1000
