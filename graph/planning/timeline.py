"""A timeline a person can live: when each step of a route starts and ends.

Rules:

- a step starts once every step it needs has ended (less a completing student's allowance:
  a step may start ``lead`` months before the program it needs ends, as AAMA lets completing
  students test up to 30 days before finishing);
- **one full-time activity at a time**: full-time steps (a full-time program, a full-time job,
  an apprenticeship that is work and study at once) never overlap each other; part-time steps
  (an exam, a class, an application, a membership) overlap anything;
- among the orders of the full-time steps that respect what needs what, the one that ends
  soonest is taken (every order when there are at most ``EXACT_UP_TO`` full-time steps, a
  greedy order otherwise), then ties go to the order the route lists them in;
- a step achieving a milestone that must be current (CPR, a membership) comes as late as the
  steps needing it allow.

A step of unknown length takes no time here; the route says which steps those are.

Examples
--------
>>> t = schedule_steps([12.0, 9.0, 1.0], [True, True, False], [set(), set(), {0, 1}])
>>> t.start, t.end
([0.0, 12.0, 21.0], 22.0)

The renewals a route needs (``renewal_steps``): a credential that lapses (a certification, a
licence, a CPR card, a membership) must be current whenever a step of the route relies on it, so each time it would
lapse before the route last needs it, the route renews it, at its renewal fee (or, where the
data gives none and renewing means taking it again, the cost of taking it again), with its
continuing education said.

A credential the person holds with a date lapses on that date plus its validity period; one
held without a date is taken as current for the whole route (and the route says nothing of its
renewal); one a step of the route achieves lapses that long after the step ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..records import record

if TYPE_CHECKING:
    from .problem import Problem
    from .routes import RouteStep

__all__ = ["Timeline", "schedule_steps", "EXACT_UP_TO", "renewal_steps"]

EXACT_UP_TO = 6  # full-time steps: every order is tried up to this many (720 orders)


@record(hot=True)
class Timeline:
    start: list[float]
    end: float


def _earliest(
    length: Sequence[float],
    deps: Sequence[set[int]],
    order: Sequence[int],
    full: Sequence[bool],
    lead: dict[tuple[int, int], float],
) -> tuple[list[float], float]:
    """Earliest starts with the full-time steps in ``order`` (a topological order of all steps)."""
    start = [0.0] * len(length)
    busy_until = 0.0
    for i in order:
        # a completing student may start early, but is certified only once the program ends
        ready = max((start[j] + length[j] - min(lead.get((i, j), 0.0), length[i]) for j in deps[i]), default=0.0)
        if full[i]:
            ready = max(ready, busy_until)
            busy_until = ready + length[i]
        start[i] = max(ready, 0.0)
    end = max((start[i] + length[i] for i in range(len(length))), default=0.0)
    return start, end


def _orders(deps: Sequence[set[int]], full: Sequence[bool]):
    """Topological orders of all steps that differ in the order of the full-time ones."""
    n = len(deps)
    fulls = [i for i in range(n) if full[i]]
    # Transitive predecessors, so an order of the full-time steps can be checked directly.
    before: list[set[int]] = [set() for _ in range(n)]
    for i in _topo(deps):
        for j in deps[i]:
            before[i] |= before[j] | {j}
    among = set(fulls)
    needs = {i: (before[i] & among) - {i} for i in fulls}
    if len(fulls) > EXACT_UP_TO:  # the route's own order alone, when it keeps to them
        perm = tuple(i for i in _topo(deps) if full[i])
        if all(needs[i] <= set(perm[:k]) for k, i in enumerate(perm)):
            yield _merge(deps, perm)
        return
    for perm in _full_orders(fulls, needs, (), frozenset()):
        yield _merge(deps, perm)


def _full_orders(fulls: list[int], needs: dict[int, set[int]], placed: tuple[int, ...], used: frozenset[int]):
    """The orders of ``fulls`` (after ``placed``) in which no step comes before a full-time step
    it needs (``needs``): the permutations ``itertools.permutations`` gives that keep to them, in
    its order, without making the 720 of six steps to keep a few."""
    if len(placed) == len(fulls):
        yield placed
        return
    for i in fulls:
        if i not in used and needs[i] <= used:
            yield from _full_orders(fulls, needs, (*placed, i), used | {i})


def _topo(deps: Sequence[set[int]]) -> list[int]:
    """Steps in the route's own order (which respects ``deps``), then any left over."""
    out, placed = [], set()
    while len(out) < len(deps):
        progress = False
        for i in range(len(deps)):
            if i not in placed and deps[i] <= placed:
                out.append(i)
                placed.add(i)
                progress = True
        if not progress:  # a cycle cannot be (the planner orders steps): keep the rest in order
            out += [i for i in range(len(deps)) if i not in placed]
            break
    return out


