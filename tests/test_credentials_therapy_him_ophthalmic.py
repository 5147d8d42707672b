"""Therapy assistants, health information and ophthalmic credentials (issue 22, items 3 and 4).

Every figure asserted here is written from the source named beside it, not from the Turtle:
NBCOT's fee and renewal pages, FSBPT's candidate handbook and appeals page, AHIMA's FAQ, CCS and
recertification pages, AMT's fee table, IJCAHPO's FAQ, O*NET, the state boards read. The route
tests run the real command line and check each ladder in the order a counselor would sign.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.conftest import D, run_cli


def one(sparql, query):
    rows = sparql(query)
    assert len(rows) == 1, rows
    return rows[0]


def route_steps(*args: str) -> list[list[str]]:
    """Step IRIs (last path segment) of each route the planner gives."""
    result = run_cli("route", *args, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return [[s["id"].rsplit("/", 1)[-1] for s in r["steps"]] for r in data["routes"]]


# ---------------------------------------------------------------- COTA (NBCOT)
def test_cota_fee_renewal_and_body(sparql):
    # NBCOT fees page: online initial exam application $515, online renewal $65;
    # NBCOT renewal pages: three years, 36 PDUs.
    fee, months, units, kind, renewal_fee, body = one(
        sparql,
        """SELECT ?fee ?m ?u ?k ?rf ?body WHERE { cert:nbcot-cota cp:feeUSD ?fee ; cp:renewalPeriodMonths ?m ;
             cp:continuingEducationUnits ?u ; cp:continuingEducationKind ?k ; cp:renewalFeeUSD ?rf ;
             cp:administeredBy ?body . ?body a cp:CertifyingBody }""",
    )
    assert (fee, months, units, renewal_fee) == (515, 36, 36, 65)
    assert "PDU" in kind and body == D + "org/nbcot"


def test_cota_route_is_an_acote_program_and_the_exam_format_is_flagged_weak(sparql, ask):
    rows = sparql(
        """SELECT ?route ?cost ?high ?prog WHERE { ?route cp:qualifiesFor cert:nbcot-cota ; cp:costUSD ?cost ;
             cp:costUSDHigh ?high ; cp:hasCondition/cp:requiresMilestone ?prog }"""
    )
    assert [(r[1], r[2]) for r in rows] == [(515, 555)]  # online $515, paper $555
    assert ask(f"<{rows[0][3]}> cp:accreditedBy org:acote ; cp:programLevel 'associate degree'")
    # 450 on 300-600 and 200 questions in 4 hours come only from weak pages: the exam says so.
    passing, duration = one(
        sparql,
        "SELECT ?p ?d WHERE { cert:nbcot-cota cp:hasExam ?e . ?e cp:passingStandard ?p ; cp:examDuration ?d }",
    )
    assert "450" in passing and "300 to 600" in passing and duration == timedelta(hours=4)
    assert not ask(
        """cert:nbcot-cota cp:hasExam ?e . ?e cp:source ?s . ?s cp:evidenceLevel ?l .
           FILTER (?l != <https://w3id.org/careerpath/data/evidence/weak>)"""
    )


def test_ota_program_is_competitive_and_full_time_with_sources(sparql):
    note, source, commitment = one(
        sparql,
        """SELECT ?n ?s ?t WHERE { ?step cp:achieves <https://w3id.org/careerpath/data/program/ota-program> ;
             cp:availabilityNote ?n ; cp:availabilitySource ?s ; cp:timeCommitment ?t .
             FILTER (CONTAINS(STR(?s), 'kctcs')) }""",
    )
    assert "16 students a year" in note  # Madisonville (KCTCS) admits 16 a year
    assert commitment == D + "kind/full-time"


# ---------------------------------------------------------------- NPTE-PTA (FSBPT) and the PTA licence
def test_npte_pta_exam_facts(sparql):
    duration, attempts, by = one(
        sparql,
        """SELECT ?d ?a ?by WHERE { <https://w3id.org/careerpath/data/exam/npte-pta> cp:examDuration ?d ;
             cp:maxAttempts ?a ; cp:deliveredBy ?by }""",
    )
    # FSBPT: PTA testing time 4 hours, six-time lifetime limit, Prometric test centres.
    assert (duration, attempts, by) == (timedelta(hours=4), 6, D + "org/prometric")


