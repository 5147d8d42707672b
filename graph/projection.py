"""Project the RDF graph into a NetworkX AND/OR graph of milestones and steps.

Nodes are milestones (``kind="milestone"``) and steps (``kind="step"``). An edge
milestone -> step means "is required by" (a step needs *all* its required milestones:
AND); an edge step -> milestone means "achieves" (a milestone needs *any one* of the
steps that achieve it: OR). Eligibility routes are steps into their certification, with
their conditions as requirements. Any-of groups ("high school diploma or GED") and
specialised roles are folded in as "counts as" edges (milestone -> group), an OR.

Experience is a milestone too: "2 years as a medical assistant" is the node
``.../data/experience/medical-assistant/2``, reached by *work* steps that need the role
and take the years' worth of months, one level after another.

The projection is built once from the RDF and never changed: planners read it, and
per-profile changes (experience already held) live in the planner's own state.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

import networkx as nx
import rdflib
from rdflib.namespace import RDF, RDFS

from .closure import ancestors
from .labels import label_of
from .namespaces import CP, CPD

__all__ = ["Condition", "StepInfo", "PracticeRule", "Projection", "project", "build_projection", "experience_node"]


@dataclass(frozen=True)
class Condition:
    """One condition of a step or route: a milestone held, or experience in a role."""

    id: str
    label: str
    milestone: str | None = None
    role: str | None = None
    years: float | None = None
    hours: int | None = None
    within_years: float | None = None
    within_months: int | None = None
    estimate: bool = False

    @property
    def requirement(self) -> str:
        """The milestone node this condition needs in the projection."""
        if self.milestone is not None:
            return self.milestone
        assert self.role is not None and self.years is not None
        return experience_node(self.role, self.years)

    @property
    def window_months(self) -> float | None:
        """The condition's time window in months, if it has one."""
        if self.within_months is not None:
            return float(self.within_months)
        if self.within_years is not None:
            return self.within_years * 12
        return None


@dataclass(frozen=True)
class StepInfo:
    """A step of the projection: what it requires, achieves, takes and costs."""

    id: str
    label: str
    kind: str  # "step", "route" (an eligibility route) or "work" (experience accruing)
    achieves: str
    requires: frozenset[str]
    months: float | None = None
    cost: float | None = None
    estimate: bool = False
    sources: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    superseded_by: frozenset[str] = frozenset()
    role: str | None = None  # work steps: the role worked in
    from_years: float = 0.0  # work steps: the experience level they start from


def experience_node(role: str, years: float) -> str:
    """The milestone id of ``years`` of experience in ``role``.

    Examples
    --------
    >>> experience_node("https://w3id.org/careerpath/data/role/medical-assistant", 2.0)
    'https://w3id.org/careerpath/data/experience/medical-assistant/2'
    """
    local = role.rstrip("/").rsplit("/", 1)[-1]
    return f"{CPD}experience/{local}/{_years_text(years)}"


def _years_text(years: float) -> str:
    return f"{years:g}"


def _num(value: rdflib.term.Node | None) -> float | None:
    if value is None:
        return None
    py = value.toPython() if isinstance(value, rdflib.Literal) else None
    if isinstance(py, (int, float, Decimal)) and not isinstance(py, bool):
        return float(py)
    return None


def _date(value: rdflib.term.Node | None) -> datetime.date | None:
    py = value.toPython() if isinstance(value, rdflib.Literal) else None
    return py if isinstance(py, datetime.date) else None


@dataclass(frozen=True)
class PracticeRule:
    """A jurisdiction's rule: working in ``role`` (or a role specialising it) needs ``milestone``."""

    id: str
    label: str
    jurisdiction: str
    role: str
    milestone: str


@dataclass(frozen=True)
class Projection:
    """The AND/OR graph and the step table read from it."""

    graph: nx.DiGraph
    steps: dict[str, StepInfo]
    groups: dict[str, frozenset[str]]  # group (or general role) -> members that count as it
    counts_as: dict[str, frozenset[str]]  # milestone -> groups it counts as
    labels: dict[str, str]
    certifications: tuple[str, ...] = ()
    role_ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    work_steps: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> its work steps, in order
    rules: tuple[PracticeRule, ...] = ()  # state practice rules
    jurisdictions: dict[str, str] = field(default_factory=dict)  # state code (upper case) -> jurisdiction IRI

    @property
    def milestones(self) -> list[str]:
        """Every milestone node."""
        return [n for n, kind in self.graph.nodes(data="kind") if kind == "milestone"]

    def achievers(self, milestone: str) -> list[str]:
        """Steps that achieve ``milestone`` (its OR branches)."""
        return [p for p in self.graph.predecessors(milestone) if self.graph.nodes[p].get("kind") == "step"]

    def label(self, node: str) -> str:
        """Label of a node."""
        return self.labels.get(node, node.rsplit("/", 1)[-1])


