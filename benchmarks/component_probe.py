"""The medical assistant's pathway drawn by one of three candidate components, for
``benchmarks/bench_components.py`` (run with ``streamlit run``; ``?c=own|link|graphviz``).

Every candidate gets the same boxes and columns (``graph.views.pathway``); the page prints
the id of a clicked node when the component can report one.
"""

from __future__ import annotations

import streamlit as st

from careerpath.app.shared import draw_pathway, pathway_of
from careerpath.graph.loading.namespaces import CPD
from careerpath.graph.presenting.pathway import FONT_PX, KINDS

st.set_page_config(layout="wide")
pw = pathway_of(f"{CPD}role/medical-assistant")
candidate = st.query_params.get("c", "own")
colour = {k: v[1] for k, v in KINDS.items()} | {"all-of": "#777777", "one-of": "#777777", "experience": "#f28e2b"}
left, right = st.columns([3, 2])
with left:
    clicked = None
    if candidate == "own":
        clicked = draw_pathway(pw, key="probe", height=640)
    elif candidate == "link":
        from st_link_analysis import NodeStyle, st_link_analysis
        from st_link_analysis.component.events import Event

        nodes = [
            {
                "data": {"id": n.id, "label": n.kind, "name": " · ".join(n.lines)},
                "position": {"x": n.x + n.width / 2, "y": n.y + n.height / 2},
            }
            for n in pw.nodes.values()
        ]
        edges = [{"data": {"id": f"e{i}", "source": s, "target": t, "label": "E"}} for i, (s, t) in enumerate(pw.edges)]
        value = st_link_analysis(
            {"nodes": nodes, "edges": edges},
            layout={"name": "preset", "fit": True, "padding": 30},
            node_styles=[NodeStyle(kind, colour[kind], "name") for kind in colour],
            height=640,
            key="probe",
            events=[Event("node_click", "click tap", "node")],
        )
        if isinstance(value, dict) and value.get("action") == "node_click":
            clicked = value.get("data", {}).get("target_id")
    else:
        lines = [f"digraph {{ rankdir=LR; node [shape=box, style=rounded, fontsize={FONT_PX}, fontname=sans];"]
        for n in pw.nodes.values():
            text = "\\n".join(n.lines).replace('"', "'")
            lines.append(f'"{n.id}" [label="{text}", color="{colour[n.kind]}"];')
        lines += [f'"{s}" -> "{t}";' for s, t in pw.edges]
        st.graphviz_chart("\n".join(lines) + "}", use_container_width=True)
with right:
    st.write(f"clicked: {clicked}" if clicked else "nothing clicked")
