"""careerpath's Streamlit app (entry point): loads the graph once per process."""

from __future__ import annotations

import streamlit as st

from graph.core import CareerGraph


@st.cache_resource(show_spinner="Loading the careerpath graph...")
def career_graph() -> CareerGraph:
    """The shared, read-only graph: loaded once per process."""
    return CareerGraph.load()


st.set_page_config(page_title="careerpath", layout="wide")
cg = career_graph()
st.title("careerpath")
st.write(f"The knowledge graph is loaded: {len(cg.rdf):,} triples.")
