"""The additive lower bound of the planner's search: h_max over the relaxed AND/OR problem
(Knuth's generalisation of Dijkstra with superior function ``w + max``), lowered incrementally
as chosen steps make what they achieve free (``Bound``). The critical path, the other bound of
the months, is ``chain.Chain``.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable
from operator import add, neg

from .problem import ORDER, Problem
from .projection import StepInfo

__all__ = ["Bound", "key_components", "step_weights", "add_costs", "negate", "at_least", "lex_le"]


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
        self,
        problem: Problem,
        steps: dict[str, StepInfo],
        target: str | None,
        components: tuple[tuple[str, bool], ...],
    ) -> None:
        self.target, self.components = target, components
        groups = problem.projection.groups
        # The target and what counts as it: the last step achieves one (none without a target).
        final, todo = ({target}, [target]) if target is not None else (set(), [])
        while todo:
            for member in groups.get(todo.pop(), ()):
                if member not in final:
                    final.add(member)
                    todo.append(member)
        self.final = frozenset(final)
        # Groups nest (a chiropractic MA's experience counts as a clinical MA's, which counts
        # toward a condition's any-of group): every group below a needed one is needed too.
        needed = {r for step in steps.values() for r in step.requires} | final
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
        self._ways: dict[str, tuple[frozenset[str], tuple[float, ...]] | None] | None = None  # see ``distinct``
        self._by_fact: dict[str, list[str]] | None = None  # the steps achieving each fact (``_ways_to``)
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
            ways = self._ways = {}
        if len(goals) > 1:
            taken: set[str] = set()
            total = [0.0] * len(out)
            for goal in goals:
                if goal not in ways:
                    ways[goal] = self._ways_to(goal)
            for goal in sorted(goals, key=lambda g: -ways[g][1][main] if ways[g] else 0.0):
                sids, least = ways[goal] or (frozenset(), total)
                if sids and taken.isdisjoint(sids):
                    taken |= sids
                    total = [a + b for a, b in zip(total, least, strict=True)]
            for i in live:
                if total[i] > out[i]:
                    out[i] = total[i]
        return tuple(out)

    def _ways_to(self, goal: str) -> tuple[frozenset[str], tuple[float, ...]] | None:
        """The steps whose achievement counts as ``goal`` (it or a member of it, at any depth),
        with their least weights per component; None when there is none. Worked out per goal
        asked about (a search asks about a few hundred facts of a cone of thousands)."""
        by_fact = self._by_fact
        if by_fact is None:
            by_fact = {}
            for sid, step in self.steps.items():
                by_fact.setdefault(step.achieves, []).append(sid)
            self._by_fact = by_fact
        groups = self.problem.projection.groups
        members, todo = {goal}, [goal]
        while todo:
            for member in groups.get(todo.pop(), ()):
                if member not in members:
                    members.add(member)
                    todo.append(member)
        steps = self.steps
        sids = [sid for m in members for sid in by_fact.get(m, ()) if sid in steps]
        if not sids:
            return None
        weights = self.weights
        least = tuple(map(min, *(weights[sid] for sid in sids))) if len(sids) > 1 else weights[sids[0]]
        return frozenset(sids), least

    @property
    def level(self) -> dict[str, int]:
        """Each fact's level, computed when first asked for (a search that frees nothing never does)."""
        if self._level is None:  # both set before ``_level`` says they are (threads may share a Bound)
            level = self._levels()
            self._effect_level = [level[e] for e in self.effect]
            self._level = level
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


