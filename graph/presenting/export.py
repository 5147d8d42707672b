"""Export the graph as Turtle, JSON-LD or GraphML."""

from __future__ import annotations

import networkx as nx
import rdflib
from rdflib.namespace import RDF, RDFS

from ..loading.labels import label_of

__all__ = ["FORMATS", "export", "to_networkx"]

FORMATS = ("turtle", "json-ld", "graphml")


def to_networkx(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """Entities as nodes (label, types, literal facts) and links as edges (keyed by property).

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> g = to_networkx(load_graph())
    >>> g.nodes["https://w3id.org/careerpath/data/cert/cma"]["label"]
    'Certified Medical Assistant'
    """
    out = nx.MultiDiGraph()
    for s in set(graph.subjects()):
        if not isinstance(s, rdflib.URIRef):
            continue
        types = sorted(label_of(graph, t) for t in graph.objects(s, RDF.type))
        out.add_node(str(s), label=label_of(graph, s), types="; ".join(types))
    for s, p, o in graph:
        if not isinstance(s, rdflib.URIRef) or p == RDF.type:
            continue
        if isinstance(o, rdflib.URIRef):
            if str(o) not in out:
                out.add_node(str(o), label=label_of(graph, o), types="")
            out.add_edge(str(s), str(o), key=str(p), property=str(p), label=label_of(graph, p))
        elif isinstance(o, rdflib.Literal) and p != RDFS.label:
            name = graph.namespace_manager.normalizeUri(p).replace(":", "_")
            node = out.nodes[str(s)]
            node[name] = f"{node[name]} | {o}" if name in node else str(o)
    return out


def export(graph: rdflib.Graph, fmt: str) -> str:
    """Serialise ``graph`` as ``turtle``, ``json-ld`` or ``graphml``.

    Raises
    ------
    ValueError
        For an unknown format.
    """
    if fmt == "turtle":
        return graph.serialize(format="longturtle")
    if fmt == "json-ld":
        return graph.serialize(format="json-ld", auto_compact=True)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(to_networkx(graph), named_key_ids=True)) + "\n"
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
