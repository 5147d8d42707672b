"""A pathway in words: what each box needs and where it leads, and the whole pathway as a list
read top to bottom (the focus and where it leads first, then how to get there, from the start).

The app draws the list on a phone and offers it beside the map on a desktop; each box of the map
carries its sentence (``box_text``) for a screen reader. Pure data (no Streamlit).

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> from careerpath.graph.presenting.pathway import pathway
>>> pw = pathway(CareerGraph.load(), "https://w3id.org/careerpath/data/role/medical-assistant")
>>> [s.title for s in outline(pw)][:2]
['This pathway', 'Where it leads']
>>> box_text(pw, "https://w3id.org/careerpath/data/group/high-school-or-equivalent").split(". ")[0]
'One of: High school diploma or GED'
"""

from __future__ import annotations

from ..records import record
from .formats import in_sentence
from .graph_view import KINDS
from .pathway import Pathway, PathwayNode

__all__ = ["OutlineEntry", "OutlineSection", "outline", "box_text", "needs_text", "leads_to_text", "kind_name"]

_COLUMN_KINDS = {
    "Education": ("education",),
    "Programs": ("program",),
    "Certifications": ("certification",),
    "Roles": ("role", "experience"),
    "Advancement": ("advancement", "adjacent"),
}


@record
class OutlineEntry:
    """One box of the pathway in words: its name, kind, notes (``"any one of 4 routes"``),
    and what it needs and where it leads, one sentence each."""

    id: str
    name: str
    kind: str
    kind_name: str
    note: str
    needs: tuple[str, ...]
    leads_to: tuple[str, ...]


@record
class OutlineSection:
    title: str
    entries: tuple[OutlineEntry, ...]


def kind_name(node: PathwayNode) -> str:
    """``'Certification'``, ``'Experience'``, ``'Step'`` (all of its requirements), ``'One of'``."""
    if node.kind == "all-of":
        return "Step"
    if node.kind == "one-of":
        return "One of"
    if node.kind == "experience":
        return "Experience"
    return KINDS.get(node.kind, ("Milestone",))[0]


def _name(pw: Pathway, node_id: str) -> str:
    """A box's name, with a group's members: ``'High school diploma or GED (one of: GED, ...)'``."""
    node = pw.nodes[node_id]
    if node.kind == "one-of":
        members = [pw.nodes[m].label for m in pw.needs(node_id)]
        return f"{node.label} (one of: {', '.join(members)})" if members else node.label
    return node.label


def _all_of(pw: Pathway, step: str, leave_out: str | None = None, groups: bool = True) -> str:
    """A step's requirements, ``groups`` with their members."""
    reqs = [_name(pw, r) if groups else pw.nodes[r].label for r in pw.needs(step) if r != leave_out]
    return "; ".join(reqs)


def needs_text(pw: Pathway, node_id: str, groups: bool = True) -> str:
    """What a box needs, in one sentence ('' when nothing in the pathway leads into it).

    A step needs all of its requirements; a group, one of its members; years of experience, work
    in their role; a milestone, one of the steps that reach it, each with its requirements.
    """
    node = pw.nodes[node_id]
    into = pw.needs(node_id)
    if not into:
        return ""
    if node.kind == "all-of":
        return ("All of: " if len(into) > 1 else "Needs: ") + _all_of(pw, node_id) + "."
    if node.kind == "one-of":
        return "One of: " + ", ".join(pw.nodes[m].label for m in into) + "."
    if node.kind == "experience":
        return "Needs: working as " + ", ".join(in_sentence(pw.nodes[r].label) for r in into) + "."
    routes = [
        f"{pw.nodes[s].label} ({_all_of(pw, s, groups=groups)})" if pw.needs(s) else pw.nodes[s].label for s in into
    ]
    if len(routes) == 1:
        return f"Reached by: {routes[0]}."
    return f"Reached by any one of {len(routes)} routes: " + "; ".join(routes) + "."


