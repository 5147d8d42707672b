"""What the app draws: the knowledge graph as typed nodes and labelled edges, with a
left-to-right pathway layout (``graph_view``), and one milestone's pathway as boxes in
labelled columns with "all of" and "one of" junctions, laid out without overlaps
(``pathway``). Pure data (no Streamlit); ``app/`` turns it into a picture.

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
from dataclasses import dataclass, field

import rdflib
from rdflib.namespace import RDF, RDFS

from ..loading.closure import ancestors
from ..loading.labels import label_of
from ..loading.namespaces import CP

__all__ = [
    "KINDS",
    "KIND_ORDER",
    "ViewNode",
    "ViewEdge",
    "GraphView",
    "graph_view",
    "kind_of",
    "PATHWAY_COLUMNS",
    "PathwayNode",
    "Pathway",
    "pathway",
    "box_height",
]

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


@dataclass(frozen=True)
class ViewNode:
    id: str
    label: str
    kind: str


@dataclass(frozen=True)
class ViewEdge:
    source: str
    target: str
    label: str


@dataclass
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
        if group in view.nodes and graph.value(rdflib.URIRef(group), RDF.type) == CP.AnyOf:
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


# --- The pathway view: one milestone, what leads into it and where it leads -------------

#: The pathway's columns, left to right: (kind, heading). Advancement and adjacent roles
#: share the last column.
PATHWAY_COLUMNS: list[tuple[str, str]] = [
    ("education", "Education"),
    ("program", "Programs"),
    ("certification", "Certifications"),
    ("role", "Roles"),
    ("advancement", "Advancement"),
]
_COLUMN_OF = {"education": 0, "program": 1, "certification": 2, "role": 3, "experience": 3, "advancement": 4}
_COLUMN_OF["adjacent"] = 4

#: Box geometry of the pathway layout, in CSS pixels at zoom 1 (the drawing's opening zoom
#: never goes below ``12 / FONT_PX``, so every label is at least 12 px on screen).
FONT_PX = 15
LINE_PX = 20  # line height
BOX_W = 200  # milestone boxes
JUNCTION_W = 170  # "all of" steps and "one of" groups
PAD_X, PAD_Y = 10, 8
GAP_Y = 22  # vertical space between boxes of one column
GAP_X = 28  # space between a column of boxes and its junction lane
TOP = 60  # room for the column headings


@dataclass(frozen=True)
class PathwayNode:
    """A box of the pathway view.

    ``kind`` is a milestone kind (see ``KINDS``), ``"experience"`` (years in a role),
    ``"all-of"`` (a step: every requirement is needed) or ``"one-of"`` (a group: any member
    counts). ``lines`` is the text drawn in the box, first line the name; ``x, y`` is its top
    left corner and ``width, height`` its size (estimated for the fonts above, on the high side).
    """

    id: str
    label: str
    kind: str
    lines: tuple[str, ...]
    x: float
    y: float
    width: float
    height: float

    @property
    def junction(self) -> bool:
        return self.kind in ("all-of", "one-of")


@dataclass(frozen=True)
class Pathway:
    """One milestone's pathway: nodes by id, edges ``(source, target)``, and column headings
    ``(title, x)`` for the columns that hold boxes."""

    focus: str
    nodes: dict[str, PathwayNode]
    edges: list[tuple[str, str]]
    headings: list[tuple[str, float]]

    @property
    def width(self) -> float:
        return max((n.x + n.width for n in self.nodes.values()), default=0.0)

    def overlaps(self) -> list[tuple[str, str]]:
        """Pairs of boxes that overlap in the layout (empty when the layout is sound)."""
        boxes = sorted(self.nodes.values(), key=lambda n: n.x)
        out = []
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                if b.x >= a.x + a.width:
                    break
                if a.y < b.y + b.height and b.y < a.y + a.height:
                    out.append((a.id, b.id))
        return out


def _wrap(text: str, width_px: float) -> list[str]:
    """Greedy word wrap for a box ``width_px`` wide, assuming wide characters (0.6 em)."""
    per_line = max(8, int(width_px / (FONT_PX * 0.6)))
    lines: list[str] = []
    for word in text.split():
        while len(word) > per_line:
            lines.append(word[:per_line])
            word = word[per_line:]
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def box_height(lines: Iterable[str], width: float) -> float:
    """The height of a box of ``width`` holding ``lines`` as paragraphs (each wrapped, PAD_Y
    apart), padding and a 3 px border included.

    Examples
    --------
    >>> box_height(["Medical assistant"], BOX_W)  # one line
    42
    >>> box_height(["Medical assistant", "Role"], BOX_W) > box_height(["Medical assistant"], BOX_W)
    True
    """
    lines = list(lines)
    count = sum(len(_wrap(line, width - 2 * PAD_X - 6)) for line in lines)
    return count * LINE_PX + (len(lines) + 1) * PAD_Y + 6


def pathway(cg, focus: str) -> Pathway:
    """Everything that leads into ``focus`` (a role, certification, program or credential)
    and where it leads, laid out left to right in columns (education, programs,
    certifications, roles, advancement).

    Steps are "all of" junctions (a step needs every requirement), any-of groups are "one of"
    junctions (any member counts), and a milestone reached by several steps says "any one of
    N routes". Upstream is followed all the way back; downstream one step on, with the other
    requirements of those steps. Superseded rules are left out (the inspector shows them).

    Examples
    --------
    >>> from careerpath.graph.core import CareerGraph
    >>> cg = CareerGraph.load()
    >>> view = pathway(cg, "https://w3id.org/careerpath/data/role/medical-assistant")
    >>> view.nodes["https://w3id.org/careerpath/data/role/medical-assistant"].lines[0]
    'Medical assistant'
    >>> [title for title, _ in view.headings]
    ['Education', 'Programs', 'Certifications', 'Roles', 'Advancement']
    >>> view.nodes["https://w3id.org/careerpath/data/group/high-school-or-equivalent"].lines
    ('ONE OF', 'High school diploma or GED')
    >>> view.overlaps()
    []
    """
    proj = cg.projection
    graph = cg.rdf
    supers = _supers(graph)
    real_groups = {g for g in proj.groups if graph.value(rdflib.URIRef(g), RDF.type) == CP.AnyOf}
    steps = [s for s in proj.steps.values() if s.kind != "work" and not getattr(s, "superseded_by", ())]
    achieving: dict[str, list] = defaultdict(list)
    requiring: dict[str, list] = defaultdict(list)
    for step in steps:
        achieving[step.achieves].append(step)
        for req in step.requires:
            requiring[req].append(step)

    kinds: dict[str, str] = {}
    edges: set[tuple[str, str]] = set()

    def milestone_kind(node: str) -> str:
        if node in proj.experience_of:
            return "experience"
        if node in real_groups:
            return "one-of"
        return kind_of(graph, rdflib.URIRef(node), supers) or "education"

    def add(node: str, kind: str | None = None) -> None:
        kinds.setdefault(node, kind or milestone_kind(node))

    add(focus)
    # upstream: everything that leads into the focus
    todo, seen = [focus], {focus}
    while todo:
        node = todo.pop()
        parents: list[str] = []
        if node in real_groups:
            for member in sorted(proj.groups[node]):
                add(member)
                edges.add((member, node))
                parents.append(member)
        elif node in proj.experience_of:
            role = proj.experience_of[node][0]
            add(role)
            edges.add((role, node))
            parents.append(role)
        else:
            for step in achieving.get(node, ()):
                add(step.id, "all-of")
                edges.add((step.id, node))
                for req in sorted(step.requires):
                    add(req)
                    edges.add((req, step.id))
                    parents.append(req)
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    # downstream: one step on, from the focus, the groups it counts as and its experience
    starts = [focus] + sorted(g for g in proj.counts_as.get(focus, ()) if g in real_groups)
    starts += sorted(e for e, (role, _) in proj.experience_of.items() if role == focus)
    for start in starts:
        for step in requiring.get(start, ()):
            if start != focus:
                add(start)
                edges.add((focus, start))
            add(step.id, "all-of")
            add(step.achieves)
            edges.add((step.id, step.achieves))
            for req in sorted(step.requires):
                add(req)
                edges.add((req, step.id))
                if req in proj.experience_of:
                    role = proj.experience_of[req][0]
                    add(role)
                    edges.add((role, req))
                for member in sorted(proj.groups.get(req, ())) if req in real_groups else ():
                    add(member)
                    edges.add((member, req))
    return _layout(cg, focus, kinds, sorted(edges), achieving)


def _layout(cg, focus: str, kinds: dict[str, str], edges: list[tuple[str, str]], achieving) -> Pathway:
    """Columns by kind (empty ones dropped), junctions in the lane left of what they lead to."""
    proj = cg.projection
    incoming: dict[str, list[str]] = defaultdict(list)
    outgoing: dict[str, list[str]] = defaultdict(list)
    for s, t in edges:
        incoming[t].append(s)
        outgoing[s].append(t)

    def column(node: str) -> float:
        kind = kinds[node]
        if kind == "all-of":  # in the lane before what the step achieves
            return _COLUMN_OF.get(kinds[outgoing[node][0]], 4) - 0.5
        if kind == "one-of":  # in the lane after its members
            return max((_COLUMN_OF.get(kinds[m], 0) for m in incoming[node]), default=0) + 0.5
        return _COLUMN_OF.get(kind, 4)

    def label(node: str) -> str:
        if node in proj.experience_of:
            role, years = proj.experience_of[node]
            return f"{years:g} year{'s' if years != 1 else ''} as {cg.label(role).lower()}"
        return cg.label(node)

    lines: dict[str, tuple[str, ...]] = {}
    for node, kind in kinds.items():
        name = label(node)
        if kind == "all-of":
            reqs = len(incoming[node])
            lines[node] = (("ALL OF" if reqs > 1 else "STEP") + (f" {reqs}" if reqs > 1 else ""), name)
        elif kind == "one-of":
            lines[node] = ("ONE OF", name)
        else:
            routes = len([s for s in achieving.get(node, ()) if s.id in kinds])
            extra = (f"any one of {routes} routes",) if routes > 1 else ()
            tag = "this pathway" if node == focus else KINDS.get(kind, ("Experience",))[0]
            lines[node] = (name, tag.upper() if node == focus else tag) + extra

    # Compact: drop empty box columns; a junction lane sits just left of the next box column
    # (so lanes between two dropped columns share one).
    box_cols = sorted({column(n) for n in kinds if column(n) == int(column(n))})

    def slot(c: float) -> float:
        if c == int(c):
            return c
        after = [b for b in box_cols if b > c]
        return (after[0] if after else box_cols[-1] + 1) - 0.5

    cols: dict[float, list[str]] = defaultdict(list)
    for node in kinds:
        cols[slot(column(node))].append(node)
    lane_w = JUNCTION_W + 2 * GAP_X
    x_of = {c: i * (BOX_W + lane_w) + lane_w for i, c in enumerate(box_cols)}

    def x(c: float) -> float:
        if c == int(c):
            return x_of[c]
        return (x_of[c + 0.5] if c + 0.5 in x_of else x_of[box_cols[-1]] + BOX_W + lane_w) - lane_w + GAP_X

    # Order within a column: the focus on top of its own; the rest by the mean height of
    # their neighbours (barycentre sweeps left to right, then right to left), ties by name.
    heights = {n: box_height(lines[n], BOX_W if column(n) == int(column(n)) else JUNCTION_W) for n in kinds}
    neighbours: dict[str, list[str]] = defaultdict(list)
    for s, t in edges:
        neighbours[s].append(t)
        neighbours[t].append(s)
    for members in cols.values():
        members.sort(key=lambda n: (n != focus, lines[n][0].lower(), n))
    mid: dict[str, float] = {}

    def stack(members: list[str]) -> None:
        y = TOP
        for n in members:
            mid[n] = y + heights[n] / 2
            y += heights[n] + GAP_Y

    for members in cols.values():
        stack(members)
    order = sorted(cols)
    for sweep in (order, order[::-1], order, order[::-1]):
        for c in sweep:

            def key(n: str) -> tuple[bool, float, str]:
                near = [mid[m] for m in neighbours[n]]
                return (n != focus, sum(near) / len(near) if near else mid[n], lines[n][0].lower() + n)

            cols[c].sort(key=key)
            stack(cols[c])
    nodes: dict[str, PathwayNode] = {}
    for c, members in cols.items():
        width = JUNCTION_W if c != int(c) else BOX_W
        for n in members:
            top = mid[n] - heights[n] / 2
            nodes[n] = PathwayNode(n, label(n), kinds[n], lines[n], x(c), top, width, heights[n])
    headings = [(title, x_of[c]) for c in box_cols for kind, title in [PATHWAY_COLUMNS[int(c)]]]
    return Pathway(focus, nodes, edges, headings)
