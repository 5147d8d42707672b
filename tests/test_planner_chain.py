"""The critical-path bound of the planner's search (``chain.Chain``): the key the search ranks
routes by never exceeds the key a route is ranked by (the month it ends on its timeline), the
bound of every partial route never exceeds that key for any route completing it, and with
it the planner still gives exactly the k best routes, on random graphs where full-time and
part-time steps mix and a completing student may start early (checked by brute force)."""

from __future__ import annotations

import heapq
import itertools
import types

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerpath.graph.planning import Profile, plan
from careerpath.graph.planning import search as search_module
from careerpath.graph.planning.bound import Bound, key_components
from careerpath.graph.planning.chain import Chain
from careerpath.graph.planning.problem import build_problem, reach_from, relevant_steps
from careerpath.graph.planning.projection import Condition, StepInfo, build_projection
from careerpath.graph.planning.routes import build_route, is_redundant
from tests.test_planner_properties import ORDERS, _key, _ordered, _planned_beside_brute_force, _valid

SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def timed_problems(draw):
    """Small AND/OR graphs whose steps are full or part time, some with a completing
    student's allowance (30 days before the requirement's step ends) and some of 10 days
    (neither is whole hundredths of a month, so the timeline rounds)."""
    n = draw(st.integers(3, 7))
    milestones = [f"m{i}" for i in range(n)]
    groups = {}
    for g in range(draw(st.integers(0, 2))):
        members = draw(st.lists(st.sampled_from(milestones), min_size=2, max_size=3, unique=True))
        groups[f"g{g}"] = frozenset(members)
    nodes = milestones + list(groups)
    steps = []
    for i in range(draw(st.integers(1, 8))):
        achieves = draw(st.sampled_from(milestones))
        requires = frozenset(draw(st.lists(st.sampled_from(nodes), max_size=3, unique=True)))
        months = draw(st.one_of(st.none(), st.integers(0, 12).map(float), st.just(10 / 30.44)))
        conditions = ()
        if requires and draw(st.integers(0, 3)) == 0:
            conditions = (Condition(f"c{i}", "early", milestone=min(requires), completing_days=30),)
        steps.append(
            StepInfo(
                f"s{i}",
                f"step {i}",
                "step",
                achieves=achieves,
                requires=requires,
                months=months,
                cost=draw(st.one_of(st.none(), st.integers(0, 500).map(float))),
                conditions=conditions,
                commitment=draw(st.sampled_from(["full-time", "part-time"])),
            )
        )
    held = draw(st.lists(st.sampled_from(milestones), max_size=2, unique=True))
    return (
        build_projection(steps, groups),
        Profile.of(held),
        draw(st.sampled_from(nodes)),
        draw(st.sampled_from(sorted(ORDERS))),
    )


def _setting(projection, profile, target):
    """The problem, its relevant steps and the chain bound, as ``iter_routes`` builds them; and
    every irredundant route (a step set), or None when the target is held or out of reach."""
    problem = build_problem(projection, profile, target)
    reachable = reach_from(problem, problem.start)
    if target in problem.start or target not in reachable:
        return None
    steps = relevant_steps(problem, target, reachable)
    chain = Chain.of(problem, steps, target, reachable)
    ids = sorted(steps)
    routes = [
        frozenset(c)
        for r in range(1, len(ids) + 1)
        for c in itertools.combinations(ids, r)
        if _valid(problem, c, target) and not is_redundant(problem, tuple(sorted(c)), target)
    ]
    return problem, steps, chain, routes


@SLOW
@given(timed_problems())
def test_the_search_key_never_exceeds_the_route_key(case):
    """For every irredundant route: the full-time months' sum and the critical path, less the
    timeline's rounding (``Chain.earliest``), are no later than the month the route ends
    (``Route.key``)."""
    projection, profile, target, _ = case
    found = _setting(projection, profile, target)
    if found is None:
        return
    problem, steps, chain, routes = found
    months = key_components("months").index(("months", False))
    weights = Bound(problem, steps, target, key_components("months")).weights
    for route_steps in routes:
        route = build_route(problem, _ordered(problem, route_steps), target)
        ends = route.key("months")[1]
        additive = sum(weights[sid][months] for sid in route_steps)
        assert chain.earliest(additive) <= ends + 1e-6
        assert chain.earliest(chain.end(route_steps)) <= ends + 1e-6
        for r in range(len(route_steps) + 1):  # what any part of the route chosen so far says of it
            for chosen in itertools.combinations(sorted(route_steps), r):
                assert chain.earliest(chain.after_head(frozenset(chosen), additive)) <= ends + 1e-6


