"""Presenting: answers as a person reads them, one view per answer and a writer per format.

Holds ``route_view`` (one route answer as a view object: the single source of its text,
JSON, app cards and printable page), ``text`` (text and Markdown), ``route_json`` (the JSON
of ``route``, ``eligible`` and the state's rules), ``printable`` (the one-page HTML plan),
``pathway`` (Explore's pathway and whole-graph views), ``describe`` (one entity, every fact
with units), ``provenance`` (sources weighed, the maintainer's worklists), ``formats`` (figures in words,
and query answers as a terminal table, words never cut) and ``export``.

May import ``careerpath.graph.core``, planning, querying, loading and errors; never the
command line or the app, and never Streamlit.
"""
