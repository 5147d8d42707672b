"""Routes as the planner returns them: each step with how its requirements are met and when it
runs, and the route's honest totals; built from an ordered set of steps (``build_route``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .problem import METRICS, ORDER, Problem, Satisfaction
from .projection import Condition

__all__ = ["RouteStep", "Route", "build_route", "satisfy", "is_valid", "is_redundant"]


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


def build_route(problem: Problem, order: Iterable[str], target: str | None = None) -> Route:
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
            sat, dep = satisfy(problem, req, earlier)
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
                    if origin.how == "experience":
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
