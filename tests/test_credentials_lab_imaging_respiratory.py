"""Issue 22, items 3 and 4: the laboratory, imaging, sonography, cardiovascular and respiratory
credentials, pinned from their sources (not from the Turtle): fees, exam facts and renewal through
SPARQL, and the ladders through the real command line, each in the order a counselor signs.

Sources, by the facts pinned (the cp:Source nodes of ontology/data/credentials-lab-imaging-respiratory.ttl):
- ASCP BOC: a NAACLS college quoting MLT route 1 and the $215 fee (myccp.online); students apply at
  most six weeks early (ascp.org); five attempts per route (Study.com); MLS routes, the
  $260 fee from 2026-01-01, 100 questions in 2.5 hours (open-exam-prep, June 2026); CMP of 36 points
  every three years (LabCE; ascp.org CMP pages); BLS counts technologists and technicians in one
  group, 29-2010 (OOH 2024).
- ARRT: primary pathway (ARRT-approved program, associate degree or higher), three-year rule and
  three attempts in three years, apply up to three months early, $30 annual renewal, 24 CE credits a
  biennium (arrt.org); $225 fee and 200 scored questions (exam-prep pages).
- ARDMS: prerequisites 1 (two-year allied health program, 12 months / 1,680 hours) and 2 (CAAHEP
  program), SPI and specialty within five years, 30 CMEs per three-year period (ardms.org).
- CCI: RCIS $365, 170 questions, 3 hours; CCT $175, 130 questions (110 scored), 2 hours; renewal
  $165 every three years with 16 (CCT) or 36 (registry) CEUs (cci-online.org).
- NBRC: TMC 160 questions (140 scored) in 3 hours with two cut scores, $190; CSE 22 problems (20
  scored) in 4 hours, $200; credentials valid five years with 30 hours of CE; TMC admission: a
  CoARC program graduate with at least an associate degree (CoARC; weak exam-prep pages).
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.conftest import run_cli

D = "https://w3id.org/careerpath/data/"
HS = "high school diploma"

CERTS = {
    "ascp-mlt": "ascp-boc",
    "ascp-mls": "ascp-boc",
    "arrt-radiography": "arrt",
    "arrt-mri": "arrt",
    "ardms-rdms": "ardms",
    "cci-rcs": "cci",
    "cci-rcis": "cci",
    "cci-rces": "cci",
    "cci-cct": "cci",
    "nbrc-crt": "nbrc",
    "nbrc-rrt": "nbrc",
}


def _one(sparql, query):
    rows = sparql(query)
    assert len(rows) == 1, rows
    return rows[0]


def _route(*args: str) -> list[dict]:
    result = run_cli("route", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["routes"]


def _achieved(route: dict) -> list[str]:
    return [s["achieves"]["id"].removeprefix(D) for s in route["steps"]]


# ---------------------------------------------------------------------- every credential
@pytest.mark.parametrize("cert,body", sorted(CERTS.items()))
def test_each_credential_has_its_body_routes_exam_and_renewal(ask, cert, body):
    assert ask(
        f"cert:{cert} a cp:Certification ; cp:administeredBy org:{body} . org:{body} a cp:CertifyingBody ; cp:source ?s ."
    )
    assert ask(f"cert:{cert} cp:hasExam ?e . ?e a cp:Exam .")
    assert ask(
        f"""?r cp:qualifiesFor cert:{cert} ; cp:routeKind ?k ; cp:hasCondition ?c .
            FILTER NOT EXISTS {{ ?r2 cp:qualifiesFor cert:{cert} . FILTER NOT EXISTS {{ ?r2 cp:routeKind ?k2 ; cp:hasCondition ?c2 }} }}"""
    )
    assert ask(f"cert:{cert} cp:renewalPeriodMonths ?m ; cp:renewalNote ?n ; cp:renewalSource ?s .")


# ---------------------------------------------------------------------- laboratory
def test_new_lab_roles_are_reported_under_bls_group(sparql):
    rows = dict(
        sparql(
            """SELECT ?r ?soc WHERE { ?r cp:reportedUnder role:clinical-laboratory-technologist ; cp:socCode ?soc .
               ?r a cp:Role }"""
        )
    )
    # BLS publishes one profile, Clinical Laboratory Technologists and Technicians (29-2010).
    assert rows == {
        D + "role/medical-laboratory-technician": "29-2012",
        D + "role/medical-laboratory-scientist": "29-2011",
    }


def test_ladder_links_phlebotomist_to_mlt_to_mls(ask):
    # College of the Canyons' career ladder: phlebotomist -> MLT -> clinical laboratory scientist.
    assert ask("role:phlebotomist cp:advancesTo role:medical-laboratory-technician .")
    assert ask("role:medical-laboratory-technician cp:advancesTo role:medical-laboratory-scientist .")


def test_mlt_fee_renewal_and_route_1(sparql):
    fee, months, units, kind = _one(
        sparql,
        """SELECT ?f ?m ?u ?k WHERE { cert:ascp-mlt cp:feeUSD ?f ; cp:renewalPeriodMonths ?m ;
             cp:continuingEducationUnits ?u ; cp:continuingEducationKind ?k }""",
    )
    assert (fee, months, units) == (Decimal("215"), 36, 36) and "CMP" in kind
    # Route 1: an associate degree (or 60 semester hours) and a NAACLS/ABHES MLT program within five years.
    conds = sparql(
        """SELECT ?m ?w WHERE { route:ascp-mlt-route-1 cp:hasCondition ?c . ?c cp:requiresMilestone ?m .
             OPTIONAL { ?c cp:withinYears ?w } }"""
    )
    assert {(m.removeprefix(D), w) for m, w in conds} == {
        ("program/mlt-associate", Decimal("5")),
        ("group/ascp-mlt-degree", None),
    }
    members = {r[0].removeprefix(D) for r in sparql(f"SELECT ?m WHERE {{ <{D}group/ascp-mlt-degree> cp:member ?m }}")}
    assert {"credential/associate-degree", "credential/bachelors-degree"} <= members


def test_mls_fee_exam_and_route_2(sparql, ask):
    fee, low, high = _one(
        sparql,
        "SELECT ?f ?l ?h WHERE { cert:ascp-mls cp:feeUSD ?f . route:ascp-mls-route-1 cp:costUSDLow ?l ; cp:costUSDHigh ?h }",
    )
    assert (fee, low, high) == (Decimal("260"), Decimal("250"), Decimal("260"))  # $10 rise on 2026-01-01
    count, duration = _one(
        sparql, "SELECT ?n ?d WHERE { cert:ascp-mls cp:hasExam ?e . ?e cp:questionCount ?n ; cp:examDuration ?d }"
    )
    assert count == 100 and str(duration) in {"PT2H30M", "2:30:00", "P0DT2H30M0S"}
    # Route 2: valid MLT(ASCP), a bachelor's degree, two years of full-time clinical experience.
    assert ask("route:ascp-mls-route-2 cp:hasCondition ?a . ?a cp:requiresMilestone cert:ascp-mlt .")
    assert ask(
        f"route:ascp-mls-route-2 cp:hasCondition ?b . ?b cp:requiresMilestone ?g . ?g cp:member <{D}credential/bachelors-degree> ."
    )
    years, full = _one(
        sparql,
        """SELECT ?y ?f WHERE { route:ascp-mls-route-2 cp:hasCondition ?c .
             ?c cp:inRole role:medical-laboratory-technician ; cp:minimumYears ?y ; cp:isFullTime ?f }""",
    )
    assert (years, full) == (Decimal("2"), True)
    # Route 4: five years of experience with a bachelor's degree.
    assert ask("route:ascp-mls-route-4 cp:hasCondition ?c . ?c cp:minimumYears 5.0 .")


def test_ascp_retakes_and_completing_students(sparql):
    # Study.com citing ASCP: five attempts under one route; ascp.org: students apply at most six weeks early.
    attempts = {
        r[0]
        for r in sparql(
            "SELECT ?a WHERE { VALUES ?c { cert:ascp-mlt cert:ascp-mls } ?c cp:hasExam ?e . ?e cp:maxAttempts ?a }"
        )
    }
    assert attempts == {5}
    days = sparql(
        """SELECT ?r ?d WHERE { VALUES ?r { route:ascp-mlt-route-1 route:ascp-mls-route-1 }
             ?r cp:hasCondition ?c . ?c cp:completingStudentDays ?d }"""
    )
    assert sorted(d for _, d in days) == [42, 42]


# ---------------------------------------------------------------------- radiography and MRI
def test_arrt_radiography_fee_exam_and_renewal(sparql):
    fee, months, renewal, units = _one(
        sparql,
        """SELECT ?f ?m ?r ?u WHERE { cert:arrt-radiography cp:feeUSD ?f ; cp:renewalPeriodMonths ?m ;
             cp:renewalFeeUSD ?r ; cp:continuingEducationUnits ?u }""",
    )
    assert (fee, months, renewal, units) == (Decimal("225"), 12, Decimal("30"), 24)
    scored, attempts, standard = _one(
        sparql,
        """SELECT ?s ?a ?p WHERE { cert:arrt-radiography cp:hasExam ?e .
             ?e cp:scoredQuestionCount ?s ; cp:maxAttempts ?a ; cp:passingStandard ?p }""",
    )
    assert (scored, attempts) == (200, 3) and "75" in standard


def test_arrt_primary_pathway_conditions(sparql):
    rows = sparql(
        """SELECT ?m ?w ?days WHERE { route:arrt-radiography-primary cp:hasCondition ?c . ?c cp:requiresMilestone ?m .
             OPTIONAL { ?c cp:withinYears ?w } OPTIONAL { ?c cp:completingStudentDays ?days } }"""
    )
    assert {(m.removeprefix(D), w, d) for m, w, d in rows} == {
        ("program/radiography-associate", Decimal("3"), 90),  # three-year rule; apply up to three months early
        ("group/arrt-degree", None, None),  # associate degree or higher, any field
    }


def test_mri_has_primary_and_postprimary_pathways(sparql):
    kinds = {r[0].removeprefix(D) for r in sparql("SELECT ?r WHERE { ?r cp:qualifiesFor cert:arrt-mri }")}
    assert kinds == {"route/arrt-mri-primary", "route/arrt-mri-postprimary"}
    members = {
        r[0].removeprefix(D) for r in sparql(f"SELECT ?m WHERE {{ <{D}group/arrt-mri-supporting> cp:member ?m }}")
    }
    assert {"cert/arrt-radiography", "cert/ardms-rdms"} <= members


# ---------------------------------------------------------------------- sonography
def test_ardms_prerequisites_and_renewal(sparql, ask):
    hours, years = _one(
        sparql,
        """SELECT ?h ?y WHERE { route:ardms-rdms-prereq-1 cp:hasCondition ?c . ?c cp:minimumHours ?h ; cp:minimumYears ?y }""",
    )
    assert (hours, years) == (1680, Decimal("1"))
    assert ask(f"route:ardms-rdms-prereq-2 cp:hasCondition ?c . ?c cp:requiresMilestone <{D}program/dms-program> .")
    units, months = _one(
        sparql, "SELECT ?u ?m WHERE { cert:ardms-rdms cp:continuingEducationUnits ?u ; cp:renewalPeriodMonths ?m }"
    )
    assert (units, months) == (30, 12)
    assert ask("cert:ardms-rdms cp:hasExam ?e . ?e cp:retakePolicy ?p . FILTER(CONTAINS(?p, 'five years'))")


# ---------------------------------------------------------------------- cardiovascular
def test_cci_fees_exams_and_renewal(sparql):
    assert _one(sparql, "SELECT ?f WHERE { cert:cci-rcis cp:feeUSD ?f }")[0] == Decimal("365")
    n, d = _one(
        sparql, "SELECT ?n ?d WHERE { cert:cci-rcis cp:hasExam ?e . ?e cp:questionCount ?n ; cp:examDuration ?d }"
    )
    assert n == 170 and str(d) in {"PT3H", "3:00:00", "P0DT3H0M0S"}
    fee, total, scored = _one(
        sparql,
        "SELECT ?f ?n ?s WHERE { cert:cci-cct cp:feeUSD ?f ; cp:hasExam ?e . ?e cp:questionCount ?n ; cp:scoredQuestionCount ?s }",
    )
    assert (fee, total, scored) == (Decimal("175"), 130, 110)
    renew = dict(
        sparql(
            """SELECT ?c ?u WHERE { VALUES ?c { cert:cci-cct cert:cci-rcs cert:cci-rcis cert:cci-rces }
                 ?c cp:continuingEducationUnits ?u ; cp:renewalPeriodMonths 36 ; cp:renewalFeeUSD 165.0 }"""
        )
    )
    assert renew == {D + "cert/cci-cct": 16, D + "cert/cci-rcs": 36, D + "cert/cci-rcis": 36, D + "cert/cci-rces": 36}


def test_ekg_technician_links_to_cardiovascular_and_cct(ask):
    # BLS counts EKG technicians among cardiovascular technologists and technicians.
    assert ask("role:ekg-technician cp:reportedUnder role:cardiovascular-technologist .")
    # CCT2: currently or previously employed in cardiovascular technology (an EKG technician).
    assert ask(
        """route:cci-cct-2 cp:qualifiesFor cert:cci-cct ; cp:hasCondition ?c . ?c cp:requiresMilestone ?g ; cp:acceptsLapsed true .
           ?g cp:member role:ekg-technician ."""
    )


# ---------------------------------------------------------------------- respiratory
def test_nbrc_tmc_cse_fees_and_renewal(sparql):
    n, s, d = _one(
        sparql,
        "SELECT ?n ?s ?d WHERE { cert:nbrc-crt cp:hasExam ?e . ?e cp:questionCount ?n ; cp:scoredQuestionCount ?s ; cp:examDuration ?d }",
    )
    assert (n, s) == (160, 140) and str(d) in {"PT3H", "3:00:00", "P0DT3H0M0S"}
    cse = sparql(
        """SELECT ?n ?s WHERE { cert:nbrc-rrt cp:hasExam ?e . ?e cp:questionCount ?n ; cp:scoredQuestionCount ?s .
             FILTER(?n < 100) }"""
    )
    assert cse == [(22, 20)]
    assert _one(sparql, "SELECT ?f WHERE { cert:nbrc-crt cp:feeUSD ?f }")[0] == Decimal("190")
    assert _one(sparql, "SELECT ?c WHERE { route:nbrc-rrt-cse cp:costUSD ?c }")[0] == Decimal("200")
    for cert in ("nbrc-crt", "nbrc-rrt"):
        months, units = _one(
            sparql, f"SELECT ?m ?u WHERE {{ cert:{cert} cp:renewalPeriodMonths ?m ; cp:continuingEducationUnits ?u }}"
        )
        assert (months, units) == (60, 30)


def test_tmc_cut_scores_low_earns_crt_high_opens_cse(ask):
    assert ask(f"route:nbrc-crt-tmc cp:hasCondition ?c . ?c cp:requiresMilestone <{D}program/respiratory-associate> .")
    assert ask(f"route:nbrc-rrt-cse cp:hasCondition ?c . ?c cp:requiresMilestone <{D}credential/nbrc-rrt-eligible> .")
    assert ask(f"?e cp:holder <{D}credential/nbrc-rrt-eligible> ; cp:countsAs cert:nbrc-crt ; cp:source ?s .")


def test_respiratory_licence_states_disagreement_keeps_both(sparql):
    rows = sparql(
        f"""SELECT ?v ?cur WHERE {{ ?d cp:concerns <{D}credential/respiratory-care-license> ; cp:hasClaim ?c .
              ?c cp:claimedValue ?v ; cp:isCurrent ?cur }}"""
    )
    assert sorted(rows) == [(48, False), (49, True)]  # every state but Alaska is current


# ---------------------------------------------------------------------- routes, as a counselor reads them
def test_high_school_to_rrt_in_order():
    best = _route("--to", "Registered Respiratory Therapist", "--have", HS)[0]
    assert _achieved(best) == ["program/respiratory-associate", "credential/nbrc-rrt-eligible", "cert/nbrc-rrt"]
    assert best["total"]["cost_usd"] == pytest.approx(8100 + 190 + 200)


def test_high_school_to_respiratory_therapist_goes_through_a_licence():
    best = _route("--to", "Respiratory therapist", "--have", HS)[0]
    done = _achieved(best)
    assert done[0] == "program/respiratory-associate" and done[-1] == "role/respiratory-therapist"
    assert done.index("credential/respiratory-care-license") == len(done) - 2
    assert {"cert/nbrc-crt", "credential/nbrc-rrt-eligible"} & set(done)


def test_phlebotomist_to_mlt_to_mls():
    routes = _route(
        "--to",
        "Medical laboratory scientist",
        "--have",
        HS,
        "--have",
        "Phlebotomist",
        "--have",
        "CPT",
        "--alternatives",
        "3",
    )
    ladders = [r for r in routes if "cert/ascp-mlt" in _achieved(r)]
    assert ladders, [_achieved(r) for r in routes]
    done = _achieved(ladders[0])
    assert done.index("program/mlt-associate") < done.index("cert/ascp-mlt") < done.index("cert/ascp-mls")
    assert done[-1] == "role/medical-laboratory-scientist"
    # No phlebotomy credit exists: the ladder still starts with the full MLT program.
    assert done[0] == "program/mlt-associate"


def test_certified_mlt_to_mls_takes_the_completion_program():
    best = _route(
        "--to",
        "MLS(ASCP)",
        "--have",
        HS,
        "--have",
        "Medical laboratory technician",
        "--have",
        "MLT(ASCP)",
        "--have",
        "MLT program",
    )[0]
    assert _achieved(best) == ["program/mlt-to-mls", "cert/ascp-mls"]
    assert best["steps"][0]["months"] == pytest.approx(24.0)  # NMU: two years for most students


def test_high_school_to_radiologic_technologist_in_order():
    best = _route("--to", "Radiologic technologist", "--have", HS)[0]
    assert _achieved(best) == ["program/radiography-associate", "cert/arrt-radiography", "role/radiologic-technologist"]
    program = best["steps"][0]
    assert program["months"] == pytest.approx(24.0) and program["cost_usd"] == pytest.approx(8100.0)


def test_radiographer_to_mri_by_the_postprimary_pathway():
    routes = _route("--to", "ARRT MRI", "--have", HS, "--have", "Radiologic technologist", "--have", "R.T.(R)")
    done = _achieved(routes[0])
    assert done == ["program/mri-structured-education", "cert/arrt-mri"]


def test_high_school_to_sonographer_takes_the_rdms():
    best = _route("--to", "Diagnostic medical sonographer", "--have", HS)[0]
    assert _achieved(best) == ["program/dms-program", "cert/ardms-rdms", "role/diagnostic-medical-sonographer"]


def test_ekg_technician_to_cct_by_employment():
    best = _route("--to", "CCT", "--have", HS, "--have", "EKG technician")[0]
    assert _achieved(best) == ["cert/cci-cct"]
    assert best["steps"][0]["cost_usd"] == pytest.approx(175.0)


def test_rcs1_pathway_ended_june_2023(sparql):
    # CCI's RCS overview (June 2023): "Effective June 30, 2023, the RCS1 qualification prerequisite will be sunset."
    (until,) = _one(sparql, "SELECT ?u WHERE { route:cci-rcs-1 cp:qualifiesFor cert:cci-rcs ; cp:validUntil ?u }")
    assert str(until) == "2023-06-30"
