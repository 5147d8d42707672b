"""Labels for IRIs: what a person reads instead of an address."""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDFS, SKOS

from .rdf import short_id

__all__ = ["label_of", "short_id"]


def label_of(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    """Return the English label of ``node`` (or its local name when it has none).

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> label_of(load_graph(), rdflib.URIRef("https://w3id.org/careerpath/data/cert/cma"))
    'Certified Medical Assistant'
    """
    if isinstance(node, rdflib.Literal):
        return str(node)
    memo = getattr(graph, "label_memo", None)  # a GraphIndex keeps the labels it was asked for
    if memo is not None:
        label = memo.get(node)
        if label is None:
            label = memo[node] = _label(graph, node)
        return label
    return _label(graph, node)


def _label(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    best = None
    for prop in (RDFS.label, SKOS.prefLabel):
        for value in graph.objects(node, prop):
            if isinstance(value, rdflib.Literal) and value.language in ("en", None):
                if value.language == "en":
                    return str(value)
                best = best or str(value)
    return best or short_id(node)
