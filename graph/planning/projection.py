"""Project the RDF graph into a NetworkX AND/OR graph of milestones and steps.

Nodes are milestones (``kind="milestone"``) and steps (``kind="step"``). An edge
milestone -> step means "is required by" (a step needs *all* its required milestones:
AND); an edge step -> milestone means "achieves" (a milestone needs *any one* of the
steps that achieve it: OR). Eligibility routes are steps into their certification, with
their conditions as requirements. Any-of groups ("high school diploma or GED") and explicit,
sourced counts-as rules (``cp:Equivalence``: holding A satisfies any requirement for B) are
folded in as "counts as" edges (member -> group), an OR. ``cp:specializes`` is a browsing
hierarchy only: a coder does not count as a medical assistant unless the data says so.

Experience is a milestone too: "2 years as a medical assistant" is the node
``.../data/experience/medical-assistant/2``, reached by *work* steps that need the role
and take the years' worth of months, one level after another. Experience in another role
counts toward a condition only where the data says so: ``cp:acceptsExperienceIn`` on that
condition (its requirement becomes an any-of group of the experience levels), or an
equivalence between the roles (experience in A counts as the same years in B).

Durations and costs are ranges: the typical figure (``cp:durationMonths``, ``cp:costUSD``)
ranks routes, the low and high ends bound it (a typical figure alone is the range [v, v]);
nothing given is unknown (None), never 0.

The projection is built once from the RDF and never changed: planners read it, and
per-profile changes (experience already held) live in the planner's own state.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import TYPE_CHECKING

from ..records import record

if TYPE_CHECKING:  # rdflib and NetworkX are imported where used: a cached projection needs neither
    import networkx as nx
    import rdflib

_DATA = "https://w3id.org/careerpath/data/"  # namespaces.CPD, without importing rdflib

__all__ = [
    "Condition",
    "StepInfo",
    "PracticeRule",
    "Projection",
    "project",
    "build_projection",
    "experience_node",
    "EVIDENCE_RANK",
    "Validity",
    "held_once_node",
    "num",
    "to_date",
    "years_text",
]

EVIDENCE_RANK = {"primary": 1, "secondary": 2, "weak": 3}  # fallback when a level has no cp:rank


@record
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
    accepts: tuple[str, ...] = ()  # further roles whose experience counts (cp:acceptsExperienceIn)
    accepts_lapsed: bool = False  # "holds or has held": a lapsed credential meets it (cp:acceptsLapsed)
    completing_days: int | None = None  # a student may apply (or test) this many days before finishing
    completing_applies_only: bool = False  # the allowance is to apply; the exam follows the program's end
    note: str | None = None  # details a person should read (cp:conditionNote)
    supervised: bool = False
    full_time: bool = False

    @property
    def requirement(self) -> str:
        """The milestone node this condition needs in the projection."""
        if self.milestone is not None:
            return held_once_node(self.milestone) if self.accepts_lapsed else self.milestone
        assert self.role is not None and self.years is not None
        node = experience_node(self.role, self.years)
        if self.accepts:
            return node + "/or/" + "+".join(a.rstrip("/").rsplit("/", 1)[-1] for a in self.accepts)
        return node

    @property
    def lead_months(self) -> float:
        """How many months before the program's end a completing student may sit the exam
        (0 where the allowance is only to apply, ``cp:completingStudentAppliesOnly``)."""
        if self.completing_applies_only or not self.completing_days:
            return 0.0
        return self.completing_days / 30.44

    @property
    def window_months(self) -> float | None:
        """The condition's time window in months, if it has one."""
        if self.within_months is not None:
            return float(self.within_months)
        if self.within_years is not None:
            return self.within_years * 12
        return None


