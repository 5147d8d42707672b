"""careerpath's core: load, validate, look up, project, plan and query the career graph.

Start with ``graph.core.CareerGraph``. Nothing here imports Streamlit, and importing the
package does no work: the graph is loaded when asked for.
"""
