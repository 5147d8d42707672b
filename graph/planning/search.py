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
4. *Exact best-first regression* (A*): a state is the set of chosen steps and the goals still
   open. The open goal furthest from the profile is expanded, branching only on the ways to meet
   it (a step that achieves it, a member of an any-of group, or a step already chosen), so
   independent steps are never ordered against each other. Costs are tuples ordered by the chosen
   metric and then the other two, so ties break on them. A state's bound is, per part, its steps'
   sum plus the largest h_max of its open goals; for months, which add up only for full-time
   steps, the sum starts no sooner than a full-time step can (``Chain.after_head``: after a
   part-time equivalency test, say), and it is raised to the critical path (``chain.Chain``): a
   route ends no sooner than its longest chain of steps, each taking its months less a completing
   student's allowance, whatever runs alongside what. A state bounds it by the chains of its
   chosen steps and, for each open goal, the chain from the profile to the goal (its h_max) plus
   the chain of chosen steps above it, capped where another step may hold the group it meets
   sooner. The search key of a complete route is its steps' sum, its months raised to its own
   critical path: a lower bound of the key it is ranked by (``Route.key``: when its timeline
   ends, its cost with renewals), so every route found waits until nothing still to come can beat
   it (``iter_routes``). A complete state stands for its own route alone, so when first popped it
   goes back in the heap at the route's true key (laid out in time: ``exact``), which the bounds
   of partial routes do not always reach (a part-time step on the longest chain leaves the
   full-time slot idle; two full-time branches cannot overlap). The first complete state popped
   at its true key whose steps can be ordered (a cycle in the data cannot) is the best route:
   every partial route left is bounded no lower, so at k=1 a Lawler subproblem is searched only
   when the route's renewals cost more than its bound said, which ``run`` returns as found
   (``_lawler``). Alternatives come from Lawler's partition: the routes that differ in at least
   one step, best first.

Complexity: passes 1-3 are O((V + E) log V) on the relevant subgraph. The search is exponential
in the worst case (minimum-cost AND/OR solutions are NP-hard: they include set cover), bounded
by the product of the OR choices in the cone; h_max keeps it small on career graphs, where few
alternatives compete for each milestone. ``k`` alternatives open at most ``1 + (k - 1) * n``
subproblems for routes of ``n`` steps, but each is searched lazily: only while its states are
worth no more than the best route not yet given, so a subproblem that cannot hold one of the
``k`` routes stops at its lower bound. ``max_expansions`` caps each search and raises
``PlanningLimitError`` past it.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable

from ..errors import CareerPathError
from .bound import Bound, add_costs, at_least, key_components, lex_le, negate
from .chain import Chain
from .problem import METRICS, ORDER, Problem, Profile, build_problem, reach_from
from .profile_tables import prepare
from .projection import Projection, StepInfo
from .routes import Route, build_route, chosen_order, is_redundant, lived_as, with_choices

__all__ = ["PlanningLimitError", "plan", "iter_routes"]


class PlanningLimitError(CareerPathError):
    """The search for routes went past its expansion limit, or compared more candidate routes
    than ``MAX_CANDIDATES`` without proving which comes first."""


#: Candidate routes compared, at most, before a plan gives up. The shipped data needs at most 37
#: (the family nurse practitioner by cost, k=5; every certification and advancement role by each
#: measure, every role from a diploma, 200 random pairs of roles); a graph where long part-time
#: steps sit between full-time ones can need more, since the search key sees only full-time
#: months and the longest chain of steps, not the waits they make together (docs/performance.md).
MAX_CANDIDATES = 2_000