@record(hot=True)
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
    months_low: float | None = None  # range ends; None with a typical figure means [typical, typical]
    months_high: float | None = None
    cost_low: float | None = None
    cost_high: float | None = None
    months_estimate: bool | None = None  # per figure; None: as ``estimate``
    cost_estimate: bool | None = None
    source_weight: str | None = None  # the strongest evidence level among its own sources (cp:source)
    months_weight: str | None = None  # the duration's own source (cp:durationSource), weighed apart
    cost_weight: str | None = None  # the cost's own source (cp:costSource), weighed apart
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    superseded_by: frozenset[str] = frozenset()
    evidenced_from: datetime.date | None = None  # start unknown: a source shows it in force by then
    evidenced_until: datetime.date | None = None  # end unknown: a source shows it in force until then
    date_note: str | None = None  # set by the planner: why the step may not be in force on the date asked
    role: str | None = None  # work steps: the role worked in
    from_years: float = 0.0  # work steps: the experience level they start from
    commitment: str | None = None  # "full-time", "part-time", "work-and-study"; None: by what it achieves
    commitment_note: str | None = None
    availability: str | None = None  # why not everyone who meets the requirements can take it
    availability_sources: tuple[str, ...] = ()
    school_age: bool = False  # meant for someone of school age (four years of high school)
    on_request: bool = False  # planned only toward its own milestone (an enlistment), never as a means
    jurisdiction: str | None = None  # taken only for a profile in this jurisdiction (cp:jurisdiction)

    @property
    def months_range(self) -> tuple[float, float] | None:
        """``(low, high)`` months, or None when the duration is unknown."""
        return _range(self.months, self.months_low, self.months_high)

    @property
    def cost_range(self) -> tuple[float, float] | None:
        """``(low, high)`` US dollars, or None when the cost is unknown."""
        return _range(self.cost, self.cost_low, self.cost_high)

    @property
    def months_is_estimate(self) -> bool:
        """Whether the duration is careerpath's estimate."""
        return self.estimate if self.months_estimate is None else self.months_estimate

    @property
    def cost_is_estimate(self) -> bool:
        """Whether the cost is careerpath's estimate."""
        return self.estimate if self.cost_estimate is None else self.cost_estimate


def _range(typical: float | None, low: float | None, high: float | None) -> tuple[float, float] | None:
    if typical is None:
        return (low, high) if low is not None and high is not None else None
    return (min(typical, low if low is not None else typical), max(typical, high if high is not None else typical))


def experience_node(role: str, years: float) -> str:
    """The milestone id of ``years`` of experience in ``role``.

    Examples
    --------
    >>> experience_node("https://w3id.org/careerpath/data/role/medical-assistant", 2.0)
    'https://w3id.org/careerpath/data/experience/medical-assistant/2'
    """
    local = role.rstrip("/").rsplit("/", 1)[-1]
    return f"{_DATA}experience/{local}/{years_text(years)}"


def years_text(years: float) -> str:
    return f"{years:g}"


def num(value: rdflib.term.Node | None) -> float | None:
    if value is None:
        return None
    from decimal import Decimal

    import rdflib

    py = value.toPython() if isinstance(value, rdflib.Literal) else None
    if isinstance(py, (int, float, Decimal)) and not isinstance(py, bool):
        return float(py)
    return None


def to_date(value: rdflib.term.Node | None) -> datetime.date | None:
    import rdflib

    py = value.toPython() if isinstance(value, rdflib.Literal) else None
    return py if isinstance(py, datetime.date) else None


@record
class Validity:
    """How long a milestone stays valid, and what renewing it takes (per renewal period)."""

    months: float
    fee: float | None = None
    ce_units: float | None = None
    ce_kind: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    reinstate_months: float | None = None  # how long after lapsing it can still be reinstated
    reinstate_fee: float | None = None


def held_once_node(milestone: str) -> str:
    """The node "``milestone``, current or lapsed": what a recertification or reinstatement needs.

    Examples
    --------
    >>> held_once_node("https://w3id.org/careerpath/data/cert/cma")
    'https://w3id.org/careerpath/data/cert/cma#held-once'
    """
    return milestone + "#held-once"


@record
class PracticeRule:
    """A jurisdiction's rule: working in ``role`` (or a role that counts as it) needs ``milestone``,
    from ``valid_from`` to ``valid_until`` where the data dates it."""

    id: str
    label: str
    jurisdiction: str
    role: str
    milestone: str
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None

    def in_force(self, on: datetime.date) -> bool:
        """Whether the rule holds on the date ``on``.

        Examples
        --------
        >>> r = PracticeRule("r", "SD", "sd", "ma", "reg", valid_until=datetime.date(2021, 6, 30))
        >>> r.in_force(datetime.date(2020, 1, 1)), r.in_force(datetime.date(2021, 7, 1))
        (True, False)
        """
        started = self.valid_from is None or self.valid_from <= on
        return started and (self.valid_until is None or on <= self.valid_until)


