"""One milestone's pathway as the app draws it: boxes in labelled columns (education, programs,
certifications, roles, advancement) with "all of" and "one of" junctions, laid out without
overlaps, and its edges as drawn (``Pathway.wires``). Pure data (no Streamlit); ``app/`` turns
it into a picture. The whole graph's view is in ``graph_view.py`` (its names are re-exported).

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> pw = pathway(CareerGraph.load(), "https://w3id.org/careerpath/data/cert/cma")
>>> pw.nodes[pw.focus].lines[:2]
('Certified Medical Assistant', 'THIS PATHWAY')
>>> pw.overlaps()
[]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import rdflib
from rdflib.namespace import RDF

from ..loading.namespaces import CP
from ..records import record
from .formats import in_sentence
from .graph_view import DETAIL_KINDS, KIND_ORDER, KINDS, GraphView, ViewEdge, ViewNode, _supers, graph_view, kind_of

__all__ = [
    "KINDS",
    "KIND_ORDER",
    "DETAIL_KINDS",
    "ViewNode",
    "ViewEdge",
    "GraphView",
    "graph_view",
    "kind_of",
    "PATHWAY_COLUMNS",
    "PathwayNode",
    "Pathway",
    "Wire",
    "pathway",
    "box_height",
    "paragraphs",
    "MIN_ZOOM",
]

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

#: Box geometry of the pathway layout, in CSS pixels at zoom 1. The layout is compact enough
#: that the medical assistant's whole pathway (five columns) fits a 1400 px window at the
#: drawing's smallest opening zoom, ``MIN_ZOOM``, where labels are ``FONT_PX * MIN_ZOOM`` = 12 px
#: on screen.
FONT_PX = 15
LINE_PX = 19  # line height
BOX_W = 158  # milestone boxes
JUNCTION_W = 122  # "all of" steps and "one of" groups
PAD_X, PAD_Y = 8, 6
GAP_Y = 10  # vertical space between boxes of one column
GAP_IN = 30  # room left of a junction lane: edges into its junctions run there, each in its own channel
GAP_X = 22  # room right of a junction lane, before the next column (its edges turn there too)
TOP = 46  # room for the column headings
HEADING_H = 32
MIN_ZOOM = 0.8  # the drawing never opens smaller: 15 px * 0.8 = 12 px on screen
CHAR_EM = 0.52  # the width of an average character, in ems (on the high side for the app's Source Sans)


@record
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


@record
class Wire:
    """An edge as drawn: a line of straight runs through ``points`` (the drawing rounds its
    corners), from a port on the source's side to a port on the target's side.

    ``way`` is ``"forward"`` (from the source's right side to the target's left, turning in its own
    channel of the gap just left of the target), ``"back"`` (the target stands further left: a route
    that asks for experience; from the source's left side to the target's right) or ``"down"``
    (source and target share a column: a role and its years of experience, just below it; on the
    column's left side)."""

    source: str
    target: str
    points: tuple[tuple[float, float], ...]
    way: str


@record
class Pathway:
    """One milestone's pathway: nodes by id, edges ``(source, target)``, and column headings
    ``(title, x)`` for the columns that hold boxes."""

    focus: str
    nodes: dict[str, PathwayNode]
    edges: list[tuple[str, str]]
    headings: list[tuple[str, float]]
    upstream: frozenset[str] = frozenset()  # what leads into the focus (the rest is where it leads)

    @property
    def width(self) -> float:
        return max((n.x + n.width for n in self.nodes.values()), default=0.0)

    @property
    def height(self) -> float:
        return max((n.y + n.height for n in self.nodes.values()), default=0.0)

    def needs(self, node: str) -> list[str]:
        """What points into ``node``, top to bottom: a step's requirements, a group's members,
        the steps that reach a milestone."""
        return sorted((s for s, t in self.edges if t == node), key=lambda s: (self.nodes[s].y, s))

    def leads_to(self, node: str) -> list[str]:
        """What ``node`` points into, top to bottom."""
        return sorted((t for s, t in self.edges if s == node), key=lambda t: (self.nodes[t].y, t))

    def wires(self) -> list[Wire]:
        """The edges as drawn: each leaves its source and enters its target at its own point,
        spread along the side it uses in the order of the boxes at the other end, so that
        edges into one box never meet before it (see ``Wire``)."""
        return _wires(self)

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
    """Greedy word wrap for a box ``width_px`` wide, assuming wide characters (``CHAR_EM``); a line
    may also break after a hyphen, as the browser's does ("CAHIIM-" / "accredited")."""
    per_line = max(8, int(width_px / (FONT_PX * CHAR_EM)))
    lines: list[str] = []
    for word in text.split():
        for i, part in enumerate(re.split(r"(?<=-)(?=.)", word)):
            glue = "" if i else " "  # a piece after a hyphen joins its word without a space
            while len(part) > per_line:
                lines.append(part[:per_line])
                part = part[per_line:]
            if lines and len(lines[-1]) + len(glue) + len(part) <= per_line:
                lines[-1] += glue + part
            else:
                lines.append(part)
    return lines or [""]


def paragraphs(kind: str, lines: Iterable[str]) -> list[tuple[str, str]]:
    """How a box's ``lines`` are drawn: paragraphs of (bold part, plain part).

    A junction is one paragraph, its tag in bold then its name ("**ALL OF 2** Advance to
    lead medical assistant"); a milestone is its name in bold, then its kind and notes on
    one line ("Certification · any one of 4 routes").

    Examples
    --------
    >>> paragraphs("all-of", ("ALL OF 2", "Advance to lead medical assistant"))
    [('ALL OF 2', 'Advance to lead medical assistant')]
    >>> paragraphs("certification", ("CMA", "Certification", "any one of 4 routes"))
    [('CMA', ''), ('', 'Certification · any one of 4 routes')]
    """
    first, *rest = list(lines) or [""]
    if kind in ("all-of", "one-of"):
        return [(first, " ".join(rest))]
    return [(first, "")] + ([("", " · ".join(rest))] if rest else [])


def box_height(lines: Iterable[str], width: float, kind: str = "role") -> float:
    """The height of a box of ``width`` holding ``lines`` drawn as ``paragraphs`` (each wrapped,
    PAD_Y apart), padding and a 3 px border included.

    Examples
    --------
    >>> box_height(["Medical assistant"], BOX_W)  # one line
    37
    >>> box_height(["Medical assistant", "Role"], BOX_W) > box_height(["Medical assistant"], BOX_W)
    True
    """
    paras = [f"{bold} {plain}".strip() for bold, plain in paragraphs(kind, lines)]
    count = sum(len(_wrap(text, width - 2 * PAD_X - 6)) for text in paras)
    return count * LINE_PX + (len(paras) + 1) * PAD_Y + 6


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
    real_groups = {g for g in proj.groups if (rdflib.URIRef(g), RDF.type, CP.AnyOf) in graph}
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
    upstream = frozenset(kinds)
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
    return _layout(cg, focus, kinds, sorted(edges), achieving, upstream)


def _layout(
    cg, focus: str, kinds: dict[str, str], edges: list[tuple[str, str]], achieving, upstream: frozenset[str]
) -> Pathway:
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
            return f"{years:g} year{'s' if years != 1 else ''} as {in_sentence(cg.label(role))}"
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
    x_of = _slot_xs(box_cols, [(slot(column(s)), slot(column(t))) for s, t in edges])

    def x(c: float) -> float:
        return x_of[c] if c in x_of else x_of[box_cols[-1] + 0.5]

    # Order within a column: the focus on top of its own; the rest by the mean height of
    # their neighbours (barycentre sweeps left to right, then right to left), ties by name.
    heights = {n: box_height(lines[n], BOX_W if column(n) == int(column(n)) else JUNCTION_W, kinds[n]) for n in kinds}
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
    for c, members in cols.items():  # years of experience stand just below their role
        cols[c] = _experience_below_role(members, kinds, proj.experience_of)
        stack(cols[c])
    nodes: dict[str, PathwayNode] = {}
    for c, members in cols.items():
        width = JUNCTION_W if c != int(c) else BOX_W
        for n in members:
            top = mid[n] - heights[n] / 2
            nodes[n] = PathwayNode(n, label(n), kinds[n], lines[n], x(c), top, width, heights[n])
    headings = [(title, x_of[c]) for c in box_cols for kind, title in [PATHWAY_COLUMNS[int(c)]]]
    return Pathway(focus, nodes, edges, headings, upstream)


def _slot_xs(box_cols: list[float], edge_slots: list[tuple[float, float]]) -> dict[float, float]:
    """The left x of every slot: a junction lane before each box column (and one after the last),
    each gap at least its default and wide enough to give each edge turning in it a channel 2 px
    from the next (an edge turns in the gap just before its target, or just after a target that
    stands left of its source)."""
    turning: dict[float, int] = defaultdict(int)  # slot -> edges turning in the gap just before it
    slots = [s for c in box_cols for s in (c - 0.5, c)] + [box_cols[-1] + 0.5]
    for a, b in edge_slots:
        if b > a:
            turning[b] += 1
        elif b < a:  # into the right side of a slot further left: the gap after it
            after = [s for s in slots if s > b]
            turning[after[0] if after else b + 0.5] += 1
    xs: dict[float, float] = {}
    right = 0.0
    for i, s in enumerate(slots):
        default = GAP_IN if s != int(s) else GAP_X
        gap = max(default, 6.0 + 2.0 * (turning[s] + 1)) if i else 0.0
        xs[s] = right + gap
        right = xs[s] + (BOX_W if s == int(s) else JUNCTION_W)
    return xs


def _experience_below_role(members: list[str], kinds: dict[str, str], experience_of) -> list[str]:
    """``members`` with each experience box moved just below its role (fewer years first), when
    the role stands in the same column, so the edge between them is a short one."""
    here = set(members)
    placed = [n for n in members if kinds[n] != "experience" or experience_of[n][0] not in here]
    moved = sorted((n for n in members if n not in placed), key=lambda n: (experience_of[n][1], n), reverse=True)
    for n in moved:
        placed.insert(placed.index(experience_of[n][0]) + 1, n)
    return placed


def _wires(pw: Pathway) -> list[Wire]:
    """Ports spread along each side (a side with n edges has them at (i + 1) / (n + 1) of its
    height, ordered by where the box at the other end stands); each gap between columns gives
    every edge that turns in it a channel of its own, so no two vertical runs lie on each other."""

    def way(s: PathwayNode, t: PathwayNode) -> str:
        if abs(s.x - t.x) < 1:
            return "down"
        return "forward" if t.x > s.x else "back"

    sides: dict[tuple[str, str], list[tuple[float, str, str]]] = defaultdict(list)
    ways = {}
    for s_id, t_id in pw.edges:
        if s_id not in pw.nodes or t_id not in pw.nodes:
            continue
        s, t = pw.nodes[s_id], pw.nodes[t_id]
        w = ways[(s_id, t_id)] = way(s, t)
        out_side = {"forward": "right", "back": "left", "down": "left"}[w]
        in_side = {"forward": "left", "back": "right", "down": "left"}[w]
        sides[(s_id, out_side)].append((t.y + t.height / 2, t_id, "out"))
        sides[(t_id, in_side)].append((s.y + s.height / 2, s_id, "in"))
    port: dict[tuple[str, str, str], tuple[float, float]] = {}
    for (node_id, side), ends in sides.items():
        n = pw.nodes[node_id]
        ends.sort()
        x = n.x + (n.width if side == "right" else 0.0)
        for i, (_, other, direction) in enumerate(ends):
            port[(node_id, other, direction)] = (x, n.y + n.height * (i + 1) / (len(ends) + 1))
    spans: list[list[float]] = []  # the columns and lanes the boxes fill, left to right
    for left, right in sorted({(n.x, n.x + n.width) for n in pw.nodes.values()}):
        if spans and left <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], right)
        else:
            spans.append([left, right])
    gaps = [(a[1], b[0]) for a, b in zip(spans, spans[1:], strict=False)]

    def gap_left_of(x: float) -> tuple[float, float]:
        return next((g for g in gaps if abs(g[1] - x) < 0.5), (x - GAP_IN, x))

    def gap_right_of(x: float) -> tuple[float, float]:
        return next((g for g in gaps if abs(g[0] - x) < 0.5), (x, x + GAP_X))

    channels: dict[tuple[float, float], list[tuple[float, float, tuple[str, str]]]] = defaultdict(list)
    for (s_id, t_id), w in ways.items():
        (x1, y1), (x2, y2) = port[(s_id, t_id, "out")], port[(t_id, s_id, "in")]
        if w == "forward":
            channels[gap_left_of(x2)].append((y1, y2, (s_id, t_id)))
        elif w == "back":
            channels[gap_right_of(x2)].append((y1, y2, (s_id, t_id)))
    channel_x: dict[tuple[str, str], float] = {}
    for (a, b), runs in channels.items():
        # runs that go down, the one starting lowest leftmost; then runs that go up, the one starting
        # highest leftmost: two runs that overlap without nesting then never cross
        runs.sort(key=lambda r: (0, -r[0], r[1]) if r[1] > r[0] else (1, r[0], r[1]))
        room = max(b - a - 6.0, 4.0)  # keep 6 px for the arrow's last run
        for i, (_, _, edge) in enumerate(runs):
            channel_x[edge] = a + room * (i + 1) / (len(runs) + 1)
    out = []
    for (s_id, t_id), w in ways.items():
        (x1, y1), (x2, y2) = port[(s_id, t_id, "out")], port[(t_id, s_id, "in")]
        if w == "down":
            xc = x1 - GAP_X / 2
        else:
            xc = channel_x[(s_id, t_id)]
        points = ((x1, y1), (xc, y1), (xc, y2), (x2, y2))
        out.append(Wire(s_id, t_id, points, w))
    return out
