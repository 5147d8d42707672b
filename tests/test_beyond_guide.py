"""Adjacent careers, rules as of a date, state rules and a second domain (issue: beyond the guide)."""

from __future__ import annotations

import datetime
import json

import pytest

from careerpath import ontology
from careerpath.graph.core import CareerGraph
from tests.conftest import run_cli
from tests.test_planner_domain import check_route

D = "https://w3id.org/careerpath/data/"
HS = "high school diploma"
ADJACENT = [
    "Phlebotomist",
    "EKG technician",
    "Medical records specialist",
    "Health information technologist",
    "Medical secretary",
    "Licensed practical nurse",
    "Registered nurse",
    "Physician assistant",
    "Medical and health services manager",
    "Medical assistant instructor",
]
CERTIFICATIONS = ["CPT", "CET", "CBCS", "CPC", "CPC-A", "CCA"]


@pytest.mark.parametrize("target", ADJACENT + CERTIFICATIONS)
@pytest.mark.parametrize("who", ["high school graduate", "working medical assistant"])
def test_routes_into_adjacent_careers(cg, target, who):
    if who == "high school graduate":
        profile = cg.profile(have=[HS])
    else:
        profile = cg.profile(have=[HS, "Medical assistant"], experience={"medical assistant": 2})
    iri = cg.resolve(target)
    routes = cg.plan(profile, iri, k=2)
    assert routes and routes[0].steps
    for route in routes:
        check_route(cg, profile, route, iri)


def test_medical_assistant_to_registered_nurse(cg):
    profile = cg.profile(have=[HS, "Medical assistant"], experience={"medical assistant": 3})
    routes = cg.plan(profile, "Registered nurse", k=4)
    for route in routes:
        check_route(cg, profile, route, cg.resolve("Registered nurse"))
    # an ADN takes 2 to 3 years (BLS 2021), so the ADN route is the shortest, well under a BSN;
    # the LPN-to-RN bridge has a sourced length (about a year; 9 to 24 months), not an unknown one
    assert routes[0].steps[0].id == D + "step/complete-adn"
    bridge = next(r for r in routes if any(s.id.endswith("lpn-to-rn-bridge") for s in r.steps))
    assert not bridge.unknown_months
    step = next(s for s in bridge.steps if s.id.endswith("lpn-to-rn-bridge"))
    assert step.months == 12.0
    diploma = next(r for r in routes if any(s.id.endswith("complete-nursing-diploma") for s in r.steps))
    assert next(s for s in diploma.steps if s.id.endswith("complete-nursing-diploma")).months == 36.0
    assert routes[0].months < diploma.months
    lpn = cg.plan(cg.profile(have=[HS, "Practical nurse license"]), "Registered nurse")[0]
    assert "lpn-to-rn-bridge" in [s.id.rsplit("/", 1)[-1] for s in lpn.steps]


def test_high_school_to_medical_and_health_services_manager(cg):
    profile = cg.profile(have=[HS])
    target = cg.resolve("Medical and health services manager")
    routes = cg.plan(profile, target, k=8)
    for route in routes:
        check_route(cg, profile, route, target)
    # a medical office manager is one (BLS): promotion after 3 years, or a degree and 2 years
    assert routes[0].steps[-1].achieves[0] == D + "role/medical-office-manager"
    # the degree route ranks after many equivalent promotion routes (a clinical or administrative
    # medical assistant job counts as one): plan it from a profile that already holds the degree
    graduate = cg.profile(have=[HS, "Bachelor's degree"])
    degree = cg.plan(graduate, target)[0]
    check_route(cg, graduate, degree, target)
    assert sum(s.months or 0 for s in degree.steps if s.kind == "work") == 24.0


def test_physician_assistant_is_not_a_medical_assistant(cg):
    assert (
        cg.rdf.value(
            cg.rdf.namespace_manager.expand_curie("role:physician-assistant"),
            cg.rdf.namespace_manager.expand_curie("cp:mayDiagnoseOrTreat"),
        ).toPython()
        is True
    )
    best = cg.plan(cg.profile(have=[HS]), "Physician assistant")[0]
    assert "Earn a bachelor's degree" in [s.label for s in best.steps]
    assert not any("medical assistant" in s.achieves[1].lower() for s in best.steps)


# ---------------------------------------------------------------------- rules as of a date
def test_rma_experience_rule_as_of_a_date(cg):
    before = datetime.date(2020, 6, 1)  # before the old rule's latest evidence (c. 2021): it alone applies
    five_then = cg.plan(cg.profile(have=[HS], experience={"medical assistant": 5}, as_of=before), "RMA")[0]
    assert [s.id for s in five_then.steps] == [D + "route/rma-experience-5-of-7"]
    three_then = cg.plan(cg.profile(have=[HS], experience={"medical assistant": 3}, as_of=before), "RMA")[0]
    assert not any(s.id.endswith("rma-experience") or s.id.endswith("5-of-7") for s in three_then.steps)
    three_now = cg.plan(cg.profile(have=[HS], experience={"medical assistant": 3}), "RMA")[0]
    assert [s.id.rsplit("/", 1)[-1] for s in three_now.steps] == ["earn-cpr-certification", "rma-experience"]
    eligible_then = cg.eligible(cg.profile(have=[HS], experience={"medical assistant": 5}, as_of=before))
    assert dict((e.id, e.via[0]) for e in eligible_then.eligible)[D + "cert/rma"] == D + "route/rma-experience-5-of-7"


