"""Nursing and EMS credentials (issue 22, items 3 and 4), pinned from the sources read.

Each figure below is what the certifying body's, regulator's or college's page says (the source
is named beside it), not a copy of the Turtle: 42 CFR 483.152's 75 hours, Credentia's NNAAP
handbook, the NC Board of Nursing's 45-day NCLEX retake wait, NREMT's handbooks and NCCP hours,
NHA's eligibility FAQ, AANPCB's renewal FAQ. The routes are checked through the real CLI, in the
order a counselor expects: program, exam, licence, job.
"""

from __future__ import annotations

import json

import pytest

from .conftest import D, run_cli

HS = "high school diploma"


def _one(sparql, query: str):
    rows = sparql(query)
    assert len(rows) == 1, rows
    return rows[0]


def _num(sparql, subject: str, prop: str) -> float:
    (value,) = _one(sparql, f"SELECT ?v WHERE {{ <{D}{subject}> cp:{prop} ?v }}")
    return float(value)


def _route(*args: str) -> list[dict]:
    done = run_cli("route", *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["routes"]


def _ids(route: dict) -> list[str]:
    return [step["id"].rsplit("/", 1)[-1] for step in route["steps"]]


def _before(ids: list[str], *names: str) -> None:
    positions = [ids.index(name) for name in names]
    assert positions == sorted(positions), (names, ids)


# ---------------------------------------------------------------------- nursing assistant
def test_nurse_aide_training_federal_minimum(sparql, ask):
    """42 CFR 483.152(a): no less than 75 clock hours, at least 16 of supervised practical training."""
    assert _num(sparql, "program/nurse-aide-training", "minimumProgramHours") == 75
    assert _num(sparql, "program/nurse-aide-training", "externshipHours") == 16
    assert ask(
        f"<{D}program/nurse-aide-training> cp:source <{D}source/ecfr-42-cfr-483-152> . "
        f"<{D}source/ecfr-42-cfr-483-152> cp:evidenceLevel <{D}evidence/primary>"
    )


def test_nnaap_exam_facts(sparql):
    """Credentia (NC, Oct 2024): 70 questions, 60 scored and 10 pretest, two hours; two parts."""
    assert _num(sparql, "exam/nnaap", "questionCount") == 70
    assert _num(sparql, "exam/nnaap", "scoredQuestionCount") == 60
    (duration,) = _one(sparql, f"SELECT ?d WHERE {{ <{D}exam/nnaap> cp:examDuration ?d }}")
    assert str(duration) in {"PT2H", "2:00:00"}
    (vendor,) = _one(sparql, f"SELECT ?o WHERE {{ <{D}exam/nnaap> cp:deliveredBy ?o }}")
    assert vendor == D + "org/credentia"
    (standard,) = _one(sparql, f"SELECT ?s WHERE {{ <{D}exam/nnaap> cp:passingStandard ?s }}")
    assert "Both parts" in standard


def test_nnaap_fee_and_registry_renewal(sparql):
    """Credentia NC: written and skills together $140; NC DHHS: renew every 24 consecutive months."""
    assert _num(sparql, "step/pass-nurse-aide-competency-exam", "costUSD") == 140.0
    assert _num(sparql, "step/pass-nurse-aide-competency-exam", "costUSDLow") == 0.0
    assert _num(sparql, "credential/cna-certification", "renewalPeriodMonths") == 24
    kinds = {k for (k,) in sparql(f"SELECT ?k WHERE {{ <{D}credential/cna-certification> a ?k }}")}
    assert any(k.endswith("StateCredential") for k in kinds)  # with the superclasses' types, as loaded


def test_route_to_nursing_assistant_is_training_exam_job():
    (route,) = _route("--to", "Nursing assistant", "--have", HS)
    assert _ids(route) == [
        "complete-nurse-aide-training",
        "pass-nurse-aide-competency-exam",
        "get-hired-as-nursing-assistant",
    ]
    assert route["total"]["months"] < 12


def test_orderly_enters_with_a_diploma():
    """BLS: orderlies generally have at least a high school diploma."""
    (route,) = _route("--to", "Orderly", "--have", HS)
    assert _ids(route) == ["get-hired-as-orderly"]


def test_home_health_aide_needs_the_75_hour_training(sparql):
    """PHI (2016), summarizing 42 CFR 484.80: at least 75 hours, 16 of supervised practical training."""
    assert _num(sparql, "program/home-health-aide-training", "minimumProgramHours") == 75
    (route,) = _route("--to", "Home health aide", "--have", HS)
    assert _ids(route) == ["complete-home-health-aide-training", "get-hired-as-home-health-aide"]


# ---------------------------------------------------------------------- NCLEX, LPN, RN
@pytest.mark.parametrize("exam", ["nclex-rn", "nclex-pn"])
def test_nclex_retake_wait_and_length(sparql, exam):
    """NC Board of Nursing: 45 days between attempts (set by NCSBN); NGN: up to five hours."""
    assert _num(sparql, f"exam/{exam}", "retakeWaitDays") == 45
    (duration,) = _one(sparql, f"SELECT ?d WHERE {{ <{D}exam/{exam}> cp:examDuration ?d }}")
    assert str(duration) in {"PT5H", "5:00:00"}
    (vendor,) = _one(sparql, f"SELECT ?o WHERE {{ <{D}exam/{exam}> cp:deliveredBy ?o }}")
    assert vendor == D + "org/pearson-vue"


@pytest.mark.parametrize("licence", ["lpn-license", "rn-license"])
def test_nursing_licences_lapse_every_two_years(sparql, licence):
    assert _num(sparql, f"credential/{licence}", "renewalPeriodMonths") == 24


def test_lpn_to_rn_bridge_is_about_a_year_with_the_lpn_licence(sparql):
    """PVCC: within one academic year; SWCC: one year, two part time; LPN licence required."""
    assert _num(sparql, "step/lpn-to-rn-bridge", "durationMonths") == 12.0
    assert _num(sparql, "step/lpn-to-rn-bridge", "durationMonthsHigh") == 24.0
    (req,) = _one(sparql, f"SELECT ?r WHERE {{ <{D}step/lpn-to-rn-bridge> cp:requires ?r }}")
    assert req == D + "credential/lpn-license"
    assert sparql(f"SELECT ?n WHERE {{ <{D}step/lpn-to-rn-bridge> cp:availabilityNote ?n }}")


def test_rn_from_a_diploma_ends_with_the_nclex_and_a_licence():
    routes = _route("--to", "registered nurse", "--have", HS)
    ids = _ids(routes[0])
    assert ids[-2:] == ["pass-rn-licensing-exam", "get-hired-as-rn"]
    assert routes[0]["steps"][-2]["achieves"]["id"] == D + "credential/rn-license"
    assert ids[0] in {"complete-adn", "complete-bsn", "complete-nursing-diploma"}


def test_nursing_assistant_to_rn_keeps_the_program_exam_licence_order():
    routes = _route(
        "--to",
        "Registered nurse",
        "--have",
        HS,
        "--have",
        "Certified nursing assistant (state nurse aide registry listing)",
        "--have",
        "Nursing assistant",
        "--experience",
        "nursing assistant=2",
        "--alternatives",
        "2",
    )
    assert len(routes) == 2
    for route in routes:
        ids = _ids(route)
        assert "complete-nurse-aide-training" not in ids
        assert ids[-2:] == ["pass-rn-licensing-exam", "get-hired-as-rn"]
    ladder = next(r for r in routes if "lpn-to-rn-bridge" in _ids(r))
    _before(
        _ids(ladder), "complete-lpn-program", "pass-lpn-licensing-exam", "lpn-to-rn-bridge", "pass-rn-licensing-exam"
    )


def test_an_lpn_bridges_to_rn():
    (route,) = _route("--to", "Registered nurse", "--have", HS, "--have", "Practical nurse license")
    assert _ids(route) == ["lpn-to-rn-bridge", "pass-rn-licensing-exam", "get-hired-as-rn"]


def test_rn_to_bsn_runs_part_time_beside_work(sparql):
    """WIU: the RN-BSN completion program is part time and online over two years."""
    (commitment,) = _one(sparql, f"SELECT ?c WHERE {{ <{D}step/complete-rn-to-bsn> cp:timeCommitment ?c }}")
    assert commitment == D + "kind/part-time"
    assert _num(sparql, "step/complete-rn-to-bsn", "durationMonths") == 24.0


def test_entry_level_nursing_programs_are_competitive(sparql):
    """AACN (2022-23) and OADN (2023): qualified applicants turned away from BSN, ADN and graduate programs."""
    for step in ("complete-bsn", "complete-adn", "complete-np-program", "complete-paramedic-program"):
        assert sparql(f"SELECT ?n WHERE {{ <{D}step/{step}> cp:availabilityNote ?n ; cp:availabilitySource ?s }}"), step


# ---------------------------------------------------------------------- nurse practitioner
def test_fnp_c_fee_and_renewal(sparql):
    """AANPCB: $315 non-members, $240 members; recertify every five years, $195; 100 contact hours (since 2017)."""
    assert _num(sparql, "cert/fnp-c", "feeUSD") == 315.0
    assert _num(sparql, "cert/fnp-c", "memberFeeUSD") == 240.0
    assert _num(sparql, "cert/fnp-c", "renewalPeriodMonths") == 60
    assert _num(sparql, "cert/fnp-c", "renewalFeeUSD") == 195.0
    assert _num(sparql, "cert/fnp-c", "continuingEducationUnits") == 100
    (body,) = _one(sparql, f"SELECT ?o WHERE {{ <{D}cert/fnp-c> cp:administeredBy ?o }}")
    assert body == D + "org/aanpcb"
    current = sparql(
        f"""SELECT ?v WHERE {{ <{D}disagreement/fnp-c-fee> cp:hasClaim ?c . ?c cp:isCurrent true ; cp:claimedValue ?v }}"""
    )
    assert [float(v) for (v,) in current] == [315.0]


def test_fnp_bc_exam_fee_and_renewal(sparql):
    """Exam-prep and CE sellers (ANCC's pages not found): 175 questions, 150 scored, 3.5 hours, $395; 5 years, 75 hours."""
    assert _num(sparql, "exam/fnp-bc", "questionCount") == 175
    assert _num(sparql, "exam/fnp-bc", "scoredQuestionCount") == 150
    assert _num(sparql, "cert/fnp-bc", "feeUSD") == 395.0
    assert _num(sparql, "cert/fnp-bc", "renewalPeriodMonths") == 60
    assert _num(sparql, "cert/fnp-bc", "continuingEducationUnits") == 75


def test_fnp_routes_need_the_graduate_program_and_an_rn_licence(ask):
    for route in ("fnp-c-graduate", "fnp-bc-graduate"):
        assert ask(f"<{D}route/{route}> cp:hasCondition/cp:requiresMilestone <{D}program/np-program>")
        assert ask(f"<{D}route/{route}> cp:hasCondition/cp:requiresMilestone <{D}credential/rn-license>")


def test_nurse_practitioner_route_order():
    """A BSN and RN licence, RN experience, the graduate program, certification, the APRN licence, the job."""
    routes = _route("--to", "Nurse practitioner", "--have", HS)
    ids = _ids(routes[0])
    assert ids[-3:] in (
        ["fnp-c-graduate", "get-aprn-license", "get-hired-as-np"],
        ["fnp-bc-graduate", "get-aprn-license", "get-hired-as-np"],
    )
    _before(ids, "pass-rn-licensing-exam", "get-hired-as-rn", "work", "complete-np-program")
    assert any(step in ids for step in ("complete-bsn", "complete-rn-to-bsn"))
    np_step = next(s for s in routes[0]["steps"] if s["id"].endswith("complete-np-program"))
    bsn_end = max(s["end_month"] for s in routes[0]["steps"] if s["achieves"]["id"] == D + "program/bsn")
    work_end = next(s["end_month"] for s in routes[0]["steps"] if s["id"].endswith("/work"))
    assert np_step["start_month"] >= max(bsn_end, work_end)


# ---------------------------------------------------------------------- patient care technician
def test_cpct_a_exam_fee_and_renewal(sparql):
    """Exam-prep pages (NHA's handbook not read): 100 scored + 20 pretest in two hours, about $165; renew every 2 years."""
    assert _num(sparql, "exam/cpct-a", "questionCount") == 120
    assert _num(sparql, "exam/cpct-a", "scoredQuestionCount") == 100
    assert _num(sparql, "cert/cpct-a", "feeUSD") == 165.0
    assert _num(sparql, "cert/cpct-a", "renewalPeriodMonths") == 24


def test_cpct_a_routes_follow_nha_eligibility(sparql):
    """NHA FAQ: a training program (with experience after five years) or a year of supervised work in three."""
    (within,) = _one(
        sparql,
        f"SELECT ?y WHERE {{ <{D}condition/cpct-a-program> cp:requiresMilestone <{D}program/pct-program> ; cp:withinYears ?y }}",
    )
    assert float(within) == 5.0
    years, window = _one(
        sparql,
        f"SELECT ?m ?w WHERE {{ <{D}condition/cpct-a-experience> cp:minimumYears ?m ; cp:withinYears ?w ; cp:isSupervised true }}",
    )
    assert (float(years), float(window)) == (1.0, 3.0)


# ---------------------------------------------------------------------- EMS
def test_nremt_emt_fee_exam_and_renewal(sparql):
    """NREMT: $104 per attempt, ATT valid 90 days; NCCP: 40 hours every two years; retests 15 days apart, six attempts."""
    assert _num(sparql, "cert/nremt-emt", "feeUSD") == 104.0
    assert _num(sparql, "cert/nremt-emt", "renewalPeriodMonths") == 24
    assert _num(sparql, "cert/nremt-emt", "continuingEducationUnits") == 40
    assert _num(sparql, "exam/nremt-emt", "testingWindowDays") == 90
    assert _num(sparql, "exam/nremt-emt", "retakeWaitDays") == 15
    assert _num(sparql, "exam/nremt-emt", "maxAttempts") == 6
    (within,) = _one(
        sparql,
        f"SELECT ?y WHERE {{ <{D}condition/nremt-emt-course> cp:requiresMilestone <{D}program/emt-course> ; cp:withinYears ?y }}",
    )
    assert float(within) == 2.0


def test_nremt_aemt_exam_and_eligibility(sparql, ask):
    """NREMT: 135 questions, 35 unscored; current EMT certification or licence; AEMT course within 2 years; 50 hours."""
    assert _num(sparql, "exam/nremt-aemt", "questionCount") == 135
    assert _num(sparql, "exam/nremt-aemt", "scoredQuestionCount") == 100
    assert _num(sparql, "cert/nremt-aemt", "continuingEducationUnits") == 50
    assert ask(f"<{D}route/nremt-aemt-course> cp:hasCondition/cp:requiresMilestone/cp:member <{D}cert/nremt-emt>")
    assert ask(
        f"<{D}route/nremt-aemt-course> cp:hasCondition/cp:requiresMilestone/cp:member <{D}credential/emt-license>"
    )


def test_nremt_paramedic_needs_a_caahep_program(sparql, ask):
    """NREMT: CAAHEP accreditation required since 2013-01-01; NCCP: 60 hours."""
    assert ask(f"<{D}program/paramedic-program> cp:accreditedBy <{D}org/caahep>")
    assert ask(f'<{D}route/nremt-paramedic-program> cp:validFrom "2013-01-01"^^xsd:date')
    assert _num(sparql, "cert/nremt-paramedic", "continuingEducationUnits") == 60


def test_emt_from_a_diploma():
    (route,) = _route("--to", "Emergency medical technician", "--have", HS)
    ids = _ids(route)
    _before(ids, "complete-emt-course", "nremt-emt-course", "get-emt-license", "get-hired-as-emt")
    assert ids[-1] == "get-hired-as-emt"


def test_emt_to_paramedic():
    (route,) = _route(
        "--to",
        "Paramedic",
        "--have",
        HS,
        "--have",
        "State EMT license",
        "--have",
        "Emergency medical technician",
        "--experience",
        "emergency medical technician=1",
    )
    ids = _ids(route)
    assert "complete-emt-course" not in ids
    _before(
        ids, "complete-paramedic-program", "nremt-paramedic-program", "get-paramedic-license", "get-hired-as-paramedic"
    )
    program = next(s for s in route["steps"] if s["id"].endswith("complete-paramedic-program"))
    assert 10 <= program["months"] <= 24


def test_paramedic_from_a_diploma_goes_through_emt_first():
    (route,) = _route("--to", "Paramedic", "--have", HS)
    _before(
        _ids(route), "complete-emt-course", "nremt-emt-course", "complete-paramedic-program", "get-hired-as-paramedic"
    )


def test_paramedic_can_bridge_to_rn(ask):
    """Parkland College and Florida Gateway College: paramedic-to-ADN bridges for licensed paramedics."""
    assert ask(
        f"<{D}step/paramedic-to-rn-bridge> cp:requires <{D}credential/paramedic-license> ; cp:achieves <{D}program/adn>"
    )
    (route,) = _route("--to", "Registered nurse", "--have", HS, "--have", "State paramedic license")
    assert _ids(route)[0] == "paramedic-to-rn-bridge"


def test_ladders_are_linked(ask):
    for low, high in (
        ("emergency-medical-technician", "paramedic"),
        ("licensed-practical-nurse", "registered-nurse"),
        ("registered-nurse", "nurse-practitioner"),
        ("paramedic", "registered-nurse"),
    ):
        assert ask(f"<{D}role/{low}> cp:advancesTo <{D}role/{high}>"), (low, high)


def test_new_certifications_have_bodies_and_sources(sparql):
    rows = sparql(
        f"""SELECT ?cert ?body WHERE {{
              VALUES ?cert {{ <{D}cert/nremt-emt> <{D}cert/nremt-aemt> <{D}cert/nremt-paramedic>
                              <{D}cert/cpct-a> <{D}cert/fnp-c> <{D}cert/fnp-bc> }}
              ?cert cp:administeredBy ?body . ?body a cp:CertifyingBody ; cp:source ?s }}"""
    )
    assert {cert for cert, _ in rows} == {
        D + c
        for c in (
            "cert/nremt-emt",
            "cert/nremt-aemt",
            "cert/nremt-paramedic",
            "cert/cpct-a",
            "cert/fnp-c",
            "cert/fnp-bc",
        )
    }
