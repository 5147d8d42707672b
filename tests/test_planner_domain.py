"""Routes on the real medical-assistant graph, checked against the guide's rules."""

from __future__ import annotations

import datetime
import json

import pytest

from careerpath.graph.errors import NoRouteError, ProfileError, UnknownNameError
from careerpath.graph.planning import Profile, Route
from tests.conftest import run_cli

D = "https://w3id.org/careerpath/data/"
HS = "high school diploma"
PROGRAM_STEPS = {
    D + "step/complete-accredited-certificate-program",
    D + "step/complete-accredited-associate-program",
    D + "step/complete-institution-program",
    D + "step/complete-cma-alternative-program",
    D + "step/complete-apprenticeship",
}
ACCREDITED = {D + "program/ma-certificate-accredited", D + "program/ma-associate-accredited"}


def check_route(cg, profile: Profile, route: Route, target: str) -> None:
    """A route is valid: each step's requirements held or achieved earlier; totals are sums."""
    problem_start = set(profile.have) | set(profile.experience)
    held = set()
    # use the planner's own closure for groups and experience already held
    from careerpath.graph.planning.problem import build_problem as _problem

    problem = _problem(cg.projection, profile)
    held = set(problem.start) | problem_start
    for step in route.steps:
        if step.kind == "renewal":  # renewals keep a held credential current; they achieve nothing new
            continue
        info = problem.steps[step.id]
        assert info.requires <= held, f"{step.label} needs {info.requires - held}"
        held = set(problem.closure(held | {info.achieves}))
    assert target in held
    assert route.months == sum(s.months or 0 for s in route.steps)
    assert route.cost == sum(s.cost or 0 for s in route.steps)
    assert len({s.id for s in route.steps}) == len(route.steps), "a step counted twice"


def ids(route: Route) -> list[str]:
    return [s.id for s in route.steps]


def test_high_school_graduate_reaches_cma_only_through_a_program(cg):
    profile = cg.profile(have=[HS])
    routes = cg.plan(profile, "CMA", k=10)
    # Three: an accredited certificate or associate degree (Category 1), or a program meeting
    # AAMA's Category 4 criteria. An employer's apprenticeship or any program at an accredited
    # institution no longer opens Category 4 by itself (AAMA's alternative-pathway criteria).
    assert len(routes) >= 3
    for route in routes:
        check_route(cg, profile, route, D + "cert/cma")
        assert PROGRAM_STEPS & set(ids(route)), ids(route)
        assert D + "step/complete-apprenticeship" not in ids(route), ids(route)
        assert D + "step/complete-institution-program" not in ids(route), ids(route)
    best = routes[0]
    # A program (accredited, at an accredited institution, or an apprenticeship) then the exam:
    # 13 months, every figure known.
    assert len(best.steps) == 2 and best.steps[-1].kind == "route"
    assert best.months == 13.0 and not best.unknown_months and not best.unknown_cost


def test_before_the_alternative_pathway_only_accredited_programs_lead_to_cma(cg):
    profile = cg.profile(have=[HS], as_of=datetime.date(2019, 1, 1))
    routes = cg.plan(profile, "CMA", k=10)
    for route in routes:
        achieved = {s.achieves[0] for s in route.steps}
        assert achieved & ACCREDITED, ids(route)
        assert D + "route/cma-category-4" not in ids(route)


def test_diploma_and_two_years_reach_ncma_without_a_program(cg):
    profile = cg.profile(have=[HS], experience={"medical assistant": 2})
    best = cg.plan(profile, "NCMA")[0]
    assert ids(best) == [D + "route/ncma-experience"]
    assert not PROGRAM_STEPS & set(ids(best))


def test_five_years_reach_rma_without_a_program(cg):
    profile = cg.profile(have=[HS], experience={"medical assistant": 5})
    best = cg.plan(profile, "RMA")[0]
    check_route(cg, profile, best, D + "cert/rma")
    assert not PROGRAM_STEPS & set(ids(best))
    assert D + "route/rma-experience" in ids(best)


