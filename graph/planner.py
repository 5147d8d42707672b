"""Plan routes through the AND/OR projection: the fastest, cheapest or shortest honest way
from a profile to a target, and what a profile can sit for now.

Algorithm
---------
A step needs *all* its requirements (AND); a milestone is reached by *any* step that
achieves it (OR). A route is a set of steps, taken in an order in which every requirement
is held or achieved earlier; its total is the sum over its steps, each counted once even
when it serves two requirements. Plain shortest paths are wrong here: they count a shared
requirement twice and ignore the AND.

``plan`` works in four passes:

1. *Forward reachability* from the profile (a fixed point over the steps in force, in the
   backward cone of the target only): if the target is not reachable, the backward walk
   from it names the deepest requirement no step can meet, and ``NoRouteError`` carries it.
2. *Relevance*: only steps that achieve a milestone the target (transitively) needs, and
   whose requirements are reachable, can matter.
3. *Lower bound*: Knuth's generalisation of Dijkstra to AND/OR graphs (superior function
   ``w(step) + max(requirements)``) gives h_max: for each milestone and metric, the cost of
   its most expensive chain from the profile. It never overestimates.
4. *Exact best-first regression* (A*): a state is the set of chosen steps and the goals
   still open. The open goal furthest from the profile is expanded, branching only on the
   ways to meet it (a step that achieves it, a member of an any-of group, or a step
   already chosen), so independent steps are never ordered against each other. A state's
   bound is the largest h_max of its open goals. Costs are tuples ordered by the chosen
   metric and then the other two, so ties break on them; since every step adds one to the
   step count, the first complete state popped whose steps can be ordered (a cycle in the
   data cannot) is the best route, with no step it could drop. Alternatives come from
   Lawler's partition (see ``iter_routes``): the ``k`` best routes that differ in at least
   one step, best first.

Complexity: passes 1-3 are O((V + E) log V) on the relevant subgraph. The search is
exponential in the worst case (minimum-cost AND/OR solutions are NP-hard: they include
set cover), bounded by the product of the OR choices in the cone; h_max keeps it small on
career graphs, where few alternatives compete for each milestone. ``k`` alternatives open at most
``1 + (k - 1) * n`` subproblems for routes of ``n`` steps, but each is searched lazily: only
while its states are worth no more than the best route not yet given, so a subproblem that
cannot hold one of the ``k`` routes stops at its lower bound. ``max_expansions`` caps each
search and raises ``PlanningLimitError`` past it.
"""

from __future__ import annotations

import datetime
import heapq
import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from operator import add, neg

from .errors import CareerPathError, NoRouteError, ProfileError
from .projection import Condition, PracticeRule, Projection, StepInfo

__all__ = [
    "METRICS",
    "Profile",
    "Satisfaction",
    "RouteStep",
    "Route",
    "PlanningLimitError",
    "plan",
    "iter_routes",
    "eligible",
    "Eligibility",
    "EligibleEntry",
    "NotYetEntry",
    "state_rules",
]

METRICS = ("steps", "months", "cost")
_ORDER = {
    "months": ("months", "cost", "steps"),
    "cost": ("cost", "months", "steps"),
    "steps": ("steps", "months", "cost"),
}


class PlanningLimitError(CareerPathError):
    """The search for routes went past its expansion limit."""


@dataclass(frozen=True)
class Profile:
    """Where a person stands.

    Parameters
    ----------
    have : mapping of milestone id to date or None
        Milestones held, with the date each was reached when the person gives it.
    experience : mapping of role id to years
        Years of experience per role; having experience in a role implies working in it.
    as_of : date, optional
        Apply the rules in force on this date; by default the current rules (nothing
        superseded).
    state : str, optional
        A US state's two-letter code: its practice rules (a state credential to work in a
        role there) join the requirements of the steps into those roles.
    """

    have: Mapping[str, datetime.date | None] = field(default_factory=dict)
    experience: Mapping[str, float] = field(default_factory=dict)
    as_of: datetime.date | None = None
    state: str | None = None

    def __post_init__(self) -> None:
        for role, years in self.experience.items():
            if isinstance(years, bool) or not isinstance(years, (int, float)):
                raise ProfileError(f"years of experience must be a number, not {years!r} (for {role})")
            if not math.isfinite(years) or years < 0:
                raise ProfileError(f"years of experience must be zero or more, not {years!r} (for {role})")

    @classmethod
    def of(cls, have: Iterable[str] = (), experience: Mapping[str, float] | None = None, **kw) -> Profile:
        """A profile from undated milestones and experience."""
        return cls(have={m: None for m in have}, experience=dict(experience or {}), **kw)


@dataclass(frozen=True)
class Satisfaction:
    """How one requirement of a step is met.

    ``how`` is ``held`` (the profile holds ``id``, the requirement itself), ``step`` (the earlier
    step ``id`` of this route achieves it), ``member`` (``id`` is held or achieved earlier and is a
    member of the any-of group, or counts as the requirement by a sourced equivalence) or
    ``experience`` (the profile's years in role ``id`` give it).
    """

    how: str
    id: str
    label: str
    years: float | None = None


@dataclass(frozen=True)
class RouteStep:
    """One step of a route, as shown to a person."""

    id: str
    label: str
    kind: str
    achieves: tuple[str, str]
    requires: tuple[tuple[str, str], ...]
    months: float | None
    cost: float | None
    estimate: bool
    sources: tuple[str, ...]
    months_range: tuple[float, float] | None = None
    cost_range: tuple[float, float] | None = None
    months_estimate: bool = False
    cost_estimate: bool = False
    source_weight: str | None = None  # the step's own sources; its figures' sources are weighed apart:
    months_weight: str | None = None  # the duration's own source, where it has one
    cost_weight: str | None = None  # the cost's own source, where it has one
    satisfied_by: tuple[Satisfaction, ...] = ()  # one per ``requires`` entry, same order
    start_month: float = 0.0
    end_month: float = 0.0
    must_be_current: bool = False
    conditions: tuple[Condition, ...] = ()
    date_note: str | None = None  # why this rule may not be in force on the date asked (unknown change date)


