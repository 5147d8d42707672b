"""Data: counts, validation, sources, wage and outlook charts, downloads, the ontology."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

import rdflib
import streamlit as st
from rdflib.namespace import OWL, RDF, RDFS

from careerpath import ontology
from careerpath.app.shared import career_graph, timed
from careerpath.app.validation import validation_job
from careerpath.graph.loading.namespaces import CP
from careerpath.graph.presenting import provenance
from careerpath.graph.presenting.export import export
from careerpath.graph.presenting.pathway import KINDS, kind_of

cg = career_graph()
st.title("The data")


def download(fmt: str):
    """The export, made only when its button is clicked (three exports took ~3 s on a first visit)."""
    graph = cg.rdf
    return lambda: export(graph, fmt)


@st.cache_data
def counts() -> list[dict]:
    graph = career_graph().rdf
    found = Counter()
    for s in set(graph.subjects(RDF.type, None)):
        if str(s).startswith("https://w3id.org/careerpath/data/"):
            kind = kind_of(graph, s)
            found[KINDS[kind][0] if kind else label_of_type(graph, s)] += 1
    return [{"kind": k, "count": n} for k, n in found.most_common()]


def label_of_type(graph, s) -> str:
    """The most specific of ``s``'s types (its superclasses' types are in the graph too), by label."""
    types = set(graph.objects(s, RDF.type))
    specific = sorted(t for t in types if not any((u, RDFS.subClassOf, t) in graph for u in types - {t}))
    return cg.label(str(specific[0])) if specific else "other"


@st.fragment(run_every=1.0)
def _validation_pending() -> None:
    status, _ = validation_job().status()
    if status != "running":
        st.rerun()  # the whole page, now with the result
    st.metric("SHACL validation", "running…", help="Started when the app started; the result appears here.")


with timed("data: counts"):
    c1, c2, c3 = st.columns(3)
    c1.metric("Triples", f"{len(cg.rdf):,}")
    c2.metric("Entities", sum(r["count"] for r in counts()))
    status, report = validation_job().status()
    with c3:
        if status == "running":
            _validation_pending()
        else:
            st.metric("SHACL validation", status)
    if status in ("violations", "not run"):
        st.error(report)


@st.cache_data
def source_table() -> list[dict]:
    """Every source with its kind, date and fact count (graph.provenance), strongest first."""
    return [
        {k: v for k, v in asdict(s).items() if k not in ("id", "rank")}
        for s in provenance.list_sources(career_graph().rdf)
    ]


@st.cache_data
def fact_table(which: str, years: float = 0.0) -> list[dict]:
    """Facts resting only on weak sources, or whose newest source is older than ``years``, or undated."""
    graph = career_graph().rdf
    if which == "weak":
        facts = provenance.weak_facts(graph)
    elif which == "weak figures":  # a fee or duration weaker than the fact it belongs to
        return [
            {
                "figure": f"{name} of {f.label}",
                "kind of entity": ", ".join(f.types),
                "the fact itself": f.weight.note,
                "sources": "; ".join(f"{s.label} ({s.kind}, {s.date or 'undated'})" for s in f.sources),
                "id": f.id,
            }
            for f, name in provenance.weak_figures(graph, under_stronger=True)
        ]
    elif which == "older":
        facts = provenance.older_facts(graph, years)
    else:
        facts = provenance.undated_facts(graph)
    return [
        {
            "fact": f.label,
            "kind of entity": ", ".join(f.types),
            "weight": f.weight.note,
            "newest source": f.newest or "undated",
            "sources": "; ".join(f"{s.label} ({s.kind}, {s.date or 'undated'})" for s in f.sources),
            "id": f.id,
        }
        for f in facts
    ]


# Only the open tab runs (the first open computed all five: ~2 s more); the tab is kept in the URL (?tab=...).
tab_counts, tab_wages, tab_sources, tab_ontology, tab_downloads = st.tabs(
    ["Counts", "Wages and outlook", "Sources", "Ontology", "Downloads"],
    key="tab",
    on_change="rerun",
    bind="query-params",
)

if tab_counts.open:
    with tab_counts:
        st.dataframe(counts(), hide_index=True, width="stretch")


@st.cache_data
def curated_rows(name: str, occupation: str | None = None) -> list[tuple]:  # occupation binds ?occupation
    bindings = {"occupation": rdflib.URIRef(occupation)} if occupation else None
    return career_graph().query_service().run_curated(name, bindings).rows


@st.cache_data
def occupations_with_wages() -> dict[str, str]:
    found = {str(o) for o in cg.rdf.objects(None, CP.ofOccupation)}
    return dict(sorted(((o, cg.label(o)) for o in found), key=lambda kv: kv[1].lower()))


if tab_wages.open:
    with tab_wages:
        occupations = occupations_with_wages()
        ma = "https://w3id.org/careerpath/data/role/medical-assistant"
        occupation = st.selectbox(
            "Occupation",
            list(occupations),
            index=list(occupations).index(ma) if ma in occupations else 0,
            format_func=occupations.get,
            key="data_occupation",
        )
        whose = occupations[occupation]
        rows = curated_rows("wage-distribution", occupation)
        table = [
            {
                "date": str(d),
                "statistic": str(s),
                "per": str(p),
                "amount": float(a),
                "current": bool(c.toPython()),
                "source": str(src),
            }
            for d, s, p, a, c, src in rows
        ]
        annual = [r for r in table if r["per"] == "annual"]
        st.markdown(f"**{whose}s: annual wage by percentile, over time** (all work settings, US)")
        st.bar_chart(
            annual, x="statistic", y="amount", color="date", stack=False, x_label="statistic", y_label="USD a year"
        )
        # the curated question is about medical assistants (the only occupation with wages by setting)
        settings = curated_rows("wage-by-setting") if occupation == ma else []
        if settings:
            st.markdown(f"**{whose}s: median annual wage by work setting** (highest first, dated)")
            st.bar_chart(
                [{"setting": str(s), "amount": float(a), "date": str(d)} for s, a, _, d, _ in settings],
                x="setting",
                y="amount",
                color="date",
                stack=False,
                y_label="USD a year",
                horizontal=True,
            )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={"amount": st.column_config.NumberColumn(format="$%.2f")},
        )
        st.caption(f"Source of each figure in the table's last column; the figures are for {whose.lower()}s only.")
        outlook = curated_rows("outlook", occupation)
        st.markdown(f"**{whose}s: employment outlook**")
        st.dataframe(
            [
                {
                    "period": str(p),
                    "growth %": float(g),
                    "openings a year": int(o) if o is not None else None,
                    "description": str(d),
                    "current": bool(c.toPython()),
                }
                for p, g, o, d, c in outlook
            ],
            hide_index=True,
            width="stretch",
        )

if tab_sources.open:
    with tab_sources, timed("data: sources"):
        sources = source_table()
        st.caption(
            "Each source is weighed: **primary** (certifying body, regulator, government statistics), "
            "**secondary** (accreditor, college, established publisher) or **weak** (exam-prep site, forum, "
            "copy on an unrelated host, machine-written page). A fact weighs what its strongest source weighs. "
            "A copy of a primary page is cited as the original, with the copy under *read at*."
        )
        columns = st.columns(len(provenance.KINDS))
        for column, kind in zip(columns, provenance.KINDS, strict=True):
            column.metric(f"{kind.capitalize()} sources", sum(1 for s in sources if s["kind"] == kind))
        st.dataframe(
            sources,
            hide_index=True,
            width="stretch",
            column_config={
                "url": st.column_config.LinkColumn("url"),
                "read_at": st.column_config.LinkColumn("read at (a copy)"),
                "facts": st.column_config.NumberColumn("facts resting on it"),
            },
        )
        weak = fact_table("weak")
        st.markdown(f"**{len(weak)} fact(s) rest only on weak sources**")
        st.dataframe(weak, hide_index=True, width="stretch", key="data_weak_facts")
        figures = fact_table("weak figures")
        st.markdown(
            f"**{len(figures)} more figure(s) rest only on weak sources**, though the fact they belong to "
            "has a stronger source (a fee only exam-prep pages give, on a certification whose rules the "
            "certifying body states)"
        )
        st.dataframe(figures, hide_index=True, width="stretch", key="data_weak_figures")
        years = st.number_input(
            "Facts whose newest source is older than (years)", min_value=0.0, value=5.0, step=1.0, key="data_older_than"
        )
        older = fact_table("older", float(years))
        st.markdown(f"**{len(older)} fact(s) whose newest source is older than {years:g} year(s)**")
        st.dataframe(older, hide_index=True, width="stretch", key="data_older_facts")
        st.caption(
            f"{len(fact_table('undated'))} more fact(s) rest only on undated sources: their age is unknown, "
            "so they are counted as neither old nor new."
        )


@st.cache_data
def ontology_tables() -> tuple[str, list[dict], list[dict]]:
    onto = rdflib.Graph().parse(ontology.ONTOLOGY_FILE)
    version = str(onto.value(rdflib.URIRef("https://w3id.org/careerpath/ontology"), OWL.versionInfo))
    classes = [
        {
            "class": str(onto.value(c, RDFS.label)),
            "definition": str(onto.value(c, RDFS.comment)),
            "subclass of": ", ".join(onto.namespace_manager.normalizeUri(p) for p in onto.objects(c, RDFS.subClassOf)),
        }
        for c in onto.subjects(RDF.type, OWL.Class)
        if str(c).startswith(str(CP))
    ]
    props = []
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for p in onto.subjects(RDF.type, kind):
            dom, rng = onto.value(p, RDFS.domain), onto.value(p, RDFS.range)
            props.append(
                {
                    "property": str(onto.value(p, RDFS.label)),
                    "definition": str(onto.value(p, RDFS.comment)),
                    "domain": onto.namespace_manager.normalizeUri(dom)
                    if isinstance(dom, rdflib.URIRef)
                    else ("union" if dom else ""),
                    "range": onto.namespace_manager.normalizeUri(rng)
                    if isinstance(rng, rdflib.URIRef)
                    else ("union" if rng else ""),
                }
            )
    return version, sorted(classes, key=lambda r: r["class"]), props


if tab_ontology.open:
    with tab_ontology:
        version, classes, props = ontology_tables()
        st.caption(f"careerpath ontology, version {version}: `https://w3id.org/careerpath/ontology#`")
        st.markdown("**Classes**")
        st.dataframe(classes, hide_index=True, width="stretch")
        st.markdown("**Properties**")
        st.dataframe(sorted(props, key=lambda r: r["property"]), hide_index=True, width="stretch")

if tab_downloads.open:
    with tab_downloads:
        for fmt, name, mime in (
            ("turtle", "careerpath.ttl", "text/turtle"),
            ("json-ld", "careerpath.jsonld", "application/ld+json"),
            ("graphml", "careerpath.graphml", "application/xml"),
        ):
            st.download_button(
                f"Download {fmt}",
                download(fmt),
                file_name=name,
                mime=mime,
                key=f"data_download_{fmt}",
                on_click="ignore",
            )