@record
class Projection:
    """The AND/OR graph and the step table read from it."""

    graph: nx.DiGraph
    steps: dict[str, StepInfo]
    groups: dict[str, frozenset[str]]  # group (or general role) -> members that count as it
    counts_as: dict[str, frozenset[str]]  # milestone -> groups it counts as
    labels: dict[str, str]
    certifications: tuple[str, ...] = ()
    role_ancestors: dict[str, frozenset[str]] = field(default_factory=dict)  # role -> roles it counts as
    work_steps: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> its work steps, in order
    rules: tuple[PracticeRule, ...] = ()  # state practice rules
    jurisdictions: dict[str, str] = field(default_factory=dict)  # state code (upper case) -> jurisdiction IRI
    current: frozenset[str] = frozenset()  # milestones that must be current (cp:mustBeCurrent)
    experience_of: dict[str, tuple[str, float]] = field(default_factory=dict)  # experience node -> (role, years)
    validity: dict[str, Validity] = field(default_factory=dict)  # milestones that lapse
    kinds: dict[str, str] = field(default_factory=dict)  # milestone -> role, program, certification...
    caveats: dict[tuple[str, str], str] = field(default_factory=dict)  # (holder, counts as) -> caveat
    trains_for: dict[str, frozenset[str]] = field(default_factory=dict)  # apprenticeship -> roles (RAPIDS code)
    pathway_roles: dict[str, frozenset[str]] = field(default_factory=dict)  # milestone -> roles whose pathway has it
    implied: dict = field(default_factory=dict, compare=False, repr=False)  # holdings.implied_by's memo

    @property
    def milestones(self) -> list[str]:
        """Every milestone node."""
        return [n for n, kind in self.graph.nodes(data="kind") if kind == "milestone"]

    def achievers(self, milestone: str) -> list[str]:
        """Steps that achieve ``milestone`` (its OR branches)."""
        return [p for p in self.graph.predecessors(milestone) if self.graph.nodes[p].get("kind") == "step"]

    def needs_itself(self, step: StepInfo) -> str | None:
        """The requirement of ``step`` that only the milestone it achieves meets ("X, current or
        lapsed": what a recertification or a reinstatement needs), or None. Only a person who
        held X takes such a step: on a route, another step would reach X first, and this one
        could be dropped.

        Examples
        --------
        >>> again = StepInfo("r", "r", "step", achieves="X", requires=frozenset({"X#held-once"}))
        >>> p = build_projection([again], {"X#held-once": frozenset({"X"})})
        >>> p.needs_itself(again)
        'X#held-once'
        """
        groups, graph = self.groups, self.graph
        for r in step.requires:
            if groups.get(r) == {step.achieves} and not (r in graph and self.achievers(r)):
                return r
        return None

    def counting_as(self, fact: str) -> set[str]:
        """``fact`` and every member of its group, at any depth: what counts as it.

        Examples
        --------
        >>> p = build_projection([], {"g": frozenset({"a", "h"}), "h": frozenset({"b"})})
        >>> sorted(p.counting_as("g")), sorted(p.counting_as("a"))
        (['a', 'b', 'g', 'h'], ['a'])
        """
        groups = self.groups
        out, todo = {fact}, [fact]
        while todo:
            for member in groups.get(todo.pop(), ()):
                if member not in out:
                    out.add(member)
                    todo.append(member)
        return out

    def label(self, node: str) -> str:
        """Label of a node."""
        return self.labels.get(node, node.rsplit("/", 1)[-1])


def project(graph: rdflib.Graph) -> Projection:
    """Build the AND/OR projection of ``graph`` (``planning.project.project``)."""
    from .project import project as _project

    return _project(graph)


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
    import networkx as nx

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
        experience_of={
            s.achieves: (s.role, s.from_years + (s.months or 0.0) / 12)
            for s in steps.values()
            if s.kind == "work" and s.role is not None
        },
    )


def _work_steps(steps: Iterable[StepInfo]) -> dict[str, tuple[str, ...]]:
    by_role: dict[str, list[StepInfo]] = defaultdict(list)
    for step in steps:
        if step.kind == "work" and step.role is not None:
            by_role[step.role].append(step)
    return {role: tuple(s.id for s in sorted(found, key=lambda s: s.from_years)) for role, found in by_role.items()}
