"""What every plan for one profile shares, whatever its target (``ProfileTables``): what the
profile reaches, its steps per milestone, and the relaxed problem's h_max tables over every step
it can take; a target's bounds read from them (``TargetBound``), and the search's inputs for one
target (``prepare``), from them when they give the target's own values, else built.
"""

from __future__ import annotations

import copy
import itertools
import math
from collections import Counter
from collections.abc import Collection, Iterable

from ..errors import NoRouteError
from .bound import Bound, step_weights, weight_columns, with_members
from .chain import ROUNDING, Chain
from .problem import Problem, reach_from, relevant_steps, unmet_requirements
from .projection import StepInfo

__all__ = ["SHARE_FROM", "ProfileTables", "TargetBound", "prepare", "profile_tables"]


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

    def __init__(
        self, everything: Problem, components: tuple[tuple[str, bool], ...], cone: frozenset[str] | None = None
    ) -> None:
        """``everything``: the profile's problem with every step (its steps per milestone unused),
        or with those of a target's cone, whose steps are ``cone`` (None: every step)."""
        self.cone = cone
        start = everything.start
        self.reachable, steps, users = _usable(everything)
        reach = self.reachable
        # Tuples of strings and numbers, which the cycle collector stops tracking: the tables stay
        # for the profile's every plan, and a full collection walks every object still tracked.
        self.base = base = Bound(everything, steps, None, components, users)
        base.level  # noqa: B018 (worked out now, before other threads can see it)
        self.sids = [*steps, *[None] * (len(base.pre) - len(steps))]  # per action, its step (None: a group's)
        self.order = sorted(steps)  # a target's relevant steps are taken in this order
        self.usable_by, self.needs_of, self.order_achieves = {}, {}, []
        self._by_milestone(self.order, steps)
        self.projection = everything.projection
        self.zeros = dict.fromkeys(reach, 0.0)
        # The critical path's weights, and the steps off the timeline's grid of hundredths, in one pass.
        self.chain_weight, self.ragged, self.ragged_lead = _chain_and_grid(steps)
        chain_cost = [0.0 if sid is None else self.chain_weight[sid] for sid in self.sids]
        live = self.live = [i for i, free in enumerate(base.free_component) if not free]
        found = base.h_max_many(start, [base.cost[i] for i in live] + [chain_cost], reach)
        if found is None:  # a cycle: Knuth's order
            self.tables = base.tables(start, reach)
            self.chain_table = base.h_max(start, [i for i, e in enumerate(base.effect) if e not in start], chain_cost)
        else:
            self.tables = [self.zeros] * len(base.free_component)
            for i, table in zip(live, found, strict=False):
                self.tables[i] = table
            self.chain_table = found[-1]
        self.knuth = found is None
        base.problem = base.steps = None  # type: ignore[assignment]  (the profile's every step: not needed now)

    def _by_milestone(self, order: Iterable[str], steps: dict[str, StepInfo]) -> None:
        """Per milestone, its usable steps in order of id (``relevant``) and what they need, one
        after the other; the milestone of each of ``order`` (steps of new milestones, in order)."""
        usable_by, needs_of, achieves = self.usable_by, self.needs_of, self.order_achieves
        for sid in order:
            step = steps[sid]
            m = step.achieves
            achieves.append(m)
            usable_by[m] = (*usable_by.get(m, ()), sid)
            needs_of[m] = (*needs_of.get(m, ()), *step.requires)

    def extended(self, every: Problem) -> ProfileTables | None:
        """These tables, over a target's cone, extended to every step of the profile: those outside
        the cone are ``every``'s (a new object: these stay as they are for the threads reading
        them). Every step achieving a fact
        of the cone is in it, so its facts keep their values; the steps outside it add facts of
        their own. None where a step outside would reach a fact of the cone, a component free on
        the cone would weigh, or an order fails (a cycle): then they are built anew."""
        if self.knuth:  # (the tables of a cycle, by Knuth's order)
            return None
        old, n = self.base, len(self.base.pre)
        reach, more, users = _usable(every, every.steps, self)
        known = old.level.keys()  # every fact of the old actions (needed or reached)
        groups = self.projection.groups
        grouped = set(old.effect[len(self.order) :])  # (built anew: its steps' actions, then the groups')
        counting = _new_groups(set(users), known, grouped, groups)
        if counting is None or any(s.achieves in known for s in more.values()):
            return None
        out = copy.copy(self)
        out.cone, out.reachable = None, reach
        out.base = base = copy.copy(old)
        columns = weight_columns(more.values(), old.components)
        base.weights = {**old.weights, **dict(zip(more, zip(*columns, strict=True), strict=False))}
        base.pre = old.pre + [s.requires for s in more.values()] + [frozenset({m}) for m, _ in counting]
        base.effect = old.effect + [s.achieves for s in more.values()] + [g for _, g in counting]
        free = [0.0] * len(counting)
        base.cost = [c + column + free for c, column in zip(old.cost, columns, strict=True)]
        base.free_component = [not any(weights) for weights in base.cost]
        if base.free_component != old.free_component:
            return None
        base.users = dict(old.users)
        for j in range(n, len(base.pre)):
            for fact in base.pre[j]:
                base.users[fact] = (*base.users.get(fact, ()), j)
        base._level, base._ways, base._by_fact = None, None, None
        if not base.levels_more(n, old.level):
            return None
        out.sids = self.sids + list(more) + [None] * len(counting)
        new = sorted(more)
        out.order = sorted(self.order + new)
        out.usable_by, out.needs_of, out.order_achieves = dict(self.usable_by), dict(self.needs_of), []
        out._by_milestone(new, more)
        where = dict(zip(self.order, self.order_achieves, strict=True))
        where.update(zip(new, out.order_achieves, strict=True))
        out.order_achieves = [where[sid] for sid in out.order]
        out.zeros = dict.fromkeys(reach, 0.0)
        chain, ragged, lead = _chain_and_grid(more)
        out.chain_weight = weight = {**self.chain_weight, **chain}
        out.ragged, out.ragged_lead = self.ragged | ragged, self.ragged_lead | lead
        costs = [base.cost[i] for i in self.live] + [[0.0 if sid is None else weight[sid] for sid in out.sids]]
        seeds = [self.tables[i] for i in self.live] + [self.chain_table]
        found = base.h_max_more(n, every.start, reach, costs, seeds)
        if found is None:
            return None
        out.tables = [out.zeros] * len(base.free_component)
        for i, table in zip(self.live, found, strict=False):
            out.tables[i] = table
        out.chain_table = found[-1]
        return out

    def relevant(self, problem: Problem, target: str) -> tuple[dict[str, StepInfo], set[str], set[str]]:
        """``relevant_steps(problem, target, self.reachable)`` in order of id, walked milestone by
        milestone from the profile's steps per milestone; the milestones the target needs; and
        the group members left out because every way to them passes through the group."""
        usable_by, needs_of, start, groups = self.usable_by, self.needs_of, problem.start, self.projection.groups
        closure_of, every = problem.closure_of, problem.steps

        def after(member: str, group: str) -> bool:  # as in ``relevant_steps``
            ways = usable_by.get(member, ())
            return bool(ways) and all(any(group in closure_of(r) for r in every[sid].requires) for sid in ways)

        needed: set[str] = set()
        left_out: set[str] = set()
        todo = [target]
        while todo:
            m = todo.pop()
            if m in needed or m in start:
                continue
            needed.add(m)
            for member in groups.get(m, ()):
                if not after(member, m):
                    todo.append(member)
                else:
                    left_out.add(member)
            todo.extend(needs_of.get(m, ()))
        steps = {sid: every[sid] for sid, m in zip(self.order, self.order_achieves, strict=True) if m in needed}
        return steps, needed, left_out

    def free_in(self, steps: dict[str, StepInfo]) -> tuple[list[bool], bool]:
        """Per component, whether every step of ``steps`` weighs 0 in it (a component free over
        every step is free over any), and whether every one's critical-path weight is 0: asked
        per target, each answer stops at the first step that weighs something (most do)."""
        base, chain = self.base, self.chain_weight
        weights = base.weights
        free = [f or not any(weights[sid][i] for sid in steps) for i, f in enumerate(base.free_component)]
        return free, not any(chain[sid] for sid in steps)

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
            sids = self.sids
            found = any(sids[j] is not None and sids[j] in steps for j in self.base.users.get(fact, ()))
            found = found or any(self.needed(g, steps, memo) for g in self.projection.counts_as.get(fact, ()))
            memo[fact] = found
        return found