def test_one_year_of_supervised_experience_opens_ccma(cg):
    profile = cg.profile(have=[HS], experience={"medical assistant": 1})
    result = cg.eligible(profile)
    assert D + "cert/ccma" in {e.id for e in result.eligible}
    assert dict((e.id, e.via[0]) for e in result.eligible)[D + "cert/ccma"] == D + "route/ccma-experience"
    assert ids(cg.plan(profile, "CCMA")[0]) == [D + "route/ccma-experience"]


def test_partial_experience_counts(cg):
    profile = cg.profile(have=[HS], experience={"medical assistant": 1.5})
    best = cg.plan(profile, "NCMA")[0]
    work = [s for s in best.steps if s.kind == "work"]
    assert [s.months for s in work] == [6.0]


@pytest.mark.parametrize(
    "role",
    [
        "Lead medical assistant",
        "Clinical team leader",
        "Medical records manager",
        "Medical office manager",
        "Clinical office manager",
        "Executive medical office secretary",
        "Healthcare administrator",
        "Medical assistant instructor",
    ],
)
@pytest.mark.parametrize("by", ["months", "cost", "steps"])
def test_every_advancement_role_is_reachable_and_consistent(cg, role, by):
    profile = cg.profile(have=[HS])
    target = cg.resolve(role)
    routes = cg.plan(profile, target, by=by, k=2)
    assert routes
    for route in routes:
        check_route(cg, profile, route, target)


def test_alternatives_differ_and_come_best_first(cg):
    profile = cg.profile(have=[HS])
    for by, order in (("months", ("months", "cost", "steps")), ("cost", ("cost", "months", "steps"))):
        routes = cg.plan(profile, "RMA", by=by, k=5)
        assert len({r.step_ids for r in routes}) == len(routes) == 5
        keys = [tuple(r.total(m) for m in order) for r in routes]
        assert keys == sorted(keys)


def test_target_already_held(cg):
    routes = cg.plan(cg.profile(have=["CMA"]), "CMA")
    assert routes == [Route(steps=())]


def test_unreachable_target_names_the_requirement(cg):
    with pytest.raises(NoRouteError) as info:
        cg.plan(cg.profile(have=[HS]), "Case manager")
    assert info.value.unmet == [(D + "role/case-manager", "Case manager")]


def test_unknown_and_bad_profile_inputs(cg):
    with pytest.raises(UnknownNameError):
        cg.profile(have=["a unicorn diploma"])
    with pytest.raises(ProfileError):
        cg.profile(experience={"medical assistant": -1})
    with pytest.raises(ProfileError):
        Profile(experience={D + "role/medical-assistant": "two"})  # type: ignore[dict-item]
    with pytest.raises(ProfileError):
        Profile(experience={D + "role/medical-assistant": float("nan")})


def test_dated_program_outside_window_is_not_eligible(cg):
    old = cg.profile(
        have=[HS, "Medical assistant program at an accredited institution"],
        dates={"Medical assistant program at an accredited institution": datetime.date(2015, 6, 1)},
    )
    recent = cg.profile(
        have=[HS, "Medical assistant program at an accredited institution"],
        dates={"Medical assistant program at an accredited institution": datetime.date(2024, 6, 1)},
    )
    today = datetime.date(2026, 11, 27)
    assert D + "cert/ccma" not in {e.id for e in cg.eligible(old, today=today).eligible}
    assert D + "cert/ccma" in {e.id for e in cg.eligible(recent, today=today).eligible}


