"""A route laid out in time: when each step starts and ends, and the ranges of its months
and dollars, for the timeline, the printable plan and the options table.

The planner gives these figures on its routes (``start_month``, ``end_month``,
``months_range``, ``cost_range``, ``elapsed_months``); where a route or step does not
carry one, it is worked out here from the step's own figures: steps one after another, a
range of one value where the data gives one value, and ``None`` where the data gives none
(an unknown is never a zero).

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> cg = CareerGraph.load()
>>> route = cg.plan(cg.profile(have=["high school diploma"]), "CMA")[0]
>>> s = schedule(route)
>>> [(x.start_month, x.end_month) for x in s.steps]
[(0.0, 12.0), (11.01, 12.01)]
>>> s.elapsed_months  # AAMA lets a completing student test 30 days before finishing
12.01
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import record
from .routes import Route, RouteStep

__all__ = [
    "Range",
    "ScheduledStep",
    "Schedule",
    "schedule",
    "step_range",
    "route_range",
    "differing_steps",
]

Range = tuple[float, float]


@record(hot=True)
class ScheduledStep:
    """One step with its place in time and its ranges.

    ``start_month`` and ``end_month`` count from the start of the plan; ``after_unknown``
    is true when an earlier step's duration is unknown, so the real start is later.
    """

    number: int
    step: RouteStep
    start_month: float | None
    end_month: float | None
    months_range: Range | None
    cost_range: Range | None
    after_unknown: bool


@record(hot=True)
class Schedule:
    """A route's steps in time, with the totals' ranges (over the steps whose figures are known)."""

    route: Route
    steps: tuple[ScheduledStep, ...]
    months_range: Range | None
    cost_range: Range | None
    elapsed_months: float
    unknown_months: int
    unknown_cost: int


def _pair(value) -> Range | None:
    if value is None:
        return None
    low, high = value
    if low is None or high is None:
        return None
    return (float(low), float(high))


def step_range(step: RouteStep, what: str) -> Range | None:
    """The ``(low, high)`` range of a step's ``"months"`` or ``"cost"``; ``None`` when unknown.

    Examples
    --------
    >>> from careerpath.graph.planning import RouteStep
    >>> s = RouteStep("s", "Exam", "route", ("c", "C"), (), 1.0, None, False, ())
    >>> step_range(s, "months"), step_range(s, "cost")
    ((1.0, 1.0), None)
    """
    given = getattr(step, f"{what}_range", None)
    if given is not None:
        return _pair(given)
    value = step.months if what == "months" else step.cost
    return None if value is None else (float(value), float(value))


def route_range(route: Route, what: str) -> Range | None:
    """The total ``(low, high)`` of a route's ``"months"`` or ``"cost"`` over its known steps.

    ``None`` only when no step's figure is known (a route of no steps is ``(0, 0)``).
    """
    given = getattr(route, f"{what}_range", None)
    if given is not None:
        return _pair(given)
    known = [r for r in (step_range(s, what) for s in route.steps) if r is not None]
    if route.steps and not known:
        return None
    return (sum(r[0] for r in known), sum(r[1] for r in known))


def schedule(route: Route) -> Schedule:
    """Lay ``route`` out in time (see the module's docstring for where the figures come from)."""
    out: list[ScheduledStep] = []
    clock = 0.0
    unknown_before = False
    for n, step in enumerate(route.steps, 1):
        start = getattr(step, "start_month", None)
        end = getattr(step, "end_month", None)
        if start is None:
            start = clock
        if step.months is None:
            end = None  # an unknown duration has no end month, whatever the planner filled in
        elif end is None:
            end = start + step.months
        out.append(
            ScheduledStep(
                number=n,
                step=step,
                start_month=float(start),
                end_month=None if end is None else float(end),
                months_range=step_range(step, "months"),
                cost_range=step_range(step, "cost"),
                after_unknown=unknown_before,
            )
        )
        if end is None:
            unknown_before = True
        else:
            clock = max(clock, float(end))
    elapsed = getattr(route, "elapsed_months", None)
    return Schedule(
        route=route,
        steps=tuple(out),
        months_range=route_range(route, "months"),
        cost_range=route_range(route, "cost"),
        elapsed_months=float(elapsed) if elapsed is not None else clock,
        unknown_months=len(route.unknown_months),
        unknown_cost=len(route.unknown_cost),
    )


def differing_steps(best: Route, others: Sequence[Route]) -> list[frozenset[str]]:
    """For each route in ``others``, the ids of its steps that ``best`` does not take."""
    return [r.step_ids - best.step_ids for r in others]