def _merge(deps: Sequence[set[int]], full_order: Sequence[int]) -> list[int]:
    """A topological order of every step in which the full-time ones come in ``full_order``."""
    out, placed = [], set()
    queue = list(full_order)
    others = [i for i in range(len(deps)) if i not in set(full_order)]
    while len(out) < len(deps):
        progress = False
        for i in others:
            if i not in placed and deps[i] <= placed:
                out.append(i)
                placed.add(i)
                progress = True
        if queue and deps[queue[0]] <= placed:
            i = queue.pop(0)
            out.append(i)
            placed.add(i)
            progress = True
        if not progress:
            out += [i for i in range(len(deps)) if i not in placed]
            break
    return out


def _idle(order: Sequence[int], full: Sequence[bool], deps: Sequence[set[int]], hires: Sequence[bool]) -> int:
    """How many full-time steps come between a hire and the work that needs it: a job is not
    taken and then left idle while the person studies."""
    fulls = [i for i in order if full[i]]
    out = 0
    for k, i in enumerate(fulls):
        if hires[i]:
            later = [n for n, j in enumerate(fulls[k + 1 :]) if i in deps[j]]
            out += later[0] if later else 0
    return out


def schedule_steps(
    length: Sequence[float],
    full: Sequence[bool],
    deps: Sequence[set[int]],
    *,
    current: Sequence[bool] | None = None,
    lead: dict[tuple[int, int], float] | None = None,
    hires: Sequence[bool] | None = None,
    study: Sequence[bool] | None = None,
) -> Timeline:
    """Start months for steps of ``length`` months, ``full`` time or not, needing ``deps`` (indices).

    ``lead[(i, j)]``: step ``i`` may start that many months before step ``j`` (which it needs)
    ends. ``current[i]``: step ``i`` achieves a milestone that must be current, so it comes as
    late as the steps needing it allow. Among the orders that end soonest, one where each hire
    (``hires[i]``) comes right before the work that needs it wins (a job is not taken and left
    idle), then one where studying (``study[i]``: a program, a degree) comes early: finish
    school, then work, when that does not delay the end.
    """
    lead = lead or {}
    hires = hires or [False] * len(length)
    study = study or [False] * len(length)
    best: tuple[tuple[float, int, float], list[float]] | None = None
    for order in _orders(deps, full):
        start, end = _earliest(length, deps, order, full, lead)
        idle = _idle(order, full, deps, hires) if any(hires) else 0
        rank = (round(end, 6), idle, round(sum(start[i] for i in range(len(start)) if study[i]), 6))
        if best is None or rank < best[0]:
            best = (rank, start)
    if best is None:  # no full-time step
        start, end = _earliest(length, deps, _topo(deps), full, lead)
        best = ((end, 0, 0.0), start)
    start = best[1]
    end = max((start[i] + length[i] for i in range(len(length))), default=0.0)
    if current is not None:
        dependants: list[list[int]] = [[] for _ in length]
        for i, need in enumerate(deps):
            for j in need:
                dependants[j].append(i)
        for i in reversed(range(len(length))):
            if current[i] and dependants[i] and not full[i]:
                latest = min(start[d] + lead.get((d, i), 0.0) for d in dependants[i]) - length[i]
                start[i] = max(start[i], latest)
    return Timeline(start=start, end=end)


