"""Routes as the planner returns them: each step with how its requirements are met and when it
runs, and the route's honest totals; built from an ordered set of steps (``build_route``).
Beside a best route, ``tradeoffs`` gives the routes that beat it on the other measure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..records import record
from .problem import METRICS, ORDER, Problem, Satisfaction, commitment_of
from .projection import Condition, Projection, StepInfo

if TYPE_CHECKING:
    from .problem import Profile

__all__ = [
    "RouteStep",
    "Route",
    "build_route",
    "tradeoffs",
    "lived_as",
    "commitment_of",
    "satisfy",
    "is_valid",
    "chosen_order",
    "is_redundant",
]


@record(hot=True)
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
    commitment: str = "part-time"  # "full-time", "part-time" or "work-and-study" (one full-time activity at a time)
    commitment_note: str | None = None
    availability: str | None = None  # why not everyone who meets the requirements can take it
    availability_sources: tuple[str, ...] = ()
    renews: str | None = None  # renewal steps: the milestone renewed
    alternatives: tuple[tuple[str, str], ...] = ()  # interchangeable steps (a HiSET for a GED): (id, label)
    note: str | None = None  # renewal steps: what renewing takes (continuing education), when it lapses

    @property
    def full_time(self) -> bool:
        """Whether the step takes a person's full time (a full-time program or job, an apprenticeship)."""
        return self.commitment in ("full-time", "work-and-study")


@record(hot=True)
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
        """When the route ends, in months from today: the timeline's last end (one full-time
        activity at a time, part-time steps alongside). "Fastest" means the soonest end."""
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
        """The set of step ids (what makes two routes differ; renewals follow from them)."""
        return frozenset(s.id for s in self.steps if s.kind != "renewal")

    @property
    def milestones(self) -> frozenset[str]:
        """The milestones the route achieves (two routes through the same ones compete)."""
        return frozenset(s.achieves[0] for s in self.steps)

    def total(self, metric: str) -> float:
        """The figure ranked for ``metric``: the number of steps, the month the route ends
        (``elapsed_months``), or the cost (renewals included); unknowns are not in it."""
        return {"steps": float(len(self.steps)), "months": self.elapsed_months, "cost": self.cost}[metric]

    def unknown(self, metric: str) -> int:
        """How many steps have an unknown value of ``metric``."""
        return {"steps": 0, "months": len(self.unknown_months), "cost": len(self.unknown_cost)}[metric]

    def key(self, by: str) -> tuple[float, ...]:
        """The ranking key for ``by``: per metric, fewer unknowns first, then the typical total
        (for months, the month the route ends; then cost; then steps).

        Examples
        --------
        >>> Route(steps=()).key("cost")
        (0.0, 0.0, 0.0, 0.0, 0.0)
        """
        out: list[float] = []
        for metric in ORDER[by]:
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


def _links(problem: Problem, order: list[str], infos: list[StepInfo]):
    """How each step's requirements are met, which earlier steps it needs, and how early it may
    start before one of them ends (a completing student's allowance)."""
    projection = problem.projection
    satisfied: list[tuple[Satisfaction, ...]] = []
    deps: list[set[int]] = []
    lead: dict[tuple[int, int], float] = {}
    for i, info in enumerate(infos):
        earlier = {info_.achieves: j for j, info_ in reversed(list(enumerate(infos[:i])))}
        sats, need = [], set()
        for req in sorted(info.requires, key=projection.label):
            sat, dep = satisfy(problem, req, earlier)
            if sat.how == "step" and dep is not None:
                sat = Satisfaction("step", order[dep], infos[dep].label)
            sats.append(sat)
            if dep is not None:
                need.add(dep)
                months = max((c.lead_months for c in info.conditions if c.requirement == req), default=0.0)
                if months:
                    lead[(i, dep)] = months
        satisfied.append(tuple(sats))
        deps.append(need)
    return satisfied, deps, lead


