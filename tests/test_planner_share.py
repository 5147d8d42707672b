"""What plans for one profile share (``profile_tables.ProfileTables``, kept on the profile's ``_Shared``):
a plan reading the shared tables gives exactly the routes, keys and order a plan from scratch
gives; two profiles planned in turn each get their own answer; plans from several threads at
once agree with plans made one at a time."""

from __future__ import annotations

import random
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerpath.graph.errors import NoRouteError
from careerpath.graph.planning import Profile, plan
from careerpath.graph.planning import problem as problem_module
from careerpath.graph.planning import profile_tables as bound_module
from careerpath.graph.planning.projection import StepInfo, build_projection
from tests.test_planner_chain import timed_problems


def _cone(n: int = 400, layers: int = 8, seed: int = 5):
    """A dense cone as ``benchmarks/bench_planner.py`` makes them (smaller): every milestone
    of a layer needs one or two of the layer below, sometimes through a group of two."""
    rng = random.Random(seed)
    width = n // layers
    name = lambda layer, i: f"m{layer}_{i}"  # noqa: E731
    steps, groups = [], {}
    for layer in range(layers):
        for i in range(width):
            for a in range(rng.randint(1, 3)):
                if layer == 0:
                    reqs = {f"basic{rng.randrange(6)}"}
                else:
                    reqs = {name(layer - 1, rng.randrange(width))}
                    if rng.random() < 0.2:
                        reqs.add(name(layer - 1, rng.randrange(width)))
                    if rng.random() < 0.1:
                        g = f"g{layer}_{i}_{a}"
                        groups[g] = frozenset({name(layer - 1, rng.randrange(width)) for _ in range(2)})
                        reqs.add(g)
                months = float(rng.randint(1, 24))
                steps.append(
                    StepInfo(
                        f"s{layer}_{i}_{a}",
                        f"step {layer}/{i}/{a}",
                        "step",
                        achieves=name(layer, i),
                        requires=frozenset(reqs),
                        months=months,
                        cost=float(rng.randint(0, 5000)),
                        commitment="full-time" if months > 3 else "part-time",
                    )
                )
    targets = sorted({name(layers - 1, rng.randrange(width)) for _ in range(6)})
    return build_projection(steps, groups), targets


@pytest.fixture(autouse=True)
def _share_every_cone(monkeypatch):
    """The shared tables for cones of any size (the data's are built only from 1,000 steps)."""
    monkeypatch.setattr(bound_module, "SHARE_FROM", 0)


def _routes(projection, profile, target, by="months", k=3):
    try:
        return [(r.step_ids, r.key(by), [s.id for s in r.steps]) for r in plan(projection, profile, target, by, k)]
    except NoRouteError:
        return "no route"


def _scratch(projection, profile, target, by="months", k=3):
    """The plan with nothing kept from an earlier plan and no shared tables."""
    problem_module._last.clear()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(bound_module, "profile_tables", lambda problem, components: None)
        try:
            return _routes(projection, profile, target, by, k)
        finally:
            problem_module._last.clear()


def test_the_cone_reads_the_shared_tables_and_plans_as_from_scratch(monkeypatch):
    projection, targets = _cone()
    profile = Profile.of([f"basic{i}" for i in range(4)])
    alone = {
        (t, by): _scratch(
            projection,
            profile,
            t,
            by,
        )
        for t in targets
        for by in ("months", "cost")
    }
    used = []
    real = bound_module.TargetBound.of
    monkeypatch.setattr(bound_module.TargetBound, "of", lambda *a: used.append(1) or real(*a))
    for by in ("months", "cost"):
        for t in targets:  # each plan after a plan for another target
            assert _routes(projection, profile, t, by) == alone[(t, by)], (t, by)
    assert len(used) >= 2 * len(targets) - 1  # read by every plan but the profile's first (a small cone)


def test_two_profiles_in_turn_each_get_their_own_answer(monkeypatch):
    projection, targets = _cone()
    one = Profile.of([f"basic{i}" for i in range(4)])
    two = Profile.of(["basic0", "basic5"], {})
    alone = {
        (p, t): _scratch(
            projection,
            prof,
            t,
        )
        for p, prof in ((1, one), (2, two))
        for t in targets
    }
    assert any(alone[(1, t)] != alone[(2, t)] for t in targets)  # the profiles do differ
    for t in targets:
        for p, prof in ((1, one), (2, two), (1, one)):
            assert _routes(projection, prof, t) == alone[(p, t)], (p, t)