def test_pta_license_step_lets_a_capte_student_test_90_days_early(sparql):
    days, prog = one(
        sparql,
        """SELECT ?days ?prog WHERE { ?step cp:achieves <https://w3id.org/careerpath/data/credential/pta-license> ;
             cp:hasCondition ?c . ?c cp:completingStudentDays ?days ; cp:requiresMilestone ?prog }""",
    )
    assert days == 90 and prog.endswith("program/pta-program")


def test_state_licences_lapse_and_say_how_they_renew(sparql):
    rows = dict(
        sparql(
            """SELECT ?c ?note WHERE { ?c a cp:StateCredential ; cp:renewalPeriodMonths ?m ; cp:renewalNote ?note .
                 FILTER (STRSTARTS(STR(?c), 'https://w3id.org/careerpath/data/credential/') &&
                         (CONTAINS(STR(?c), 'ota-') || CONTAINS(STR(?c), 'pta-'))) }"""
        )
    )
    assert set(rows) == {D + "credential/ota-license", D + "credential/pta-license"}
    # North Dakota's board: PTA renewal $60, 25 contact hours every 2 years.
    assert "$60" in rows[D + "credential/pta-license"] and "25 contact hours" in rows[D + "credential/pta-license"]
    # Wyoming's board: licences expire on July 31 every year.
    assert "July 31" in rows[D + "credential/ota-license"]


@pytest.mark.parametrize(
    "role,licence",
    [("occupational-therapy-assistant", "ota-license"), ("physical-therapist-assistant", "pta-license")],
)
def test_assistant_jobs_need_the_licence_and_aide_jobs_only_a_diploma(sparql, role, licence):
    (needed,) = one(sparql, f"SELECT ?r WHERE {{ ?s cp:achieves role:{role} ; cp:requires ?r }}")
    assert needed == D + "credential/" + licence
    aide = role.replace("assistant", "aide")
    (needed,) = one(sparql, f"SELECT ?r WHERE {{ ?s cp:achieves role:{aide} ; cp:requires ?r }}")
    assert needed == D + "group/high-school-or-equivalent"


@pytest.mark.parametrize("trade", ["occupational-therapy", "physical-therapist"])
def test_aides_advance_to_assistants(ask, trade):
    assert ask(f"role:{trade}-aide cp:advancesTo role:{trade}-assistant")


# ---------------------------------------------------------------- RHIT, RHIA, CCS, CCA (AHIMA)
def test_ahima_recertification(sparql):
    rows = {
        r[0].rsplit("/", 1)[-1]: r[1:]
        for r in sparql(
            """SELECT ?c ?m ?u ?fee WHERE { VALUES ?c { cert:rhit cert:rhia cert:ccs cert:cca }
                 ?c cp:renewalPeriodMonths ?m ; cp:continuingEducationUnits ?u ; cp:renewalFeeUSD ?fee }"""
        )
    }
    # AHIMA: 2-year cycle; RHIA 30 CEUs, RHIT, CCA and CCS 20; recertification fee $218 (non-members).
    assert rows == {"rhit": (24, 20, 218), "rhia": (24, 30, 218), "ccs": (24, 20, 218), "cca": (24, 20, 218)}


def test_ahima_testing_window_and_retest_waits(sparql):
    rows = dict(
        (r[0].rsplit("/", 1)[-1], (r[1], r[2]))
        for r in sparql(
            """SELECT ?c ?w ?wait WHERE { VALUES ?c { cert:rhit cert:rhia cert:ccs cert:cca }
                 ?c cp:hasExam ?e . ?e cp:testingWindowDays ?w ; cp:retakeWaitDays ?wait }"""
        )
    )
    # AHIMA FAQ: 120 calendar days from approval; retest 30 days for CCA and CCS (2023-09-11), 90 for others.
    assert rows == {"cca": (120, 30), "ccs": (120, 30), "rhit": (120, 90), "rhia": (120, 90)}


def test_rhit_route_needs_a_cahiim_associate_program(sparql, ask):
    rows = sparql(
        """SELECT ?route ?prog WHERE { ?route cp:qualifiesFor cert:rhit ; cp:hasCondition/cp:requiresMilestone ?prog }"""
    )
    assert len(rows) == 1
    prog = rows[0][1]
    assert ask(f"<{prog}> cp:accreditedBy org:cahiim ; cp:programLevel 'associate degree'")
    assert ask(f"?eq cp:holder <{prog}> ; cp:countsAs <{D}program/hit-associate>")


