"""A counselor's regression table: for the profiles a counselor meets (nothing; a diploma;
a diploma and years as a medical assistant; a 2015 graduate; a coder with 3 years; military
training; an LPN) and every certification and role, the best route has the shape the sources
give (what it must contain, what it must not). Each case names its source.

Sources: ../shared/sources/medical-assistant-facts.md (the fact sheet, sections cited as §)
and the guide (how-to-become-a-medical-assistant.txt).
"""

from __future__ import annotations

import datetime

import pytest

from careerpath.graph.errors import NoRouteError

D = "https://w3id.org/careerpath/data/"
HS = "high school diploma"
PROGRAM = "Accredited medical assistant certificate or diploma program"

PROFILES = {
    "nothing": {},
    "diploma": {"have": [HS]},
    "diploma-3-years-ma": {"have": [HS], "experience": {"medical assistant": 3}},
    "graduate-2015": {"have": [HS, PROGRAM], "dates": {PROGRAM: datetime.date(2015, 6, 1)}},
    "coder-3-years": {"have": [HS], "experience": {"medical coder": 3}},
    "military": {"have": [HS, "U.S. Armed Forces medical services training"]},
    "lpn": {"have": [HS, D + "credential/lpn-license"], "experience": {"licensed practical nurse": 2}},
}


def _profile(cg, name, **extra):
    spec = {**PROFILES[name], **extra}
    return cg.profile(
        have=spec.get("have", ()), experience=spec.get("experience"), dates=spec.get("dates"), as_of=spec.get("as_of")
    )


def _best(cg, name, target, by="months", k=1, **extra):
    return cg.plan(_profile(cg, name, **extra), target, by=by, k=k)


def _ids(route) -> list[str]:
    return [s.id for s in route.steps]


def _achieved(route) -> set[str]:
    return {s.achieves[0] for s in route.steps}


def _targets(cg) -> list[str]:
    p = cg.projection
    return sorted(set(p.certifications) | {m for m in p.milestones if "/role/" in m})


# ---------------------------------------------------------------------- every target, every profile
@pytest.mark.slow
def test_no_best_route_takes_no_time_or_rests_on_an_unknown(cg):
    """Issue 9: 52 best routes totalled 0 months and 172 counted an unknown length as 0. Every
    step of the shipped data has a duration and a cost (ranges), so no best route has an
    unknown, and reaching something new always takes time."""
    problems = []
    for name in PROFILES:
        profile = _profile(cg, name)
        for target in _targets(cg):
            for by in ("months", "cost"):
                try:
                    route = cg.plan(profile, target, by=by)[0]
                except NoRouteError:
                    continue
                if not route.steps:
                    continue
                label = f"{name} -> {target.rsplit('/', 1)[-1]} by {by}"
                # A state licence's renewal fee is the state's: unknown without a state, and named so
                # (issue 19: a renewal on the route is counted, never silently zero).
                unknown_cost = [
                    s for s in route.steps if s.cost is None and not (s.kind == "renewal" and "license" in s.id)
                ]
                if route.unknown_months or unknown_cost:
                    problems.append(f"{label}: unknown {route.unknown_months + tuple(s.id for s in unknown_cost)}")
                elif route.months <= 0:
                    problems.append(f"{label}: 0 months")
    assert not problems, "\n".join(problems)


def test_a_coder_is_never_a_medical_assistant(cg):
    """Issue 9: a coder (who `specializes` an administrative MA only in the browsing hierarchy)
    satisfied every "medical assistant" requirement. Experience as a coder counts toward no MA
    experience condition (§4.2-4.5 name MA experience), and every MA route step that needs
    the MA role comes after the route makes the person one."""
    profile = _profile(cg, "coder-3-years")
    coder = D + "role/medical-coder"
    for target in _targets(cg):
        try:
            routes = cg.plan(profile, target, k=3)
        except NoRouteError:
            continue
        for route in routes:
            for step in route.steps:
                for (req, _), sat in zip(step.requires, step.satisfied_by, strict=True):
                    if "medical-assistant" in req and sat.how == "experience":
                        assert sat.id != coder, (target, step.id, req)