def test_a_profile_equal_in_fields_shares_but_a_new_date_does_not(monkeypatch):
    import datetime

    projection, targets = _cone()
    dated = Profile.of([f"basic{i}" for i in range(4)])
    _routes(projection, dated, targets[0])
    shared = problem_module._last[0]
    _routes(projection, Profile.of([f"basic{i}" for i in range(4)]), targets[1])
    assert problem_module._last[0] is shared  # the same fields: the same shared work
    later = Profile.of([f"basic{i}" for i in range(4)], as_of=datetime.date(2030, 1, 1))
    _routes(projection, later, targets[1])
    assert problem_module._last[0] is not shared


def test_plans_from_threads_agree_with_plans_one_at_a_time(monkeypatch):
    projection, targets = _cone()
    profiles = [Profile.of([f"basic{i}" for i in range(4)]), Profile.of(["basic0", "basic5"])]
    asks = [(p, t, by) for p in range(2) for t in targets for by in ("months", "cost")]
    # k=2: Lawler's subproblems are made and shared as at k=3, in two thirds of the time
    alone = {a: _scratch(projection, profiles[a[0]], a[1], a[2], k=2) for a in asks}
    found, errors = {}, []

    def work(seed: int) -> None:
        order = list(asks)
        random.Random(seed).shuffle(order)
        try:
            for a in order:
                found.setdefault(a, []).append(_routes(projection, profiles[a[0]], a[1], a[2], k=2))
        except Exception as e:  # noqa: BLE001 (reported below)
            errors.append(e)

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for a in asks:
        assert all(r == alone[a] for r in found[a]), a


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed_problems(), st.sampled_from(["months", "cost", "steps"]))
def test_random_graphs_plan_every_target_as_from_scratch(case, by):
    """Every target of a small random graph (groups, part-time steps, allowances), planned one
    after the other for one profile, as planned alone without the shared tables."""
    projection, profile, _target, _ = case
    targets = sorted({s.achieves for s in projection.steps.values()} | set(projection.groups))
    alone = {t: _scratch(projection, profile, t, by, 4) for t in targets}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(bound_module, "SHARE_FROM", 0)
        for t in targets:
            assert _routes(projection, profile, t, by, 4) == alone[t], t


def _relaxed(projection, profile, components):
    """The profile's relaxed problem over every step it can take, as ``ProfileTables`` builds it."""
    from careerpath.graph.planning.bound import Bound
    from careerpath.graph.planning.problem import build_problem, reach_from

    problem_module._last.clear()
    every = build_problem(projection, profile, None)
    reach = reach_from(every, every.start)
    steps = {sid: s for sid, s in every.steps.items() if s.requires <= reach and s.achieves not in every.start}
    bound = Bound(every, steps, None, components)
    bound.reach = reach  # (for the tests below)
    return every.start, bound


def _knuth(start, bound):
    live = [i for i, e in enumerate(bound.effect) if e not in start]
    return [bound.h_max(start, live, cost) for cost in bound.cost]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed_problems(), st.sampled_from(["months", "cost", "steps"]))
def test_h_max_in_one_order_is_knuths_or_says_it_cannot(case, by):
    """``Bound.h_max_many`` (one topological order for every table) finds exactly the values of
    Knuth's algorithm (``h_max``), or None when what can be taken forms a cycle."""
    from careerpath.graph.planning.bound import key_components

    projection, profile, _target, _ = case
    start, bound = _relaxed(projection, profile, key_components(by) + (("chain", False),))
    found = bound.h_max_many(start, bound.cost)
    if found is None:  # a cycle among the actions that can be taken: no order puts each after its needs
        assert bound._topological(start) is None
    else:
        assert found == _knuth(start, bound)
    # Told what the profile reaches (or more: every fact), the same values, or None.
    for reachable in (bound.reach, set(bound.effect) | {p for pre in bound.pre for p in pre}):
        told = bound.h_max_many(start, bound.cost, reachable)
        assert told is None or told == _knuth(start, bound)


def test_h_max_in_one_order_on_the_cone_and_on_a_cycle():
    from careerpath.graph.planning.bound import key_components

    projection, _ = _cone()
    start, bound = _relaxed(projection, Profile.of([f"basic{i}" for i in range(4)]), key_components("months"))
    found = bound.h_max_many(start, bound.cost)
    assert found is not None and found == _knuth(start, bound)
    assert bound.h_max_many(start, bound.cost, bound.reach) == found
    assert sum(len(t) for t in found) > 500  # the cone's facts, each table
    steps = [
        StepInfo("ab", "ab", "step", achieves="a", requires=frozenset({"b"}), months=2.0, commitment="full-time"),
        StepInfo("ba", "ba", "step", achieves="b", requires=frozenset({"a"}), months=3.0, commitment="full-time"),
        StepInfo("b0", "b0", "step", achieves="b", requires=frozenset({"x"}), months=5.0, commitment="full-time"),
    ]
    start, bound = _relaxed(build_projection(steps), Profile.of(["x"]), key_components("months"))
    assert bound.h_max_many(start, bound.cost) is None  # a needs b, b needs a (or x)
    assert _knuth(start, bound)[1] == {"x": 0.0, "b": 5.0, "a": 7.0}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed_problems(), st.sampled_from(["months", "cost", "steps"]), st.booleans())
