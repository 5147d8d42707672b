"""Property tests: on random small AND/OR graphs the planner's routes are valid, honestly
totalled, and no cheaper valid route exists (checked by brute force over every step set)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerpath.graph.core import CareerGraph
from careerpath.graph.errors import NoRouteError
from careerpath.graph.planner import Profile, Route, _problem, plan
from careerpath.graph.projection import StepInfo, build_projection
from careerpath.graph.store import default_data_files
from tests.conftest import DATA

ORDERS = {
    "months": ("months", "cost", "steps"),
    "cost": ("cost", "months", "steps"),
    "steps": ("steps", "months", "cost"),
}


@st.composite
def and_or_problems(draw):
    n = draw(st.integers(3, 7))
    milestones = [f"m{i}" for i in range(n)]
    groups = {}
    if draw(st.booleans()):
        members = draw(st.lists(st.sampled_from(milestones), min_size=2, max_size=3, unique=True))
        groups["g0"] = frozenset(members)
    nodes = milestones + list(groups)
    steps = []
    for i in range(draw(st.integers(1, 8))):
        achieves = draw(st.sampled_from(milestones))
        requires = frozenset(draw(st.lists(st.sampled_from(nodes), max_size=3, unique=True)))
        months = draw(st.one_of(st.none(), st.integers(0, 12).map(float)))
        cost = draw(st.one_of(st.none(), st.integers(0, 500).map(float)))
        steps.append(
            StepInfo(f"s{i}", f"step {i}", "step", achieves=achieves, requires=requires, months=months, cost=cost)
        )
    held = draw(st.lists(st.sampled_from(milestones), max_size=2, unique=True))
    target = draw(st.sampled_from(nodes))
    by = draw(st.sampled_from(sorted(ORDERS)))
    return build_projection(steps, groups), Profile.of(held), target, by


def _valid(problem, subset, target) -> bool:
    held, left = set(problem.start), set(subset)
    progress = True
    while progress:
        progress = False
        for sid in sorted(left):
            if problem.steps[sid].requires <= held:
                held |= problem.closure(held | {problem.steps[sid].achieves})
                left.discard(sid)
                progress = True
    return not left and target in held


def _key(problem, subset, by) -> tuple:
    totals = {
        "steps": float(len(subset)),
        "months": sum(problem.steps[s].months or 0.0 for s in subset),
        "cost": sum(problem.steps[s].cost or 0.0 for s in subset),
    }
    return tuple(totals[m] for m in ORDERS[by])


def _brute_force(problem, target, by):
    ids = sorted(problem.steps)
    valid = [
        frozenset(c) for r in range(len(ids) + 1) for c in itertools.combinations(ids, r) if _valid(problem, c, target)
    ]
    irredundant = [v for v in valid if not any(_valid(problem, v - {s}, target) for s in v)]
    return sorted(irredundant, key=lambda v: _key(problem, v, by))


def _check_order(problem, route: Route, target) -> None:
    held = set(problem.start)
    for step in route.steps:
        info = problem.steps[step.id]
        assert info.requires <= held
        held |= problem.closure(held | {info.achieves})
    assert target in held


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(and_or_problems())
def test_best_route_is_valid_and_optimal(case):
    projection, profile, target, by = case
    problem = _problem(projection, profile)
    best = _brute_force(problem, target, by) if target not in problem.start else [frozenset()]
    try:
        routes = plan(projection, profile, target, by=by, k=1)
    except NoRouteError:
        assert best == [], "the planner found no route but one exists"
        return
    assert best, "the planner returned a route but none exists"
    route = routes[0]
    _check_order(problem, route, target)
    assert route.months == sum(s.months or 0 for s in route.steps)
    assert route.cost == sum(s.cost or 0 for s in route.steps)
    assert _key(problem, route.step_ids, by) == _key(problem, best[0], by)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(and_or_problems(), st.integers(2, 4))
def test_k_alternatives_are_the_k_best_distinct_routes(case, k):
    projection, profile, target, by = case
    problem = _problem(projection, profile)
    if target in problem.start:
        return
    best = _brute_force(problem, target, by)
    try:
        routes = plan(projection, profile, target, by=by, k=k)
    except NoRouteError:
        assert best == []
        return
    assert len({r.step_ids for r in routes}) == len(routes) == min(k, len(best))
    for route in routes:
        _check_order(problem, route, target)
    keys = [_key(problem, r.step_ids, by) for r in routes]
    assert keys == sorted(keys)
    assert keys == [_key(problem, b, by) for b in best[: len(routes)]]


def test_cycle_in_the_data_is_planned_through():
    cg = CareerGraph.load([*default_data_files(), DATA / "cycle.ttl"])
    T = "https://w3id.org/careerpath/data/test/"
    with pytest.raises(NoRouteError) as info:
        cg.plan(cg.profile(), T + "alpha")
    assert {i for i, _ in info.value.unmet} <= {T + "alpha", T + "beta", T + "gamma"}
    route = cg.plan(cg.profile(have=[T + "gamma"]), T + "alpha")[0]
    assert [s.id for s in route.steps] == [T + "beta-from-gamma", T + "alpha-from-beta"]
    assert cg.plan(cg.profile(have=[T + "alpha"]), T + "beta")[0].months == 1.0
