"""The additive lower bound of the planner's search: h_max over the relaxed AND/OR problem
(Knuth's generalisation of Dijkstra with superior function ``w + max``), lowered incrementally
as chosen steps make what they achieve free (``Bound``). The critical path, the other bound of
the months, is ``chain.Chain``.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter
from collections.abc import Iterable
from operator import add, neg

from .problem import ORDER, Problem
from .projection import StepInfo

__all__ = [
    "Bound",
    "key_components",
    "step_weights",
    "weight_columns",
    "chain_weights",
    "add_costs",
    "negate",
    "at_least",
    "lex_le",
]


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


def weight_columns(
    steps: Iterable[StepInfo], components: tuple[tuple[str, bool], ...], final: frozenset[str] = frozenset()
) -> list[list[float]]:
    """``step_weights`` of every step, as one column per component (the same floats), worked out
    a column at a time.

    Examples
    --------
    >>> s = StepInfo("a", "a", "step", achieves="A", requires=frozenset(), months=2.0, commitment="part-time")
    >>> weight_columns([s], key_components("months")) == [[x] for x in step_weights(s, key_components("months"))]
    True
    """
    each = list(steps)
    if any(metric == "chain" for metric, _ in components):
        rows = [step_weights(step, components, final) for step in each]
        return [[row[i] for row in rows] for i in range(len(components))]
    # Months: a part-time step's count for nothing (known: 0.0), but the last one's (``final``).
    months = [s.months if s.months is None or s.commitment != "part-time" else 0.0 for s in each]
    costs = [s.cost for s in each]
    out = []
    for metric, unknown in components:
        if metric == "steps":
            out.append([0.0 if unknown else 1.0] * len(each))
            continue
        values = months if metric == "months" else costs
        out.append([1.0 if v is None else 0.0 for v in values] if unknown else [v or 0.0 for v in values])
    if final:
        for k, step in enumerate(each):
            if step.achieves in final and step.commitment == "part-time" and step.months is not None:
                for i, w in enumerate(step_weights(step, components, final)):
                    out[i][k] = w
    return out


def chain_weights(steps: dict[str, StepInfo]) -> dict[str, float]:
    """``step_weights(step, (("chain", False),))[0]`` per step, the same floats, without a call
    per step where no condition lets a completing student start early (most steps)."""
    out = {}
    for sid, step in steps.items():
        if step.conditions:
            out[sid] = step_weights(step, (("chain", False),))[0]
        else:  # the lead is 0.0: the same expression
            months = step.months or 0.0
            out[sid] = max(months - min(0.0, months), 0.0)
    return out


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


def with_members(needed: set[str], groups: dict[str, frozenset[str]]) -> set[str]:
    """``needed`` with the members of each group in it, at any depth (a group below a needed one
    is needed too), added in place; returned.

    Examples
    --------
    >>> sorted(with_members({"g"}, {"g": frozenset({"a", "h"}), "h": frozenset({"b"})}))
    ['a', 'b', 'g', 'h']
    """
    todo = [g for g in needed if g in groups]
    while todo:
        for member in groups[todo.pop()]:
            if member not in needed:
                needed.add(member)
                if member in groups:
                    todo.append(member)
    return needed


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
        users: dict[str, tuple[int, ...]] | None = None,
    ) -> None:
        """``users``, when given: per fact, the positions in ``steps`` of the steps needing it, in
        order (the index below, less the groups' actions, which are added)."""
        self.target, self.components = target, components
        groups = problem.projection.groups
        # The target and what counts as it: the last step achieves one (none without a target).
        final = problem.projection.counting_as(target) if target is not None else set()
        self.final = frozenset(final)
        # Groups nest (a chiropractic MA's experience counts as a clinical MA's, which counts
        # toward a condition's any-of group): every group below a needed one is needed too.
        needed = (set(users) if users is not None else {r for step in steps.values() for r in step.requires}) | final
        with_members(needed, groups)
        # The actions: the steps, then each group's members counting as it, free (columns, not a
        # tuple per action: fewer containers for the cycle collector to walk).
        columns = weight_columns(steps.values(), components, self.final)
        counting = [(member, group) for group in sorted(needed & groups.keys()) for member in sorted(groups[group])]
        self.weights = dict(zip(steps, zip(*columns, strict=True), strict=False))  # per step, for the search
        self.problem, self.steps = problem, steps
        self._ways: dict[str, tuple[frozenset[str], tuple[float, ...]] | None] | None = None  # see ``distinct``
        self._by_fact: dict[str, list[str]] | None = None  # the steps achieving each fact (``_ways_to``)
        self.pre = [step.requires for step in steps.values()] + [frozenset({m}) for m, _ in counting]
        self.effect = [step.achieves for step in steps.values()] + [g for _, g in counting]
        free = [0.0] * len(counting)
        self.cost = [column + free for column in columns]
        self.free_component = [not any(weights) for weights in self.cost]
        self.users: dict[str, list[int]] = {}
        if users is None:
            for i, pre in enumerate(self.pre):
                for fact in pre:
                    self.users.setdefault(fact, []).append(i)
        else:  # the steps' given, then the groups' actions, as the loop above would add them
            self.users = dict(users)  # type: ignore[arg-type]
            for i in range(len(steps), len(self.pre)):
                for fact in self.pre[i]:
                    self.users[fact] = (*self.users.get(fact, ()), i)  # type: ignore[assignment]
        # Levels: a fact's level is at least that of every fact it needs (the longest chain of
        # requirements below it; facts on or above a cycle share one level past the others).
        # Freeing a fact can lower only facts at its level or higher, and a goal depends only
        # on facts at its level or lower, so ``lower`` need not follow a decrease past the
        # highest level of the goals it is asked about.
        self._level: dict[str, int] | None = None
        self._effect_level: list[int] = []
        self._past: int | None = None

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
        members = self.problem.projection.counting_as(goal)
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
        get = waiting.get
        for e, p in zip(effect, pre, strict=True):
            waiting[e] = get(e, 0) + len(p)
        level: dict[str, int] = {}
        todo = [f for f in users if f not in waiting]
        todo += [f for f, n in waiting.items() if n == 0]
        level.update(dict.fromkeys(todo, 0))
        at = level.get
        while todo:
            f = todo.pop()
            up = level[f] + 1
            for j in users.get(f, ()):
                e = effect[j]
                if at(e, -1) < up:
                    level[e] = up
                n = waiting[e] - 1
                waiting[e] = n
                if not n:
                    todo.append(e)
        past = max(level.values(), default=0) + 1
        self._past = None  # the level of the facts on or above a cycle, if any (``levels_more``)
        for f in itertools.chain(users, waiting):
            if waiting.get(f, 0) > 0 or f not in level:
                level[f] = self._past = past
        return level

    def levels_more(self, first: int, old: dict[str, int]) -> bool:
        """Set the levels once the actions from ``first`` on join those before it, whose levels
        are ``old`` (no new action achieves a fact of the old ones: theirs stay), as ``level``
        would find them; False (nothing set) when the old or the new actions form a cycle."""
        if self._past is not None:
            return False
        pre, effect, users = self.pre, self.effect, self.users
        waiting: dict[str, int] = {}
        for e, p in zip(effect[first:], pre[first:], strict=True):
            waiting[e] = waiting.get(e, 0) + len(p)
        level = dict(old)
        todo = list({p: None for p in itertools.chain.from_iterable(pre[first:]) if p not in waiting})
        todo += [e for e, n in waiting.items() if n == 0]
        for f in todo:
            level.setdefault(f, 0)
        while todo:
            f = todo.pop()
            up = level[f] + 1
            for j in users.get(f, ()):
                if j >= first:
                    e = effect[j]
                    if level.get(e, -1) < up:
                        level[e] = up
                    n = waiting[e] - 1
                    waiting[e] = n
                    if not n:
                        todo.append(e)
        if any(waiting.values()):
            return False
        self._effect_level = [level[e] for e in effect]
        self._level = level
        return True

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

    def h_max_many(
        self, held: frozenset[str], costs: list[list[float]], reachable: set[str] | None = None
    ) -> list[dict[str, float]] | None:
        """``h_max`` from ``held`` for each of ``costs`` (per action, as ``cost``), the same values
        found in one order for all: every action after each action achieving one of its
        requirements (a topological order), so each fact's value is the least over its actions
        of ``w + max`` of what they need, as Knuth's algorithm finds it, with no heap. None when
        the actions that can be taken form a cycle (then ``h_max`` is needed). ``reachable``, when
        given, holds every fact an action can reach from ``held`` (or more): an action needing
        another is left out at once (one that cannot be taken after all leaves the order short,
        which says None).

        Examples
        --------
        >>> from careerpath.graph.planning.problem import Profile, build_problem
        >>> from careerpath.graph.planning.projection import StepInfo, build_projection
        >>> s = [StepInfo("a", "a", "step", achieves="A", requires=frozenset(), months=12.0),
        ...      StepInfo("b", "b", "step", achieves="B", requires=frozenset({"A"}), months=2.0),
        ...      StepInfo("c", "c", "step", achieves="B", requires=frozenset(), months=20.0)]
        >>> problem = build_problem(build_projection(s), Profile.of([]), "B")
        >>> bound = Bound(problem, problem.steps, "B", (("months", False),))
        >>> bound.h_max_many(frozenset(), bound.cost) == [bound.h_max(frozenset(), [0, 1, 2], bound.cost[0])]
        True
        """
        order = self._topological(held, reachable)
        if order is None:
            return None
        pre, effect = self.pre, self.effect
        # Per action in order: its effect, and its one requirement (most have one) or None.
        effects = [effect[i] for i in order]
        ones = [next(iter(pre[i])) if len(pre[i]) == 1 else None for i in order]
        return self._walk_tables((order, effects, ones, held), costs, None)

    def h_max_more(
        self, first: int, held: frozenset[str], reachable: set[str], costs: list[list[float]], tables: list[dict]
    ) -> list[dict[str, float]] | None:
        """``h_max_many`` once the actions from ``first`` on join those before it, whose tables
        (for the same ``costs``, two by two as ``h_max_many`` makes them) are ``tables``: no new
        action achieves a fact of the old ones (the caller sees to it), so those keep their
        values, and the new facts' follow in one order of the new actions. None on a cycle."""
        pre, effect, users = self.pre, self.effect, self.users
        takes = [i for i in range(first, len(pre)) if effect[i] not in held and pre[i] <= reachable]
        ways = Counter(effect[i] for i in takes)  # the new facts, and how many new actions reach each
        keys = ways.keys()  # (a fact of the old actions is settled)
        missing = {i: 0 if keys.isdisjoint(pre[i]) else sum(1 for p in pre[i] if p in ways) for i in takes}
        order = [i for i in takes if not missing[i]]
        for i in order:  # an action once every action achieving each of its new requirements is in
            e = effect[i]
            left = ways[e] = ways[e] - 1
            if not left:
                for j in users.get(e, ()):  # (only new actions need a new fact)
                    if j in missing:
                        missing[j] -= 1
                        if not missing[j]:
                            order.append(j)
        if len(order) != len(takes):
            return None
        effects = [effect[i] for i in order]
        ones = [next(iter(pre[i])) if len(pre[i]) == 1 else None for i in order]
        return self._walk_tables((order, effects, ones, held), costs, tables)

    def _walk_tables(self, walk: tuple, costs: list[list[float]], seeds: list[dict] | None) -> list[dict[str, float]]:
        out: list[dict[str, float]] = []
        for k in range(0, len(costs) - 1, 2):  # two tables a pass: the walk's own work is shared
            out += self._two_tables(walk, costs[k], costs[k + 1], seeds and seeds[k : k + 2])
        if len(costs) % 2:
            out.append(self._two_tables(walk, costs[-1], None, seeds and seeds[-1:])[0])
        return out

    def _two_tables(
        self, walk: tuple, a: list[float], b: list[float] | None, seeds: list[dict] | None = None
    ) -> list[dict[str, float]]:
        """``h_max_many``'s tables for the costs ``a`` and ``b`` (None: ``a`` alone), in one pass
        over the actions in order (``walk``: them, their effects, their one requirement, held),
        from ``held`` or from ``seeds`` (tables of the facts settled already, with the same keys)."""
        order, effects, ones, held = walk
        pre = self.pre
        va: dict[str, float] = dict(seeds[0]) if seeds else dict.fromkeys(held, 0.0)
        vb: dict[str, float] = dict(seeds[-1]) if seeds else dict.fromkeys(held, 0.0)
        c = a if b is None else b
        get = va.get
        for i, e, one in zip(order, effects, ones, strict=True):
            if one is not None:
                x, y = a[i] + va[one], c[i] + vb[one]
            elif needs := pre[i]:
                x, y = a[i] + max(map(va.__getitem__, needs)), c[i] + max(map(vb.__getitem__, needs))
            else:
                x, y = a[i], c[i]
            old = get(e)
            if old is None:  # both tables reach a fact at once: by the same action
                va[e], vb[e] = x, y
            else:
                if x < old:
                    va[e] = x
                if y < vb[e]:
                    vb[e] = y
        return [va] if b is None else [va, vb]

    def _topological(self, held: frozenset[str], reachable: set[str] | None = None) -> list[int] | None:
        """The actions that can be taken from ``held`` (their effect not held), each after every
        such action achieving one of its requirements; None when they form a cycle (or when
        ``reachable`` let in an action that cannot be taken: see ``h_max_many``)."""
        pre, effect, users = self.pre, self.effect, self.users
        if reachable is not None:
            missing = [  # (most need nothing held: no set made to count what they lack)
                -1 if e in held or not p <= reachable else len(p) if held.isdisjoint(p) else len(p - held)
                for p, e in zip(pre, effect, strict=True)
            ]
            ready = [i for i, n in enumerate(missing) if n >= 0]
        else:
            missing = [-1 if e in held else len(p - held) for p, e in zip(pre, effect, strict=True)]
            waiting = list(missing)
            ready = [i for i, n in enumerate(missing) if n == 0]
            reached = set(held)
            for i in ready:  # what can be taken at all: ``ready`` grows as it is read
                e = effect[i]
                if e not in reached:
                    reached.add(e)
                    for j in users.get(e, ()):
                        waiting[j] -= 1
                        if waiting[j] == 0:
                            ready.append(j)
        achievers: dict[str, int] = {}
        for i in ready:
            e = effect[i]
            achievers[e] = achievers.get(e, 0) + 1
        order = [i for i, n in enumerate(missing) if n == 0]
        for i in order:  # an action once every action achieving each of its requirements is in
            e = effect[i]
            left = achievers[e] = achievers[e] - 1
            if not left:
                for j in users.get(e, ()):
                    missing[j] -= 1
                    if missing[j] == 0:
                        order.append(j)
        return order if len(order) == len(ready) else None

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
