"""Sources as the data declares them: which properties cite a source, and a source's title,
address, publisher, date, kind (its evidence level) and the copy it was read in.

Loading-level knowledge shared by the planner's projection, the compiled cache and the
presenting layer, which weighs sources (``presenting.provenance``) and describes entities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict

import rdflib
from rdflib.namespace import DCTERMS, RDFS

from ..records import record
from .labels import label_of
from .namespaces import CP, SCHEMA

__all__ = ["SourceRef", "disagreements", "read_source", "source_properties", "source_ref", "sources_of"]


@record
class SourceRef:
    """Where a fact comes from."""

    id: str
    label: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    evidence: str | None = None
    read_at: str | None = None


def source_properties(graph: rdflib.Graph) -> set[rdflib.term.Node]:
    """``cp:source`` and its sub-properties in ``graph`` (``cp:costSource``, ``cp:durationSource``...).

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> CP.costSource in source_properties(load_graph())
    True
    """
    return set(graph.transitive_subjects(RDFS.subPropertyOf, CP.source)) | {CP.source}


def read_source(graph: rdflib.Graph, src: rdflib.term.Node) -> SourceRef:
    url = graph.value(src, SCHEMA.url)
    date = graph.value(src, DCTERMS.date) or graph.value(src, CP.dateNote)
    evidence = graph.value(src, CP.evidenceLevel)
    publisher = graph.value(src, DCTERMS.publisher)
    read_at = graph.value(src, CP.readAt)
    return SourceRef(
        id=str(src),
        label=label_of(graph, src),
        url=str(url) if url else None,
        publisher=str(publisher) if publisher else None,
        date=str(date) if date else None,
        evidence=label_of(graph, evidence) if evidence else None,
        read_at=str(read_at) if read_at else None,
    )


def sources_of(graph: rdflib.Graph, node: rdflib.term.Node) -> list[SourceRef]:
    """The sources of ``node`` (``cp:source`` and its sub-properties such as ``cp:costSource``),
    with title, address, publisher, date, evidence level and the copy they were read at."""
    found = {src for prop in source_properties(graph) for src in graph.objects(node, prop)}
    return [read_source(graph, src) for src in sorted(found, key=str)]


def source_ref(graph: rdflib.Graph, iri: str) -> dict:
    """One source as a dict: id, label, url, publisher, date, evidence, read_at.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> source_ref(load_graph(), "https://w3id.org/careerpath/data/source/bls-ooh-2025")["evidence"]
    'primary'
    """
    return asdict(read_source(graph, rdflib.URIRef(iri)))


def disagreements(
    graph: rdflib.Graph, iri: str, refs: Callable[[Iterable[str]], list[dict]] | None = None
) -> list[dict]:
    """Disagreements concerning ``iri``: each with its claims (who says what, and whether it is
    the current one, with its sources as ``source_ref`` dicts) and careerpath's resolution.
    ``refs`` turns source IRIs into those dicts where the caller has them already.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> found = disagreements(load_graph(), "https://w3id.org/careerpath/data/route/rma-experience")
    >>> any(claim["current"] for d in found for claim in d["claims"])
    True
    """
    refs = refs or (lambda iris: [source_ref(graph, i) for i in iris])
    node = rdflib.URIRef(iri)
    out = []
    for dis in sorted(graph.subjects(CP.concerns, node), key=str):
        claims = []
        for claim in sorted(graph.objects(dis, CP.hasClaim), key=str):
            sources = refs(str(s) for s in graph.objects(claim, CP.source))
            who = "; ".join(
                f"{(s['publisher'] or s['label']).split(' (')[0]} ({s['date'] or 'undated'})" for s in sources
            )
            text = graph.value(claim, CP.claimText) or label_of(graph, claim)
            claims.append(
                {
                    "id": str(claim),
                    "label": label_of(graph, claim),
                    "says": f"{who} says: {text}",
                    "current": bool(graph.value(claim, CP.isCurrent)),
                    "sources": sources,
                }
            )
        resolution = graph.value(dis, CP.resolution)
        out.append(
            {"id": str(dis), "label": label_of(graph, dis), "claims": claims, "resolution": str(resolution or "")}
        )
    return out