class ProfileTables:
    """What every plan for one profile shares, whatever its target, for one ordering of the key
    (``components``): what the profile reaches over every step it can take, the relaxed problem
    over those steps (``base``, with no target: no step is the last one) and its h_max tables
    from the profile, and the critical path's (``chain``). Built once, then only read.

    A target's own tables (``TargetBound``) equal these on every fact of its cone that the
    search asks about: every step achieving such a fact is in the cone, so the fact's value
    depends on the cone's steps alone. Only the target and what counts as it (``final``) can
    differ: its last step's weight counts its months even when part time (``step_weights``),
    and the target may be a group no step needs. Those few are worked out per target.
    """

    def __init__(self, everything: Problem, components: tuple[tuple[str, bool], ...]) -> None:
        from .problem import reach_from

        start = everything.start
        self.reachable = reach = reach_from(everything, start)
        steps = {sid: s for sid, s in everything.steps.items() if s.requires <= reach and s.achieves not in start}
        self.base = base = Bound(everything, steps, None, components)
        base.level  # noqa: B018 (worked out now, before other threads can see it)
        self.sids = list(steps)
        self.order = sorted(steps)  # a target's relevant steps are taken in this order
        by: dict[str, list[str]] = {}
        for sid in self.order:
            by.setdefault(steps[sid].achieves, []).append(sid)
        # Tuples of strings and numbers, which the cycle collector stops tracking: the tables stay
        # for the profile's every plan, and a full collection walks every object still tracked.
        self.usable_by = {m: tuple(sids) for m, sids in by.items()}  # per milestone (``relevant_steps``)
        base.users = {f: tuple(users) for f, users in base.users.items()}  # type: ignore[misc]
        self.projection = everything.projection
        self.tables = base.tables(start, reach)
        self.zeros = dict.fromkeys(reach, 0.0)
        self.chain_weight = {sid: step_weights(step, (("chain", False),))[0] for sid, step in steps.items()}
        chain_cost = list(self.chain_weight.values()) + [0.0] * (len(base.pre) - len(steps))
        live = [i for i, e in enumerate(base.effect) if e not in start]
        self.chain_table = base.h_max(start, live, chain_cost)
        self.nonzero = [{sid for sid, w in base.weights.items() if w[i]} for i in range(len(components))]
        self.chain_nonzero = {sid for sid, w in self.chain_weight.items() if w}
        self.ragged = {s.id for s in steps.values() if not _hundredths(s.months or 0.0)}
        self.ragged_lead = {s.id for s in steps.values() if not all(_hundredths(c.lead_months) for c in s.conditions)}
        base.problem = base.steps = None  # type: ignore[assignment]  (the profile's every step: not needed now)

    def grid_of(self, steps: dict[str, StepInfo]) -> tuple[bool, bool]:
        """Whether every step of ``steps`` lasts whole hundredths of a month, and whether every
        completing student's allowance of theirs does (``Chain``'s ``grid`` and ``slack``)."""
        return self.ragged.isdisjoint(steps), self.ragged_lead.isdisjoint(steps)

    def needed(self, fact: str, steps: dict[str, StepInfo], memo: dict[str, bool]) -> bool:
        """Whether the relaxed problem of ``steps`` needs ``fact`` (a step of them requires it, or
        it is a member of a group needed), as ``Bound`` works it out."""
        found = memo.get(fact)
        if found is None:
            memo[fact] = False  # a cycle of groups adds nothing
            base = self.base
            n = len(self.sids)
            found = any(j < n and self.sids[j] in steps for j in base.users.get(fact, ()))
            found = found or any(self.needed(g, steps, memo) for g in self.projection.counts_as.get(fact, ()))
            memo[fact] = found
        return found


def _hundredths(x: float) -> bool:
    return abs(x * 100 - round(x * 100)) < 1e-6


#: Targets with fewer steps than this in their cone build their own tables: the shipped data's
#: have 1-100 steps, which take well under a millisecond, and the profile's tables over every
#: step would cost more than they save (``options``: the same instructions, ``eligible`` 4 % more).
SHARE_FROM = 1_000


def profile_tables(problem: Problem, components: tuple[tuple[str, bool], ...]) -> ProfileTables | None:
    """The profile's shared tables for ``components``, built on its second plan (a profile
    planned once, as ``route`` does, never pays for them) or on its first when the target's
    steps are most of the steps there are; None when not built, or the cone is small."""
    shared = problem.shared
    if shared is None or len(problem.steps) < SHARE_FROM:
        return None
    found = shared.reuse.get(components)
    if found is None:
        shared.plans += 1
        if shared.plans < 2 and 2 * len(problem.steps) < len(problem.projection.steps):
            return None
        from .problem import build_problem

        every = build_problem(problem.projection, shared.profile, None, shared.today, windows=shared.windows)
        found = ProfileTables(every, components)
        shared.reuse[components] = found  # published whole
    return found


class TargetBound(Bound):
    """``Bound`` for one target's relevant ``steps``, read from the profile's ``ProfileTables``
    instead of built: its relaxed problem (a superset of the target's: the actions outside the
    cone reach no fact in it), levels and tables, with the target's own values for the last
    step's weights and for what counts as the target (``final``). Use ``of``, which says None
    when the target's tables could differ elsewhere too."""

    @classmethod
    def of(
        cls, shared: ProfileTables, problem: Problem, steps: dict[str, StepInfo], target: str
    ) -> tuple[TargetBound, dict[str, float]] | None:
        """The bound and the critical path's table, or None when a step of ``steps`` (or a group
        they need) needs what counts as the target: values above the target would differ."""
        base = shared.base
        groups = problem.projection.groups
        final, todo = {target}, [target]
        while todo:
            for member in groups.get(todo.pop(), ()):
                if member not in final:
                    final.add(member)
                    todo.append(member)
        n, memo = len(shared.sids), {}
        for f in final:
            for j in base.users.get(f, ()):
                if j < n and shared.sids[j] in steps:
                    return None
                if j >= n and base.effect[j] not in final and shared.needed(base.effect[j], steps, memo):
                    return None
        self = cls.__new__(cls)
        self.target, self.components, self.final = target, base.components, frozenset(final)
        self.problem, self.steps = problem, steps
        self.pre, self.effect, self.users = base.pre, base.effect, base.users
        self._level, self._effect_level = base.level, base._effect_level
        self._ways, self._by_fact = None, shared.usable_by  # ``_ways_to`` keeps those of ``steps``
        ends = {sid for f in final for sid in problem.achievers.get(f, ()) if sid in steps}
        changed = {}
        for sid in ends:
            w = step_weights(steps[sid], base.components, self.final)
            if w != base.weights[sid]:
                changed[sid] = w
        self.weights = {**base.weights, **changed} if changed else base.weights
        self.cost = base.cost
        if changed:
            index = {sid: i for i, sid in enumerate(shared.sids) if sid in changed}
            self.cost = [list(c) for c in base.cost]
            for sid, w in changed.items():
                for i, c in enumerate(self.cost):
                    c[index[sid]] = w[i]
        self.free_component = [
            shared.nonzero[i].isdisjoint(steps) and not any(w[i] for w in changed.values())
            for i in range(len(base.components))
        ]
        start = problem.start
        self._tables = [
            shared.zeros if free else _with_final(shared.tables[i], final, steps, problem, start, self.weights, i)
            for i, free in enumerate(self.free_component)
        ]
        chain = shared.zeros
        if not shared.chain_nonzero.isdisjoint(steps):
            chain = _with_final(shared.chain_table, final, steps, problem, start, shared.chain_weight, None)
        return self, chain

    def tables(self, held: frozenset[str], reachable: Iterable[str]) -> list[dict[str, float]]:
        """The target's tables (from the profile: ``held`` and ``reachable`` are the profile's)."""
        return self._tables