def _usable(
    every: Problem, steps: dict[str, StepInfo] | None = None, tables: ProfileTables | None = None
) -> tuple[set[str], dict[str, StepInfo], dict[str, tuple[int, ...]]]:
    """What the profile reaches over ``every`` step (``reach_from``), the steps it can take that
    achieve what it does not hold, and per fact the positions of those steps needing it, in
    order (``Bound.users`` of those steps): one index of what each step needs serves both.
    With ``steps`` and ``tables``: of ``steps`` (the rest), from what the tables' steps reach."""
    start, closure_of = every.start, every.closure_of
    steps = every.steps if steps is None else steps
    ids, each = list(steps), list(steps.values())
    base = start if tables is None else tables.reachable
    # The index is one flat list of positions, each fact's in a slice of it (a list per fact would be
    # 20k containers at 10k milestones, each walked by the cycle collector's next full collection).
    needs = [step.requires for step in each]
    size = Counter(itertools.chain.from_iterable(needs))  # facts in order of first need
    begin, end, at = {}, {}, 0
    for m, n in size.items():
        begin[m] = end[m] = at
        at += n
    flat = [0] * at
    for j, requires in enumerate(needs):
        for m in requires:
            k = end[m]
            flat[k] = j
            end[m] = k + 1
    # What each step lacks (most need nothing held: no set made to count it).
    waiting = [len(r) if base.isdisjoint(r) else len(r - base) for r in needs]
    held = set(base)
    ready = [j for j, n in enumerate(waiting) if not n]
    closures, counts_as = every._closures, every.projection.counts_as
    for j in ready:  # ``ready`` grows as it is read: the forward fixed point of ``reach_from``
        m = each[j].achieves
        if m in held:  # and so is what it counts as (``held`` is closed)
            continue
        # What counts as ``m``: itself alone unless it is a group's member (no closure made for it).
        for new in (m,) if m not in counts_as else closures.get(m) or closure_of(m):
            if new not in held:
                held.add(new)
                if new in begin:
                    for user in flat[begin[new] : end[new]]:
                        waiting[user] -= 1
                        if not waiting[user]:
                            ready.append(user)
    # Every requirement reached (none waiting) and not achieving what the profile holds.
    place = [-1] * len(each)
    steps: dict[str, StepInfo] = {}
    for j, step in enumerate(each):
        if not waiting[j] and step.achieves not in start:
            place[j] = len(steps)
            steps[ids[j]] = step
    users = {}
    for m, b in begin.items():
        kept = tuple(map(place.__getitem__, flat[b : end[m]]))
        if -1 in kept:  # (most steps are usable: filtered only where one is not)
            kept = tuple(j for j in kept if j >= 0)
        if kept:
            users[m] = kept
    return held, steps, users