def _conditions(graph: rdflib.Graph, subject: rdflib.term.Node) -> tuple[Condition, ...]:
    out = []
    for cond in sorted(graph.objects(subject, CP.hasCondition), key=str):
        role = graph.value(cond, CP.inRole)
        milestone = graph.value(cond, CP.requiresMilestone)
        out.append(
            Condition(
                id=str(cond),
                label=label_of(graph, cond),
                milestone=str(milestone) if milestone is not None and role is None else None,
                role=str(role) if role is not None else None,
                years=_num(graph.value(cond, CP.minimumYears)),
                hours=int(h) if (h := _num(graph.value(cond, CP.minimumHours))) is not None else None,
                within_years=_num(graph.value(cond, CP.withinYears)),
                within_months=int(m) if (m := _num(graph.value(cond, CP.withinMonths))) is not None else None,
                estimate=bool(graph.value(cond, CP.isEstimate)),
            )
        )
    return tuple(out)


def project(graph: rdflib.Graph) -> Projection:
    """Build the AND/OR projection of ``graph``.

    Examples
    --------
    >>> from careerpath.graph.store import load_graph
    >>> p = project(load_graph())
    >>> cma = "https://w3id.org/careerpath/data/cert/cma"
    >>> sorted(s.rsplit("/", 1)[-1] for s in p.achievers(cma))
    ['cma-category-1', 'cma-category-2', 'cma-category-3', 'cma-category-4']

    Notes
    -----
    Building costs O(T) in the number of triples; it is done once per loaded graph.
    """
    labels: dict[str, str] = {}
    for subject, text in graph.subject_objects(RDFS.label):
        if isinstance(text, rdflib.Literal) and text.language in ("en", None):
            labels.setdefault(str(subject), str(text))
    steps: dict[str, StepInfo] = {}

    def lab(node: rdflib.term.Node) -> str:
        key = str(node)
        if key not in labels:
            labels[key] = label_of(graph, node)
        return labels[key]

    supersedes: dict[str, set[str]] = defaultdict(set)
    for new, old in graph.subject_objects(CP.supersedes):
        supersedes[str(old)].add(str(new))

    def common(node: rdflib.term.Node) -> dict:
        return {
            "months": _num(graph.value(node, CP.durationMonths)),
            "cost": _num(graph.value(node, CP.costUSD)),
            "estimate": bool(graph.value(node, CP.isEstimate)),
            "sources": tuple(sorted(str(s) for s in graph.objects(node, CP.source))),
            "valid_from": _date(graph.value(node, CP.validFrom)),
            "valid_until": _date(graph.value(node, CP.validUntil)),
            "superseded_by": frozenset(supersedes.get(str(node), ())),
        }

    for step in graph.subjects(RDF.type, CP.Step):
        achieves = graph.value(step, CP.achieves)
        if achieves is None:
            continue
        conds = _conditions(graph, step)
        requires = {str(m) for m in graph.objects(step, CP.requires)} | {c.requirement for c in conds}
        info = common(step)
        info["estimate"] = info["estimate"] or any(c.estimate for c in conds)
        steps[str(step)] = StepInfo(
            id=str(step),
            label=lab(step),
            kind="step",
            achieves=str(achieves),
            requires=frozenset(requires),
            conditions=conds,
            **info,
        )
        lab(achieves)
    certifications = set()
    for route in graph.subjects(RDF.type, CP.EligibilityRoute):
        cert = graph.value(route, CP.qualifiesFor)
        if cert is None:
            continue
        certifications.add(str(cert))
        conds = _conditions(graph, route)
        steps[str(route)] = StepInfo(
            id=str(route),
            label=lab(route),
            kind="route",
            achieves=str(cert),
            requires=frozenset(c.requirement for c in conds),
            conditions=conds,
            **common(route),
        )
        lab(cert)

    groups: dict[str, set[str]] = defaultdict(set)
    for group, member in graph.subject_objects(CP.member):
        groups[str(group)].add(str(member))
        lab(group)
        lab(member)
    # A specialised role counts as the role it specialises (a clinical MA is an MA).
    parents: dict[str, set[str]] = defaultdict(set)
    for role, general in graph.subject_objects(CP.specializes):
        groups[str(general)].add(str(role))
        parents[str(role)].add(str(general))
        lab(role)
        lab(general)

    # Experience levels: one chain of work steps per role.
    levels: dict[str, set[float]] = defaultdict(set)
    for info in list(steps.values()):
        for cond in info.conditions:
            if cond.role is not None and cond.years is not None:
                levels[cond.role].add(cond.years)
    for role, years in levels.items():
        previous = 0.0
        role_label = lab(rdflib.URIRef(role))
        for level in sorted(years):
            node = experience_node(role, level)
            years_text = f"{_years_text(level)} year" + ("" if level == 1 else "s")
            labels[node] = f"{years_text} as {role_label[0].lower() + role_label[1:]}"
            requires = {role} | ({experience_node(role, previous)} if previous else set())
            step_id = f"{node}/work"
            steps[step_id] = StepInfo(
                id=step_id,
                label=f"Work as {role_label[0].lower() + role_label[1:]} until you have {years_text} of experience",
                kind="work",
                achieves=node,
                requires=frozenset(requires),
                months=(level - previous) * 12,
                cost=0.0,
                estimate=False,
                sources=(),
                role=role,
                from_years=previous,
            )
            previous = level

    rules = []
    for rule in graph.subjects(RDF.type, CP.PracticeRule):
        jurisdiction, role = graph.value(rule, CP.jurisdiction), graph.value(rule, CP.appliesToRole)
        milestone = graph.value(rule, CP.requiresMilestone)
        if jurisdiction is not None and role is not None and milestone is not None:
            rules.append(PracticeRule(str(rule), lab(rule), str(jurisdiction), str(role), str(milestone)))
            lab(milestone)
    jurisdictions = {str(code).upper(): str(j) for j, code in graph.subject_objects(CP.stateCode)}
    projection = build_projection(
        steps.values(),
        {k: frozenset(v) for k, v in groups.items()},
        labels,
        certifications=sorted(certifications),
        role_ancestors={r: frozenset(ancestors(parents[r], parents)) for r in parents},
    )
    return replace(projection, rules=tuple(sorted(rules, key=lambda r: r.id)), jurisdictions=jurisdictions)