@dataclass(frozen=True)
class Route:
    """An ordered list of steps (a timeline) and its honest totals."""

    steps: tuple[RouteStep, ...]
    overlaps: tuple[tuple[str, str], ...] = ()  # pairs of step ids that run at the same time
    reached_by: Satisfaction | None = None  # how the last steps reach the target (a step, or a member)

    @property
    def months(self) -> float:
        """Sum of the known typical durations; unknown ones are listed in ``unknown_months``."""
        return sum(s.months or 0.0 for s in self.steps)

    @property
    def cost(self) -> float:
        """Sum of the known typical costs; unknown ones are listed in ``unknown_cost``."""
        return sum(s.cost or 0.0 for s in self.steps)

    @property
    def months_range(self) -> tuple[float, float]:
        """Sum of the low and of the high durations of the steps whose duration is known."""
        return _sum_ranges(s.months_range for s in self.steps)

    @property
    def cost_range(self) -> tuple[float, float]:
        """Sum of the low and of the high costs of the steps whose cost is known."""
        return _sum_ranges(s.cost_range for s in self.steps)

    @property
    def elapsed_months(self) -> float:
        """Calendar months from start to finish when independent steps overlap (``overlaps``)."""
        return max((s.end_month for s in self.steps), default=0.0)

    @property
    def unknown_months(self) -> tuple[str, ...]:
        """Steps whose duration is not known."""
        return tuple(s.id for s in self.steps if s.months is None)

    @property
    def unknown_cost(self) -> tuple[str, ...]:
        """Steps whose cost is not known."""
        return tuple(s.id for s in self.steps if s.cost is None)

    @property
    def step_ids(self) -> frozenset[str]:
        """The set of step ids (what makes two routes differ)."""
        return frozenset(s.id for s in self.steps)

    @property
    def milestones(self) -> frozenset[str]:
        """The milestones the route achieves (two routes through the same ones compete)."""
        return frozenset(s.achieves[0] for s in self.steps)

    def total(self, metric: str) -> float:
        """The total for ``metric`` (steps, months or cost); unknowns are not in it."""
        return {"steps": float(len(self.steps)), "months": self.months, "cost": self.cost}[metric]

    def unknown(self, metric: str) -> int:
        """How many steps have an unknown value of ``metric``."""
        return {"steps": 0, "months": len(self.unknown_months), "cost": len(self.unknown_cost)}[metric]

    def key(self, by: str) -> tuple[float, ...]:
        """The ranking key for ``by``: per metric, fewer unknowns first, then the typical total.

        Examples
        --------
        >>> Route(steps=()).key("cost")
        (0.0, 0.0, 0.0, 0.0, 0.0)
        """
        out: list[float] = []
        for metric in _ORDER[by]:
            if metric != "steps":
                out.append(float(self.unknown(metric)))
            out.append(round(float(self.total(metric)), 6))  # sums in another order differ in the last bits
        return tuple(out)

    def dominates(self, other: Route) -> bool:
        """Whether this route is no worse than ``other`` on months, cost and steps (unknowns
        counted) while reaching the target through the same milestones."""
        if self.milestones != other.milestones:
            return False
        return all(self.unknown(m) <= other.unknown(m) and self.total(m) <= other.total(m) + 1e-9 for m in METRICS)


def _sum_ranges(ranges: Iterable[tuple[float, float] | None]) -> tuple[float, float]:
    low = high = 0.0
    for r in ranges:
        if r is not None:
            low, high = low + r[0], high + r[1]
    return (low, high)


# ---------------------------------------------------------------------- rules in force
def _in_force(step: StepInfo, projection: Projection, as_of: datetime.date | None) -> tuple[bool, str | None]:
    """Whether ``step`` is in force on ``as_of`` (None: the current rules), and why it may not be.

    A rule with a known start or end (``valid_from``, ``valid_until``) holds only between them; a
    newer rule that supersedes it ends it from the newer rule's start. Where the data knows only
    when sources show a rule in force (``evidenced_from`` of the newer, ``evidenced_until`` of the
    older), the change date is unknown: before the older rule's last evidence only it holds, from
    the newer rule's first evidence only the newer, and between them both are offered, each with
    a note saying it may not be in force on that date. No change date is invented.
    """
    if as_of is None:
        return (not step.superseded_by, None)
    if step.valid_from is not None and step.valid_from > as_of:
        return (False, None)
    if step.valid_until is not None and step.valid_until < as_of:
        return (False, None)
    notes = []
    for newer in sorted(step.superseded_by):
        info = projection.steps.get(newer)
        if info is None:
            continue
        start = info.valid_from or info.evidenced_from
        if start is None or start <= as_of:
            return (False, None)  # an undated successor replaces it at any date, as before
        if info.valid_from is None and (step.evidenced_until is None or step.evidenced_until < as_of):
            notes.append(
                f"may have been replaced by {as_of.isoformat()}: the newer rule ({info.label}) is shown in force "
                f"from {info.evidenced_from.isoformat()}, and when it began is unknown"  # type: ignore[union-attr]
            )
    if step.valid_from is None and step.evidenced_from is not None and step.evidenced_from > as_of:
        older = [o for o in projection.steps.values() if step.id in o.superseded_by]
        if any(o.evidenced_until is not None and o.evidenced_until >= as_of for o in older):
            return (False, None)  # the rule it replaced is shown in force on that date
        if any(o.evidenced_until is None and o.valid_until is None for o in older):
            return (False, None)  # nothing bounds the older rule: keep it, not this one
        notes.append(
            f"may not yet be in force on {as_of.isoformat()}: the earliest source showing it is from "
            f"{step.evidenced_from.isoformat()}, and when it began is unknown"
        )
    return (True, "; ".join(notes) or None)


@dataclass
class _Problem:
    """One planning problem: the steps in force, adjusted for the profile."""

    projection: Projection
    steps: dict[str, StepInfo]
    achievers: dict[str, list[str]]
    start: frozenset[str]
    origin: dict[str, Satisfaction] = field(default_factory=dict)  # how the profile holds a milestone
    _closures: dict[str, frozenset[str]] = field(default_factory=dict)
    _reach_index: tuple | None = None

    def reach_index(self) -> tuple[dict[str, int], dict[str, list[str]]]:
        """For ``_reachable`` from ``start``: how many requirements each step lacks, and the
        steps (in order of id) needing each milestone not held, built once."""
        index = self._reach_index
        if index is None or index[0] is not self.start or index[1] is not self.steps:
            start, need, users = self.start, {}, {}
            for sid in sorted(self.steps):
                missing = self.steps[sid].requires - start
                need[sid] = len(missing)
                for m in missing:
                    users.setdefault(m, []).append(sid)
            index = self._reach_index = (start, self.steps, need, users)
        return index[2], index[3]

    def closure(self, held: Iterable[str]) -> frozenset[str]:
        """``held`` plus every group its members count as."""
        return _counts_as_closure(self.projection, held)

    def closure_of(self, milestone: str) -> frozenset[str]:
        """``closure({milestone})``, remembered."""
        found = self._closures.get(milestone)
        if found is None:
            found = self._closures[milestone] = _counts_as_closure(self.projection, (milestone,))
        return found


def _counts_as_closure(projection: Projection, held: Iterable[str]) -> frozenset[str]:
    out = set(held)
    todo = list(out)
    while todo:
        for group in projection.counts_as.get(todo.pop(), ()):
            if group not in out:
                out.add(group)
                todo.append(group)
    return frozenset(out)


def _today(profile: Profile, today: datetime.date | None = None) -> datetime.date:
    return today or profile.as_of or datetime.date.today()


def _check_dates(projection: Projection, profile: Profile, today: datetime.date) -> None:
    for milestone, when in profile.have.items():
        if when is not None and when > today:
            raise ProfileError(
                f"{projection.label(milestone)} is dated {when.isoformat()}, after {today.isoformat()}"
                + (" (--as-of)" if profile.as_of else " (today)")
                + ": a milestone cannot be held before it is reached"
            )


def _months_between(earlier: datetime.date, later: datetime.date) -> float:
    return (later.year - earlier.year) * 12 + (later.month - earlier.month) + (later.day - earlier.day) / 31