# ---------------------------------------------------------------------- command line
def test_route_json_contract():
    result = run_cli("route", "--to", "CMA", "--have", HS, "--alternatives", "2", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"target", "by", "profile", "routes"}
    assert data["target"] == {"id": D + "cert/cma", "label": "Certified Medical Assistant"}
    assert data["by"] == "months"
    assert data["profile"]["have"][0]["id"] == D + "credential/high-school-diploma"
    assert data["profile"]["experience"] == []
    assert len(data["routes"]) == 2
    step = data["routes"][0]["steps"][1]
    assert set(step) >= {"id", "label", "achieves", "requires", "months", "cost_usd", "estimate", "sources"}
    assert set(step) >= {"months_range", "cost_range", "start_month", "end_month", "source_weight", "conditions"}
    assert step["id"].startswith(D + "route/cma-category-") and step["estimate"] is True
    total = data["routes"][0]["total"]
    assert set(total) >= {"steps", "months", "cost_usd", "unknown_months", "unknown_cost"}
    assert set(total) >= {"months_range", "cost_range", "elapsed_months"}
    assert (total["steps"], total["months"]) == (2, 13.0)
    assert total["months_range"][0] <= total["months"] <= total["months_range"][1]
    assert total["cost_usd"] == sum(s["cost_usd"] for s in data["routes"][0]["steps"])


def test_route_text_plan():
    result = run_cli("route", "--to", "NCMA", "--have", HS, "--experience", "medical assistant=2")
    assert result.returncode == 0, result.stderr
    assert "1. NCMA experience route" in result.stdout
    assert "Total: 1 step(s), ends in month 1 (the steps take 1 month (0.5 to 3) in all), $135" in result.stdout


