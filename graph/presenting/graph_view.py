"""The knowledge graph as the app draws it: typed nodes (``KINDS``: education, program,
certification, role...) and labelled edges, with a left-to-right column layout. Pure data (no
Streamlit); the pathway view (``pathway.py``) uses its kinds.

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> view = graph_view(CareerGraph.load())
>>> view.nodes["https://w3id.org/careerpath/data/cert/cma"].kind
'certification'
>>> "skill" in {n.kind for n in view.nodes.values()}
False
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import field

import rdflib
from rdflib.namespace import RDF, RDFS

from ..loading.labels import label_of
from ..loading.litegraph import ancestors
from ..loading.namespaces import CP
from ..records import record

__all__ = ["KINDS", "KIND_ORDER", "DETAIL_KINDS", "ViewNode", "ViewEdge", "GraphView", "graph_view", "kind_of"]

# kind -> (display name, colour, icon, pathway column); icons are Material icon names, so
# colour is never the only carrier of meaning.
KINDS: dict[str, tuple[str, str, str, int]] = {
    "education": ("Education", "#4e79a7", "description", 0),
    "program": ("Program", "#59a14f", "folder", 1),
    "certification": ("Certification", "#e15759", "badge", 2),
    "role": ("Role", "#f28e2b", "person", 3),
    "advancement": ("Advancement role", "#b07aa1", "analytics", 4),
    "adjacent": ("Adjacent role", "#9c755f", "group", 4),
    "organization": ("Organization", "#76b7b2", "account_balance", 5),
    "specialty": ("Specialty", "#edc948", "medical_services", 5),
    "setting": ("Work setting", "#ff9da7", "business", 6),
    "skill": ("Skill", "#bab0ac", "science", 7),
    "duty": ("Duty", "#8cd17d", "flag", 7),
}
KIND_ORDER = list(KINDS)
DETAIL_KINDS = {"skill", "duty"}  # collapsed until asked for

_CLASS_KIND = [
    (CP.AdvancementRole, "advancement"),
    (CP.AdjacentRole, "adjacent"),
    (CP.Role, "role"),
    (CP.Certification, "certification"),
    (CP.EducationProgram, "program"),
    (CP.AnyOf, "education"),
    (CP.Credential, "education"),
    (CP.Organization, "organization"),
    (CP.Specialty, "specialty"),
    (CP.WorkSetting, "setting"),
    (CP.Skill, "skill"),
    (CP.Duty, "duty"),
]


@record
class ViewNode:
    id: str
    label: str
    kind: str


@record
class ViewEdge:
    source: str
    target: str
    label: str


@record(frozen=False)
class GraphView:
    """Nodes by id and edges; ``neighbours`` by node."""

    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: list[ViewEdge] = field(default_factory=list)

    def neighbours(self, node: str) -> set[str]:
        return {e.target for e in self.edges if e.source == node} | {e.source for e in self.edges if e.target == node}

    def subgraph(self, keep: Iterable[str]) -> GraphView:
        keep = set(keep) & set(self.nodes)
        return GraphView(
            nodes={k: v for k, v in self.nodes.items() if k in keep},
            edges=[e for e in self.edges if e.source in keep and e.target in keep],
        )

    def positions(self) -> dict[str, tuple[float, float]]:
        """The pathway layout: one column per kind, left to right (education -> programs ->
        certifications -> roles -> advancement roles, then the rest), sorted by label."""
        columns: dict[int, list[ViewNode]] = defaultdict(list)
        for node in self.nodes.values():
            columns[KINDS[node.kind][3]].append(node)
        out = {}
        for column, nodes in columns.items():
            nodes.sort(key=lambda n: n.label)
            top = -(len(nodes) - 1) * 32 / 2
            for i, node in enumerate(nodes):
                out[node.id] = (column * 260.0, top + i * 32.0)
        return out


def _supers(graph: rdflib.Graph) -> dict:
    supers: dict = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        supers[sub].add(sup)
    return supers


def kind_of(graph: rdflib.Graph, node: rdflib.term.Node, supers: dict | None = None) -> str | None:
    """The display kind of an entity (education, program, certification, role...), or None."""
    supers = supers if supers is not None else _supers(graph)
    classes = ancestors(graph.objects(node, RDF.type), supers)
    for cls, kind in _CLASS_KIND:
        if cls in classes:
            return kind
    return None


def graph_view(cg, kinds: Iterable[str] | None = None) -> GraphView:
    """The knowledge graph as the app draws it, restricted to ``kinds`` (default: all but
    skills and duties, which stay collapsed until asked for).

    Edges: requirements to what a step or eligibility route achieves (labelled with the
    step), certification -> administering body, program -> accreditor, role -> specialty,
    specialty role -> the role it specialises, role -> work setting, role -> skill / duty.
    """
    graph = cg.rdf
    wanted = set(kinds) if kinds is not None else set(KINDS) - DETAIL_KINDS
    supers = _supers(graph)
    view = GraphView()
    for subject in set(graph.subjects(RDF.type, None)):
        if not isinstance(subject, rdflib.URIRef) or not str(subject).startswith("https://w3id.org/careerpath/data/"):
            continue
        kind = kind_of(graph, subject, supers)
        if kind in wanted:
            view.nodes[str(subject)] = ViewNode(str(subject), label_of(graph, subject), kind)
    # An any-of group ("accredited program") is drawn as the kind of its members.
    for group, members in cg.projection.groups.items():
        if group in view.nodes and (rdflib.URIRef(group), RDF.type, CP.AnyOf) in graph:
            member_kinds = sorted(k for m in members if (k := kind_of(graph, rdflib.URIRef(m), supers)))
            if member_kinds:
                node = view.nodes[group]
                view.nodes[group] = ViewNode(node.id, node.label, max(set(member_kinds), key=member_kinds.count))
    seen = set()

    def edge(source: str, target: str, label: str) -> None:
        if source in view.nodes and target in view.nodes and source != target and (source, target) not in seen:
            seen.add((source, target))
            view.edges.append(ViewEdge(source, target, label))

    for step in cg.projection.steps.values():
        if step.kind == "work":
            continue
        for req in step.requires:
            target = step.achieves
            sources = [req] if req in view.nodes else sorted(cg.projection.groups.get(req, ()))
            for source in sources:
                edge(source, target, step.label)
    for group, members in cg.projection.groups.items():
        for member in members:
            edge(member, group, "counts as")
    links = [
        (CP.administeredBy, "administered by"),
        (CP.accreditedBy, "accredited by"),
        (CP.inSpecialty, "in specialty"),
        (CP.specializes, "specializes"),
        (CP.requiresSkill, "requires skill"),
        (CP.hasDuty, "has duty"),
    ]
    for prop, label in links:
        for s, o in graph.subject_objects(prop):
            edge(str(s), str(o), label)
    for share in graph.subjects(RDF.type, CP.EmploymentShare):
        role, setting = graph.value(share, CP.ofOccupation), graph.value(share, CP.inSetting)
        if role is not None and setting is not None:
            edge(str(role), str(setting), "employs in")
    return view
