"""SPARQL: the curated questions, an editor, results with labels and links, downloads."""

from __future__ import annotations

import rdflib
import streamlit as st
from rdflib.namespace import XSD

from careerpath.app.shared import career_graph, draw, full_view, legend, plain, query_name, timed
from careerpath.app.url_params import shorten
from careerpath.graph.errors import UnknownNameError
from careerpath.graph.loading.rdf import PREFIXES
from careerpath.graph.querying import QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, curated_queries

cg = career_graph()
queries = {q.name: q for q in curated_queries()}
_NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.double), str(XSD.float), str(XSD.int)}


def parameter_term(cg, value: str, default) -> tuple[rdflib.term.Node | None, str | None]:
    """The RDF term a parameter field means, or a message: an IRI parameter takes an IRI,
    ``<IRI>``, a prefixed name (``cert:ncma``) or a name careerpath knows (``NCMA``)."""
    text = value.strip()
    if not isinstance(default, rdflib.URIRef):
        datatype = default.datatype if isinstance(default, rdflib.Literal) else None
        if datatype is not None and str(datatype) in _NUMERIC:
            try:
                float(text)
            except ValueError:
                return None, f"'{shorten(text)}' is not a number."
        return rdflib.Literal(text, datatype=datatype), None
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if text.startswith(("http://", "https://", "urn:")):
        return rdflib.URIRef(text), None
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in text:
        return rdflib.URIRef(PREFIXES[prefix] + local), None
    try:
        return rdflib.URIRef(cg.resolve(text)), None
    except UnknownNameError as err:
        closest = ", ".join(label for _, label in err.matches[:5])
        return None, f"couldn't find '{shorten(text)}'." + (f" Closest: {closest}." if closest else "")


st.title("Query with SPARQL")
st.caption(
    "Read-only, no network access, stopped after 10 seconds. Prefixes such as cp:, rdfs:, cert: are predeclared."
)

asked = st.query_params.get("q")
if asked and asked not in queries:
    st.warning(plain(f"There is no curated question called '{shorten(asked)}'; showing the first one."))
name = st.selectbox(
    "Curated question",
    list(queries),
    key="sparql_question",
    index=list(queries).index(asked) if asked in queries else 0,
    format_func=lambda n: queries[n].question or queries[n].title,
)
question_changed = st.session_state.get("sparql_loaded") != name
if question_changed:  # a new question: its own text, parameters and results (never the last question's)
    st.session_state["sparql_text"] = queries[name].text
    st.session_state["sparql_loaded"] = name
    st.session_state.pop("sparql_result", None)
    st.session_state["sparql_error"] = None
    for key in [k for k in st.session_state if str(k).startswith("sparql_param_")]:
        del st.session_state[key]
st.query_params["q"] = name
text = st.text_area("Query", key="sparql_text", height=260)
params = queries[name].parameters if text == queries[name].text else {}
bindings = {}
problems = []
for var, default in params.items():
    value = st.text_input(
        f"Parameter ?{var}",
        value=str(default),
        key=f"sparql_param_{var}",
        help="An IRI, a prefixed name (cert:ncma) or a name (NCMA)" if isinstance(default, rdflib.URIRef) else None,
    )
    term, problem = parameter_term(cg, value, default)
    if problem:
        problems.append(f"Parameter ?{var}: {problem}")
    else:
        bindings[var] = term
for problem in problems:
    st.error(plain(problem))

signature = (text, tuple(sorted((v, t.n3()) for v, t in bindings.items())))
ran = st.session_state.get("sparql_ran")
clicked = st.button("Run", type="primary", key="sparql_run")
stale_params = ran is not None and ran[0] == text and ran[1] != signature[1]  # new parameter values: run again
if not problems and (clicked or "sparql_result" not in st.session_state or stale_params):
    try:
        with timed("sparql: run"):
            st.session_state["sparql_result"] = cg.query_service().run(text, bindings)
        st.session_state["sparql_error"] = None
        st.session_state["sparql_ran"] = signature
    except (QuerySyntaxError, QueryRefused, QueryTimeout, QueryError) as err:
        st.session_state["sparql_result"] = None
        kinds = {QuerySyntaxError: "Syntax error", QueryRefused: "Refused", QueryTimeout: "Stopped"}
        kind = next((k for cls, k in kinds.items() if isinstance(err, cls)), "Failed")  # QueryTooComplex: Refused
        st.session_state["sparql_error"] = f"{kind}: {err}"

if st.session_state.get("sparql_error"):
    st.error(plain(st.session_state["sparql_error"]))
result = None if problems else st.session_state.get("sparql_result")
if result is not None and st.session_state.get("sparql_ran", signature)[0] != text:
    st.caption("The query text changed: these are the results of the previous text. Press Run.")
if result is not None and result.form == "SELECT" and not result.rows and bindings:
    st.info(
        "No rows. The parameters were: "
        + "; ".join(
            f"?{v} = {plain(cg.label(str(t)) if isinstance(t, rdflib.URIRef) else t)}" for v, t in bindings.items()
        )
        + ". Check that each names what the question expects."
    )
ran_text = st.session_state.get("sparql_ran", signature)[0]
stem = name if ran_text == queries[name].text else query_name(ran_text)  # a hand-written query: named after it
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
            "Download CSV",
            result.serialize("csv"),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key="sparql_csv",
            on_click="ignore",
        )
        c2.download_button(
            "Download JSON",
            result.serialize("json"),
            file_name=f"{stem}.json",
            mime="application/sparql-results+json",
            key="sparql_json",
            on_click="ignore",
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
            st.caption(
                f"A drawing of the {len(drawable)} entities the table above names, and the links between them "
                "(the table is its text version)."
            )
            draw(sub, key="sparql_graph", layout="free", height=420)
    else:
        turtle = result.serialize("turtle").decode("utf-8")
        st.code(turtle, language="turtle")
        st.download_button("Download Turtle", turtle, file_name=f"{stem}.ttl", key="sparql_ttl", on_click="ignore")
