"""Describe one entity: its types, every fact with units, linked entities by label, sources."""

from __future__ import annotations

import datetime
from dataclasses import asdict, field
from decimal import Decimal

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..loading.labels import label_of
from ..loading.namespaces import CP
from ..loading.sources import SourceRef, source_ref, sources_of
from ..records import record
from .provenance import Weight, entity_weight, figure_weights

__all__ = ["Fact", "SourceRef", "Description", "describe", "format_value", "shown_table", "sources_of", "source_ref"]

DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")

_MONEY = {CP.costUSD, CP.feeUSD, CP.memberFeeUSD, CP.renewalFeeUSD, CP.amountUSD}
_UNITS = {
    CP.durationMonths: "months",
    CP.renewalPeriodMonths: "months",
    CP.withinMonths: "months",
    CP.minimumYears: "years",
    CP.withinYears: "years",
    CP.minimumHours: "hours",
    CP.minimumProgramHours: "hours",
    CP.externshipHours: "hours",
    CP.shiftHours: "hours",
    CP.questionCount: "questions",
    CP.scoredQuestionCount: "scored questions",
    CP.openingsPerYear: "openings a year",
    CP.employmentAtStart: "jobs",
    CP.employmentAtEnd: "jobs",
    CP.continuingEducationUnits: "units",  # named by the entity's cp:continuingEducationKind where it has one
}
_PERCENT = {CP.sharePercent, CP.growthPercent}
_SKIP = {RDFS.label, CP.source, RDF.type}


@record
class Fact:
    """One fact: a property and its value as a person reads it (units included)."""

    property: str
    value: str
    property_id: str = ""
    value_id: str | None = None