def test_ccs_requires_only_a_diploma_and_recommends_the_rest(sparql):
    rows = sparql(
        """SELECT ?route (COUNT(?c) AS ?n) WHERE { ?route cp:qualifiesFor cert:ccs ; cp:hasCondition ?c } GROUP BY ?route"""
    )
    assert len(rows) == 6  # the diploma, plus AHIMA's five recommended preparations
    (label,) = one(
        sparql,
        """SELECT ?l WHERE { ?route cp:qualifiesFor cert:ccs ; cp:hasCondition ?c , ?x ; rdfs:label ?l .
             ?c cp:requiresMilestone cert:cca . ?x cp:inRole role:medical-coder ; cp:minimumYears ?y . FILTER (?y = 1.0) }""",
    )
    assert "recommended" in label
    # every CCS route asks for the diploma, the one requirement AHIMA sets
    assert not sparql(
        f"""SELECT ?route WHERE {{ ?route cp:qualifiesFor cert:ccs .
             FILTER NOT EXISTS {{ ?route cp:hasCondition/cp:requiresMilestone <{D}group/high-school-or-equivalent> }} }}"""
    )


def test_cca_fee_disagreement_keeps_ahima_current(sparql):
    rows = dict(
        sparql(
            """SELECT ?v ?cur WHERE { ?d cp:concerns cert:cca ; cp:hasClaim ?c . ?c cp:claimedValue ?v ; cp:isCurrent ?cur .
                 FILTER (STRENDS(STR(?d), 'cca-exam-fee')) }"""
        )
    )
    assert rows == {299: True, 399: False}


def test_rhia_ceus_and_retest_disagreements_follow_ahima(sparql):
    current = {
        r[0].rsplit("/", 1)[-1]: r[1]
        for r in sparql(
            """SELECT ?d ?v WHERE { ?d a cp:Disagreement ; cp:hasClaim ?c . ?c cp:isCurrent true ; cp:claimedValue ?v .
                 FILTER (STRENDS(STR(?d), 'rhia-ceus') || STRENDS(STR(?d), 'rhit-rhia-retest-wait')) }"""
        )
    }
    assert current == {"rhia-ceus": 30, "ahima-rhit-rhia-retest-wait": 90}


# ---------------------------------------------------------------- CMA, RMA (existing IRIs)
def test_rma_annual_fee_from_amt_and_its_disagreement(sparql):
    fee, source = one(
        sparql,
        "SELECT ?f ?s WHERE { cert:rma cp:renewalFeeUSD ?f ; cp:renewalSource ?s . FILTER (CONTAINS(STR(?s), 'amt-renewal-fees')) }",
    )
    assert fee == 50  # AMT Stay Certified: Medical Assistant (RMA) $50 a year
    rows = dict(
        sparql(
            """SELECT ?v ?cur WHERE { ?d cp:concerns cert:rma ; cp:hasClaim ?c . ?c cp:claimedValue ?v ; cp:isCurrent ?cur .
                 FILTER (STRENDS(STR(?d), '/rma-annual-fee')) }"""
        )
    )
    assert rows == {50: True, 75: False}


# ---------------------------------------------------------------- COA (IJCAHPO) and the ophthalmic roles
def test_coa_renewal_and_experience_pathway(sparql):
    months, body = one(sparql, "SELECT ?m ?b WHERE { cert:coa cp:renewalPeriodMonths ?m ; cp:administeredBy ?b }")
    assert months == 36 and body == D + "org/ijcahpo"  # IJCAHPO: valid three years (36 months)
    hours, within, supervised = one(
        sparql,
        """SELECT ?h ?w ?s WHERE { ?route cp:qualifiesFor cert:coa ; cp:hasCondition ?c .
             ?c cp:inRole role:ophthalmic-medical-technician ; cp:minimumHours ?h ; cp:withinYears ?w ; cp:isSupervised ?s }""",
    )
    # 1,000 hours under an ophthalmologist's supervision within the 12 months before applying
    assert (hours, within, supervised) == (1000, 1.0, True)
    # the exam fee was found only on a weak page, and the route says so through its cost source
    (kind,) = one(
        sparql,
        """SELECT DISTINCT ?k WHERE { ?route cp:qualifiesFor cert:coa ; cp:costSource/cp:evidenceLevel/rdfs:label ?k }""",
    )
    assert kind == "weak"


