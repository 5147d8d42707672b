"""Validate careerpath data against ``ontology/shapes.ttl`` with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass, field

import rdflib
from rdflib.namespace import RDF, SH

from careerpath import ontology

from .labels import label_of

__all__ = ["ValidationResult", "ValidationReport", "validate", "load_shapes"]


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


def validate(graph: rdflib.Graph, shapes: rdflib.Graph | None = None) -> ValidationReport:
    """Validate ``graph`` (ontology and data together) against the careerpath shapes.

    The ontology must be in ``graph``: SHACL finds instances of subclasses through the
    ``rdfs:subClassOf`` statements of the data graph.

    Examples
    --------
    One domain's files on their own (the whole shipped data takes pySHACL about 20 s; ``careerpath
    validate`` and ``CareerGraph.validate`` keep its report in the compiled cache):

    >>> from careerpath import ontology
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> names = ["sources", "kinds", "organizations", "education", "ekg-technician"]
    >>> validate(load_graph([ontology.DATA_DIR / f"{name}.ttl" for name in names])).conforms
    True
    """
    import pyshacl  # heavy: imported only when validating

    conforms, report_graph, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes if shapes is not None else load_shapes(),
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