@record
class Description:
    """Everything careerpath knows about one entity."""

    id: str
    label: str
    types: list[str]
    facts: list[Fact]
    sources: list[SourceRef]
    linked_from: list[Fact] = field(default_factory=list)
    estimate: bool = False
    weight: Weight | None = None
    figure_weights: dict[str, Weight] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The ``careerpath show --json`` shape: id, label, types, facts, sources (plus extras).

        Extras: ``linked_from``, ``estimate``, ``weight`` (``{"kind", "note"}``: the kind of
        the strongest own source, and a sentence such as "rests only on weak sources") and
        ``figure_weights`` (``{"cost": {"kind", "note"}, ...}``: each figure with its own source,
        weighed by that source alone).
        """
        return {
            "id": self.id,
            "label": self.label,
            "types": self.types,
            "facts": [{"property": f.property, "value": f.value} for f in self.facts],
            "sources": [asdict(s) for s in self.sources],
            "linked_from": [{"property": f.property, "value": f.value, "id": f.value_id} for f in self.linked_from],
            "estimate": self.estimate,
            "weight": {"kind": self.weight.kind, "note": self.weight.note} if self.weight else None,
            "figure_weights": {k: {"kind": w.kind, "note": w.note} for k, w in self.figure_weights.items()},
        }


def _number(value: object) -> str:
    if isinstance(value, (int,)) or (isinstance(value, (float, Decimal)) and value == int(value)):
        return f"{int(value):,}"
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


def format_value(graph: rdflib.Graph, prop: rdflib.term.Node, value: rdflib.term.Node) -> str:
    """Render ``value`` of ``prop`` for a person: labels for IRIs, units for numbers.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> g = load_graph()
    >>> format_value(g, CP.costUSD, rdflib.Literal(Decimal("125.0")))
    '$125'
    >>> format_value(g, CP.examDuration, rdflib.Literal("PT2H40M", datatype=XSD.duration))
    '2 h 40 min'
    """
    if isinstance(value, rdflib.URIRef):
        return label_of(graph, value)
    if not isinstance(value, rdflib.Literal):
        return str(value)
    py = value.toPython()
    if prop in _MONEY and isinstance(py, (int, float, Decimal)):
        return f"${_number(py)}"
    if prop in _PERCENT and isinstance(py, (int, float, Decimal)):
        return f"{_number(py)}%"
    if prop in _UNITS and isinstance(py, (int, float, Decimal)):
        return f"{_number(py)} {_UNITS[prop]}"
    if value.datatype == XSD.duration:
        if not isinstance(py, datetime.timedelta):
            return str(value)
        seconds = int(py.total_seconds())
        hours, minutes = divmod(seconds // 60, 60)
        return " ".join(p for p in (f"{hours} h" if hours else "", f"{minutes} min" if minutes else "") if p) or "0 min"
    if isinstance(py, bool):
        return "yes" if py else "no"
    if isinstance(py, (int, float, Decimal)) and value.datatype in (XSD.integer, XSD.decimal, XSD.double, XSD.float):
        return _number(py)
    return str(value)


def _property_label(graph: rdflib.Graph, prop: rdflib.term.Node) -> str:
    if prop == SKOS.altLabel:
        return "also called"
    if prop == RDFS.comment:
        return "description"
    return label_of(graph, prop)


def describe(graph: rdflib.Graph, iri: str) -> Description:
    """Describe the entity ``iri``: types, facts with units, links by label, sources.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> d = describe(load_graph(), "https://w3id.org/careerpath/data/cert/cma")
    >>> d.label, "Certification" in d.types
    ('Certified Medical Assistant', True)
    >>> any(f.property == "fee (USD)" and f.value == "$125" for f in d.facts)
    True
    """
    node = rdflib.URIRef(iri)
    types = sorted({label_of(graph, t) for t in graph.objects(node, RDF.type)})
    facts = []
    for prop, value in sorted(graph.predicate_objects(node), key=lambda pv: (str(pv[0]), str(pv[1]))):
        if prop in _SKIP:
            continue
        text = format_value(graph, prop, value)
        kind = graph.value(node, CP.continuingEducationKind) if prop == CP.continuingEducationUnits else None
        if kind is not None:  # "10 credits", "36 CEUs", "30 contact hours": the body's own word
            text = f"{_number(value.toPython())} {kind}"
        facts.append(
            Fact(
                property=_property_label(graph, prop),
                value=text,
                property_id=str(prop),
                value_id=str(value) if isinstance(value, rdflib.URIRef) else None,
            )
        )
    linked = []
    for subj, prop in sorted(graph.subject_predicates(node), key=lambda sp: (str(sp[1]), str(sp[0]))):
        if prop in _SKIP or not isinstance(subj, rdflib.URIRef):
            continue
        linked.append(
            Fact(
                property=f"{_property_label(graph, prop)} (from)",
                value=label_of(graph, subj),
                property_id=str(prop),
                value_id=str(subj),
            )
        )
    estimate = bool(graph.value(node, CP.isEstimate))
    return Description(
        id=iri,
        label=label_of(graph, node),
        types=types,
        facts=facts,
        sources=sources_of(graph, node),
        linked_from=linked,
        estimate=estimate,
        weight=entity_weight(graph, iri),
        figure_weights=figure_weights(graph, iri),
    )


def shown_table(cg) -> dict[str, dict]:
    """What ``careerpath show`` prints, for every entity that has a name: ``{"description":
    describe(...).to_json(), "disagreements": [...]}`` by IRI (``CareerGraph.disagreements``'s
    shape). Built once from the parsed graph through a ``GraphIndex`` (a few seconds for the
    atlas, where describing each through rdflib's store took ten times as long) and kept in the
    compiled cache, so that a warm ``show`` reads one row and parses no Turtle.
    """
    from ..loading.rdf import GraphIndex
    from ..loading.sources import disagreements

    index = GraphIndex(cg.rdf)
    refs: dict[str, dict] = {}

    def source_refs(iris) -> list[dict]:
        out = []
        for iri in iris:
            if iri not in refs:
                refs[iri] = source_ref(index, iri)
            out.append(dict(refs[iri]))
        return out

    return {
        iri: {"description": describe(index, iri).to_json(), "disagreements": disagreements(index, iri, source_refs)}
        for iri in cg.names.types
    }