class Search:
    """Best-first regression for one subproblem: the best route that avoids ``exclude`` and takes
    every step of ``include``. It can stop at a cutoff and resume later, so a Lawler subproblem
    is searched only as far as the routes asked for need (see ``iter_routes``).

    A state is a set of chosen steps and the goals still open. One open goal (the one furthest
    from the profile) is expanded, branching only on the ways to reach it, so independent steps
    are never ordered against each other. A state also carries its critical-path bound and the
    notes of its open goals (``Chain``), which bound the routes completing it with no step they
    could drop (``iter_routes`` offers no other); a complete state is given with the bound it
    was popped at and its own search key. The additive bound is the largest h_max of an open
    goal, from the profile *plus* what the chosen (and forced) steps achieve: their weights are
    already in g, so what they achieve is free from then on (a bound from the profile alone
    would count them twice and lose better routes). The tables from the profile are computed
    once per ``iter_routes`` (``bound``, ``tables``); a subproblem lowers its parent's by what
    its forced steps achieve, once, and what chosen steps achieve lowers those incrementally
    (``Bound.lower``), followed only up to the open goals' level.

    ``exact`` gives a route's true key (``Route.key``, from its steps in order): a complete
    state popped for the first time goes back in the heap at that key when it is higher (its
    notes set to None, so it is not laid out twice), and is returned when popped at it.
    """

    def __init__(
        self,
        problem: Problem,
        steps: dict[str, StepInfo],
        target: str,
        components: tuple[tuple[str, bool], ...],
        exclude: frozenset[str],
        max_expansions: int,
        include: frozenset[str] = frozenset(),
        bound: Bound | None = None,
        tables: list[dict[str, float]] | None = None,
        overlays: dict | None = None,
        parent: Search | None = None,
        chain: Chain | None = None,
        exact: Callable[[tuple[str, ...]], tuple[float, ...]] | None = None,
        reach: tuple[set[str], dict] | None = None,
    ) -> None:
        self.problem, self.target, self.components = problem, target, components
        self.exact = exact
        self.months_at = components.index(("months", False))
        self.include, self.exclude = include, exclude
        self.max_expansions, self.expansions = max_expansions, 0
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
            self.usable = usable = {sid: st for sid, st in steps.items() if sid not in exclude} if exclude else steps
        forced = [usable[sid] for sid in sorted(include) if sid in usable]
        if len(forced) != len(include):
            return
        start_achieved = frozenset().union(*(problem.credit_of(step) for step in forced))
        self.held = held = problem.start
        if bound is None:
            bound = Bound(problem, steps, target, components)
        if tables is None:
            tables = bound.tables(held, reach_from(problem, held, steps))
        self.bound, self.tables = bound, tables
        self.chain = chain = chain or Chain.of(problem, steps, target, reach_from(problem, held, steps))
        # The tables come from the profile with every step; a subproblem's excluded steps only make
        # the true costs higher, so they stay lower bounds.
        self.main = next(i for i, (_, unknown) in enumerate(components) if not unknown)
        if not self._reach(problem, steps, target, usable, dropped, parent, reach):
            return
        self._share_tables(bound, tables, overlays, include, held | start_achieved, parent)
        self.floor = [t.get(target, 0.0) for t in self.htables]
        self.live = [i for i, free in enumerate(bound.free_component) if not free]
        self.zero_h = (0.0,) * len(components)
        self.infinite = (math.inf,) * len(components)
        zero = self.zero_h
        for step in forced:
            zero = add_costs(zero, bound.weights[step.id])
        start_open = frozenset({target} | {r for step in forced for r in step.requires if r not in problem.start})
        # The parent's first state achieved a subset of what this one's forced steps achieve.
        self.start_achieved = start_achieved
        before = parent.start_achieved if parent is not None and hasattr(parent, "start_achieved") else None
        low, notes = chain.start(target, forced)
        first = chain.raised(add_costs(zero, self.h(start_open, start_achieved, before)), self.months_at, low, include)
        self.heap.append(
            (first, negate(zero), next(self.counter), zero, start_open, include, start_achieved, low, notes)
        )

    def _reach(self, problem, steps, target, usable, dropped, parent, known) -> bool:
        """What the steps left can still reach (no branch opens a goal out of reach), and the ways
        to each milestone; False when the target is out of reach (the subproblem ends here
        instead of exhausting its search)."""
        if dropped is not None and dropped not in parent.supports:  # type: ignore[union-attr]
            self.reach = reach = parent.reach  # type: ignore[union-attr]
            self.supports, self.rank = parent.supports, parent.rank  # type: ignore[union-attr]
        elif dropped is not None and (other := self._instead(parent, steps[dropped].achieves, dropped)) is not None:
            # Another step reaches what the dropped step reached, from milestones reached
            # before it: the same milestones are reached, with that step in its place.
            self.reach = reach = parent.reach  # type: ignore[union-attr]
            self.supports, self.rank = dict(parent.supports), parent.rank  # type: ignore[union-attr]
            self.supports[other] = self.supports.pop(dropped)
        elif known is not None:  # the first search, told what its steps reach and the ways (``prepare``)
            self.reach, self.achievers = known  # which steps reached what first: when a subproblem asks
            return target in self.reach
        else:
            self.supports, self.rank = {}, {}
            self.reach = reach = reach_from(problem, problem.start, usable, self.supports, self.rank)
        if target not in reach:
            return False
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
        return True

    def _share_tables(self, bound, tables, overlays, include, free, parent) -> None:
        # What the forced steps achieve is free in every state of this subproblem: the tables
        # are lowered by it once, exactly and everywhere, from those of the subproblem it comes
        # from (which forces a subset of its steps), and shared by the subproblems forcing the
        # same steps, with the lowered tables of their states (``h``).
        overlays = {} if overlays is None else overlays
        shared = overlays.get(include)
        if shared is None:
            from_free, from_tables = self.held, tables
            if parent is not None and hasattr(parent, "free") and parent.free <= free:
                from_free, from_tables = parent.free, parent.htables
            for sid in include:  # a sibling forcing one step fewer (Lawler's split), lowered already
                near = overlays.get(include - {sid})
                if near is not None and near[0] <= free and len(near[0]) > len(from_free):
                    from_free, from_tables = near[0], near[1]
            new_free = free - from_free
            htables = from_tables
            if new_free:
                htables = []
                for i, t in enumerate(from_tables):
                    lowered = bound.lower(t, i, new_free)
                    htables.append({**t, **lowered} if lowered else t)
            shared = overlays[include] = (free, htables, {})
        self.free, self.htables, self.overlays = shared

    def __getattr__(self, name: str):
        """``supports`` and ``rank`` of a first search told its reachability, once a subproblem asks."""
        if name not in ("supports", "rank") or "reach" not in self.__dict__:
            raise AttributeError(name)
        self.supports, self.rank = {}, {}
        reach_from(self.problem, self.problem.start, self.usable, self.supports, self.rank)
        return self.__dict__[name]

    @staticmethod
    def _instead(parent: Search, milestone: str, dropped: str) -> str | None:
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
            return self.bound.distinct(todo, out, live, self.main)
        base = list(self.zero_h)
        for i in live:
            t = tables[i]
            base[i] = max([t.get(g, inf) for g in todo])
        # Lowered tables for these achievements, exact for facts under the bounds used; a
        # query with a higher bound recomputes them. They go on from those of the state
        # expanded (``before``: what it had achieved) where its bound is as high: a chosen step
        # frees only what it achieves. Only facts at the goals' levels or lower can lower a
        # goal (``Bound.level``), and what chosen steps achieve lies mostly above the goals
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
        return self.bound.distinct(todo, out, live, self.main)

    def run(
        self, cutoff: tuple[float, ...] | None = None
    ) -> tuple[tuple[str, ...], tuple[float, ...], tuple[float, ...]] | tuple[float, ...] | None:
        """Search on: the best route, the bound it was found at (no route of this subproblem with
        no step it could drop has a lower search key) and its own search key; or, when every
        state left is worth more than ``cutoff``, the least of their bounds (a lower bound of the
        best route, and the search can resume); or None when there is no route."""
        heap = self.heap
        if not heap:  # no route: a forced step is excluded, or the target is out of reach
            return None
        seen, problem, usable, target = self.seen, self.problem, self.usable, self.target
        achievers, tables, main = self.achievers, self.tables, self.main
        groups = problem.projection.groups
        h, chain, at, exact = self.h, self.chain, self.months_at, self.exact
        weights = self.bound.weights
        while heap:
            if cutoff is not None and heap[0][0] > cutoff:
                return heap[0][0]
            f, _, _, g, open_, chosen, achieved, low, notes = heapq.heappop(heap)
            if not open_:
                ordered = chosen_order(problem, usable, chosen, target)
                if ordered is None:
                    continue
                if notes is not None and exact is not None:
                    # A complete state stands for its own route alone: its key, once laid out in
                    # time, bounds it as well as any, so it goes back in the heap at that key when
                    # its end month is what the bound missed (renewals' cost: returned as found).
                    true = exact(ordered)
                    if true > f and next(i for i, (x, y) in enumerate(zip(true, f, strict=True)) if x != y) == at:
                        again = (true, negate(g), next(self.counter), g, open_, chosen, achieved, low, None)
                        heapq.heappush(heap, again)
                        continue
                return ordered, f, at_least(g, at, chain.end(chosen))  # the bound it was found at, its own key
            key = (chosen, open_)  # two ways here may carry other notes: each bounds every completion
            if key in seen:
                continue
            seen.add(key)
            self.expansions += 1
            if self.expansions > self.max_expansions:
                raise PlanningLimitError(f"gave up after {self.max_expansions} search states")
            goal = max(open_, key=lambda m: (m not in achieved, tables[main].get(m, math.inf), m))
            rest = open_ - {goal}
            # Ways to meet the goal: a chosen step reaches it (closing it may still make a cycle, caught
            # by chosen_order, so the other ways stay open too), a member of its group but one only
            # steps needing the group reach (a specialization of the role), or a step achieving it,
            # which reaches nothing it needs itself. Each carries the chain's bound and notes.
            successors: list[tuple] = []
            if goal in achieved:
                successors.append((rest, chosen, achieved, g, low, chain.drop(notes, goal)))
            for member in sorted(groups.get(goal, ())):
                if (ways := achievers.get(member)) and all(goal in usable[s].requires for s in ways):
                    continue
                term, notes2 = chain.through_member(notes, goal, member)
                successors.append((rest | {member}, chosen, achieved, g, max(low, term), notes2))
            for sid in achievers.get(goal, ()):
                if sid in chosen:
                    continue
                step = usable[sid]
                g2 = add_costs(g, weights[sid])
                needs = {r for r in step.requires if r not in problem.start}
                term, notes2 = chain.through_step(notes, goal, sid, needs)
                new_achieved = achieved | problem.credit_of(step)
                successors.append((frozenset(rest | needs), chosen | {sid}, new_achieved, g2, max(low, term), notes2))
            for new_open, new_chosen, new_achieved, g2, low2, notes2 in successors:
                bound_ = h(new_open, new_achieved, achieved)
                if bound_[0] == math.inf:
                    continue
                f = chain.raised(add_costs(g2, bound_), at, low2, new_chosen)
                entry = (f, negate(g2), next(self.counter), g2, new_open, new_chosen, new_achieved, low2, notes2)
                heapq.heappush(heap, entry)
        return None