# ---------------------------------------------------------------------- the examples
def test_office_manager_from_nothing_earns_a_diploma_and_works_as_an_ma_only_after_becoming_one(cg):
    """Issue 9's first example: AAPC, CPC-A, records and coder jobs, then 'work as medical
    assistant' for 3 years never having been one, with no diploma, in 37 months."""
    route = _best(cg, "nothing", "medical office manager")[0]
    achieved = _achieved(route)
    assert achieved & {D + "credential/high-school-diploma", D + "credential/ged", D + "credential/hiset"}
    for n, step in enumerate(route.steps):
        if step.kind == "work" and "medical-assistant" in step.achieves[0]:
            before = {s.achieves[0] for s in route.steps[:n]}
            assert any("role/" in m and "medical-assistant" in m for m in before), step.id
    assert route.months > 37


def test_an_adult_without_a_diploma_takes_the_ged_not_four_years_of_high_school(cg):
    """Issue 9: 'Nothing achieves the GED, so every adult without a diploma is charged 48 months
    of high school.' The guide's step 1 is 'a high school diploma or GED'."""
    route = _best(cg, "nothing", "CMA")[0]
    assert D + "step/earn-high-school-diploma" not in _ids(route)
    assert _achieved(route) & {D + "credential/ged", D + "credential/hiset"}
    assert route.months < 48 + 13


def test_registered_nurse_takes_years_and_costs_tuition(cg):
    """§5: a BSN or ADN (or a 2-3 year diploma) and the NCLEX; issue 9 found 12 months and $0."""
    for by in ("months", "cost"):
        route = _best(cg, "diploma", "registered nurse", by=by)[0]
        assert route.months >= 24, (by, route.months)
        assert route.cost >= 1000 and not route.unknown_cost, (by, route.cost)


def test_physician_assistant_takes_a_degree_and_a_masters(cg):
    """§5: a master's degree, 'at least 2 years of postbaccalaureate study' after a bachelor's."""
    route = _best(cg, "diploma", "physician assistant", by="cost")[0]
    assert route.months >= 48 + 24
    assert route.cost >= 10_000 and not route.unknown_cost


def test_health_services_manager_needs_a_degree_or_years_of_practice_management(cg):
    """§5: a bachelor's degree is typical, with related work experience; a practice manager
    counts as one (BLS: they may manage "a medical practice for a group of physicians")."""
    for by in ("months", "cost"):
        route = _best(cg, "diploma", "medical and health services manager", by=by)[0]
        degree = any("bachelor" in s.achieves[0] or "bachelor" in s.label.lower() for s in route.steps)
        practice = D + "role/medical-office-manager" in _achieved(route)
        assert degree or practice, (by, _ids(route))
        assert route.months >= 24 and not route.unknown_months and not route.unknown_cost, by


@pytest.mark.parametrize("target", ["medical records specialist", "medical coder", "medical biller"])
def test_records_coding_and_billing_are_not_zero_months_from_a_diploma(cg, target):
    """§5: a postsecondary certificate is typical for medical records specialists (coders and
    billers among them); issue 9 found 0 months."""
    route = _best(cg, "diploma", target)[0]
    assert route.months >= 1 and not route.unknown_months


def test_a_2015_graduate_is_not_a_recent_graduate(cg):
    """§4.1: CMA Category 1 is for applicants within 12 months of graduating, Category 2 after;
    §4.2: the RMA education route needs graduation within 4 years; §4.4 and §4.3: CCMA and
    NCMA graduate routes within 5 years. `route` and `eligible` agree."""
    profile = _profile(cg, "graduate-2015")
    cma = cg.plan(profile, "CMA", k=3)
    assert _ids(cma[0]) == [D + "route/cma-category-2"]
    assert all(D + "route/cma-category-1" not in _ids(r) for r in cma)
    for target, stale in (("RMA", "route/rma-education"), ("CCMA", "route/ccma-program")):
        for route in cg.plan(profile, target, k=5):
            assert D + stale not in _ids(route), (target, _ids(route))
    eligible = {e.id: e.via[0] for e in cg.eligible(profile).eligible}
    assert eligible.get(D + "cert/cma") == D + "route/cma-category-2"
    assert D + "cert/rma" not in eligible