def _window_ok(projection: Projection, profile: Profile, cond: Condition, today: datetime.date) -> bool:
    """Whether the profile's dated milestones leave ``cond``'s time window open.

    The one date rule of ``route`` and ``eligible``: a condition with a window ("within the
    last 4 years") held only through dated milestones that all fall outside it is not met by
    them; an undated milestone counts as recent; a milestone reached by a step of the route is
    recent by construction.
    """
    window = cond.window_months
    if window is None or cond.milestone is None:
        return True
    held = [(m, d) for m, d in profile.have.items() if cond.milestone in _counts_as_closure(projection, {m})]
    if not held or any(d is None for _, d in held):
        return True
    return any(_months_between(d, today) <= window + 1e-9 for _, d in held if d is not None)


def _problem(
    projection: Projection,
    profile: Profile,
    target: str | None = None,
    today: datetime.date | None = None,
    *,
    windows: bool = True,
) -> _Problem:
    """The steps in force that can matter for ``target`` (all, without one), adjusted for the profile.

    With ``windows``, a step whose windowed condition the profile holds only outside the
    window is left out (``eligible`` reports such conditions as missing instead).

    Only the backward cone of the target is visited, so the cost does not grow with the
    size of the whole graph.
    """
    today = _today(profile, today)
    _check_dates(projection, profile, today)
    origin: dict[str, Satisfaction] = {}
    for m in profile.have:
        if m in projection.graph or m in projection.labels:
            origin[m] = Satisfaction("held", m, projection.label(m))
    # Years of experience count for the role itself and for the roles it counts as by a
    # sourced equivalence; never through cp:specializes.
    years: dict[str, tuple[float, str]] = {}
    for role, y in profile.experience.items():
        for r in (role, *projection.role_ancestors.get(role, ())):
            if float(y) > years.get(r, (-1.0, ""))[0]:
                years[r] = (float(y), role)
    for role, (y, own) in years.items():
        if y > 0 and role not in origin:
            origin[role] = Satisfaction("experience", own, projection.label(own), y)
    # Experience already held: levels at or below it are held, and the next level's work
    # step starts from the years the person has.
    overrides: dict[str, StepInfo] = {}
    for role, (y, own) in years.items():
        for sid in projection.work_steps.get(role, ()):
            step = projection.steps[sid]
            level = step.from_years + (step.months or 0.0) / 12
            if level <= y + 1e-9:
                origin.setdefault(step.achieves, Satisfaction("experience", own, projection.label(own), y))
            elif step.from_years < y:
                overrides[sid] = replace(
                    step, requires=frozenset({step.role or role}), months=(level - y) * 12, from_years=y
                )
    held = set(origin)

    # State practice rules: a step into a governed role (or a role that counts as it by a
    # sourced equivalence) also needs the rule's milestone, such as Washington's credential.
    for rule in state_rules(projection, profile.state, profile.as_of):
        for sid, step in projection.steps.items():
            if step.kind != "work" and rule.role in _counts_as_closure(projection, {step.achieves}):
                base = overrides.get(sid) or step
                overrides[sid] = replace(base, requires=base.requires | {rule.milestone})

    def in_force(sid: str) -> StepInfo | None:
        step = overrides.get(sid) or projection.steps[sid]
        ok, note = _in_force(step, projection, profile.as_of)
        if not ok:
            return None
        if note is not None:
            step = replace(step, date_note=note)
        # A windowed condition held only through milestones dated outside the window cannot
        # be met: a held milestone is not reached again.
        if windows and not all(_window_ok(projection, profile, c, today) for c in step.conditions):
            return None
        return step

    steps: dict[str, StepInfo] = {}
    if target is None:
        for sid in projection.steps:
            if (step := in_force(sid)) is not None:
                steps[sid] = step
    else:
        seen, todo = set(), [target]
        while todo:
            m = todo.pop()
            if m in seen:
                continue
            seen.add(m)
            todo.extend(projection.groups.get(m, ()))
            if m not in projection.graph:
                continue
            for sid in projection.graph.predecessors(m):
                if sid in projection.steps and sid not in steps and (step := in_force(sid)) is not None:
                    steps[sid] = step
                    todo.extend(step.requires)
    achievers: dict[str, list[str]] = {}
    for sid in sorted(steps):
        achievers.setdefault(steps[sid].achieves, []).append(sid)
    problem = _Problem(projection, steps, achievers, frozenset(), origin)
    problem.start = problem.closure(held)
    return problem


def state_rules(
    projection: Projection, state: str | None, as_of: datetime.date | None = None, *, every: bool = False
) -> tuple[PracticeRule, ...]:
    """The practice rules of ``state`` (a two-letter code) in force on ``as_of`` (default today);
    with ``every``, also those no longer (or not yet) in force. Empty when none is known.

    Examples
    --------
    >>> from careerpath.graph.store import load_graph
    >>> from careerpath.graph.projection import project
    >>> p = project(load_graph())
    >>> [r.label for r in state_rules(p, "wa")][0]
    'In Washington, medical assistants need a DOH credential'
    >>> state_rules(p, "SD"), len(state_rules(p, "SD", datetime.date(2020, 1, 1)))
    ((), 1)
    """
    if not state:
        return ()
    jurisdiction = projection.jurisdictions.get(state.strip().upper())
    on = as_of or datetime.date.today()
    return tuple(r for r in projection.rules if r.jurisdiction == jurisdiction and (every or r.in_force(on)))


def _components(by: str) -> tuple[tuple[str, bool], ...]:
    """The parts of the ranking key for ``by``: per metric (in ``_ORDER``), the number of
    steps whose value is unknown, then the sum of the known typical values."""
    out: list[tuple[str, bool]] = []
    for metric in _ORDER[by]:
        if metric != "steps":
            out.append((metric, True))
        out.append((metric, False))
    return tuple(out)


def _weights(step: StepInfo, components: tuple[tuple[str, bool], ...]) -> tuple[float, ...]:
    out = []
    for metric, unknown in components:
        value = 1.0 if metric == "steps" else step.months if metric == "months" else step.cost
        out.append((1.0 if value is None else 0.0) if unknown else (value or 0.0))
    return tuple(out)