def build_projection(
    steps: Iterable[StepInfo],
    groups: Mapping[str, frozenset[str]] | None = None,
    labels: Mapping[str, str] | None = None,
    *,
    certifications: Iterable[str] = (),
    role_ancestors: Mapping[str, frozenset[str]] | None = None,
) -> Projection:
    """Build the NetworkX AND/OR graph from steps and any-of groups.

    ``project`` reads these from RDF; tests and benchmarks build them directly.

    Examples
    --------
    >>> p = build_projection([StepInfo("s", "study", "step", achieves="b", requires=frozenset({"a"}), months=2.0)])
    >>> sorted(p.graph.edges(data="relation"))
    [('a', 's', 'is required by'), ('s', 'b', 'achieves')]
    """
    labels = dict(labels or {})
    groups = dict(groups or {})
    steps = {info.id: info for info in steps}
    g = nx.DiGraph()
    for info in steps.values():
        g.add_node(info.id, kind="step", label=info.label, step_kind=info.kind, months=info.months, cost=info.cost)
        for node in (info.achieves, *info.requires):
            if node not in g:
                g.add_node(node, kind="milestone")
        g.add_edge(info.id, info.achieves, relation="achieves")
        for req in info.requires:
            g.add_edge(req, info.id, relation="is required by")
    counts_as: dict[str, set[str]] = defaultdict(set)
    for group, members in groups.items():
        for member in members:
            for node in (group, member):
                if node not in g:
                    g.add_node(node, kind="milestone")
            g.add_edge(member, group, relation="counts as")
            counts_as[member].add(group)
    for node, data in g.nodes(data=True):
        if data.get("kind") == "milestone":
            data["label"] = labels.setdefault(node, node.rsplit("/", 1)[-1])
    return Projection(
        graph=g,
        steps=steps,
        groups=groups,
        counts_as={k: frozenset(v) for k, v in counts_as.items()},
        labels=labels,
        certifications=tuple(certifications),
        role_ancestors=dict(role_ancestors or {}),
        work_steps=_work_steps(steps.values()),
    )


def _work_steps(steps: Iterable[StepInfo]) -> dict[str, tuple[str, ...]]:
    by_role: dict[str, list[StepInfo]] = defaultdict(list)
    for step in steps:
        if step.kind == "work" and step.role is not None:
            by_role[step.role].append(step)
    return {role: tuple(s.id for s in sorted(found, key=lambda s: s.from_years)) for role, found in by_role.items()}
