"""The critical path of a route: the month it ends at the earliest, whatever runs alongside what
(``Chain``), and its bound for the partial routes of the planner's search.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence

from .bound import Bound, at_least, chain_weights
from .problem import Problem
from .projection import StepInfo

__all__ = ["Chain", "ROUNDING"]


#: The timeline gives each start to the hundredth of a month (``build_route`` rounds it), so a
#: route whose durations or completing-student allowances are not whole hundredths can end up to
#: this much before the critical path of its unrounded timeline.
ROUNDING = 0.005

_PLAIN = (0.0, math.inf)  # the note of a goal with no chain of chosen steps known above it


def _whole_hundredths(x: float) -> bool:
    return abs(x * 100 - round(x * 100)) < 1e-6


class _AtStep(dict):
    """``Chain.at_step``: per step, the month it ends at the earliest (its weight after its latest
    requirement is held, by the chain's table), worked out when first asked for."""

    def __init__(self, chain: Chain) -> None:
        super().__init__()
        self.chain = chain

    def __missing__(self, sid: str) -> float:
        chain = self.chain
        table = chain.table
        value = self[sid] = chain.weight[sid] + max([table.get(r, 0.0) for r in chain.steps[sid].requires], default=0.0)
        return value


class Chain:
    """The critical path of a route, a lower bound of the month it ends, and its bound for the
    partial routes of the search.

    A step ``s`` takes ``w(s)`` months on the path: its months less the most a completing
    student may start before what it needs ends (``step_weights``, "chain"). Over a route's
    steps, ``held[f]`` is the earliest end of a step whose achievement counts as ``f`` (0 for
    what the profile holds) and ``end(s) = w(s) + max(held[r])`` over the requirements ``r`` of
    ``s``: the least fixed point, found cheapest first (``end``). The route's timeline starts a
    step once the step it uses for each requirement has ended, less the allowance (at most
    what ``w`` takes off), so by induction along the route's order each step ends no sooner
    than ``end(s)``, and the route (``Route.elapsed_months``) no sooner than the largest, less
    the timeline's rounding (``earliest``; ``slack`` is ``ROUNDING`` where a duration or an
    allowance is not whole hundredths, else 0).

    For the search's partial routes (chosen steps ``S``, open goals), ``table`` (the h_max of
    the same weights from the profile, over every step) bounds ``held`` from below on every
    route, ``at_step[s]`` bounds ``end(s)``, and a goal ``Y`` may carry a note ``(d, c)``:
    every route containing ``S`` with no step it could drop (the only routes offered) ends no
    sooner than ``min(held[Y] + d, c)``, besides ``held[Y]`` itself. ``d`` is a chain of
    chosen steps above ``Y``; ``c`` caps it where a group on that chain may be held sooner
    through another member (``through_member``). A note follows from ``S`` and the data
    alone, so it holds for every such route containing ``S``, whichever way the search came
    to ``S``: two states with the same chosen steps and open goals may carry different notes,
    and the search may keep either (both bound every completion).

    Parameters
    ----------
    problem : Problem
        The planning problem (its profile's milestones, and ``closure_of``).
    steps : dict of str to StepInfo
        Every step a route may take (the relevant steps).
    table : dict of str to float
        h_max from the profile with the "chain" weights over ``steps`` (``Bound.tables``).
    """

    def __init__(
        self,
        problem: Problem,
        steps: dict[str, StepInfo],
        table: dict[str, float],
        weight: dict[str, float] | None = None,
        grid: bool | None = None,
        slack: float | None = None,
        holders: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.problem, self.steps, self.table = problem, steps, table
        if weight is None:
            weight = chain_weights(steps)
        self.weight = weight
        # A step ends no sooner than its weight after its latest requirement is held (``_AtStep``,
        # worked out per step asked about).
        self.at_step = _AtStep(self)
        # Per fact, steps achieving it, of ``steps`` or more (``other`` keeps those of ``steps``).
        self._holders: Mapping[str, Sequence[str]] | None = holders
        self._other: dict[tuple[str, str], float] = {}
        if grid is None:
            lengths = [step.months or 0.0 for step in steps.values()]
            grid = all(map(_whole_hundredths, lengths))  # every step ends on a hundredth of a month
        if slack is None:
            leads = [c.lead_months for step in steps.values() for c in step.conditions]
            slack = 0.0 if grid and all(map(_whole_hundredths, leads)) else ROUNDING
        self.grid, self.slack = grid, slack
        self._head: tuple[frozenset[str], float] | None = None  # ``after_head``'s steps and start

    @classmethod
    def of(
        cls,
        problem: Problem,
        steps: dict[str, StepInfo],
        target: str,
        reachable: Iterable[str],
        bound: Bound | None = None,
    ) -> Chain:
        """The chain bound of ``steps``, with its h_max from the profile. ``bound``, the search's
        relaxed problem over the same ``steps`` (its actions are the same whatever the
        weights), saves building another."""
        if bound is None:
            bound = Bound(problem, steps, target, (("chain", False),))
            return cls(problem, steps, bound.tables(problem.start, reachable)[0])
        weight = chain_weights(steps)
        weights = list(weight.values())
        if not any(weights):  # as ``Bound.tables`` does for a component with no weight
            return cls(problem, steps, dict.fromkeys(reachable, 0.0), weight)
        cost = weights + [0.0] * (len(bound.pre) - len(weights))
        held = problem.start
        live = [i for i, e in enumerate(bound.effect) if e not in held]
        return cls(problem, steps, bound.h_max(held, live, cost), weight)

    def earliest(self, months: float) -> float:
        """The earliest month a route can end on its timeline when it ends no sooner than
        ``months`` unrounded: ``months`` less ``slack``, up to the next hundredth when every
        step's duration is whole hundredths (each rounded start plus its duration is then on
        that grid, and so is the route's end)."""
        if not self.slack or months == math.inf:
            return months
        low = months - self.slack
        return math.ceil(low * 100 - 1e-6) / 100 if self.grid else low

    def after_head(self, chosen: frozenset[str], months: float) -> float:
        """``months``, a route's full-time months (the search's additive bound), after the
        earliest month any of its full-time steps can start, when ``chosen`` holds one: a lower
        bound of the month every route containing ``chosen`` ends; else 0.

        Full-time steps never overlap on a timeline, and each starts no sooner than its end less
        its months (``at_step``), so a route's last one ends no sooner than the earliest of those
        starts plus all their months (its last step, counted even when part time, starts after
        it). A profile without a diploma meets every program after an equivalency test taken part
        time: the test's months count, where the sum leaves them out and the critical path misses
        the years of work a role asks for.

        Examples
        --------
        >>> from dataclasses import replace
        >>> from careerpath.graph.planning.problem import Profile, build_problem
        >>> from careerpath.graph.planning.projection import StepInfo, build_projection
        >>> test = StepInfo("t", "t", "step", achieves="T", requires=frozenset(), months=3.0, commitment="part-time")
        >>> program = StepInfo("p", "p", "step", achieves="P", requires=frozenset({"T"}), months=24.0)
        >>> s = [test, replace(program, commitment="full-time")]
        >>> problem = build_problem(build_projection(s), Profile.of([]), "P")
        >>> chain = Chain(problem, problem.steps, {"T": 3.0, "P": 27.0})
        >>> chain.after_head(frozenset({"p"}), 24.0), chain.after_head(frozenset(), 24.0)
        (27.0, 0.0)
        """
        head = self._head
        if head is None:  # worked out once, for the first state that asks
            head = self._head = self._first_start()
        busy, first = head
        return months + first if first > 0 and not busy.isdisjoint(chosen) else 0.0

    def _first_start(self) -> tuple[frozenset[str], float]:
        """The full-time steps that take time, and the earliest month one of them can start
        (0, with no steps, as soon as one can start at once: most profiles hold a diploma)."""
        busy, first = [], math.inf
        table, weight = self.table, self.weight
        for sid, step in self.steps.items():
            if step.commitment == "part-time" or not step.months:
                continue
            # ``at_step[sid]`` less the step's months, without keeping it
            start = weight[sid] - step.months + max([table.get(r, 0.0) for r in step.requires], default=0.0)
            if start <= 0:
                return frozenset(), 0.0
            busy.append(sid)
            first = min(first, start)
        return (frozenset(busy), first) if busy else (frozenset(), 0.0)

    def raised(self, key: tuple[float, ...], at: int, low: float, chosen: frozenset[str]) -> tuple[float, ...]:
        """A state's search ``key`` (its steps' sums and the largest h_max of its open goals), its
        months (part ``at``) raised to the critical path ``low`` and by ``after_head``."""
        return at_least(key, at, max(low, self.after_head(chosen, key[at])))

    def end(self, chosen: Iterable[str]) -> float:
        """The critical path of the route of the steps ``chosen`` (in any order).

        Examples
        --------
        >>> from careerpath.graph.planning.problem import Profile, build_problem
        >>> from careerpath.graph.planning.projection import StepInfo, build_projection
        >>> s = [StepInfo("a", "a", "step", achieves="A", requires=frozenset(), months=12.0),
        ...      StepInfo("b", "b", "step", achieves="B", requires=frozenset({"A"}), months=2.0)]
        >>> problem = build_problem(build_projection(s), Profile.of([]), "B")
        >>> Chain(problem, problem.steps, {}).end(["b", "a"])
        14.0
        """
        return self.held(chosen)[1]

    def held(self, chosen: Iterable[str]) -> tuple[dict[str, float], float]:
        """``held`` over the route of the steps ``chosen`` (what the profile holds left out), and
        the route's critical path."""
        steps, weight, start = self.steps, self.weight, self.problem.start
        closure_of = self.problem.closure_of
        needs: dict[str, list[str]] = {}
        missing: dict[str, int] = {}
        users: dict[str, list[str]] = {}
        ready: list[tuple[float, str]] = []
        for sid in chosen:
            need = needs[sid] = [r for r in steps[sid].requires if r not in start]
            missing[sid] = len(need)
            for r in need:
                users.setdefault(r, []).append(sid)
            if not need:
                ready.append((weight[sid], sid))
        heapq.heapify(ready)
        held: dict[str, float] = {}
        last = 0.0
        while ready:  # weights are not negative: ends come out in order, each fact's first is its least
            last, sid = heapq.heappop(ready)
            for fact in closure_of(steps[sid].achieves):
                if fact in held:
                    continue
                held[fact] = last
                for user in users.get(fact, ()):
                    missing[user] -= 1
                    if not missing[user]:
                        heapq.heappush(ready, (weight[user] + max([held[r] for r in needs[user]]), user))
        return held, last

    def other(self, group: str, member: str) -> float:
        """A lower bound of when a step whose achievement counts as ``group`` but not as its
        ``member`` ends, on any route: the least ``at_step`` of those steps, infinite if none."""
        key = (group, member)
        found = self._other.get(key)
        if found is None:
            closure_of, steps, holders = self.problem.closure_of, self.steps, self._holders
            if holders is None:
                holders = {}
                for sid, step in steps.items():
                    holders.setdefault(step.achieves, []).append(sid)
                self._holders = holders
            facts = self.problem.projection.counting_as(group)
            found = min(
                (
                    self.at_step[sid]
                    for fact in facts
                    for sid in holders.get(fact, ())
                    if sid in steps
                    if member not in closure_of(steps[sid].achieves)
                ),
                default=math.inf,
            )
            self._other[key] = found
        return found

    def term(self, goal: str, note: tuple[float, float]) -> float:
        """What ``note`` on ``goal`` says of the month every completion ends, at the least."""
        h = self.table.get(goal, 0.0)
        return max(h, min(h + note[0], note[1]))

    def _merge(self, notes: dict[str, tuple[float, float]], goal: str, note: tuple[float, float]) -> None:
        # Every note of a goal holds; the one saying more is kept, and none that says no more
        # than the goal's own h_max.
        new = self.term(goal, note)
        old = notes.get(goal)
        if new > (self.term(goal, old) if old is not None else self.table.get(goal, 0.0)) + 1e-12:
            notes[goal] = note

    @staticmethod
    def drop(notes: dict[str, tuple[float, float]], goal: str) -> dict[str, tuple[float, float]]:
        """``notes`` without the goal met (notes are never changed once a state has them)."""
        return notes if goal not in notes else {g: n for g, n in notes.items() if g != goal}

    def start(self, target: str, forced: Iterable[StepInfo]) -> tuple[float, dict[str, tuple[float, float]]]:
        """The bound and the notes of a subproblem's first state: a forced step ends after its
        requirements are held, and the route no sooner than any of its steps ends."""
        low, notes = self.table.get(target, 0.0), {}
        for step in forced:
            low = max(low, self.at_step[step.id])
            for r in step.requires:
                if r not in self.problem.start:
                    self._merge(notes, r, (self.weight[step.id], math.inf))
        return low, notes

    def through_step(
        self, notes: dict[str, tuple[float, float]], goal: str, sid: str, needs: Iterable[str]
    ) -> tuple[float, dict[str, tuple[float, float]]]:
        """The bound and the notes once step ``sid`` (``s``) is chosen for the goal it achieves,
        ``goal`` (``Y``), and its requirements ``needs`` are open.

        Proof, for every irredundant route containing the chosen steps (the search needs no
        more: ``iter_routes`` never offers another, and a search that returns a redundant
        route first has returned one no later than every irredundant one). ``end(s) >=
        w(s) + held[r]`` for each requirement ``r``, and ``end(s) >= at_step[s]``. If another
        step ``t`` of the route holds ``Y`` with ``end(t) < end(s)``, then ``s`` is redundant:
        ``closure(Y)`` is within what ``t`` holds, and the steps that end before ``s`` (``t``
        among them) never needed ``s``, so the route without ``s`` reaches everything it
        reached (in the least fixed point, the steps ending before ``s`` are found without it).
        Hence ``held[Y] = end(s)``, whichever other steps hold ``Y``, chosen before
        ``s`` or after: with the goal's note ``(d, c)``, the route ends no sooner than
        ``min(end(s) + d, c)`` (the bound), nor than ``min(held[r] + w(s) + d, c)``: ``r``'s
        note ``(d + w(s), c)``, or ``(w(s), inf)`` when that says more."""
        d, c = notes.get(goal, _PLAIN)
        w, at = self.weight[sid], self.at_step[sid]
        out = {g: n for g, n in notes.items() if g != goal}
        for r in needs:
            self._merge(out, r, (d + w, c))
            if c < math.inf:
                self._merge(out, r, (w, math.inf))
        return max(at, min(at + d, c)), out

    def through_member(
        self, notes: dict[str, tuple[float, float]], goal: str, member: str
    ) -> tuple[float, dict[str, tuple[float, float]]]:
        """The bound and the notes once the group ``goal`` is to be met by its member ``member``.

        Proof, for every route containing the chosen steps that holds the member. Unlike a
        step's milestone, a group can be held on an irredundant route by two steps that
        are both needed, each for its own milestone (one member a later step needs, another
        member another step needs): then ``held[goal]`` is the earlier. The group is held once
        a step whose achievement counts as it has ended: one counting as the member too (so
        ``held[goal] >= held[member]``) or another one (``end >= o = other(goal, member)``).
        With the goal's note ``(d, c)``, the route ends no sooner than ``min(held[member] + d,
        o + d, c)``: the member's note ``(d, min(c, o + d))``, which stays a lower bound when
        the other step holds the group first."""
        d, c = notes.get(goal, _PLAIN)
        out = self.drop(notes, goal)
        if goal in notes:
            self._merge(out, member, (d, min(c, self.other(goal, member) + d)))
        return self.term(member, out.get(member, _PLAIN)), out