def _lawler(problem: Problem, steps: dict, target: str, bound, chain, reachable, max_expansions, exact, root_reach):
    """Yield ``(order, include, key)`` for every route of the search, by ``key``: its search key
    (the additive key, its months raised to the route's critical path: ``Chain``), exact for
    every route with no step it could drop, and a lower bound of every such route to come; and
    ``(None, None, bound)`` before a subproblem is searched: no such route to come has a lower
    key (``iter_routes`` gives the routes it holds back up to that, and may stop).

    Lawler's partition of the solution space: once the best route R of a subproblem is found,
    the rest of that subproblem splits into the disjoint subproblems "take sn ... s(i+1), avoid
    si", for R's steps s1 ... sn in the order they are taken; the best route of each is a
    candidate in a heap, and each is split the same way. Every route is found once, best first.
    The steps nearest the target are the ones taken: a subproblem that took the first steps and
    avoided a later one would often keep steps nothing needs any more, so that all its routes
    have a step they could drop, and it would be split again and again for nothing (on the
    shipped data, the MRI technologist by cost, k=5: 2.7 s split the other way, 11 ms).

    The heap holds routes found, (key, 1, n, (order, include)), and subproblems not yet searched
    to the end, (lower bound, 0, n, search or its (include, exclude, the search it comes from));
    routes of equal keys come in the order they were found (a subproblem's parts are searched
    after its own best route is found, as the search would have found them). A route's key is
    its search key, exact once it is complete, but it is found at its state's bound, which is
    all the search knows of the subproblem's other routes: the subproblem is split at once, its
    parts bounded by that, and the route waits for its own key. A route is yielded once no entry
    of the heap is below its key (at an equal key before the subproblems: their routes come
    after it, found later, as in a full search), and stays in the heap as the cutoff it was; a
    subproblem is searched only while its states are worth no more than the heap's next entry,
    then waits with the least of their bounds, so subproblems that cannot hold one of the routes
    asked for are never searched to the end, and the routes come out exactly as if each had been
    searched in full.
    """
    components = bound.components
    tables = bound.tables(problem.start, reachable)
    overlays: dict = {}  # lowered tables per set of forced steps, shared by the subproblems forcing them
    counter = itertools.count()
    candidates: list = []
    routes: list = []  # the routes of ``candidates`` not yet yielded

    def settle(search: Search) -> None:
        found = search.run(candidates[0][0] if candidates else None)
        if found is None:
            return
        if not isinstance(found[0], tuple):
            heapq.heappush(candidates, (found, 0, next(counter), search))
            return
        order, bound_, key = found  # type: ignore[misc]
        key = max(key, bound_)  # above only for a route with a step it could drop (``Chain.through_step``)
        entry = (key, 1, next(counter), (order, search.include))
        heapq.heappush(candidates, entry)
        heapq.heappush(routes, entry)
        prefix = set(search.include)
        for sid in reversed(order):
            if sid not in search.include:
                entry = (frozenset(prefix), search.exclude | {sid}, search)
                heapq.heappush(candidates, (bound_, 0, next(counter), entry))
                prefix.add(sid)

    def search_of(include, exclude, parent=None, exact=None, reach=None) -> Search:
        common = (problem, steps, target, components)
        return Search(*common, exclude, max_expansions, include, bound, tables, overlays, parent, chain, exact, reach)

    # Only the first search lays its complete states out in time (``exact``): with subproblems doing
    # so too, part-time graphs at k=3 took 31-42k states and 8-13k routes laid out, not 4-6k and 3-13.
    settle(search_of(frozenset(), frozenset(), None, exact, root_reach))
    while candidates:
        while routes and routes[0][0] <= candidates[0][0]:  # next in order: yielded now, its entry kept
            cost, _, _, payload = heapq.heappop(routes)
            yield payload[0], payload[1], cost
        cost, kind, _, payload = heapq.heappop(candidates)
        if kind == 0:
            yield None, None, cost  # nothing still to come has a lower key
            settle(payload if isinstance(payload, Search) else search_of(*payload))


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
    value is unknown, then the typical value: for months the month the route ends on a timeline
    a person can live (one full-time activity at a time), for cost the sum of the steps and of
    the renewals the timeline needs. A route with an unknown ranks after every fully known
    route. Routes dominated by one already yielded are skipped, and a route that differs from
    one already given only by an interchangeable equivalent (a HiSET for a GED) is given as that
    route's choice (``RouteStep.alternatives``), not again.

    The exact search (``_lawler``) enumerates routes by a search key that bounds the true key
    from below, component by component: the steps' sums (only full-time months add up; renewals
    only add), the months raised to the route's critical path (``Chain``), less the timeline's
    rounding where a figure is not whole hundredths. A route found is held back until no route
    still to come can have a smaller true key, so the routes come out exactly in order of the
    true key.

    Raises
    ------
    NoRouteError
        The target cannot be reached from this profile (before the first route).
    PlanningLimitError
        One search went past ``max_expansions`` states.
    """
    if by not in ORDER:
        raise ValueError(f"by must be one of {', '.join(METRICS)}, not {by!r}")
    problem = build_problem(projection, profile, target)
    if target in problem.start:
        yield Route(steps=())
        return
    components = key_components(by)
    steps, bound, chain, reachable, root_reach = prepare(problem, target, components)
    months_at = components.index(("months", False))
    offered: list[Route] = []
    shadows: set[frozenset[str]] = set()  # step sets given already as another route's choice
    waiting: list = []  # routes found, by true key, until nothing to come can beat them
    counter = itertools.count()

    lived: set[tuple] = set()  # routes a person would live the same way (the same job, counted as two roles)

    def release(bound: tuple[float, ...] | None):
        while waiting and (bound is None or lex_le(waiting[0][0], bound)):
            _, _, route = heapq.heappop(waiting)
            if route.step_ids in shadows or any(o.dominates(route) for o in offered):
                continue
            life = lived_as(projection, route)
            if life in lived:
                continue
            lived.add(life)
            route = with_choices(problem, route, shadows)
            offered.append(route)
            yield route

    found = 0
    built: dict[tuple[str, ...], Route] = {}  # routes laid out once, for the search and for the person

    def exact(order: tuple[str, ...]) -> tuple[float, ...]:
        if order not in built:
            built[order] = build_route(problem, order, target)
        return built[order].key(by)

    lawler = _lawler(problem, steps, target, bound, chain, reachable, max_expansions, exact, root_reach)
    for taken, _include, cost in lawler:
        found += taken is not None
        if found > MAX_CANDIDATES:
            raise PlanningLimitError(
                f"compared {MAX_CANDIDATES:,} candidate routes to {projection.label(target)} without proving "
                "which ends first; the data may hold unusually many long part-time steps"
            )
        if chain.slack:  # the timeline's rounded starts can end a route a little before its critical path
            cost = (*cost[:months_at], chain.earliest(cost[months_at]), *cost[months_at + 1 :])
        yield from release(cost)
        if taken is None:
            continue
        # A subproblem that must take some steps can have a best route with a step it could
        # drop; it is not offered, but its subproblems are still searched.
        if not is_redundant(problem, taken, target):
            exact(taken)
            route = built[taken]
            heapq.heappush(waiting, (route.key(by), next(counter), route))
    yield from release(None)


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
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> from careerpath.graph.planning.projection import project
    >>> p = project(load_graph())
    >>> D = "https://w3id.org/careerpath/data/"
    >>> best = plan(p, Profile.of([D + "credential/high-school-diploma"]), D + "cert/cma")[0]
    >>> best.steps[-1].id.rsplit("/", 1)[-1].startswith("cma-category-"), best.months
    (True, 13.0)
    >>> best.steps[-1].start_month  # AAMA: a completing student may test 30 days before finishing
    11.01
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    return list(itertools.islice(iter_routes(projection, profile, target, by), k))
