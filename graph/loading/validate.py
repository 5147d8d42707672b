"""Validate careerpath data against ``ontology/shapes.ttl`` with pySHACL."""

from __future__ import annotations

import re
from dataclasses import field

import rdflib
from rdflib.namespace import RDF, SH, XSD

from careerpath import ontology

from ..records import record
from .labels import label_of

__all__ = ["ValidationResult", "ValidationReport", "validate", "load_shapes"]


@record
class ValidationResult:
    """One problem found by a shape, in plain words."""

    focus: str
    focus_label: str
    path: str | None
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.severity}: {self.focus_label} <{self.focus}>{where}: {self.message}"


@record
class ValidationReport:
    """What ``validate`` found: ``conforms`` and the results, one per problem."""

    conforms: bool
    results: tuple[ValidationResult, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """The report in plain words, one problem a line."""
        if self.conforms:
            return "The data conforms to the careerpath shapes."
        lines = [f"The data breaks the careerpath shapes in {len(self.results)} place(s):"]
        lines += [f"  - {r}" for r in self.results]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


def load_shapes() -> rdflib.Graph:
    """The shapes graph of ``ontology/shapes.ttl``."""
    return rdflib.Graph().parse(ontology.SHAPES_FILE, format="turtle")


# The one SPARQL target of the shapes (numbers written as text), as written there: a scan of every
# triple whose value is a plain string, outside a list of properties, matching a pattern.
_NUMBER_TARGET = re.compile(
    r"SELECT DISTINCT \?this WHERE \{ \?this \?path \?value \. "
    r"FILTER \(isLiteral\(\?value\) && datatype\(\?value\) = xsd:string\) "
    r"FILTER \(\?path NOT IN \((?P<names>[\w:, ]+)\)\) "
    r'FILTER \(REGEX\(STR\(\?value\), "(?P<pattern>(?:[^"\\]|\\.)*)"\)\) \}'
)


def _prefixes(shapes: rdflib.Graph) -> dict[str, str]:
    return {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace)) for d in shapes.objects(None, SH.declare)
    }


def targets_found_here(graph: rdflib.Graph, shapes: rdflib.Graph) -> rdflib.Graph:
    """``shapes`` with each SPARQL target written as the number-as-text target is (``_NUMBER_TARGET``)
    replaced by the focus nodes it selects in ``graph``, found in Python: the same nodes (the same
    tests as rdflib's SPARQL: a literal with no language and no datatype or ``xsd:string``, its
    property outside the list, ``re.search`` of the pattern), in a single pass over the triples
    instead of rdflib's SPARQL engine filtering every triple (two thirds of pySHACL's time over
    the shipped data). A target written otherwise is left to pySHACL.

    Examples
    --------
    >>> data = rdflib.Graph().parse(data='''@prefix cp: <https://w3id.org/careerpath/ontology#> .
    ...     <urn:a> cp:feeUsd "35,850" . <urn:b> cp:feeUsd 35850 . <urn:c> cp:abbreviation "12" .''', format="turtle")
    >>> shapes = targets_found_here(data, load_shapes())
    >>> sorted(str(n) for n in shapes.objects(None, SH.targetNode))
    ['urn:a']
    """
    out = None
    for shape, target in list(shapes.subject_objects(SH.target)):
        if (target, RDF.type, SH.SPARQLTarget) not in shapes:
            continue
        found = _NUMBER_TARGET.fullmatch(" ".join(str(shapes.value(target, SH.select)).split()))
        prefixes = _prefixes(shapes)
        names = [n.strip().split(":", 1) for n in found.group("names").split(",")] if found else []
        if not found or any(len(n) != 2 or n[0] not in prefixes for n in names):
            continue
        excluded = {rdflib.URIRef(prefixes[p] + local) for p, local in names}
        pattern = re.compile(re.sub(r"\\(.)", r"\1", found.group("pattern")))  # the SPARQL string's escapes
        nodes = {
            s
            for s, p, o in graph.triples((None, None, None))
            if isinstance(o, rdflib.Literal)
            and not o.language
            and o.datatype in (None, XSD.string)
            and p not in excluded
            and pattern.search(str(o))
        }
        if out is None:
            out = rdflib.Graph()
            for triple in shapes:
                out.add(triple)
            out.namespace_manager = shapes.namespace_manager
        out.remove((shape, SH.target, target))
        out.remove((target, None, None))
        for node in nodes:
            out.add((shape, SH.targetNode, node))
    return shapes if out is None else out


def validate(graph: rdflib.Graph, shapes: rdflib.Graph | None = None) -> ValidationReport:
    """Validate ``graph`` (ontology and data together) against the careerpath shapes.

    The ontology must be in ``graph``: SHACL finds instances of subclasses through the
    ``rdfs:subClassOf`` statements of the data graph.

    Examples
    --------
    One domain's files on their own (the whole shipped data takes pySHACL about 2.5 s; ``careerpath
    validate`` and ``CareerGraph.validate`` keep its report in the compiled cache):

    >>> from careerpath import ontology
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> names = ["sources", "kinds", "organizations", "education", "ekg-technician"]
    >>> validate(load_graph([ontology.DATA_DIR / f"{name}.ttl" for name in names])).conforms
    True
    """
    import pyshacl  # heavy: imported only when validating

    shapes = targets_found_here(graph, shapes if shapes is not None else load_shapes())
    conforms, report_graph, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        advanced=True,
        allow_warnings=True,
    )
    results = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        path = report_graph.value(result, SH.resultPath)
        message = report_graph.value(result, SH.resultMessage)
        severity = report_graph.value(result, SH.resultSeverity)
        path_text = None
        if isinstance(path, rdflib.URIRef):
            path_text = graph.namespace_manager.normalizeUri(path)
        elif path is not None:
            path_text = "inverse path"
        results.append(
            ValidationResult(
                focus=str(focus),
                focus_label=label_of(graph, focus) if isinstance(focus, rdflib.URIRef) else str(focus),
                path=path_text,
                message=str(message) if message is not None else "breaks a shape",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            )
        )
    results.sort(key=lambda r: (r.focus, r.path or "", r.message))
    return ValidationReport(conforms=bool(conforms), results=tuple(results))