def _chain_and_grid(steps: dict[str, StepInfo]) -> tuple[dict[str, float], set[str], set[str]]:
    """``chain_weights(steps)``, the steps whose months are off the timeline's grid of hundredths
    (a whole number of months is on it), and those with a completing student's allowance off it."""
    chain: dict[str, float] = {}
    ragged: set[str] = set()
    ragged_lead: set[str] = set()
    for sid, step in steps.items():
        months = step.months or 0.0
        if step.conditions:
            chain[sid] = step_weights(step, (("chain", False),))[0]
            if not all(_hundredths(c.lead_months) for c in step.conditions):
                ragged_lead.add(sid)
        else:  # the lead is 0.0: ``chain_weights``'s ``max(months - min(0.0, months), 0.0)``, the same float
            chain[sid] = 0.0 if months < 0.0 else months - 0.0
        if not (type(months) is float and months.is_integer()) and not _hundredths(months):
            ragged.add(sid)
    return chain, ragged, ragged_lead


def _new_groups(
    needed: set[str], known: Collection[str], old: set[str], groups: dict[str, frozenset[str]]
) -> list[tuple[str, str]] | None:
    """The "counts as" actions of the groups ``needed`` (by new steps) at any depth, as ``Bound``
    makes them (groups sorted, members sorted), but of those with actions already (``old``);
    None when such a group is a fact of the old actions (``known``): its value would change."""
    needed = with_members(set(needed), groups)
    new = sorted((needed & groups.keys()) - old)
    if any(g in known for g in new):
        return None
    return [(member, g) for g in new for member in sorted(groups[g])]


def _hundredths(x: float) -> bool:
    return abs(x * 100 - round(x * 100)) < 1e-6


#: Targets with fewer steps than this in their cone build their own tables: the shipped data's
#: have 1-100 steps, which take well under a millisecond, and the profile's tables over every
#: step would cost more than they save (``options``: the same instructions, ``eligible`` 4 % more).
SHARE_FROM = 1_000


