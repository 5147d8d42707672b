"""The floor for ``benchmarks/bench_explore_browser.py --floor``: the least a Streamlit page
can be on this machine (same Streamlit, the repository's ``.streamlit/config.toml``).

``?c=flow`` adds a two-box streamlit-flow drawing: the cost of the pathway's component
itself (its iframe and script), apart from careerpath's page.
"""

from __future__ import annotations

import streamlit as st  # noqa: TID251 - a benchmark's Streamlit page, like component_probe.py

st.set_page_config(page_title="floor", layout="wide")
st.title("Explore the pathways")
if st.query_params.get("c") == "flow":
    from streamlit_flow import streamlit_flow
    from streamlit_flow.elements import StreamlitFlowEdge, StreamlitFlowNode
    from streamlit_flow.layouts import ManualLayout
    from streamlit_flow.state import StreamlitFlowState

    if "floor_state" not in st.session_state:
        nodes = [
            StreamlitFlowNode(n, (x, 0), {"content": n}, "default", "right", "left") for n, x in (("a", 0), ("b", 300))
        ]
        st.session_state.floor_state = StreamlitFlowState(nodes, [StreamlitFlowEdge("a->b", "a", "b")])
    st.session_state.floor_state = streamlit_flow(
        "floor", st.session_state.floor_state, height=640, fit_view=True, layout=ManualLayout(), get_node_on_click=True
    )
