"""SPARQL: the curated questions, an editor, results with labels and links, downloads."""

from __future__ import annotations

import rdflib
import streamlit as st

from careerpath.app.shared import career_graph, draw, full_view, legend, timed
from careerpath.graph.sparql import QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, curated_queries

cg = career_graph()
queries = {q.name: q for q in curated_queries()}

st.title("Query with SPARQL")
st.caption(
    "Read-only, no network access, stopped after 10 seconds. Prefixes such as cp:, rdfs:, cert: are predeclared."
)

name = st.selectbox(
    "Curated question",
    list(queries),
    key="sparql_question",
    index=list(queries).index(st.query_params.get("q")) if st.query_params.get("q") in queries else 0,
    format_func=lambda n: queries[n].question or queries[n].title,
)
if st.session_state.get("sparql_loaded") != name:
    st.session_state["sparql_text"] = queries[name].text
    st.session_state["sparql_loaded"] = name
st.query_params["q"] = name
text = st.text_area("Query", key="sparql_text", height=260)
params = queries[name].parameters if text == queries[name].text else {}
bindings = {}
for var, default in params.items():
    value = st.text_input(f"Parameter ?{var}", value=str(default), key=f"sparql_param_{var}")
    bindings[var] = (
        rdflib.URIRef(value)
        if isinstance(default, rdflib.URIRef)
        else rdflib.Literal(value, datatype=default.datatype if isinstance(default, rdflib.Literal) else None)
    )

if st.button("Run", type="primary", key="sparql_run") or "sparql_result" not in st.session_state:
    try:
        with timed("sparql: run"):
            st.session_state["sparql_result"] = cg.query_service().run(text, bindings)
        st.session_state["sparql_error"] = None
    except (QuerySyntaxError, QueryRefused, QueryTimeout, QueryError) as err:
        st.session_state["sparql_result"] = None
        kind = {QuerySyntaxError: "Syntax error", QueryRefused: "Refused", QueryTimeout: "Stopped"}.get(
            type(err), "Failed"
        )
        st.session_state["sparql_error"] = f"{kind}: {err}"

if st.session_state.get("sparql_error"):
    st.error(st.session_state["sparql_error"])
result = st.session_state.get("sparql_result")
if result is not None:
    st.caption(
        f"{result.form} · {len(result.rows)} row(s) in {result.elapsed_ms:.0f} ms"
        + (" · truncated: more rows exist" if result.truncated else "")
    )
    if result.form == "ASK":
        st.markdown(f"**{'Yes' if result.boolean else 'No'}**")
    elif result.form == "SELECT":
        iris = set()
        table = []
        for row in result.rows:
            record = {}
            for var, value in zip(result.vars, row, strict=False):
                if isinstance(value, rdflib.URIRef):
                    iris.add(str(value))
                    record[var] = cg.label(str(value))
                    record[f"{var} (link)"] = str(value)
                else:
                    record[var] = None if value is None else str(value)
            table.append(record)
        links = {
            c: st.column_config.LinkColumn(c, display_text="open")
            for c in (table[0] if table else {})
            if c.endswith("(link)")
        }
        st.dataframe(table, hide_index=True, width="stretch", column_config=links)
        c1, c2, c3 = st.columns(3)
        c1.download_button(
            "Download CSV", result.serialize("csv"), file_name=f"{name}.csv", mime="text/csv", key="sparql_csv"
        )
        c2.download_button(
            "Download JSON",
            result.serialize("json"),
            file_name=f"{name}.json",
            mime="application/sparql-results+json",
            key="sparql_json",
        )
        view = full_view(
            tuple(
                sorted(
                    [
                        "education",
                        "program",
                        "certification",
                        "role",
                        "advancement",
                        "adjacent",
                        "organization",
                        "specialty",
                        "setting",
                        "skill",
                        "duty",
                    ]
                )
            )
        )
        drawable = iris & set(view.nodes)
        if drawable and c3.toggle(f"Draw these {len(drawable)} entities", key="sparql_draw"):
            sub = view.subgraph(drawable)
            legend(sorted({n.kind for n in sub.nodes.values()}))
            draw(sub, key="sparql_graph", layout="free", height=420)
    else:
        turtle = result.serialize("turtle").decode("utf-8")
        st.code(turtle, language="turtle")
        st.download_button("Download Turtle", turtle, file_name=f"{name}.ttl", key="sparql_ttl")