def _route_step(problem: Problem, s: StepInfo, satisfied, start: float, end: float, commitment: str) -> RouteStep:
    projection = problem.projection
    return RouteStep(
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
        satisfied_by=satisfied,
        start_month=start,
        end_month=end,
        must_be_current=s.achieves in projection.current,
        conditions=s.conditions,
        date_note=s.date_note,
        commitment=commitment,
        commitment_note=s.commitment_note,
        availability=s.availability,
        availability_sources=s.availability_sources,
    )


def build_route(problem: Problem, order: Iterable[str], target: str | None = None) -> Route:
    """The route of the steps ``order`` (a valid order): how each requirement is met, a timeline
    a person can live (``timeline.schedule_steps``: one full-time activity at a time, each step
    once what it needs is done, must-be-current steps as late as they can be), and the renewals
    of what lapses before the route last needs it (``timeline.renewal_steps``)."""
    from .timeline import renewal_steps, schedule_steps

    order = list(order)
    infos = [problem.steps[sid] for sid in order]
    satisfied, deps, lead = _links(problem, order, infos)
    length = [s.months or 0.0 for s in infos]  # unknown lengths take no time on the timeline (said so)
    commitments = [s.commitment or commitment_of(problem.projection, s) for s in infos]
    current = [s.achieves in problem.projection.current for s in infos]
    kinds = problem.projection.kinds
    hires = [s.kind == "step" and kinds.get(s.achieves) == "role" for s in infos]
    study = [s.kind in ("step", "enrolled") and kinds.get(s.achieves) in ("program", "education") for s in infos]
    full = [c != "part-time" for c in commitments]
    timeline = schedule_steps(length, full, deps, current=current, lead=lead, hires=hires, study=study)
    start = [round(s, 2) for s in timeline.start]  # to the day or so: a month is 30 days
    steps = [
        _route_step(problem, infos[i], satisfied[i], start[i], start[i] + length[i], commitments[i])
        for i in range(len(infos))
    ]
    steps += renewal_steps(problem, steps)
    steps.sort(key=lambda s: (s.start_month, s.end_month, s.kind == "renewal"))
    overlaps = tuple(
        (a.id, b.id)
        for n, a in enumerate(steps)
        for b in steps[n + 1 :]
        if max(a.start_month, b.start_month) < min(a.end_month, b.end_month) - 1e-9
    )
    reached_by = None
    if target is not None and infos:
        everything = {info_.achieves: j for j, info_ in reversed(list(enumerate(infos)))}
        reached_by, dep = satisfy(problem, target, everything)
        if reached_by.how == "step" and dep is not None:
            reached_by = Satisfaction("step", order[dep], infos[dep].label)
    return Route(steps=tuple(steps), overlaps=overlaps, reached_by=reached_by)


def satisfy(problem: Problem, req: str, earlier: Mapping[str, int]) -> tuple[Satisfaction, int | None]:
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
                    if origin.how in ("experience", "implied"):
                        return origin, None
                    return Satisfaction("member", member, projection.label(member)), None
                if member in earlier:
                    return Satisfaction("member", member, projection.label(member)), earlier[member]
                nxt.append(member)
        frontier = nxt
    raise AssertionError(f"{req} is not met before the step that needs it")  # pragma: no cover


def is_valid(problem: Problem, order: Iterable[str], target: str) -> bool:
    held = problem.start
    for sid in order:
        if not problem.steps[sid].requires <= held:
            return False
        held = problem.closure(held | {problem.steps[sid].achieves})
    return target in held