def _with_final(
    table: dict[str, float],
    final: set[str],
    steps: dict[str, StepInfo],
    problem: Problem,
    start: frozenset[str],
    weights: dict,
    i: int | None,
) -> dict[str, float]:
    """``table`` with the target's own h_max for the facts of ``final``: their values from the
    steps of ``steps`` achieving them (whose requirements are not final) and from their members
    (which are), as ``Bound.h_max`` finds them."""
    inf = math.inf
    value: dict[str, float] = {}
    for f in final:
        if f in start:
            value[f] = 0.0
            continue
        best = inf
        for sid in problem.achievers.get(f, ()):
            if sid in steps:
                w = weights[sid] if i is None else weights[sid][i]
                v = w + max([table.get(p, inf) for p in steps[sid].requires], default=0.0)
                if v < best:
                    best = v
        value[f] = best
    groups = problem.projection.groups
    again = True
    while again:  # a group is held once a member is: its least member's value
        again = False
        for f in final:
            for m in groups.get(f, ()):
                if value[m] < value[f]:
                    value[f] = value[m]
                    again = True
    if all(table.get(f, inf) == v for f, v in value.items()):
        return table
    out = dict(table)
    for f, v in value.items():
        if v == inf:
            out.pop(f, None)
        else:
            out[f] = v
    return out


def prepare(problem: Problem, target: str, components: tuple[tuple[str, bool], ...]):
    """The target's relevant steps, its bounds and what the profile reaches, and the first
    search's reachability (None: it works its own out), from the profile's shared tables
    (``ProfileTables``) when they give the same values on the target's cone, else built.

    Raises ``NoRouteError`` when the target is out of reach."""
    from ..errors import NoRouteError
    from .chain import ROUNDING, Chain
    from .problem import reach_from, relevant_steps, unmet_requirements

    shared = profile_tables(problem, components)
    ask = (None,) if shared is None else problem.achievers.get(target, ())
    if shared is not None and not any(problem.steps[sid].on_request for sid in ask):
        # On every fact of the cone, what the profile reaches over every step is what it reaches
        # over the cone's: every step achieving such a fact is in the cone.
        reachable = shared.reachable
    else:
        reachable, shared = reach_from(problem, problem.start), None
    if target not in reachable:
        unmet = unmet_requirements(problem, target, reachable)
        projection = problem.projection
        labelled = [(m, projection.label(m)) for m in unmet]
        raise NoRouteError(target, projection.label(target), labelled, closed=dict(problem.excluded))
    after: set[str] = set()
    needed: set[str] = set()
    if shared is not None:  # every relevant step is one of the profile's usable steps
        relevant = relevant_steps(problem, target, reachable, after, shared.usable_by, needed)
        steps = {sid: relevant[sid] for sid in shared.order if sid in relevant}
    else:
        steps = dict(sorted(relevant_steps(problem, target, reachable, after).items()))
    view = TargetBound.of(shared, problem, steps, target) if shared is not None and not after else None
    if view is not None:
        bound, table = view
        grid, whole = shared.grid_of(steps)  # type: ignore[union-attr]
        chain = Chain(problem, steps, table, shared.chain_weight, grid, 0.0 if grid and whole else ROUNDING)  # type: ignore[union-attr]
        # The first search's ways to each milestone: every step achieving one the target needs.
        ways = {m: shared.usable_by[m] for m in needed if m in shared.usable_by}
        return steps, bound, chain, reachable, (reachable, ways)
    if shared is not None:  # the target's own, as before (the shared reachability differs off the cone)
        reachable = reach_from(problem, problem.start)
    bound = Bound(problem, steps, target, components)
    return steps, bound, Chain.of(problem, steps, target, reachable, bound), reachable, None