def _watch(problem, chain, routes, target, seen_notes=None, by=None):
    """A stand-in for the search's heapq that checks each state pushed: its chain bound, and
    each note of its open goals, hold for every irredundant route that contains its chosen
    steps and holds its open goals (a superset of the routes completing it, whichever way
    the search came to it); with ``by``, so does the month its key says such a route ends no
    sooner than (less the timeline's rounding). ``seen_notes`` collects the notes per (chosen, open)."""
    ends = {r: chain.held(r) for r in routes}
    at = key_components(by).index(("months", False)) if by else None
    lived = {r: build_route(problem, _ordered(problem, r), target).key("months")[1] for r in routes} if by else {}

    def holds(route, goals):
        held = problem.closure(set(problem.start) | {problem.steps[s].achieves for s in route})
        return goals <= held

    def heappush(heap, entry):
        if len(entry) != 9:  # Lawler's candidates
            return heapq.heappush(heap, entry)
        _, _, _, _, open_, chosen, _, low, notes = entry
        if isinstance(notes, dict):
            if seen_notes is not None:
                seen_notes.setdefault((chosen, open_), set()).add(tuple(sorted(notes.items())))
            for route in routes:
                if chosen <= route and holds(route, open_):
                    held, end = ends[route]
                    assert low <= end + 1e-9, (sorted(chosen), sorted(route), low, end)
                    if at is not None:
                        assert chain.earliest(entry[0][at]) <= lived[route] + 1e-6, (sorted(chosen), sorted(route))
                    for goal, (d, c) in notes.items():
                        assert min(held.get(goal, float("inf")) + d, c) <= end + 1e-9, (goal, d, c, sorted(route))
        heapq.heappush(heap, entry)

    return types.SimpleNamespace(heappush=heappush, heappop=heapq.heappop, heapify=heapq.heapify)


@SLOW
@given(timed_problems(), st.integers(1, 4))
def test_every_state_bound_holds_for_every_route_completing_it(case, k):
    projection, profile, target, by = case
    found = _setting(projection, profile, target)
    if found is None:
        return
    problem, _, chain, routes = found
    original = search_module.heapq
    search_module.heapq = _watch(problem, chain, routes, target, by=by)
    try:
        plan(projection, profile, target, by=by, k=k)
    finally:
        search_module.heapq = original


@SLOW
@given(timed_problems(), st.integers(1, 4))
def test_k_best_with_full_and_part_time_steps_match_brute_force(case, k):
    projection, profile, target, by = case
    problem = build_problem(projection, profile)
    if target in problem.start:
        return
    routes, best = _planned_beside_brute_force(problem, projection, profile, target, by, k)
    if routes is None:
        return
    keys = [r.key(by) for r in routes]
    assert keys == [_key(problem, b, by) for b in best[: len(routes)]]
    assert len(routes) == min(k, len(best))


def _step(sid, achieves, requires=(), months=1.0, full_time=False):
    return StepInfo(
        sid,
        sid,
        "step",
        achieves=achieves,
        requires=frozenset(requires),
        months=months,
        cost=0.0,
        commitment="full-time" if full_time else "part-time",
    )


def _watched_plan(steps, groups, target, k=3):
    """Plan with every state pushed checked (``_watch``, its months too); the routes and the notes
    per state key."""
    projection, profile = build_projection(steps, groups), Profile.of([])
    problem, _, chain, routes = _setting(projection, profile, target)
    notes: dict = {}
    original = search_module.heapq
    search_module.heapq = _watch(problem, chain, routes, target, notes, by="months")
    try:
        return plan(projection, profile, target, k=k), notes, chain
    finally:
        search_module.heapq = original


# Two members of a group held by two steps of one route, each step needed for its own member:
# the group X is held when the sooner of them ends (M1, month 1), not when the member the
# search may choose to meet it through (M2, month 10) is. T needs A, M2 and B; A needs X; B
# needs M1.
OVERLAP = [
    _step("sT", "T", {"A", "M2", "B"}),
    _step("sA", "A", {"X"}, 11.0, full_time=True),
    _step("s1", "M1", ()),
    _step("sB", "B", {"M1"}),
    _step("s2", "M2", (), 10.0),
]


def test_a_member_inherits_its_group_chain_only_up_to_another_holder():
    """Trap 1, overlap: after T and A, the search meets X through M1 or M2. Through M2, the
    chain above X (A then T: 12 months) would add to M2's 10 months (22) if the member simply
    inherited it; but the only route ends at month 13, since M1, needed by B anyway, holds X
    from month 1. The member's note is capped at when another step may hold X, plus the chain
    above X: 1 + 12 = 13, so no state's bound passes the route's end (``_watch``)."""
    routes, _, chain = _watched_plan(OVERLAP, {"X": frozenset({"M1", "M2"})}, "T")
    assert [r.elapsed_months for r in routes] == [13.0]
    assert chain.end(["sT", "sA", "s1", "sB", "s2"]) == 13.0
    notes = {"A": (1.0, float("inf"))}
    _, notes = chain.through_step(notes, "A", "sA", {"X"})
    assert notes["X"] == (12.0, float("inf"))
    bound, notes = chain.through_member(notes, "X", "M2")
    assert bound == 13.0 and notes["M2"] == (12.0, 13.0)  # not 10 + 12 = 22