def test_weight_columns_are_step_weights(case, by, with_final):
    """``weight_columns`` gives each step's ``step_weights``, a column per component, the same
    floats, with the last step's own (``final``) and for the critical path."""
    from careerpath.graph.planning.bound import key_components, step_weights, weight_columns

    projection, _profile, target, _ = case
    steps = list(projection.steps.values())
    final = frozenset({target}) if with_final else frozenset()
    for components in (key_components(by), (("chain", False),)):
        columns = weight_columns(steps, components, final)
        rows = [step_weights(s, components, final) for s in steps]
        assert [list(c) for c in zip(*rows, strict=True)] == columns or not steps
        assert all(len(c) == len(steps) for c in columns)


def test_what_the_profile_keeps_is_left_alone_by_the_cycle_collector():
    """The profile's kept ways to each milestone and its shared tables' per-milestone steps are
    tuples of strings, which the cycle collector stops tracking: kept for every plan of the
    profile, a container per milestone would be walked by every full collection."""
    import gc

    projection, targets = _cone()
    problem_module._last.clear()
    profile = Profile.of([f"basic{i}" for i in range(4)])
    for t in targets[:2]:
        _routes(projection, profile, t, k=1)
    shared = problem_module._last[0]
    tables = next(iter(shared.reuse.values()))
    gc.collect()
    assert len(shared._ways) > 100 and len(tables.usable_by) > 100
    assert not any(gc.is_tracked(way) for way in shared._ways.values())
    assert not any(gc.is_tracked(sids) for sids in tables.usable_by.values())
    assert not any(gc.is_tracked(users) for users in tables.base.users.values())


def test_a_step_on_request_worked_out_for_its_target_is_not_taken_for_another():
    """``_Shared.take`` reads a step worked out already at once: a step on request (an enlistment),
    worked out for the target it achieves, is still left out on the way to another target and
    from the profile's every step, as ``_Shared.step`` says."""
    s = [
        StepInfo("a", "a", "step", achieves="A", requires=frozenset(), months=1.0, commitment="full-time"),
        StepInfo("t", "t", "step", achieves="T", requires=frozenset({"A"}), months=2.0, on_request=True),
        StepInfo("u", "u", "step", achieves="U", requires=frozenset({"T"}), months=3.0, commitment="full-time"),
    ]
    projection, profile = build_projection(s), Profile.of([])
    problem_module._last.clear()
    assert "t" in problem_module.build_problem(projection, profile, "T").steps  # worked out, for T
    assert "t" not in problem_module.build_problem(projection, profile, "U").steps
    shared = problem_module._last[0]
    assert shared.take(["a", "t", "u"], None, {}) == {sid: shared.step(sid, None, {}) for sid in ("a", "u")}
    with pytest.raises(NoRouteError):
        plan(projection, profile, "U")


def test_a_target_whose_steps_weigh_nothing_in_a_component_has_it_free():
    """``TargetBound`` asks per target whether a component is free (every step of the cone weighs
    0 in it): the same as the target's own ``Bound``, where the profile's other steps do weigh."""
    from careerpath.graph.planning.bound import Bound, key_components

    s = [
        StepInfo("a", "a", "step", achieves="A", requires=frozenset(), months=1.0, cost=0.0, commitment="full-time"),
        StepInfo("b", "b", "step", achieves="B", requires=frozenset({"A"}), months=2.0, cost=0.0),
        StepInfo("c", "c", "step", achieves="C", requires=frozenset(), months=1.0, cost=50.0, commitment="full-time"),
        StepInfo("d", "d", "step", achieves="D", requires=frozenset({"C"}), months=0.0, cost=10.0),
    ]
    projection, profile, components = build_projection(s), Profile.of([]), key_components("cost")
    problem_module._last.clear()
    for target in ("D", "B"):  # B after D: the profile's tables, whose cost weighs
        problem = problem_module.build_problem(projection, profile, target)
        shared = bound_module.profile_tables(problem, components)
    assert shared is not None and not all(shared.base.free_component)
    steps, needed, _ = shared.relevant(problem, "B")
    bound, chain = bound_module.TargetBound.of(shared, problem, steps, "B")
    assert bound.free_component == Bound(problem, steps, "B", components).free_component
    assert bound.free_component[components.index(("cost", False))]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed_problems())