def test_ophthalmic_roles_are_kept_apart(sparql, ask):
    (code,) = one(sparql, "SELECT ?c WHERE { role:ophthalmic-medical-technician cp:onetSocCode ?c }")
    assert code == "29-2057.00"  # O*NET 29-2057.00 Ophthalmic Medical Technicians
    assert not ask(
        """{ ?e cp:holder role:ophthalmic-medical-technician ; cp:countsAs role:ophthalmic-medical-assistant }
           UNION { ?e cp:holder role:ophthalmic-medical-assistant ; cp:countsAs role:ophthalmic-medical-technician }"""
    )
    assert ask("role:ophthalmic-medical-assistant cp:specializes role:clinical-medical-assistant")


def test_sources_of_the_file_are_dated_and_weighed(sparql):
    rows = sparql(
        """SELECT ?s ?kind WHERE { ?s a cp:Source ; cp:evidenceLevel/rdfs:label ?kind ; cp:dateNote ?n .
             FILTER (STRSTARTS(STR(?s), 'https://w3id.org/careerpath/data/source/') &&
                     (CONTAINS(STR(?s), 'nbcot') || CONTAINS(STR(?s), 'fsbpt') || CONTAINS(STR(?s), 'jcahpo')
                      || STRENDS(STR(?s), 'ahima-faq') || STRENDS(STR(?s), 'ahima-ccs'))) }"""
    )
    kinds = dict(rows)
    assert kinds[D + "source/ahima-faq"] == "primary"
    assert kinds[D + "source/fsbpt-retaking-copy"] == "weak"  # an unchecked copy
    assert kinds[D + "source/nbcot-fees"] == "primary"


# ---------------------------------------------------------------- the ladders, as the planner plans them
def test_high_school_to_cota_in_order():
    routes = route_steps("--to", "COTA", "--have", "high school diploma")
    assert routes[0] == ["complete-ota-program", "cota-acote-graduate"]


def test_high_school_to_ota_job_program_exam_licence_job():
    routes = route_steps("--to", "Occupational therapy assistant", "--have", "high school diploma")
    assert routes[0] == [
        "complete-ota-program",
        "cota-acote-graduate",
        "get-ota-license",
        "get-hired-as-occupational-therapy-assistant",
    ]


def test_high_school_to_pta_licence_in_order():
    routes = route_steps("--to", "PTA license", "--have", "high school diploma")
    assert routes[0] == ["complete-pta-program", "pass-npte-pta-and-get-licensed"]


def test_high_school_to_rhit_in_order():
    routes = route_steps("--to", "RHIT", "--have", "high school diploma")
    assert routes[0] == ["complete-cahiim-him-associate", "rhit-cahiim-associate"]


def test_rhit_to_rhia_by_a_bachelors_completion():
    routes = route_steps("--to", "RHIA", "--have", "RHIT", "--have", "high school diploma")
    assert routes[0] == ["complete-him-bachelors-after-associate", "rhia-cahiim-bachelors"]


def test_cca_to_ccs_through_a_year_of_coding():
    routes = route_steps("--to", "CCS", "--have", "CCA", "--have", "high school diploma")
    # a coding job, coding work in it, a year of that work (the planner's own step), then the exam
    assert routes[0][:2] == ["get-hired-as-medical-records-specialist", "become-medical-coder-from-records"]
    assert routes[0][-1] == "ccs-cca-and-experience" and len(routes[0]) == 4


def test_aide_jobs_are_one_step_from_a_diploma():
    assert route_steps("--to", "Physical therapist aide", "--have", "high school diploma")[0] == [
        "get-hired-as-physical-therapist-aide"
    ]
    assert route_steps("--to", "Occupational therapy aide", "--have", "high school diploma")[0] == [
        "get-hired-as-occupational-therapy-aide"
    ]


def test_coa_routes_offer_the_program_and_the_on_the_job_pathway():
    routes = route_steps("--to", "COA", "--have", "high school diploma", "--alternatives", "3")
    lasts = {r[-1] for r in routes}
    assert {"coa-accredited-program", "coa-independent-study-and-experience"} <= lasts
    on_the_job = [r for r in routes if r[-1] == "coa-independent-study-and-experience"]
    assert any("get-hired-as-ophthalmic-medical-technician" in r for r in on_the_job)
    assert all("complete-ophthalmic-independent-study" in r for r in on_the_job)
