"""Credentials of dental, pharmacy and surgical careers (issue 22, items 3 and 4).

The expected figures are written from the sources, not from the Turtle: DANB (CDA pathways,
annual renewal), JCNDE and CDCA (NBDHE, ADEX), PTCB's help centre (CPhT pathways, $129, renewal),
NHA (ExCPT renewal), NABP (NAPLEX and MPJE rules), NBSTSA and AST (CST and CSFA fees, renewal,
the 2017 CSFA change). The routes go through the real command line, as a counselor would run them.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.conftest import run_cli

D = "https://w3id.org/careerpath/data/"


def _one(sparql, query):
    rows = sparql(query)
    assert len(rows) == 1, rows
    return rows[0]


# ---------------------------------------------------------------------------------- fees
@pytest.mark.parametrize(
    ("cert", "body", "fee"),
    [
        ("danb-cda", "danb", 450),  # full CDA exam (a training page; DANB's fee page not found)
        ("jcnde-nbdhe", "jcnde", 490),
        ("adex-dental-hygiene", "cdca-wreb-cita", 995),  # CDCA: full exam, patient and computer parts
        ("ptcb-cpht", "ptcb", 129),  # PTCB refund policy: "$129 application and exam fee"
        ("nha-excpt", "nha", 125),
        ("nabp-naplex", "nabp", 620),  # $100 eligibility + $520 exam
        ("nabp-mpje", "nabp", 250),  # NABP, 2016
        ("nbstsa-cst", "nbstsa", 340),  # NBSTSA FAQ: $230 AST members, $340 non-members
        ("nbstsa-csfa", "nbstsa", 350),  # NBSTSA FAQ: $240 AST members, $350 non-members
    ],
)
def test_each_certification_has_its_body_and_fee(sparql, cert, body, fee):
    administered, amount = _one(
        sparql, f"SELECT ?org ?fee WHERE {{ cert:{cert} cp:administeredBy ?org ; cp:feeUSD ?fee }}"
    )
    assert administered == D + "org/" + body
    assert amount == Decimal(fee)


def test_new_bodies_are_certifying_bodies_with_a_primary_source(sparql):
    rows = sparql(
        """SELECT ?org (MIN(?rank) AS ?best) WHERE {
             VALUES ?org { org:danb org:jcnde org:cdca-wreb-cita org:ptcb org:nabp org:nbstsa }
             ?org a cp:CertifyingBody ; cp:source/cp:evidenceLevel/cp:rank ?rank } GROUP BY ?org"""
    )
    assert len(rows) == 6
    assert {best for _, best in rows} == {1}


def test_ast_members_pay_less_for_nbstsa_exams(sparql):
    rows = dict(sparql("SELECT ?c ?m WHERE { VALUES ?c { cert:nbstsa-cst cert:nbstsa-csfa } ?c cp:memberFeeUSD ?m }"))
    assert rows == {D + "cert/nbstsa-cst": Decimal(230), D + "cert/nbstsa-csfa": Decimal(240)}


def test_older_fees_are_kept_as_disagreements_not_dropped(sparql):
    rows = sparql(
        """SELECT ?about ?value ?current WHERE { ?d a cp:Disagreement ; cp:concerns ?about ; cp:hasClaim ?c .
             ?c cp:claimedValue ?value ; cp:isCurrent ?current .
             VALUES ?about { cert:ptcb-cpht cert:nbstsa-cst cert:nabp-naplex } }"""
    )
    got = {(a.rsplit("/", 1)[-1], float(v), bool(c)) for a, v, c in rows}
    assert got == {
        ("ptcb-cpht", 55.0, True),
        ("ptcb-cpht", 49.0, False),
        ("nbstsa-cst", 340.0, True),
        ("nbstsa-cst", 290.0, False),
        ("nabp-naplex", 620.0, True),
        ("nabp-naplex", 505.0, False),
    }


# ---------------------------------------------------------------------------------- exams
def test_ptce_format_and_window(sparql):
    questions, scored, duration, passing, window = _one(
        sparql,
        """SELECT ?q ?s ?d ?p ?w WHERE { cert:ptcb-cpht cp:hasExam ?e . ?e cp:questionCount ?q ;
             cp:scoredQuestionCount ?s ; cp:examDuration ?d ; cp:passingStandard ?p ; cp:testingWindowDays ?w }""",
    )
    assert (questions, scored, window) == (90, 80, 90)
    assert str(duration) in {"PT1H50M", "1:50:00"}
    assert "1400" in passing


def test_nbdhe_is_350_questions_in_a_nine_hour_day_at_pearson_vue(sparql):
    questions, duration, vendor = _one(
        sparql,
        "SELECT ?q ?d ?v WHERE { cert:jcnde-nbdhe cp:hasExam ?e . ?e cp:questionCount ?q ; cp:examDuration ?d ; cp:deliveredBy ?v }",
    )
    assert questions == 350
    assert str(duration) in {"PT9H", "9:00:00"}
    assert vendor == D + "org/pearson-vue"


def test_naplex_and_mpje_attempt_rules(sparql):
    rows = {
        e.rsplit("/", 1)[-1]: (q, w, m)
        for e, q, w, m in sparql(
            """SELECT ?e ?q ?w ?m WHERE { VALUES ?c { cert:nabp-naplex cert:nabp-mpje } ?c cp:hasExam ?e .
                 ?e cp:questionCount ?q ; cp:retakeWaitDays ?w ; cp:maxAttempts ?m }"""
        )
    }
    assert rows == {"naplex": (225, 45, 5), "mpje": (120, 30, 5)}


def test_adex_parts_pass_at_75_within_18_months(sparql):
    rows = sparql(
        "SELECT ?e ?p ?r WHERE { cert:adex-dental-hygiene cp:hasExam ?e . ?e cp:passingStandard ?p ; cp:retakePolicy ?r }"
    )
    assert len(rows) == 2
    assert all("75" in p and "18 months" in r for _, p, r in rows)


def test_cda_is_three_component_exams(sparql):
    exams = {e.rsplit("/", 1)[-1] for (e,) in sparql("SELECT ?e WHERE { cert:danb-cda cp:hasExam ?e }")}
    assert exams == {"danb-gc", "danb-rhs", "danb-ice"}


# ---------------------------------------------------------------------------------- renewal
@pytest.mark.parametrize(
    ("cert", "months", "units"),
    [
        ("danb-cda", 12, 12),  # DANB: renewed every year with CDE credits
        ("ptcb-cpht", 24, 20),  # PTCB: 20 CE hours each 2-year cycle
        ("nha-excpt", 24, 20),  # NHA: 20 CE hours every 2 years
        ("nbstsa-cst", 24, 30),  # AST: 30 CE credits in the two-year cycle
        ("nbstsa-csfa", 24, 38),  # AST: 38 CE credits
    ],
)
def test_renewal_period_and_continuing_education(sparql, cert, months, units):
    period, ce, kind = _one(
        sparql,
        f"""SELECT DISTINCT ?m ?u ?k WHERE {{ cert:{cert} cp:renewalPeriodMonths ?m ; cp:continuingEducationUnits ?u ;
              cp:continuingEducationKind ?k ; cp:renewalNote ?n ; cp:renewalSource ?s }}""",
    )
    assert (period, ce) == (months, units)
    assert kind


def test_renewal_fees_where_the_body_gives_them(sparql):
    rows = dict(sparql("SELECT ?c ?f WHERE { ?c cp:renewalFeeUSD ?f . FILTER(STRSTARTS(STR(?c), STR(cert:))) }"))
    assert rows[D + "cert/ptcb-cpht"] == Decimal(55)
    assert rows[D + "cert/nbstsa-cst"] == Decimal(40)
    assert rows[D + "cert/nbstsa-csfa"] == Decimal(45)


def test_licensure_exam_passes_do_not_lapse(ask):
    for cert in ("jcnde-nbdhe", "adex-dental-hygiene", "nabp-naplex", "nabp-mpje"):
        assert not ask(f"cert:{cert} cp:renewalPeriodMonths ?m"), cert


# ---------------------------------------------------------------------------------- routes
def test_cpht_has_exactly_the_two_ptcb_pathways(sparql):
    rows = sparql(
        """SELECT ?r ?kind ?hours ?days WHERE { ?r cp:qualifiesFor cert:ptcb-cpht ; cp:routeKind ?kind ; cp:hasCondition ?c .
             OPTIONAL { ?c cp:minimumHours ?hours } OPTIONAL { ?c cp:completingStudentDays ?days } }"""
    )
    got = {(r.rsplit("/", 1)[-1], k.rsplit("/", 1)[-1], h, d) for r, k, h, d in rows}
    assert got == {
        ("ptcb-cpht-pathway-1", "education-route", None, 60),
        ("ptcb-cpht-pathway-2", "experience-route", 500, None),
    }


def test_cda_pathways(sparql, ask):
    hours, within = _one(
        sparql,
        """SELECT ?h ?w WHERE { route:danb-cda-pathway-2 cp:hasCondition ?c . ?c cp:inRole role:dental-assistant ;
             cp:minimumHours ?h ; cp:withinYears ?w }""",
    )
    assert (hours, within) == (3500, Decimal("4.0"))
    for pathway in ("danb-cda-pathway-1", "danb-cda-pathway-2", "danb-cda-pathway-3-former-cda"):
        assert ask(f"route:{pathway} cp:hasCondition ?c . ?c cp:requiresMilestone <{D}credential/cpr-certification>")
    assert ask(
        "route:danb-cda-pathway-1 cp:hasCondition ?c . ?c cp:requiresMilestone ?g . "
        f"?g cp:member <{D}program/dental-assisting-program> , <{D}program/dental-hygiene-program>"
    )
    assert ask(
        "route:danb-cda-pathway-3-former-cda cp:hasCondition ?c . ?c cp:requiresMilestone cert:danb-cda ; cp:acceptsLapsed true"
    )


def test_excpt_windows(sparql):
    rows = {
        r.rsplit("/", 1)[-1]: (float(w), h)
        for r, w, h in sparql(
            """SELECT ?r ?w ?h WHERE { ?r cp:qualifiesFor cert:nha-excpt ; cp:hasCondition ?c . ?c cp:withinYears ?w .
                 OPTIONAL { ?c cp:minimumHours ?h } }"""
        )
    }
    assert rows == {"nha-excpt-program": (5.0, None), "nha-excpt-experience": (3.0, 1200)}


def test_csfa_case_experience_pathway_closed_in_2016(sparql):
    until, newer = _one(
        sparql,
        "SELECT ?u ?n WHERE { route:nbstsa-csfa-cst-case-experience cp:validUntil ?u . ?n cp:supersedes route:nbstsa-csfa-cst-case-experience }",
    )
    assert str(until) == "2016-12-01"
    assert newer == D + "route/nbstsa-csfa-program"


def test_competitive_programs_say_so_with_a_source(sparql):
    rows = {
        s.rsplit("/", 1)[-1]
        for (s,) in sparql("SELECT ?s WHERE { ?s cp:availabilityNote ?n ; cp:availabilitySource ?src }")
    }
    assert {"complete-dental-hygiene-program", "complete-pharmd", "complete-surgical-assisting-program"} <= rows


def test_licences_are_state_credentials_required_to_be_hired(ask):
    for licence, role in (("dental-hygienist-license", "dental-hygienist"), ("pharmacist-license", "pharmacist")):
        assert ask(f"<{D}credential/{licence}> a cp:StateCredential")
        assert ask(f"?step cp:achieves role:{role} ; cp:requires <{D}credential/{licence}>")


def test_ladders(sparql):
    rows = {
        (a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1])
        for a, b in sparql(
            """SELECT ?a ?b WHERE { ?a cp:advancesTo ?b .
                 VALUES ?a { role:dental-assistant role:pharmacy-technician role:surgical-technologist } }"""
        )
    }
    assert rows == {
        ("dental-assistant", "dental-hygienist"),
        ("pharmacy-technician", "pharmacist"),
        ("surgical-technologist", "surgical-assistant"),
    }


# ---------------------------------------------------------------------------------- the planner, end to end
def _route(*args):
    result = run_cli("route", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["routes"]


def _ids(route):
    return [s["id"].rsplit("/", 1)[-1] for s in route["steps"]]


def test_dental_assistant_to_hygienist_takes_the_whole_program_and_both_exams():
    (route,) = _route("--to", "dental hygienist", "--have", "dental assistant", "--have", "high school diploma")
    ids = _ids(route)
    order = [
        "complete-dental-hygiene-prerequisites",
        "complete-dental-hygiene-program",
        "get-dental-hygienist-license",
        "get-hired-as-dental-hygienist",
    ]
    assert [i for i in ids if i in order] == order
    licence = ids.index("get-dental-hygienist-license")
    assert ids.index("nbdhe-dental-hygiene-graduate") < licence
    assert ids.index("adex-dh-graduate") < licence
    assert route["total"]["months"] >= 36  # BLS: programs usually take 3 years, prerequisites included


def test_high_school_to_cpht_by_both_pathways():
    routes = _route("--to", "CPhT", "--have", "high school diploma", "--alternatives", "3")
    by = {r["reached_by"]["id"].rsplit("/", 1)[-1]: _ids(r) for r in routes}
    assert set(by) == {"ptcb-cpht-pathway-1", "ptcb-cpht-pathway-2"}
    assert by["ptcb-cpht-pathway-1"][0] == "complete-pharmacy-technician-program"
    # the work pathway: hired first, then the 500 hours, then the exam
    work = by["ptcb-cpht-pathway-2"]
    assert work[0] == "get-hired-as-pharmacy-technician"
    assert work[-1] == "ptcb-cpht-pathway-2"
    assert any(i.endswith("work") or "work" in i for i in work[1:-1])


def test_surgical_technologist_to_csfa_goes_through_an_accredited_program():
    routes = _route(
        "--to", "CSFA", "--have", "surgical technologist", "--have", "high school diploma", "--alternatives", "3"
    )
    for route in routes:
        ids = _ids(route)
        assert "nbstsa-csfa-cst-case-experience" not in ids  # closed to new applicants since 2016-12-01
    assert _ids(routes[0]) == ["complete-surgical-assisting-program", "nbstsa-csfa-program"]


def test_pharmacy_technician_to_pharmacist_needs_the_full_pharmd():
    (route,) = _route("--to", "pharmacist", "--have", "pharmacy technician", "--have", "high school diploma")
    ids = _ids(route)
    assert ids[:2] == ["complete-pre-pharmacy-coursework", "complete-pharmd"]
    licence = ids.index("get-pharmacist-license")
    assert ids.index("naplex-pharmd-graduate") < licence and ids.index("mpje-pharmd-graduate") < licence
    pharmd = next(s for s in route["steps"] if s["id"].endswith("/complete-pharmd"))
    assert pharmd["months"] == 48.0  # four years, no credit for technician experience