def test_a_fresh_graduate_gets_no_dominated_alternative(cg):
    """Issue 9: 'Category 2, $250' was listed beside 'Category 1, $125' through the same program."""
    profile = cg.profile(
        have=[HS, PROGRAM], dates={PROGRAM: datetime.date(2026, 6, 1)}, as_of=datetime.date(2026, 9, 1)
    )
    routes = cg.plan(profile, "CMA", k=5)
    assert _ids(routes[0]) == [D + "route/cma-category-1"]
    assert all(D + "route/cma-category-2" not in _ids(r) for r in routes)


def test_a_milestone_dated_after_as_of_is_expected_not_held(cg):
    """Issue 19 item 4: a future date means the person is still enrolled and expects to finish
    then; the route starts by finishing it, and nothing needing it is open before."""
    profile = cg.profile(have=[HS], dates={HS: datetime.date(2024, 6, 1)}, as_of=datetime.date(2020, 1, 1))
    assert not profile.have and profile.enrolled == {D + "credential/high-school-diploma": datetime.date(2024, 6, 1)}
    route = cg.plan(profile, "CMA")[0]
    first = route.steps[0]
    assert first.kind == "enrolled" and "expected 2024-06-01" in first.label
    assert first.end_month == pytest.approx(53.0, abs=0.1)  # January 2020 to June 2024
    assert not cg.eligible(profile).eligible


# ---------------------------------------------------------------------- profiles with experience
def test_three_years_as_an_ma_sit_for_the_rma_with_cpr_just_before(cg):
    """§4.2: RMA route 3, at least 3 years as an MA within 7, HS diploma or GED and current CPR.
    The CPR card must be current when applying, so it comes right before the exam."""
    route = _best(cg, "diploma-3-years-ma", "RMA")[0]
    assert _ids(route)[-1] == D + "route/rma-experience"
    assert not any(s.kind == "step" and "program" in s.id for s in route.steps)
    cpr = [s for s in route.steps if s.achieves[0] == D + "credential/cpr-certification"]
    assert cpr and cpr[0].must_be_current
    assert cpr[0].end_month == route.steps[-1].start_month


def test_two_years_as_an_ma_sit_for_the_ncma(cg):
    """§4.3: NCMA route 3, two years of full-time MA experience."""
    route = _best(cg, "diploma-3-years-ma", "NCMA")[0]
    assert len(route.steps) == 1 and route.steps[0].kind == "route"


def test_one_year_as_an_ma_opens_the_ccma(cg):
    """§4.4: CCMA by 1 year of supervised MA work within 3 years."""
    route = _best(cg, "diploma-3-years-ma", "CCMA")[0]
    assert len(route.steps) == 1 and route.steps[0].id == D + "route/ccma-experience"


@pytest.mark.parametrize("target, route_id", [("RMA", "route/rma-military"), ("NCMA", "route/ncma-military")])
def test_military_training_opens_the_military_routes(cg, target, route_id):
    """§4.2 route 4 and §4.3 route 4: U.S. Armed Forces medical services training."""
    route = _best(cg, "military", target)[0]
    assert _ids(route) == [D + route_id]


def test_civilians_are_not_sent_through_military_training(cg):
    """The military routes are for those who served (§4.2, §4.3); a civilian's best route to a
    medical-assistant certification is a program or experience, never Armed Forces training."""
    for target in ("RMA", "NCMA", "CCMA", "CMA"):
        route = _best(cg, "diploma", target)[0]
        assert D + "step/complete-military-medical-training" not in _ids(route), target


def test_an_lpn_bridges_to_rn(cg):
    """§5: LPNs 'may do LPN-to-RN program'."""
    route = _best(cg, "lpn", "registered nurse")[0]
    assert D + "step/lpn-to-rn-bridge" in _ids(route)
    assert route.months > 0 and not route.unknown_months