def test_rules_as_of_through_the_cli():
    result = run_cli(
        "route", "--to", "RMA", "--have", HS, "--experience", "medical assistant=5", "--as-of", "2021-06-01", "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2021-06-01"
    assert [s["id"] for s in data["routes"][0]["steps"]] == [D + "route/rma-experience-5-of-7"]


def test_show_states_the_disagreement_with_dates():
    result = run_cli("show", "RMA work experience route")
    assert "An online-education guide site (2021)" in result.stdout
    assert "Open Exam Prep (2026) says" in result.stdout


# ---------------------------------------------------------------------- state rules
def test_washington_route_to_medical_assistant_includes_the_state_credential(cg):
    profile = cg.profile(have=[HS], state="WA")
    best = cg.plan(profile, "Medical assistant")[0]
    achieved = {s.achieves[0] for s in best.steps}
    assert achieved & {D + "credential/wa-ma-r", D + "credential/wa-ma-c"}
    assert D + "credential/wa-ma-r" not in {
        s.achieves[0] for s in cg.plan(cg.profile(have=[HS]), "Medical assistant")[0].steps
    }
    # a clinical role in Washington too: the rule follows the roles that specialise it
    clinical = cg.plan(profile, "Podiatric medical assistant")[0]
    assert {s.achieves[0] for s in clinical.steps} & {D + "credential/wa-ma-r", D + "credential/wa-ma-c"}


def test_south_dakota_needed_registration_until_its_repeal(cg):
    """SD registered medical assistants until 2021-06-30: the rule applies to dates before, not now."""
    then = cg.plan(cg.profile(have=[HS], state="SD", as_of=datetime.date(2020, 6, 1)), "Medical assistant")[0]
    assert D + "credential/sd-ma-registration" in {s.achieves[0] for s in then.steps}
    now = cg.plan(cg.profile(have=[HS], state="SD"), "Medical assistant")[0]
    assert D + "credential/sd-ma-registration" not in {s.achieves[0] for s in now.steps}


def test_a_repealed_state_rule_is_named_not_applied():
    out = json.loads(run_cli("route", "--to", "medical assistant", "--have", HS, "--state", "SD", "--json").stdout)
    state = out["state"]
    assert state["known"] and state["rules"] == [] and state["other_rules"] == []
    assert [r["valid_until"] for r in state["not_in_force"]] == ["2021-06-30"]
    assert "is in force on" in state["note"]
    text = run_cli("route", "--to", "medical assistant", "--have", HS, "--state", "SD").stdout
    assert "no known SD rule is in force on" in text and "sd-ma-registration" not in text


def test_california_rules(cg):
    xray = cg.plan(cg.profile(have=[HS], state="CA"), "Podiatric medical assistant")[0]
    assert D + "credential/ca-limited-xray-permit" in {s.achieves[0] for s in xray.steps}
    blood = cg.plan(cg.profile(have=[HS], state="CA"), "Phlebotomist")[0]
    assert D + "credential/ca-phlebotomy-certificate" in {s.achieves[0] for s in blood.steps}


def test_unknown_state_says_so():
    result = run_cli("route", "--to", "Medical assistant", "--have", HS, "--state", "TX", "--json")
    data = json.loads(result.stdout)
    assert data["state"]["known"] is False and "no state rule is known for TX" in data["state"]["note"]
    result = run_cli("route", "--to", "Medical assistant", "--have", HS, "--state", "Washington")
    assert result.returncode == 2 and "two-letter" in result.stderr


# ---------------------------------------------------------------------- a second domain
def test_second_domain_loads_validates_and_routes_on_its_own():
    data = ontology.DATA_DIR
    files = [
        data / "sources.ttl",
        data / "kinds.ttl",
        data / "organizations.ttl",
        data / "education.ttl",
        data / "ekg-technician.ttl",
    ]
    cg = CareerGraph.load(files)
    report = cg.validate()
    assert report.conforms, report.text()
    route = cg.plan(cg.profile(have=[HS]), "CET")[0]
    assert [s.label for s in route.steps] == [
        "Complete an EKG technician certificate program",
        "CET training program route",
    ]
    assert cg.plan(cg.profile(have=["GED"]), "EKG technician")[0].steps


@pytest.mark.slow
def test_dropping_a_file_into_a_data_folder(tmp_path, unchanged_data):
    import os
    import shutil

    shutil.copy(ontology.DATA_DIR / "ekg-technician.ttl", tmp_path / "my-domain.ttl")
    env = {**os.environ, "CAREERPATH_DATA": str(tmp_path)}
    result = run_cli("validate", env=env)
    assert result.returncode == 0, result.stdout
    result = run_cli("route", "--to", "CET", "--have", HS, env=env)
    assert result.returncode == 0 and "EKG technician certificate program" in result.stdout