def _add(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(map(add, a, b))


def _reachable(
    problem: _Problem,
    start: frozenset[str],
    steps: Mapping[str, StepInfo] | None = None,
    supports: dict[str, int] | None = None,
    rank: dict[str, int] | None = None,
) -> set[str]:
    """Forward fixed point: every milestone reachable from ``start`` (with ``steps``, by default all).

    ``supports``, when given, receives the steps that reached a milestone first (without any
    other step, the same steps reach the same milestones), and ``rank`` when each milestone
    was reached (the same number for all a step reached; the profile's are -1)."""
    steps = problem.steps if steps is None else steps
    held = set(start)
    users: dict[str, list[str]]
    from_start = start is problem.start or start == problem.start
    if from_start and (steps is problem.steps or steps.keys() <= problem.steps.keys()):
        # Users in order of id, as ``steps`` is here (or the order does not matter: no ``supports``).
        need, users = problem.reach_index()
        waiting = dict(need) if steps is problem.steps else {sid: need[sid] for sid in steps}
    else:
        waiting, users = {}, {}
        for sid, s in steps.items():
            missing = s.requires - held
            waiting[sid] = len(missing)
            for m in missing:
                users.setdefault(m, []).append(sid)
    ready = [sid for sid, n in waiting.items() if not n]
    at = 0
    while at < len(ready):  # first come, first taken: what is reached early has a low rank
        sid = ready[at]
        at += 1
        added = problem.closure_of(steps[sid].achieves) - held
        if added and supports is not None:
            supports[sid] = len(supports)
            if rank is not None:
                rank.update(dict.fromkeys(added, supports[sid]))
        for new in added:
            held.add(new)
            for user in users.get(new, ()):
                n = waiting.get(user)
                if n is not None:
                    waiting[user] = n = n - 1
                    if not n:
                        ready.append(user)
    return held


def _group_members(problem: _Problem, milestone: str) -> frozenset[str]:
    return problem.projection.groups.get(milestone, frozenset())


def _unmet(problem: _Problem, target: str, reachable: set[str]) -> list[str]:
    """The deepest requirements on the way to ``target`` that nothing can meet."""
    out: list[str] = []
    seen: set[str] = set()

    def walk(m: str) -> None:
        if m in seen or m in reachable:
            return
        seen.add(m)
        options: list[list[str]] = [[member] for member in sorted(_group_members(problem, m))]
        options += [sorted(problem.steps[sid].requires - reachable) for sid in problem.achievers.get(m, ())]
        options = [o for o in options if o]
        if not options:
            out.append(m)
            return
        for req in min(options, key=len):
            walk(req)

    walk(target)
    return out or [target]


def _relevant(problem: _Problem, target: str, reachable: set[str]) -> dict[str, StepInfo]:
    """Steps that can matter for ``target``: they achieve something it needs, and can be taken."""
    usable = {sid: s for sid, s in problem.steps.items() if s.requires <= reachable and s.achieves not in problem.start}
    by_achieved: dict[str, list[str]] = {}
    for sid, s in usable.items():
        by_achieved.setdefault(s.achieves, []).append(sid)

    def after(member: str, group: str) -> bool:
        # Every way to the member passes through the group already (a podiatric medical
        # assistant needs to be a medical assistant first): the member cannot help reach it.
        ways = by_achieved.get(member, ())
        return bool(ways) and all(any(group in problem.closure({r}) for r in usable[sid].requires) for sid in ways)

    needed, todo, relevant = set(), [target], {}
    while todo:
        m = todo.pop()
        if m in needed or m in problem.start:
            continue
        needed.add(m)
        todo.extend(member for member in _group_members(problem, m) if not after(member, m))
        for sid in by_achieved.get(m, ()):
            relevant[sid] = usable[sid]
            todo.extend(usable[sid].requires)
    return relevant


class _Bound:
    """The relaxed problem (no step is ever undone): actions are the steps plus the free
    "counts as" edges (member -> group), with an index from each fact to the actions that
    need it, built once per search."""

    def __init__(
        self, problem: _Problem, steps: dict[str, StepInfo], target: str, components: tuple[tuple[str, bool], ...]
    ) -> None:
        self.target = target
        groups = problem.projection.groups
        # Groups nest (a chiropractic MA's experience counts as a clinical MA's, which counts
        # toward a condition's any-of group): every group below a needed one is needed too.
        needed = {r for step in steps.values() for r in step.requires} | {target}
        todo = [g for g in needed if g in groups]
        while todo:
            for member in groups[todo.pop()]:
                if member not in needed:
                    needed.add(member)
                    if member in groups:
                        todo.append(member)
        actions: list[tuple[frozenset[str], str, tuple[float, ...]]] = [
            (step.requires, step.achieves, _weights(step, components)) for step in steps.values()
        ]
        free = (0.0,) * len(components)
        actions += [
            (frozenset({member}), group, free)
            for group in sorted(needed & groups.keys())
            for member in sorted(groups[group])
        ]
        self.weights = {sid: actions[i][2] for i, sid in enumerate(steps)}  # per step, for the search
        self.pre = [a[0] for a in actions]
        self.effect = [a[1] for a in actions]
        self.cost = [[a[2][i] for a in actions] for i in range(len(components))]
        self.free_component = [not any(weights) for weights in self.cost]
        self.users: dict[str, list[int]] = {}
        for i, pre in enumerate(self.pre):
            for fact in pre:
                self.users.setdefault(fact, []).append(i)
        # Levels: a fact's level is at least that of every fact it needs (the longest chain of
        # requirements below it; facts on or above a cycle share one level past the others).
        # Freeing a fact can lower only facts at its level or higher, and a goal depends only
        # on facts at its level or lower, so ``lower`` need not follow a decrease past the
        # highest level of the goals it is asked about.
        self._level: dict[str, int] | None = None
        self._effect_level: list[int] = []

    @property
    def level(self) -> dict[str, int]:
        """Each fact's level, computed when first asked for (a search that frees nothing never does)."""
        if self._level is None:
            self._level = level = self._levels()
            self._effect_level = [level[e] for e in self.effect]
        return self._level

    def _levels(self) -> dict[str, int]:
        pre, effect, users = self.pre, self.effect, self.users
        waiting: dict[str, int] = {}
        for i, e in enumerate(effect):
            waiting[e] = waiting.get(e, 0) + len(pre[i])
        level: dict[str, int] = {}
        todo = [f for f in users if f not in waiting]
        todo += [f for f, n in waiting.items() if n == 0]
        level.update(dict.fromkeys(todo, 0))
        while todo:
            f = todo.pop()
            up = level[f] + 1
            for j in users.get(f, ()):
                e = effect[j]
                if level.get(e, -1) < up:
                    level[e] = up
                waiting[e] -= 1
                if waiting[e] == 0:
                    todo.append(e)
        past = max(level.values(), default=0) + 1
        for f in itertools.chain(users, waiting):
            if waiting.get(f, 0) > 0 or f not in level:
                level[f] = past
        return level

    def h_max(self, held, live, cost, counts: list[int] | None = None) -> dict[str, float]:
        """Knuth's generalised Dijkstra with superior function ``w + max``: for every fact,
        the cost of its most expensive chain from ``held``, a lower bound of any route to it.
        ``counts``: per action, how many of its requirements ``held`` lacks (-1 for an action
        not in ``live``, never taken)."""
        value: dict[str, float] = dict.fromkeys(held, 0.0)
        pre, effect, users = self.pre, self.effect, self.users
        missing = list(counts) if counts is not None else self._counts(held, live)
        heap = [(cost[i], i) for i, n in enumerate(missing) if n == 0]
        heapq.heapify(heap)
        heappop, heappush = heapq.heappop, heapq.heappush
        while heap:
            v, i = heappop(heap)
            m = effect[i]
            if m in value:
                continue
            value[m] = v
            for j in users.get(m, ()):
                n = missing[j] - 1
                missing[j] = n
                if n == 0:
                    heappush(heap, (cost[j] + max([value[p] for p in pre[j]]), j))
        return value

    def _counts(self, held, live) -> list[int]:
        out = [-1] * len(self.pre)
        pre = self.pre
        for i in live:
            out[i] = len(pre[i] - held)
        return out

    def tables(self, held: frozenset[str], reachable: Iterable[str]) -> list[dict[str, float]]:
        """``h_max`` from ``held`` for every component; a component whose weights are all 0
        (no unknowns) is 0 wherever a fact is reachable, so it needs no search."""
        live = [i for i, e in enumerate(self.effect) if e not in held]
        zeros: dict[str, float] | None = None
        counts: list[int] | None = None  # shared by the components
        out = []
        for i, free in enumerate(self.free_component):
            if free:
                zeros = zeros if zeros is not None else dict.fromkeys(reachable, 0.0)
                out.append(zeros)
            else:
                if counts is None:
                    counts = self._counts(held, live)
                out.append(self.h_max(held, live, self.cost[i], counts))
        return out

    def lower(
        self,
        base: dict[str, float],
        component: int,
        free: Iterable[str],
        below: float = math.inf,
        start: dict[str, float] | None = None,
        top: float = math.inf,
    ) -> dict[str, float]:
        """The changes to ``base`` (an ``h_max`` table) once ``free`` facts cost nothing: values
        only fall, so the decreases are propagated from those facts alone. Only values under
        ``below`` are followed: a fact whose lowered value is ``below`` or more cannot lower
        any fact whose table value is under ``below`` (a chain is worth at least each of its
        facts), so the result is exact for every fact with ``base`` under ``below``.

        ``start`` is an earlier result for a subset of ``free`` (the rest of the facts freed
        then), exact under a bound of ``below`` or more: the decreases go on from it and from
        the facts freed now only, with the same result.

        Only facts at level ``top`` or lower are followed (``level``): the result is exact for
        those, and ``start`` must have been computed with a ``top`` as high.

        Decreases are propagated cheapest first (weights are not negative, so a fact's
        value is final when it is taken), so each fact is followed at most once."""
        if self.free_component[component]:  # every weight 0 (no unknowns): nothing to lower
            return {}
        cost, pre, effect, users = self.cost[component], self.pre, self.effect, self.users
        level = self.level
        effect_level = self._effect_level
        over: dict[str, float] = {} if start is None else dict(start)
        inf = math.inf
        todo: list[tuple[float, str]] = []
        for f in free:
            if over.get(f, base.get(f, inf)) > 0.0:
                over[f] = 0.0
                if level.get(f, 0) <= top:
                    todo.append((0.0, f))
        heappop, heappush = heapq.heappop, heapq.heappush
        while todo:
            value, fact = heappop(todo)
            if over[fact] < value:
                continue  # lowered again since
            for j in users.get(fact, ()):
                if effect_level[j] > top:
                    continue
                worst = 0.0
                for p in pre[j]:
                    v = over.get(p)
                    if v is None:
                        v = base.get(p, inf)
                    if v > worst:
                        worst = v
                new = cost[j] + worst
                if new >= below:
                    continue
                e = effect[j]
                old = over.get(e)
                if old is None:
                    old = base.get(e, inf)
                if new < old - 1e-12:
                    over[e] = new
                    heappush(todo, (new, e))
        return over


def _route(problem: _Problem, order: Iterable[str], target: str | None = None) -> Route:
    """The route of the steps ``order`` (a valid order): how each requirement is met, and a
    timeline in which each step starts once what it needs is done (as early as possible), a
    step achieving a milestone that must be current as late as the steps needing it allow,
    and independent steps may overlap."""
    projection = problem.projection
    order = list(order)
    infos = [problem.steps[sid] for sid in order]
    satisfied: list[tuple[Satisfaction, ...]] = []
    deps: list[set[int]] = []
    for i, info in enumerate(infos):
        earlier = {info_.achieves: j for j, info_ in reversed(list(enumerate(infos[:i])))}
        sats, need = [], set()
        for req in sorted(info.requires, key=projection.label):
            sat, dep = _satisfy(problem, req, earlier)
            if sat.how == "step" and dep is not None:
                sat = Satisfaction("step", order[dep], infos[dep].label)
            sats.append(sat)
            if dep is not None:
                need.add(dep)
        satisfied.append(tuple(sats))
        deps.append(need)
    length = [s.months or 0.0 for s in infos]  # unknown lengths take no time on the timeline (said so)
    start = [0.0] * len(infos)
    for i in range(len(infos)):
        start[i] = max((start[j] + length[j] for j in deps[i]), default=0.0)
    dependants: list[list[int]] = [[] for _ in infos]
    for i, need in enumerate(deps):
        for j in need:
            dependants[j].append(i)
    current = [s.achieves in projection.current for s in infos]
    for i in reversed(range(len(infos))):
        if current[i] and dependants[i]:
            start[i] = max(start[i], min(start[d] for d in dependants[i]) - length[i])
    ranked = sorted(range(len(infos)), key=lambda i: (start[i], start[i] + length[i], i))
    steps = []
    for i in ranked:
        s = infos[i]
        steps.append(
            RouteStep(
                id=s.id,
                label=s.label,
                kind=s.kind,
                achieves=(s.achieves, projection.label(s.achieves)),
                requires=tuple((r, projection.label(r)) for r in sorted(s.requires, key=projection.label)),
                months=s.months,
                cost=s.cost,
                estimate=s.estimate,
                sources=s.sources,
                months_range=s.months_range,
                cost_range=s.cost_range,
                months_estimate=s.months_is_estimate,
                cost_estimate=s.cost_is_estimate,
                source_weight=s.source_weight,
                months_weight=s.months_weight,
                cost_weight=s.cost_weight,
                satisfied_by=satisfied[i],
                start_month=start[i],
                end_month=start[i] + length[i],
                must_be_current=current[i],
                conditions=s.conditions,
                date_note=s.date_note,
            )
        )
    overlaps = tuple(
        (a.id, b.id)
        for n, a in enumerate(steps)
        for b in steps[n + 1 :]
        if max(a.start_month, b.start_month) < min(a.end_month, b.end_month) - 1e-9
    )
    reached_by = None
    if target is not None and infos:
        everything = {info_.achieves: j for j, info_ in reversed(list(enumerate(infos)))}
        reached_by, dep = _satisfy(problem, target, everything)
        if reached_by.how == "step" and dep is not None:
            reached_by = Satisfaction("step", order[dep], infos[dep].label)
    return Route(steps=tuple(steps), overlaps=overlaps, reached_by=reached_by)


def _satisfy(problem: _Problem, req: str, earlier: Mapping[str, int]) -> tuple[Satisfaction, int | None]:
    """How ``req`` is met before a step: by the profile, by an earlier step (its index in
    ``earlier``, milestone -> step index), or through a member of a group or an equivalence."""
    projection = problem.projection
    if req in problem.origin:
        return problem.origin[req], None
    if req in earlier:
        return Satisfaction("step", "", ""), earlier[req]  # the caller names the step
    # Breadth-first through the members (and holders of equivalences) of the requirement.
    seen, frontier = {req}, [req]
    while frontier:
        nxt = []
        for node in frontier:
            for member in sorted(projection.groups.get(node, ())):
                if member in seen:
                    continue
                seen.add(member)
                if member in problem.origin:
                    origin = problem.origin[member]
                    if origin.how == "experience":
                        return origin, None
                    return Satisfaction("member", member, projection.label(member)), None
                if member in earlier:
                    return Satisfaction("member", member, projection.label(member)), earlier[member]
                nxt.append(member)
        frontier = nxt
    raise AssertionError(f"{req} is not met before the step that needs it")  # pragma: no cover


def _valid(problem: _Problem, order: Iterable[str], target: str) -> bool:
    held = problem.start
    for sid in order:
        if not problem.steps[sid].requires <= held:
            return False
        held = problem.closure(held | {problem.steps[sid].achieves})
    return target in held


def _redundant(problem: _Problem, taken: tuple[str, ...], target: str) -> bool:
    """Whether some step of ``taken`` can be dropped and the target still reached."""
    for skip in taken:
        held, left = set(problem.start), [sid for sid in taken if sid != skip]
        progress = True
        while progress and target not in held:
            progress = False
            for sid in left:
                step = problem.steps[sid]
                if step.achieves not in held and step.requires <= held:
                    held |= problem.closure(held | {step.achieves})
                    progress = True
        if target in held:
            return True
    return False


class _Search:
    """Best-first regression for one subproblem: the best route that avoids ``exclude`` and
    takes every step of ``include``. It can stop at a cutoff and resume later, so a Lawler
    subproblem is searched only as far as the routes asked for need (see ``iter_routes``).

    A state is a set of chosen steps and the goals still open. One open goal (the one
    furthest from the profile) is expanded, branching only on the ways to reach it, so
    independent steps are never ordered against each other. The bound is the largest
    h_max of an open goal, from the profile *plus* what the chosen (and forced) steps achieve:
    their weights are already in g, so what they achieve is free from then on (a bound from
    the profile alone would count them twice and lose better routes). The tables from the
    profile are computed once per ``iter_routes`` (``bound``, ``tables``); a subproblem lowers
    its parent's by what its forced steps achieve, once, and what chosen steps achieve lowers
    those incrementally (``_Bound.lower``), followed only up to the open goals' level.
    """

    def __init__(
        self,
        problem: _Problem,
        steps: dict[str, StepInfo],
        target: str,
        components: tuple[tuple[str, bool], ...],
        exclude: frozenset[str],
        max_expansions: int,
        include: frozenset[str] = frozenset(),
        bound: _Bound | None = None,
        tables: list[dict[str, float]] | None = None,
        overlays: dict | None = None,
        parent: _Search | None = None,
    ) -> None:
        self.problem, self.target, self.components = problem, target, components
        self.include, self.exclude = include, exclude
        self.max_expansions = max_expansions
        self.expansions = 0
        self.counter = itertools.count()
        self.seen: set[tuple[frozenset[str], frozenset[str]]] = set()
        self.heap: list = []
        # A Lawler subproblem excludes one step more than the subproblem it comes from
        # (``parent``): what the steps left can reach, and the ways to each goal, follow from
        # the parent's unless that step reached something first.
        dropped = None
        if parent is not None and parent.exclude < exclude and len(exclude) == len(parent.exclude) + 1:
            (dropped,) = exclude - parent.exclude
            self.usable = usable = dict(parent.usable)
            usable.pop(dropped, None)
        else:
            self.usable = usable = {sid: st for sid, st in steps.items() if sid not in exclude}
        forced = [usable[sid] for sid in sorted(include) if sid in usable]
        if len(forced) != len(include):
            return
        start_achieved = problem.closure({step.achieves for step in forced})
        self.held = held = problem.start
        if bound is None:
            bound = _Bound(problem, steps, target, components)
        if tables is None:
            tables = bound.tables(held, _reachable(problem, held, steps))
        self.bound, self.tables = bound, tables
        # The tables come from the profile with every step; a subproblem's excluded steps only make
        # the true costs higher, so they stay lower bounds.
        self.main = next(i for i, (_, unknown) in enumerate(components) if not unknown)
        # What the steps left can still reach: a subproblem whose target cannot be reached ends
        # here instead of exhausting its search, and no branch opens a goal out of reach.
        if dropped is not None and dropped not in parent.supports:  # type: ignore[union-attr]
            self.reach = reach = parent.reach  # type: ignore[union-attr]
            self.supports, self.rank = parent.supports, parent.rank  # type: ignore[union-attr]
        elif dropped is not None and (other := self._instead(parent, steps[dropped].achieves, dropped)) is not None:
            # Another step reaches what the dropped step reached, from milestones reached
            # before it: the same milestones are reached, with that step in its place.
            self.reach = reach = parent.reach  # type: ignore[union-attr]
            self.supports, self.rank = dict(parent.supports), parent.rank  # type: ignore[union-attr]
            self.supports[other] = self.supports.pop(dropped)
        else:
            self.supports, self.rank = {}, {}
            self.reach = reach = _reachable(problem, problem.start, usable, self.supports, self.rank)
        if target not in reach:
            return
        if dropped is not None and reach is parent.reach:  # type: ignore[union-attr]
            achievers = dict(parent.achievers)  # type: ignore[union-attr]
            way = steps[dropped].achieves
            if dropped in achievers.get(way, ()):
                achievers[way] = [sid for sid in achievers[way] if sid != dropped]
        else:
            achievers = {}
            for sid, st in usable.items():
                if st.requires <= reach:
                    achievers.setdefault(st.achieves, []).append(sid)
        self.achievers = achievers
        # What the forced steps achieve is free in every state of this subproblem: the tables
        # are lowered by it once, exactly and everywhere, from those of the subproblem it comes
        # from (which forces a subset of its steps), and shared by the subproblems forcing the
        # same steps, with the lowered tables of their states (``h``).
        overlays = {} if overlays is None else overlays
        shared = overlays.get(include)
        if shared is None:
            free = held | start_achieved
            if parent is not None and hasattr(parent, "free") and parent.free <= free:
                from_free, from_tables = parent.free, parent.htables
            else:
                from_free, from_tables = held, tables
            new_free = free - from_free
            htables = from_tables
            if new_free:
                htables = []
                for i, t in enumerate(from_tables):
                    lowered = bound.lower(t, i, new_free)
                    htables.append({**t, **lowered} if lowered else t)
            shared = overlays[include] = (free, htables, {})
        self.free, self.htables, self.overlays = shared
        self.floor = [t.get(target, 0.0) for t in self.htables]
        self.live = [i for i, free in enumerate(bound.free_component) if not free]
        self.zero_h = (0.0,) * len(components)
        self.infinite = (math.inf,) * len(components)
        zero = self.zero_h
        for step in forced:
            zero = _add(zero, _weights(step, components))
        start_open = frozenset({target} | {r for step in forced for r in step.requires if r not in problem.start})
        # The parent's first state achieved a subset of what this one's forced steps achieve.
        self.start_achieved = start_achieved
        before = parent.start_achieved if parent is not None and hasattr(parent, "start_achieved") else None
        self.heap.append(
            (
                _add(zero, self.h(start_open, start_achieved, before)),
                _neg(zero),
                next(self.counter),
                zero,
                start_open,
                include,
                start_achieved,
            )
        )

    @staticmethod
    def _instead(parent: _Search, milestone: str, dropped: str) -> str | None:
        """A step of ``parent`` other than ``dropped`` that achieves ``milestone`` and needs only
        milestones reached before ``dropped`` reached it, or None."""
        when = parent.rank.get(milestone)
        if when is None or when != parent.supports.get(dropped):
            return None
        rank, held = parent.rank, parent.held
        for sid in parent.achievers.get(milestone, ()):
            if sid != dropped and all(r in held or rank.get(r, math.inf) < when for r in parent.usable[sid].requires):
                return sid
        return None

    def h(
        self, open_: frozenset[str], achieved: frozenset[str], before: frozenset[str] | None = None
    ) -> tuple[float, ...]:
        # Goals a chosen step already reaches are closed for free, and what chosen steps
        # achieve is free on the way to the other goals too: their weight is in g already.
        todo = [g for g in open_ if g not in achieved]
        if not todo:
            return self.zero_h
        reach = self.reach
        if any(g not in reach for g in todo):
            return self.infinite
        # Components whose weights are all 0 (no unknowns) are 0 wherever a goal is reachable.
        inf = math.inf
        tables, live = self.htables, self.live
        out = list(self.zero_h)
        extra = achieved - self.free
        if not extra:
            for i in live:
                t = tables[i]
                out[i] = max([t.get(g, inf) for g in todo])
            return tuple(out)
        base = list(self.zero_h)
        for i in live:
            t = tables[i]
            base[i] = max([t.get(g, inf) for g in todo])
        # Lowered tables for these achievements, exact for facts under the bounds used; a
        # query with a higher bound recomputes them. They go on from those of the state
        # expanded (``before``: what it had achieved) where its bound is as high: a chosen step
        # frees only what it achieves. Only facts at the goals' levels or lower can lower a
        # goal (``_Bound.level``), and what chosen steps achieve lies mostly above the goals
        # still open: it is not followed.
        level = self.bound.level
        top = max([level.get(g, inf) for g in todo])
        overlays = self.overlays
        cached = overlays.get(extra)
        if cached is None or top > cached[1] or any(base[i] > cached[0][i] + 1e-12 for i in live):
            # At least the target's bound: the overlays of most states then share one limit,
            # and each goes on from the one before it.
            limits = [max(b, f) + 1e-9 for b, f in zip(base, self.floor, strict=True)]
            lower = self.bound.lower
            parent = None
            if before is not None:
                before_extra = before - self.free
                if before_extra != extra:
                    parent = overlays.get(before_extra)
            over: list[dict[str, float]] = [{} for _ in tables]
            if parent is None or top > parent[1]:
                for i in live:
                    over[i] = lower(tables[i], i, extra, limits[i], None, top)
            else:
                new = extra - before_extra
                for i in live:
                    if limits[i] <= parent[0][i]:
                        over[i] = lower(tables[i], i, new, limits[i], parent[2][i], top)
                    else:
                        over[i] = lower(tables[i], i, extra, limits[i], None, top)
            cached = overlays[extra] = (limits, top, over)
        over = cached[2]
        for i in live:
            o, t = over[i], tables[i]
            out[i] = max([o.get(g, t.get(g, inf)) for g in todo])
        return tuple(out)

    def run(
        self, cutoff: tuple[float, ...] | None = None
    ) -> tuple[tuple[str, ...], tuple[float, ...]] | tuple[float, ...] | None:
        """Search on: the best route and its cost; or, when every state left is worth more than
        ``cutoff``, the least of their bounds (a lower bound of the best route, and the search
        can resume); or None when there is no route."""
        heap = self.heap
        if not heap:  # no route: a forced step is excluded, or the target is out of reach
            return None
        seen, problem, usable, target = self.seen, self.problem, self.usable, self.target
        achievers, tables, main = self.achievers, self.tables, self.main
        groups = problem.projection.groups
        h = self.h
        weights = self.bound.weights
        while heap:
            if cutoff is not None and heap[0][0] > cutoff:
                return heap[0][0]
            _, _, _, g, open_, chosen, achieved = heapq.heappop(heap)
            if not open_:
                ordered = _order(problem, usable, chosen, target)
                if ordered is not None:
                    return ordered, g
                continue
            key = (chosen, open_)
            if key in seen:
                continue
            seen.add(key)
            self.expansions += 1
            if self.expansions > self.max_expansions:
                raise PlanningLimitError(f"gave up after {self.max_expansions} search states")
            goal = max(open_, key=lambda m: (m not in achieved, tables[main].get(m, math.inf), m))
            rest = open_ - {goal}
            # Ways to meet the goal: a chosen step already reaches it (closing it may still
            # make a cycle, caught by _order, so the other ways stay open too), one of its
            # members if it is a group, or a step that achieves it.
            successors: list[tuple[frozenset[str], frozenset[str], frozenset[str], tuple[float, ...]]] = []
            if goal in achieved:
                successors.append((rest, chosen, achieved, g))
            for member in sorted(groups.get(goal, ())):
                successors.append((rest | {member}, chosen, achieved, g))
            for sid in achievers.get(goal, ()):
                if sid in chosen:
                    continue
                step = usable[sid]
                g2 = _add(g, weights[sid])
                needs = {r for r in step.requires if r not in problem.start}
                successors.append(
                    (frozenset(rest | needs), chosen | {sid}, achieved | problem.closure_of(step.achieves), g2)
                )
            for new_open, new_chosen, new_achieved, g2 in successors:
                bound_ = h(new_open, new_achieved, achieved)
                if bound_[0] == math.inf:
                    continue
                heapq.heappush(
                    heap, (_add(g2, bound_), _neg(g2), next(self.counter), g2, new_open, new_chosen, new_achieved)
                )
        return None


def _order(
    problem: _Problem, steps: dict[str, StepInfo], chosen: frozenset[str], target: str
) -> tuple[str, ...] | None:
    """An order in which every chosen step's requirements are held first, or None (a cycle)."""
    held, left, out = set(problem.start), set(chosen), []
    progress = True
    while left and progress:
        progress = False
        for sid in sorted(left):
            if steps[sid].requires <= held:
                out.append(sid)
                held |= problem.closure(held | {steps[sid].achieves})
                left.discard(sid)
                progress = True
    return tuple(out) if not left and target in held else None


def _neg(g: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(map(neg, g))


def iter_routes(
    projection: Projection,
    profile: Profile,
    target: str,
    by: str = "months",
    *,
    max_expansions: int = 200_000,
):
    """Yield routes from ``profile`` to ``target``, best first by ``by`` (ties on the others).

    The key (``Route.key``) is, per metric in the order of ``by``, the number of steps whose
    value is unknown, then the sum of the typical values: a route with an unknown ranks after
    every fully known route. Routes dominated by one already yielded are skipped.

    Alternatives come from Lawler's partition of the solution space: once the best route
    R = (s1 ... sn) of a subproblem is found, the rest of that subproblem splits into the
    disjoint subproblems "take s1 ... s(i-1), avoid si"; the best route of each is a
    candidate in a heap, and each popped candidate splits the same way. Every route is
    found once, best first. Subproblems are searched lazily (``_Search.run`` stops at a
    cutoff and resumes), in the same order and with the same results as a full search of each.

    Raises
    ------
    NoRouteError
        The target cannot be reached from this profile (before the first route).
    PlanningLimitError
        One search went past ``max_expansions`` states.
    """
    if by not in _ORDER:
        raise ValueError(f"by must be one of {', '.join(METRICS)}, not {by!r}")
    problem = _problem(projection, profile, target)
    if target in problem.start:
        yield Route(steps=())
        return
    reachable = _reachable(problem, problem.start)
    if target not in reachable:
        unmet = _unmet(problem, target, reachable)
        raise NoRouteError(target, projection.label(target), [(m, projection.label(m)) for m in unmet])
    steps = dict(sorted(_relevant(problem, target, reachable).items()))
    components = _components(by)
    bound = _Bound(problem, steps, target, components)
    tables = bound.tables(problem.start, reachable)
    overlays: dict = {}  # lowered tables per set of forced steps, shared by the subproblems forcing them
    counter = itertools.count()
    candidates: list = []
    offered: list[Route] = []

    # The heap holds routes found, (cost, 1, sorted steps, n, (order, include, exclude)), and
    # subproblems not yet searched to the end, (lower bound, 0, (), n, search or its
    # (include, exclude)). A subproblem's routes are routes of its parent's subproblem other than
    # the parent's best, so the parent's cost bounds them from below until its own search says
    # more. A route is taken from the heap only when every subproblem left is bounded above its
    # cost (at an equal bound the subproblem comes first, so ties fall as in a full search);
    # a subproblem is searched only while its states are worth no more than the heap's next
    # entry, then waits with the least of their bounds. Subproblems that cannot hold one of
    # the routes asked for are thus never searched to the end, often not at all, and the
    # routes come out exactly as if every subproblem had been searched in full.
    def settle(search: _Search) -> None:
        found = search.run(candidates[0][0] if candidates else None)
        if found is None:
            return
        if isinstance(found[0], tuple):
            order, cost = found  # type: ignore[misc]
            heapq.heappush(
                candidates,
                (cost, 1, tuple(sorted(order)), next(counter), (order, search.include, search.exclude, search)),
            )
        else:
            heapq.heappush(candidates, (found, 0, (), next(counter), search))

    settle(
        _Search(problem, steps, target, components, frozenset(), max_expansions, frozenset(), bound, tables, overlays)
    )
    while candidates:
        cost, kind, _, _, payload = heapq.heappop(candidates)
        if kind == 0:
            search = payload
            if not isinstance(search, _Search):
                include, exclude, parent = search
                search = _Search(
                    problem,
                    steps,
                    target,
                    components,
                    exclude,
                    max_expansions,
                    include,
                    bound,
                    tables,
                    overlays,
                    parent,
                )
            settle(search)
            continue
        taken, include, exclude, found_by = payload
        # A subproblem that must take some steps can have a best route with a step it could
        # drop; it is not offered, but its subproblems are still searched.
        # A route no better on months, cost and steps than one already offered through the
        # same milestones (Category 2 for $250 beside Category 1 for $125 after the same
        # program) is no alternative either.
        if not _redundant(problem, taken, target):
            route = _route(problem, taken, target)
            if not any(o.dominates(route) for o in offered):
                offered.append(route)
                yield route
        prefix = set(include)
        for sid in taken:
            if sid in include:
                continue
            heapq.heappush(candidates, (cost, 0, (), next(counter), (frozenset(prefix), exclude | {sid}, found_by)))
            prefix.add(sid)


def plan(projection: Projection, profile: Profile, target: str, by: str = "months", k: int = 1) -> list[Route]:
    """The ``k`` best routes from ``profile`` to ``target``, best first.

    Parameters
    ----------
    projection : Projection
        The AND/OR graph (``graph.projection.project``).
    profile : Profile
        What the person holds.
    target : str
        The milestone id to reach (a role, certification, program...).
    by : {"months", "cost", "steps"}
        The metric to minimise; ties break on the other two.
    k : int
        How many routes, differing in at least one step.

    Returns
    -------
    list of Route
        An empty route when the target is already held.

    Raises
    ------
    NoRouteError
        Names the requirement that cannot be met from this profile.

    Examples
    --------
    >>> from careerpath.graph.store import load_graph
    >>> from careerpath.graph.projection import project
    >>> p = project(load_graph())
    >>> D = "https://w3id.org/careerpath/data/"
    >>> best = plan(p, Profile.of([D + "credential/high-school-diploma"]), D + "cert/cma")[0]
    >>> best.steps[-1].id.rsplit("/", 1)[-1].startswith("cma-category-"), best.months
    (True, 13.0)
    >>> best.steps[-1].start_month == best.steps[0].end_month
    True
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    return list(itertools.islice(iter_routes(projection, profile, target, by), k))


# ---------------------------------------------------------------------- eligibility
@dataclass(frozen=True)
class EligibleEntry:
    """A certification the profile can sit for, and the route that opens it."""

    id: str
    label: str
    via: tuple[str, str]
    note: str | None = None  # the route may not be in force on the date asked (see ``RouteStep.date_note``)


@dataclass(frozen=True)
class NotYetEntry:
    """A certification not yet open, with what its closest route still needs."""

    id: str
    label: str
    missing: tuple[tuple[str, str], ...]
    via: tuple[str, str]


@dataclass(frozen=True)
class Eligibility:
    """What a profile can sit for now, and what the rest still need."""

    eligible: tuple[EligibleEntry, ...]
    not_yet: tuple[NotYetEntry, ...]


def _condition_met(problem: _Problem, profile: Profile, cond: Condition, today: datetime.date) -> bool:
    """The rule evaluator ``eligible`` shares with ``route``: held (or counted as held), and
    inside its window (``_window_ok``)."""
    return cond.requirement in problem.start and _window_ok(problem.projection, profile, cond, today)


def eligible(projection: Projection, profile: Profile, today: datetime.date | None = None) -> Eligibility:
    """Which certifications ``profile`` can sit for now, and by which route.

    Time windows ("within the last 5 years") are checked against the dates a person
    gives for their milestones, as of ``today`` (or ``profile.as_of``); undated
    milestones are taken as recent.

    Examples
    --------
    >>> from careerpath.graph.store import load_graph
    >>> from careerpath.graph.projection import project
    >>> p = project(load_graph())
    >>> D = "https://w3id.org/careerpath/data/"
    >>> e = eligible(p, Profile.of([D + "credential/high-school-diploma"], {D + "role/medical-assistant": 1}))
    >>> "Certified Clinical Medical Assistant" in [x.label for x in e.eligible]
    True
    """
    today = _today(profile, today)
    problem = _problem(projection, profile, today=today, windows=False)
    yes, no = [], []
    for cert in projection.certifications:
        routes = [problem.steps[sid] for sid in problem.achievers.get(cert, ()) if problem.steps[sid].kind == "route"]
        best: tuple[int, StepInfo, list[Condition]] | None = None
        opened = None
        for route in routes:  # a route surely in force wins over one that may not be
            missing = [c for c in route.conditions if not _condition_met(problem, profile, c, today)]
            if not missing:
                if opened is None or (opened.date_note is not None and route.date_note is None):
                    opened = route
                continue
            if best is None or len(missing) < best[0]:
                best = (len(missing), route, missing)
        label = projection.label(cert)
        if opened is not None:
            yes.append(EligibleEntry(cert, label, (opened.id, opened.label), opened.date_note))
        elif best is not None:
            no.append(NotYetEntry(cert, label, tuple((c.id, c.label) for c in best[2]), (best[1].id, best[1].label)))
    return Eligibility(eligible=tuple(yes), not_yet=tuple(no))