def test_chain_weights_and_the_grid_in_one_pass(case):
    """``ProfileTables``' one pass over the steps gives ``chain_weights``' floats, and the steps off
    the timeline's grid of hundredths as ``Chain`` finds them (its months, its allowances)."""
    from careerpath.graph.planning.bound import chain_weights
    from careerpath.graph.planning.chain import _whole_hundredths

    projection = case[0]
    steps = dict(projection.steps)
    chain, ragged, ragged_lead = bound_module._chain_and_grid(steps)
    expected = chain_weights(steps)
    assert list(chain.items()) == list(expected.items())
    assert all(type(chain[sid]) is type(expected[sid]) for sid in steps)
    assert ragged == {sid for sid, s in steps.items() if not _whole_hundredths(s.months or 0.0)}
    assert ragged_lead == {
        sid for sid, s in steps.items() if not all(_whole_hundredths(c.lead_months) for c in s.conditions)
    }


def _tables_alike(a, b) -> None:
    """Two ``ProfileTables`` hold the same values, their actions (steps, and members counting
    as groups) in whatever positions."""

    def action(t, j):
        return t.sids[j] if t.sids[j] is not None else (next(iter(t.base.pre[j])), t.base.effect[j])

    def actions(t):
        base = t.base
        return {
            str(action(t, j)): (base.pre[j], base.effect[j], tuple(c[j] for c in base.cost))
            for j in range(len(base.pre))
        }

    assert a.reachable == b.reachable and a.zeros == b.zeros
    assert (a.usable_by, a.needs_of, a.order, a.order_achieves) == (b.usable_by, b.needs_of, b.order, b.order_achieves)
    assert (a.chain_weight, a.ragged, a.ragged_lead) == (b.chain_weight, b.ragged, b.ragged_lead)
    assert a.base.weights == b.base.weights and a.base.free_component == b.base.free_component
    assert a.tables == b.tables and a.chain_table == b.chain_table
    assert a.base.level == b.base.level
    assert actions(a) == actions(b)
    users = [{f: sorted(str(action(t, j)) for j in js) for f, js in t.base.users.items()} for t in (a, b)]
    assert users[0] == users[1]


def _extended(projection, profile, target, components):
    """The profile's first tables (over ``target``'s cone), extended to every step, and built anew."""
    import itertools

    problem_module._last.clear()
    problem = problem_module.build_problem(projection, profile, target)
    # (built on the profile's second plan when the cone is under half the steps)
    cone = bound_module.profile_tables(problem, components) or bound_module.profile_tables(problem, components)
    shared = problem.shared
    steps = shared.take(itertools.chain(projection.steps, shared.enrolled), None, {})

    def problem_of(steps):
        return problem_module.Problem(
            projection, steps, {}, problem.start, dict(shared.origin), shared.held, {}, shared.closures
        )

    outside = {sid: s for sid, s in steps.items() if cone is not None and sid not in cone.cone}
    extended = cone.extended(problem_of(outside)) if cone is not None else None
    return cone, extended, bound_module.ProfileTables(problem_of(steps), components)


def test_the_first_tables_are_the_cone_s_and_extended_are_those_of_every_step():
    """The profile's first plan builds its tables over its target's cone alone; the first plan
    for a target outside it extends them to every step: the same values as built anew."""
    from careerpath.graph.planning.bound import key_components

    projection, targets = _cone()
    profile = Profile.of([f"basic{i}" for i in range(4)])
    for by in ("months", "cost"):
        cone, extended, anew = _extended(projection, profile, targets[0], key_components(by))
        assert cone.cone is not None and len(cone.order) < len(anew.order)
        assert extended is not None and extended.cone is None
        _tables_alike(extended, anew)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed_problems(), st.sampled_from(["months", "cost", "steps"]))
def test_tables_extended_from_a_cone_are_those_built_anew(case, by):
    """On random graphs (groups, part-time steps, allowances): tables extended from a target's
    cone to every step, where they can be (else built anew), hold the values built anew."""
    from careerpath.graph.planning.bound import key_components

    projection, profile, target, _ = case
    cone, extended, anew = _extended(projection, profile, target, key_components(by))
    if extended is not None:
        _tables_alike(extended, anew)