def test_states_reached_two_ways_keep_either_notes():
    """Trap 2, the same state by two ways: T needs A, M1 and M2, A needs X (M1 or M2). Meeting
    X through M1 or through M2 leads to the same chosen steps and open goals with different
    notes; the search expands whichever comes first and drops the other. Every note follows
    from the chosen steps and the data alone, not from the way the search came, so each copy's
    notes bound every route completing the state (``_watch`` checks both), and the route is
    found either way."""
    steps = [
        _step("sT", "T", {"A", "M1", "M2"}),
        _step("sA", "A", {"X"}, 11.0, full_time=True),
        _step("s1", "M1", ()),
        _step("s2", "M2", (), 10.0),
    ]
    routes, notes, _ = _watched_plan(steps, {"X": frozenset({"M1", "M2"})}, "T")
    assert [r.elapsed_months for r in routes] == [13.0]
    key = (frozenset({"sT", "sA"}), frozenset({"M1", "M2"}))
    assert len(notes[key]) == 2, notes[key]


def test_a_step_chosen_for_a_milestone_another_route_step_holds_is_dropped():
    """A step's chain counts in full above the milestone it is chosen for: on a route where
    another step holds that milestone sooner, the step could be dropped, and ``iter_routes``
    never offers such a route (``is_redundant``), so the bound need not hold for it. Here T needs Y
    (a group of M, with its own long way, s1 after sP) and M: once s1 is chosen for Y, the
    state's bound is s1's end plus the month of T (21), past the critical path of the route
    that also takes t for M (20: M holds Y from month 1, and T waits for it only), which is
    redundant; the one route, without s1, ends at month 2."""
    steps = [
        _step("sT", "T", {"Y", "M"}),
        _step("s1", "Y", {"P"}, 10.0),
        _step("sP", "P", (), 10.0),
        _step("t", "M", ()),
    ]
    routes, _, chain = _watched_plan(steps, {"Y": frozenset({"M"})}, "T")
    assert [sorted(r.step_ids) for r in routes] == [["sT", "t"]]
    assert chain.end(["sT", "s1", "sP", "t"]) == 20.0
    assert chain.through_step({"Y": (1.0, float("inf"))}, "Y", "s1", {"P"})[0] == 21.0


def test_a_part_time_test_before_every_program_counts_in_the_months_bound():
    """From nothing held, every program waits for a part-time equivalency test: the months' sum
    leaves the test out, and the critical path runs through one program only. Once a state holds
    a program, its bound is when the route ends (3 + 24 + 12 + 1 months): no lower, or the search
    would try every other way first; no higher, or it would pass the best route."""
    steps = [
        _step("sT", "T", (), 3.0),
        _step("sP", "P", {"T"}, 24.0, full_time=True),
        _step("sQ", "Q", {"T"}, 12.0, full_time=True),
        _step("sG", "G", {"P", "Q"}, 1.0),
    ]
    routes, _, chain = _watched_plan(steps, {}, "G", k=1)
    assert routes[0].elapsed_months == 40.0
    assert chain.end({"sT", "sP", "sQ", "sG"}) == 28.0  # the critical path alone
    assert chain.after_head(frozenset({"sP"}), 24.0 + 12.0 + 1.0) == 40.0
    assert chain.after_head(frozenset({"sG"}), 1.0) == 0.0  # no full-time step held: nothing said


def test_specializations_do_not_hold_the_role_they_need_for_each_other():
    """A specialization needs the general role it counts as (an OB-GYN medical assistant is a
    clinical one): it cannot hold that role for itself, nor two specializations for each other.
    The search never completes such a cycle (it used to build every combination of them before
    finding none can be ordered: 5,898 states for the office manager by cost), and still gives
    the brute force's k best."""
    steps = [_step("sH", "H", (), 3.0)]
    steps += [
        StepInfo("sC", "sC", "step", achieves="C", requires=frozenset({"H"}), months=2.0, cost=0.0),
        StepInfo("sT", "sT", "step", achieves="T", requires=frozenset({"C", "X"}), months=2.0, cost=0.0),
    ]
    for s in ("a", "b", "c"):
        steps.append(StepInfo(f"s{s}", f"s{s}", "step", achieves=s, requires=frozenset({"C"}), months=2.0, cost=0.0))
        steps.append(StepInfo(f"x{s}", f"x{s}", "step", achieves=f"x{s}", requires=frozenset({s}), months=12.0))
    projection = build_projection(steps, {"C": frozenset({"a", "b", "c"}), "X": frozenset({"xa", "xb", "xc"})})
    cycles = []
    original = search_module.chosen_order

    def chosen_order(problem, usable, chosen, target):
        order = original(problem, usable, chosen, target)
        if order is None:
            cycles.append(sorted(chosen))
        return order

    search_module.chosen_order = chosen_order
    try:
        for by in ORDERS:
            problem = build_problem(projection, Profile.of([]))
            routes, best = _planned_beside_brute_force(problem, projection, Profile.of([]), "T", by, 5)
            assert [r.key(by) for r in routes] == [_key(problem, b, by) for b in best[: len(routes)]]
    finally:
        search_module.chosen_order = original
    assert cycles == [], cycles[:3]