def profile_tables(problem: Problem, components: tuple[tuple[str, bool], ...]) -> ProfileTables | None:
    """The profile's shared tables for ``components``, built on its second plan (a profile
    planned once, as ``route`` does, never pays for them) or on its first when the target's
    steps are most of the steps there are; None when not built, or the cone is small.

    The first tables are over the first target's cone alone (``cone``: a plan for a target whose
    steps are all in it reads them; they are the tables over every step on every fact of its
    cone); the first plan whose steps are not all in it builds them over every step."""
    shared = problem.shared
    if shared is None or len(problem.steps) < SHARE_FROM:
        return None
    found = shared.reuse.get(components)
    if found is not None and (found.cone is None or problem.steps.keys() <= found.cone):
        return found
    shared.plans += 1
    projection, excluded = problem.projection, {}
    if found is None and shared.plans < 2 and 2 * len(problem.steps) < len(projection.steps):
        return None
    every = itertools.chain(projection.steps, shared.enrolled)  # the profile's steps in order
    origin, closures = dict(shared.origin), shared.closures

    def problem_of(steps: dict[str, StepInfo]) -> Problem:  # (``build_problem``'s without a target)
        return Problem(projection, steps, {}, problem.start, origin, shared.held, excluded, closures)

    if found is None:  # the cone's steps but those on request (its target's), in the same order
        cone = problem.steps
        steps = {sid: s for sid in every if (s := cone.get(sid)) is not None and not s.on_request}
        found = ProfileTables(problem_of(steps), components, frozenset(cone))
    else:  # the first target's, extended by the steps outside its cone, else built anew
        outside = shared.take((sid for sid in every if sid not in found.cone), None, excluded)  # type: ignore[operator]
        found = found.extended(problem_of(outside)) or ProfileTables(
            problem_of(shared.take(itertools.chain(projection.steps, shared.enrolled), None, excluded)), components
        )
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
        final = problem.projection.counting_as(target)
        sids, memo = shared.sids, {}
        for f in final:
            for j in base.users.get(f, ()):
                if sids[j] is not None and sids[j] in steps:
                    return None
                if sids[j] is None and base.effect[j] not in final and shared.needed(base.effect[j], steps, memo):
                    return None
        self = cls.__new__(cls)
        self.target, self.components, self.final = target, base.components, frozenset(final)
        self.problem, self.steps = problem, steps
        self.pre, self.effect = base.pre, base.effect
        self.users = _ConeUsers(base.users, shared.sids, steps)  # type: ignore[assignment]
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
        free, chain_free = shared.free_in(steps)
        self.free_component = [f and not any(w[i] for w in changed.values()) for i, f in enumerate(free)]
        start = problem.start
        self._tables = [
            shared.zeros if free else _with_final(shared.tables[i], final, steps, problem, start, self.weights, i)
            for i, free in enumerate(self.free_component)
        ]
        chain = shared.zeros
        if not chain_free:
            chain = _with_final(shared.chain_table, final, steps, problem, start, shared.chain_weight, None)
        return self, chain

    def tables(self, held: frozenset[str], reachable: Iterable[str]) -> list[dict[str, float]]:
        """The target's tables (from the profile: ``held`` and ``reachable`` are the profile's)."""
        return self._tables


class _ConeUsers(dict):
    """``Bound.users`` of a target: the profile's actions needing each fact, less the steps outside
    the target's cone (they reach no fact of it, so ``lower`` need not follow them), filtered when
    a fact is first asked for."""

    def __init__(self, every: dict, sids: list[str | None], steps: dict[str, StepInfo]) -> None:
        super().__init__()
        self.every, self.sids, self.steps = every, sids, steps

    def get(self, fact: str, default: tuple = ()) -> tuple:  # type: ignore[override]
        found = dict.get(self, fact)
        if found is None:
            sids, steps = self.sids, self.steps
            found = self[fact] = tuple(j for j in self.every.get(fact, ()) if sids[j] is None or sids[j] in steps)
        return found


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
    if shared is not None:  # every relevant step is one of the profile's usable steps
        steps, needed, after = shared.relevant(problem, target)
    else:
        steps = dict(sorted(relevant_steps(problem, target, reachable, after).items()))
    view = TargetBound.of(shared, problem, steps, target) if shared is not None and not after else None
    if view is not None:
        bound, table = view
        grid, whole = shared.grid_of(steps)  # type: ignore[union-attr]
        slack = 0.0 if grid and whole else ROUNDING
        chain = Chain(problem, steps, table, shared.chain_weight, grid, slack, shared.usable_by)  # type: ignore[union-attr]
        # The first search's ways to each milestone: every step achieving one the target needs.
        ways = {m: shared.usable_by[m] for m in needed if m in shared.usable_by}
        return steps, bound, chain, reachable, (reachable, ways)
    if shared is not None:  # the target's own, as before (the shared reachability differs off the cone)
        reachable = reach_from(problem, problem.start)
    bound = Bound(problem, steps, target, components)
    return steps, bound, Chain.of(problem, steps, target, reachable, bound), reachable, None