def chosen_order(
    problem: Problem, steps: dict[str, StepInfo], chosen: frozenset[str], target: str
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


def is_redundant(problem: Problem, taken: tuple[str, ...], target: str) -> bool:
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


def _about_as_long(a: float | None, b: float | None) -> bool:
    """Two steps take about the same time: within a quarter of the longer, or three months."""
    if a is None or b is None:
        return a is b
    return abs(a - b) <= max(3.0, 0.25 * max(a, b))


def with_choices(problem: Problem, route: Route, shadows: set[frozenset[str]]) -> Route:
    """``route`` with each step that has an interchangeable equivalent naming it: a step that
    earns one education credential of an any-of group, used only as that group (a GED for "a
    high school diploma or equivalent"), when another step earns another education credential
    of the group from the same requirements in about the same time (a HiSET). Programs are
    never interchangeable, nor degrees of different lengths: they differ in time, cost and
    availability. The routes taking the equivalent instead are added
    to ``shadows``."""
    from dataclasses import replace

    projection = problem.projection
    uses: dict[str, set[str]] = {}
    for step in route.steps:
        for (req, _), sat in zip(step.requires, step.satisfied_by, strict=True):
            uses.setdefault(sat.id, set()).add("group" if req != sat.id and sat.how == "member" else "itself")
    ids = route.step_ids
    steps = []
    for step in route.steps:
        found = []
        milestone = step.achieves[0]
        if step.kind == "step" and uses.get(milestone) == {"group"} and projection.kinds.get(milestone) == "education":
            me = problem.steps[step.id]
            for group in projection.counts_as.get(milestone, ()):
                for member in sorted(projection.groups.get(group, ())):
                    for other in problem.achievers.get(member, ()):
                        info = problem.steps[other]
                        if (
                            member != milestone
                            and other not in ids
                            and info.kind == "step"
                            and info.requires == me.requires
                            and projection.kinds.get(member) == "education"
                            and _about_as_long(me.months, info.months)
                        ):
                            found.append((other, info.label))
                            shadows.add(ids - {step.id} | {other})
        steps.append(replace(step, alternatives=tuple(dict.fromkeys(found))) if found else step)
    return replace(route, steps=tuple(steps))


def lived_as(projection: Projection, route: Route) -> tuple:
    """What a person does on ``route``, as they would tell it: each step, except that a year of
    work is the job actually held, whichever role its experience is counted toward (a clinical
    medical assistant's year is one year of work, counted as a clinical MA's or an MA's)."""
    achieved = {s.id: s.achieves[0] for s in route.steps}
    out = []
    for s in route.steps:
        if s.kind != "work":
            out.append((s.id,))
            continue
        job = s.achieves[0]
        for (req, _), sat in zip(s.requires, s.satisfied_by, strict=True):
            if projection.kinds.get(req) == "role":
                job = achieved.get(sat.id, sat.id) if sat.how == "step" else sat.id
        out.append(("work", job, round(s.months or 0.0, 2)))
    return tuple(sorted(out))


def tradeoffs(
    projection: Projection, profile: Profile, target: str, by: str, best: Route, *, limit: int = 40
) -> list[Route]:
    """The routes that beat ``best`` on the other measure: when ``best`` is the fastest, the
    cheaper routes that end later; when it is the cheapest, the faster routes that cost more.
    Only the Pareto set of (end month, cost) is kept: each route on it ends sooner than every
    cheaper one. Empty for ``by="steps"``, for a held target, or when nothing beats ``best``.

    Examples
    --------
    >>> from careerpath.graph.core import CareerGraph
    >>> cg = CareerGraph.load()
    >>> from careerpath.graph.planning import Profile, plan
    >>> D = "https://w3id.org/careerpath/data/"
    >>> p = Profile.of([D + "credential/high-school-diploma"])
    >>> best = plan(cg.projection, p, D + "cert/cma", by="months")[0]
    >>> all(r.cost < best.cost for r in tradeoffs(cg.projection, p, D + "cert/cma", "months", best))
    True
    """
    if by not in ("months", "cost") or not best.steps:
        return []
    from .search import iter_routes  # here: search imports this module

    other = "cost" if by == "months" else "months"
    found = []
    for route in iter_routes(projection, profile, target, other):
        if route.unknown(other) > best.unknown(other) or route.total(other) >= best.total(other) - 1e-9:
            break
        if route.step_ids == best.step_ids:
            continue
        found.append(route)
        if len(found) >= limit:
            break
    frontier: list[Route] = []
    for route in found:  # best first by the other measure: keep each that is better on ``by`` than all before it
        if route.unknown(by) > best.unknown(by):
            continue
        if not frontier or route.total(by) < min(r.total(by) for r in frontier) - 1e-9:
            frontier.append(route)
    return frontier
