"""What every page shares: the graph (loaded once per process), the graph drawings (the
pathway's is in ``pathway_map.py``), and small helpers (a downloaded query's file name among
them). Pages call plain functions in ``graph/`` for everything else."""

from __future__ import annotations

import gc
import hashlib
import re
import time
from collections.abc import Iterable

import streamlit as st

from careerpath.app.pathway_map import draw_pathway as draw_pathway  # for the pages
from careerpath.graph.core import CareerGraph
from careerpath.graph.errors import CareerPathError
from careerpath.graph.presenting.pathway import KINDS, GraphView, Pathway, graph_view, pathway


@st.cache_resource(show_spinner="Loading the careerpath graph...")
def _load_graph() -> CareerGraph:
    cg = CareerGraph.load()
    _ = cg.projection, cg.names, cg.rdf  # the projection, the name index and the triples, now
    # The graph lives as long as the process: its million objects need never be searched for
    # cycles. Frozen, they are left out of every collection, Streamlit's own after each script
    # run among them (a full collection took 0.1-1.2 s of the server, the GIL held, between a
    # run's last element and its delivery; 1-2 ms frozen).
    gc.freeze()
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


_MARKDOWN = set("\\`*_{}[]()#+-.!|<>~$:=&@")
_JOINER = "\u2060"  # a word joiner: invisible, and no URL, address or "www." runs across it


def plain(text: object) -> str:
    r"""``text`` as Markdown that shows it as it is: every character Markdown, Streamlit's
    directives (``:red[...]``, ``:material/icon:``) or LaTeX (``$``) would act on is escaped, and an
    invisible word joiner breaks what the Markdown's autolinks would find despite the escapes (the
    colon of ``://``, the dot of ``www.``, an ``@``): a value from the URL is never drawn as a link,
    a colour or a formula, and ordinary text keeps no hidden characters.

    >>> print(plain("[Session expired](https://evil.example)").replace("\u2060", "|"))
    \[Session expired\]\(https|\://evil\.example\)
    >>> plain("can't be negative: '-5' is read as 0.")
    "can't be negative\\: '\\-5' is read as 0\\."
    """
    text = str(text)
    out = []
    for i, c in enumerate(text):
        joined = (
            (c == ":" and text[i + 1 : i + 3] == "//")
            or (c == "." and text[max(0, i - 3) : i].lower() == "www")
            or c == "@"
        )
        out.append((_JOINER if joined else "") + ("\\" + c if c in _MARKDOWN else c))
    return "".join(out)


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


def query_name(text: str, limit: int = 48) -> str:
    """A file name for a hand-written query, made from its own words (prefix lines left out) and a
    short fingerprint, so two queries never share one: ``SELECT ?r WHERE { ?r a cp:Role }`` gives
    ``select-r-where-r-a-cp-role-`` and six hexadecimal digits.
    """
    body = "\n".join(line for line in text.splitlines() if not line.strip().upper().startswith(("PREFIX", "BASE")))
    words = re.sub(r"[^a-z0-9]+", "-", body.lower()).strip("-")[:limit].rstrip("-") or "query"
    return f"{words}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:6]}"