def leads_to_text(pw: Pathway, node_id: str) -> str:
    """Where a box leads, in one sentence ('' when nowhere in the pathway)."""
    node = pw.nodes[node_id]
    out = pw.leads_to(node_id)
    if not out:
        return ""
    parts = []
    for t in out:
        target = pw.nodes[t]
        if target.kind == "all-of":
            ends = [pw.nodes[e].label for e in pw.leads_to(t)]
            parts.append(f"{target.label} (to {', '.join(ends)})" if ends else target.label)
        elif target.kind == "one-of":
            parts.append(f"counts as {target.label}")
        else:
            parts.append(target.label)
    word = "Leads to" if node.kind != "one-of" else "Counts for"
    return f"{word}: " + "; ".join(parts) + "."


def box_text(pw: Pathway, node_id: str) -> str:
    """Everything a box says, for a screen reader: its name and kind, what it needs, where it leads.

    >>> from careerpath.graph.core import CareerGraph
    >>> from careerpath.graph.presenting.pathway import pathway
    >>> pw = pathway(CareerGraph.load(), "https://w3id.org/careerpath/data/cert/cma")
    >>> box_text(pw, pw.focus).split(". ")[0]
    'Certified Medical Assistant, certification, this pathway, any one of 4 routes'
    """
    node = pw.nodes[node_id]
    if node.junction:
        head = f"{kind_name(node)}: {node.label}"
    else:
        notes = [n.lower() for n in node.lines[1:] if n.lower() != kind_name(node).lower()]
        head = ", ".join([node.label, kind_name(node).lower(), *notes])
    return " ".join(x for x in (head + ".", needs_text(pw, node_id), leads_to_text(pw, node_id)) if x != ".")


def _entry(pw: Pathway, node_id: str, focus_step_note: bool = False) -> OutlineEntry:
    node = pw.nodes[node_id]
    notes = [n for n in node.lines[1:] if n.lower() != kind_name(node).lower() and n != "THIS PATHWAY"]
    needs = needs_text(pw, node_id, groups=node_id != pw.focus)
    if focus_step_note:  # where the focus leads: the step, and what else it needs
        steps = [s for s in pw.needs(node_id) if pw.nodes[s].junction]
        lines = []
        for s in steps:
            others = _all_of(pw, s, leave_out=pw.focus, groups=False)
            via = [r for r in pw.needs(s) if r != pw.focus]
            lines.append(pw.nodes[s].label + (f", also needs {others}" if via else ""))
        needs = ("By: " + "; or ".join(lines) + ".") if lines else needs
    leads = "" if node_id == pw.focus or focus_step_note else leads_to_text(pw, node_id)
    return OutlineEntry(
        node_id,
        node.label,
        node.kind,
        kind_name(node),
        " · ".join(notes),
        (needs,) if needs else (),
        (leads,) if leads else (),
    )


def outline(pw: Pathway) -> list[OutlineSection]:
    """The pathway as a list, top to bottom: the focus (how it is reached); where it leads (what the
    steps one on reach, each with the step and what else it needs); how to get to the focus, column
    by column from the start (education first); and what else the steps onward need. Boxes keep the
    map's order; junctions are not entries of their own: the sentences of the milestones they join
    name them. Each box's full sentence, for a screen reader, is ``box_text``."""
    order = sorted(pw.nodes.values(), key=lambda n: (n.x, n.y))
    upstream = pw.upstream or frozenset(pw.nodes)
    onward_steps = [n.id for n in order if n.id not in upstream and n.kind == "all-of"]
    ends = {t for s in onward_steps for t in pw.leads_to(s)}
    sections = [OutlineSection("This pathway", (_entry(pw, pw.focus),))]
    sections.append(
        OutlineSection(
            "Where it leads",
            tuple(_entry(pw, n.id, focus_step_note=True) for n in order if n.id in ends and n.id not in upstream),
        )
    )
    for title, kinds in _COLUMN_KINDS.items():
        ids = [n.id for n in order if n.kind in kinds and n.id in upstream and n.id != pw.focus]
        if ids:
            sections.append(OutlineSection(f"How to get here: {title.lower()}", tuple(_entry(pw, i) for i in ids)))
    others = [n.id for n in order if n.id not in upstream and n.id not in ends and not n.junction]
    if others:
        sections.append(OutlineSection("Also needed on the way onward", tuple(_entry(pw, i) for i in others)))
    return sections