def test_eligible_json_contract():
    result = run_cli("eligible", "--have", HS, "--experience", "medical assistant=1", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert D + "cert/ccma" in [e["id"] for e in data["eligible"]]
    assert D + "cert/ncma" in [n["id"] for n in data["not_yet"]]
    assert {"id", "label", "via"} <= set(data["eligible"][0])
    assert all({"id", "label", "missing"} <= set(n) for n in data["not_yet"])
    assert len(data["eligible"]) + len(data["not_yet"]) >= 5


@pytest.mark.parametrize(
    "args, code, text",
    [
        (["route", "--to", "Certified Unicorn"], 2, "closest matches"),
        (["route", "--to", "medical terminology"], 2, "no role, certification, program or credential named"),
        (
            ["route", "--to", "CMA", "--have", "diplomma of magic"],
            2,
            "no role, certification, program or credential named",
        ),
        (["route", "--to", "Case manager", "--have", HS], 3, "cannot meet: Case manager"),
        (["route", "--to", "RMA", "--experience", "medical assistant=-2"], 2, "zero or more"),
        (["route", "--to", "RMA", "--experience", "medical assistant=lots"], 2, "must be a number"),
        (["route", "--to", "RMA", "--experience", "medical assistant"], 2, "NAME=YEARS"),
        (["route", "--to", "RMA", "--by", "speed"], 2, "invalid choice"),
        (["route", "--to", "RMA", "--alternatives", "0"], 2, "at least 1"),
        (["eligible", "--have", "GED@2020-13"], 2, "not a date"),
    ],
)
def test_bad_input_exit_codes(args, code, text):
    result = run_cli(*args)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert text in result.stderr
    assert "Traceback" not in result.stderr


def test_state_note_lists_only_what_the_route_includes():
    """Issue 12 item 8: `--state CA` said "the route includes: California limited X-ray permit"
    for routes that do not; issue 19 item 8: unrelated rules are not printed under a route (they
    stay in the JSON's other_rules)."""
    text = run_cli("route", "--to", "CMA", "--have", HS, "--state", "CA")
    assert text.returncode == 0, text.stderr
    assert "the route includes" not in text.stdout and "X-ray" not in text.stdout
    other = json.loads(run_cli("route", "--to", "CMA", "--have", HS, "--state", "CA", "--json").stdout)["state"]
    assert any("X-ray" in r["label"] for r in other["other_rules"])
    data = json.loads(run_cli("route", "--to", "medical assistant", "--have", HS, "--state", "WA", "--json").stdout)
    state = data["state"]
    assert [r["id"] for r in state["rules"]] == [D + "rule/wa-ma-credential"]
    met = state["rules"][0]["met_by"]["id"]
    assert met in {s["achieves"]["id"] for s in data["routes"][0]["steps"]}
    assert all(r["id"] != D + "rule/wa-ma-credential" for r in state["other_rules"])


def test_a_plan_that_compares_too_many_candidates_gives_up_with_a_message(cg, monkeypatch, capsys, shared_parse):
    """The planner's own limit (``MAX_CANDIDATES``, 2,000; the shipped data needs at most 37): past
    it, a plan raises PlanningLimitError naming the target, and the CLI says so without a traceback."""
    from careerpath.graph.planning import search

    profile = cg.profile(have=[HS])
    routes = search.plan(cg.projection, profile, D + "role/nurse-practitioner", k=5)
    assert len(routes) == 5  # within the limit
    monkeypatch.setattr(search, "MAX_CANDIDATES", 3)
    with pytest.raises(search.PlanningLimitError, match="compared 3 candidate routes to Nurse practitioner"):
        search.plan(cg.projection, profile, D + "role/nurse-practitioner", k=5)
    # the command line (in this process, so that the limit holds) gives the message, exit 1; with
    # the cache off, so that no answer kept by an earlier run of this command line stands in
    from careerpath.graph import cli
    from careerpath.graph.loading import cache

    monkeypatch.setenv(cache.CACHE_ENV, "off")

    code = cli.main(["route", "--to", "nurse practitioner", "--have", HS, "--alternatives", "4"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: compared 3 candidate routes") and "Traceback" not in err


def test_the_projection_sets_every_step_s_commitment_once(cg):
    """``project`` works out each step's time commitment once, as ``commitment_of`` does from
    what the step achieves, and keeps the data's own (``cp:timeCommitment``), so a planner
    takes a step as it is (no copy per profile)."""
    import dataclasses

    import rdflib

    from careerpath.graph.planning.problem import commitment_of

    projection = cg.projection
    said = rdflib.URIRef("https://w3id.org/careerpath/ontology#timeCommitment")
    own = {str(s): str(o).rsplit("/", 1)[-1] for s, o in cg.rdf.subject_objects(said)}
    kinds = {}
    for sid, step in projection.steps.items():
        assert step.commitment is not None, sid
        if sid in own:
            assert step.commitment == own[sid], sid
        elif step.kind != "work" and not sid.endswith("#reinstate"):
            assert step.commitment == commitment_of(projection, dataclasses.replace(step, commitment=None)), sid
        kinds[step.commitment] = kinds.get(step.commitment, 0) + 1
    assert kinds.keys() >= {"full-time", "part-time"}


def test_a_recertification_or_a_reinstatement_is_for_one_who_held_the_credential(cg):
    """A step that needs its own credential held once (a lapsed RMA's reinstatement, the FNP-C's
    recertification exam) is not in force for a profile that never held it: on a route, another
    step would have to reach the credential first, and this one could be dropped. A lapsed holder
    keeps it, and reinstates."""
    from careerpath.graph.planning.problem import build_problem

    rma = D + "cert/rma"
    assert cg.projection.needs_itself(cg.projection.steps[rma + "#reinstate"]) == rma + "#held-once"
    never = build_problem(cg.projection, cg.profile(have=[HS]), rma)
    assert rma + "#reinstate" not in never.steps and never.steps
    lapsed = cg.profile(have=[HS, "RMA"], dates={"RMA": datetime.date(2015, 1, 1)}, as_of=datetime.date(2026, 12, 1))
    assert rma + "#reinstate" in build_problem(cg.projection, lapsed, rma).steps
    fnp = [s for s in cg.projection.steps.values() if s.achieves == D + "cert/fnp-c" and cg.projection.needs_itself(s)]
    assert fnp, "the FNP-C's recertification needs the FNP-C held once"
    nurse = build_problem(cg.projection, cg.profile(have=[HS]), D + "cert/fnp-c")
    assert not any(s.id in nurse.steps for s in fnp)