def _uses(problem: Problem, steps: list[RouteStep]) -> dict[str, tuple[float, float | None]]:
    """For each credential that lapses and that a step relies on: (when it was last earned, in
    months from today; None when held undated), and the latest month a step needs it."""
    projection = problem.projection
    achieved_at = {s.achieves[0]: s.end_month for s in steps}
    by_id = {s.id: s for s in steps}
    held = problem.held
    out: dict[str, tuple[float, float | None]] = {}
    for step in steps:
        for sat in step.satisfied_by:
            if sat.how == "step" and sat.id in by_id:
                milestone = by_id[sat.id].achieves[0]
            elif sat.how in ("held", "member") and sat.note is None:
                milestone = sat.id
            else:
                continue
            validity = projection.validity.get(milestone)
            if validity is None:
                continue
            if milestone in achieved_at:
                since: float | None = achieved_at[milestone]
            elif held is not None and milestone in held.lapses_in:
                since = held.lapses_in[milestone] - validity.months
            else:
                since = None  # held without a date: current, as far as careerpath knows
            last = max(step.start_month, out.get(milestone, (since, -1.0))[1] or -1.0)
            out[milestone] = (since, last)
    return out


def _retake_cost(problem: Problem, milestone: str) -> tuple[float | None, tuple[float, float] | None]:
    """The cost of taking a milestone again where renewing means that (a CPR class)."""
    projection = problem.projection
    ways = [projection.steps[sid] for sid in projection.achievers(milestone) if sid in projection.steps]
    plain = [s for s in ways if s.kind == "step" and s.cost is not None]
    if not plain or len(plain) != len(ways):
        return None, None
    cheapest = min(plain, key=lambda s: s.cost)
    return cheapest.cost, cheapest.cost_range


def renewal_steps(problem: Problem, steps: list[RouteStep]) -> list[RouteStep]:
    """The renewal steps of a route whose steps are ``steps`` (already placed in time)."""
    from .routes import RouteStep

    projection = problem.projection
    out = []
    for milestone, (since, last) in sorted(_uses(problem, steps).items()):
        validity = projection.validity[milestone]
        if since is None or last is None:
            continue
        label = projection.label(milestone)
        expiry, n = since + validity.months, 0
        while expiry <= last + 1e-9:
            n += 1
            if expiry < 0:  # lapsed before today: the planner would not rely on it
                expiry += validity.months
                continue
            cost, cost_range = validity.fee, (validity.fee, validity.fee) if validity.fee is not None else None
            estimate = False
            if cost is None:
                cost, cost_range = _retake_cost(problem, milestone)
                estimate = cost is not None
            ce = ""
            if validity.ce_units:
                ce = f"; renewing takes {validity.ce_units:g} {validity.ce_kind or 'units'} of continuing education"
            note = f"it lapses in month {expiry:g} ({validity.months:g}-month validity){ce}"
            if validity.note:
                note += f". {validity.note}"
            if estimate:
                note += "; no renewal fee is known, so the cost of taking it again is shown"
            out.append(
                RouteStep(
                    id=f"{milestone}#renewal-{n}",
                    label=f"Renew {label}",
                    kind="renewal",
                    achieves=(milestone, label),
                    requires=(),
                    months=0.0,
                    cost=cost,
                    estimate=estimate,
                    sources=validity.sources,
                    months_range=(0.0, 0.0),
                    cost_range=cost_range,
                    cost_estimate=estimate,
                    start_month=max(expiry, 0.0),
                    end_month=max(expiry, 0.0),
                    renews=milestone,
                    note=note,
                    satisfied_by=(),
                )
            )
            expiry += validity.months
    return out
