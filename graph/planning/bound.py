"""The lower bounds of the planner's search: h_max over the relaxed AND/OR problem (Knuth's
generalisation of Dijkstra with superior function ``w + max``), lowered incrementally as
chosen steps make what they achieve free (``Bound``), and the critical path of a route, the
month it ends at the earliest whatever runs alongside what (``Chain``).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable
from operator import add, neg

from .problem import ORDER, Problem
from .projection import StepInfo

__all__ = ["Bound", "Chain", "ROUNDING", "key_components", "step_weights", "add_costs", "negate", "at_least", "lex_le"]


def key_components(by: str) -> tuple[tuple[str, bool], ...]:
    """The parts of the ranking key for ``by``: per metric (in ``ORDER``), the number of
    steps whose value is unknown, then the sum of the known typical values."""
    out: list[tuple[str, bool]] = []
    for metric in ORDER[by]:
        if metric != "steps":
            out.append((metric, True))
        out.append((metric, False))
    return tuple(out)


def step_weights(
    step: StepInfo, components: tuple[tuple[str, bool], ...], final: frozenset[str] = frozenset()
) -> tuple[float, ...]:
    """A step's part of the search's additive key: a lower bound of what it adds to the route's
    true key. For months, only full-time steps count (one at a time, they add up; a part-time
    step may overlap them), so the sum bounds the month the route ends from below; renewals and
    recurring fees, added once a route is laid out in time, only raise the cost and the steps.
    The step that reaches the target (it achieves one of ``final``) counts even when part time:
    every other step of an irredundant route leads to it, so it starts after the last
    full-time step (less a completing student's allowance)."""
    out = []
    for metric, unknown in components:
        if metric == "chain":  # every step's months, less a completing student's allowance: the critical path
            lead = max((c.lead_months for c in step.conditions), default=0.0)
            out.append(max((step.months or 0.0) - min(lead, step.months or 0.0), 0.0))
            continue
        if metric == "months" and step.commitment == "part-time":
            if step.months is None:
                value = None
            elif step.achieves in final:
                lead = max((c.lead_months for c in step.conditions), default=0.0)
                value = max(step.months - lead, 0.0)
            else:
                value = 0.0
        else:
            value = 1.0 if metric == "steps" else step.months if metric == "months" else step.cost
        out.append((1.0 if value is None else 0.0) if unknown else (value or 0.0))
    return tuple(out)


def add_costs(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(map(add, a, b))


def negate(g: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(map(neg, g))


def at_least(key: tuple[float, ...], at: int, value: float) -> tuple[float, ...]:
    """``key`` with its component ``at`` raised to ``value`` if below it, each component to six
    decimals, as ``Route.key``: sums taken in another order differ in their last bits, and the
    search compares keys exactly (rounding keeps every lower bound below what it bounds).

    Examples
    --------
    >>> at_least((0.0, 52.400000000000006, 7810.0), 1, 12.0)
    (0.0, 52.4, 7810.0)
    """
    if key[at] < value:
        key = (*key[:at], value, *key[at + 1 :])
    return tuple([round(x, 6) for x in key])


def lex_le(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """``a <= b`` lexicographically, equal within rounding."""
    for x, y in zip(a, b, strict=True):
        if x < y - 1e-6:
            return True
        if x > y + 1e-6:
            return False
    return True


class Bound:
    """The relaxed problem (no step is ever undone): actions are the steps plus the free
    "counts as" edges (member -> group), with an index from each fact to the actions that
    need it, built once per search."""

    def __init__(
        self, problem: Problem, steps: dict[str, StepInfo], target: str, components: tuple[tuple[str, bool], ...]
    ) -> None:
        self.target, self.components = target, components
        groups = problem.projection.groups
        final, todo = {target}, [target]  # the target and what counts as it: the last step achieves one
        while todo:
            for member in groups.get(todo.pop(), ()):
                if member not in final:
                    final.add(member)
                    todo.append(member)
        self.final = frozenset(final)
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
            (step.requires, step.achieves, step_weights(step, components, self.final)) for step in steps.values()
        ]
        free = (0.0,) * len(components)
        actions += [
            (frozenset({member}), group, free)
            for group in sorted(needed & groups.keys())
            for member in sorted(groups[group])
        ]
        self.weights = {sid: actions[i][2] for i, sid in enumerate(steps)}  # per step, for the search
        self.problem, self.steps = problem, steps
        self._ways: dict[str, tuple[frozenset[str], tuple[float, ...]]] | None = None  # see ``distinct``
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

    def distinct(self, goals: list[str], out: list[float], live: list[int], main: int) -> tuple[float, ...]:
        """``out`` (a bound of what meeting ``goals`` adds, per component) raised to the least
        weights of goals that need distinct steps, summed. Each goal (neither held nor achieved)
        needs a step not chosen yet whose achievement counts as it; goals that no one step can
        meet together need as many steps, so the least weights of such goals (taken greedily,
        the heaviest first by component ``main``) add up."""
        ways = self._ways
        if ways is None:
            found: dict[str, tuple[set[str], list[float]]] = {}
            for sid, step in self.steps.items():
                weights = self.weights[sid]
                for fact in self.problem.closure_of(step.achieves):
                    if fact not in found:
                        found[fact] = (set(), list(weights))
                    found[fact][0].add(sid)
                    found[fact][1][:] = map(min, found[fact][1], weights)
            ways = self._ways = {f: (frozenset(sids), tuple(least)) for f, (sids, least) in found.items()}
        if len(goals) > 1:
            taken: set[str] = set()
            total = [0.0] * len(out)
            for goal in sorted(goals, key=lambda g: -ways[g][1][main] if g in ways else 0.0):
                sids, least = ways.get(goal, (frozenset(), total))
                if sids and taken.isdisjoint(sids):
                    taken |= sids
                    total = [a + b for a, b in zip(total, least, strict=True)]
            for i in live:
                if total[i] > out[i]:
                    out[i] = total[i]
        return tuple(out)

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


#: The timeline gives each start to the hundredth of a month (``build_route`` rounds it), so a
#: route whose durations or completing-student allowances are not whole hundredths can end up to
#: this much before the critical path of its unrounded timeline.
ROUNDING = 0.005

_PLAIN = (0.0, math.inf)  # the note of a goal with no chain of chosen steps known above it


def _whole_hundredths(x: float) -> bool:
    return abs(x * 100 - round(x * 100)) < 1e-6


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
    ) -> None:
        self.problem, self.steps, self.table = problem, steps, table
        if weight is None:
            weight = {sid: step_weights(step, (("chain", False),))[0] for sid, step in steps.items()}
        self.weight = weight
        # A step ends no sooner than its weight after its latest requirement is held.
        self.at_step = at_step = {
            sid: weight[sid] + max([table.get(r, 0.0) for r in step.requires], default=0.0)
            for sid, step in steps.items()
        }
        holders: dict[str, list[tuple[float, str]]] = {}  # per fact, the steps whose achievement counts as it
        for sid, step in steps.items():
            for fact in problem.closure_of(step.achieves):
                holders.setdefault(fact, []).append((at_step[sid], sid))
        for entries in holders.values():
            entries.sort()
        self.holders = holders
        self._other: dict[tuple[str, str], float] = {}
        lengths = [step.months or 0.0 for step in steps.values()]
        leads = [c.lead_months for step in steps.values() for c in step.conditions]
        self.grid = all(map(_whole_hundredths, lengths))  # every step ends on a hundredth of a month
        self.slack = 0.0 if self.grid and all(map(_whole_hundredths, leads)) else ROUNDING

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
        weight = {sid: step_weights(step, (("chain", False),))[0] for sid, step in steps.items()}
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
            found = math.inf
            closure_of, steps = self.problem.closure_of, self.steps
            for value, sid in self.holders.get(group, ()):
                if member not in closure_of(steps[sid].achieves):
                    found = value
                    break
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
