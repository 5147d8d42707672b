"""Time and validity in the medical-assistant data (issue 19, items 1 to 4, 6 and 8; issue 22's audit).

Each assertion is written from the certifying body's, regulator's or publisher's own words, as the
source's comment quotes them, not from the Turtle: how long each credential stays valid and how it
is renewed, which steps are part time or work and study, who can start a step, what counts as the
qualifying program for the CMA's Category 4, completing students, common names, and the audit's
mends (the RMA fee, the GED price's date, the wage categories, the unnamed guide's weight).
Everything is read through SPARQL on the shipped graph (the ``sparql`` and ``ask`` fixtures).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import D

P = f"""PREFIX cond: <{D}condition/>
PREFIX step: <{D}step/>
PREFIX prog: <{D}program/>
PREFIX cred: <{D}credential/>
PREFIX grp: <{D}group/>
PREFIX eq: <{D}equivalence/>
PREFIX dis: <{D}disagreement/>
PREFIX claim: <{D}claim/>
PREFIX ev: <{D}evidence/>
"""
KIND = D + "kind/"


def one(sparql, query: str):
    rows = sparql(P + query)
    assert len(rows) == 1, rows
    return rows[0]


def renewal(sparql, entity: str) -> dict:
    """The renewal facts of a credential, by property name."""
    rows = sparql(
        P
        + f"""SELECT ?p ?o WHERE {{ {entity} ?p ?o .
        VALUES ?p {{ cp:renewalPeriodMonths cp:renewalFeeUSD cp:continuingEducationUnits
                    cp:continuingEducationKind cp:renewalNote }} }}"""
    )
    out: dict = {}
    for p, o in rows:
        out[p.rsplit("#", 1)[-1]] = o
    return out


def renewal_source_levels(sparql, entity: str) -> dict[str, str]:
    rows = sparql(P + f"SELECT ?s ?l WHERE {{ {entity} cp:renewalSource ?s . ?s cp:evidenceLevel/rdfs:label ?l }}")
    return {s.rsplit("/", 1)[-1]: level for s, level in rows}


# ---------------------------------------------------------------------- 1. validity and renewal
def test_cma_is_current_60_months_and_renews_by_60_points_or_by_exam(sparql):
    # AAMA: "current for 60 months"; by CE "60 recertification points", at least 30 AAMA CEUs
    r = renewal(sparql, "cert:cma")
    assert r["renewalPeriodMonths"] == 60
    assert r["continuingEducationUnits"] == 60 and "points" in r["continuingEducationKind"]
    note = r["renewalNote"]
    assert "90 days" in note and "$50 reactivation fee" in note and "2020-01-01" in note
    assert "Category 3" in note
    assert set(renewal_source_levels(sparql, "cert:cma")) >= {"aama-recert", "aama-recert-faq", "aama-recert-2020"}
    assert set(renewal_source_levels(sparql, "cert:cma").values()) == {"primary"}


def test_cma_category_3_accepts_a_lapsed_cma(sparql, ask):
    # AAMA: Category 3, "recertificant"; a CMA expired more than 90 days must recertify by exam
    assert ask("route:cma-category-3 cp:hasCondition ?c . ?c cp:requiresMilestone cert:cma ; cp:acceptsLapsed true")
    (label,) = one(sparql, "SELECT ?l WHERE { cond:cma-category-3-holder rdfs:label ?l }")
    assert label.startswith("Holds or has held")


def test_only_the_recertification_condition_accepts_a_lapsed_credential(sparql):
    # Each is a condition its body words as "holds or has held" (or "currently or previously employed"):
    # AAMA's Category 3 recertificant; DANB's Pathway III for former CDAs (DentistryIQ, 2009); NBSTSA's
    # "current or previously certified CST" and its renewal page's late renewal by retaking the exam
    # (CSFA); CCI's CCT2, "currently or previously employed in cardiovascular technology" (2013).
    rows = sparql(
        P
        + """SELECT ?c ?label ?kind WHERE { ?c cp:acceptsLapsed true ; rdfs:label ?label .
               ?route cp:hasCondition ?c ; cp:routeKind ?kind }"""
    )
    assert {r[0].removeprefix(D): r[2].removeprefix(KIND) for r in rows} == {
        "condition/cma-category-3-holder": "recertification-route",
        "condition/danb-cda-p3-former": "recertification-route",
        "condition/nbstsa-cst-former": "recertification-route",
        "condition/nbstsa-csfa-former": "recertification-route",
        "condition/cci-cct-2-employment": "experience-route",
    }
    assert all(label.startswith(("Holds or has held", "Works or has worked")) for _, label, _ in rows)


def test_rma_annual_fee_is_amts_50_and_its_ccp_cycle_30_points(sparql):
    # AMT's Stay Certified page: "Medical Assistant (RMA) $50"; CCP "every three years"; 30 points
    r = renewal(sparql, "cert:rma")
    assert r["renewalPeriodMonths"] == 12 and r["renewalFeeUSD"] == Decimal("50")
    assert r["continuingEducationUnits"] == 30 and "3-year" in r["continuingEducationKind"]
    levels = renewal_source_levels(sparql, "cert:rma")
    assert levels["amt-renewal-fees"] == "primary"
    (url,) = one(sparql, "SELECT ?u WHERE { src:amt-renewal-fees <https://schema.org/url> ?u }")
    assert "americanmedtech.org" in url


def test_rma_annual_fee_disagreement_takes_amts_own_figure(sparql):
    rows = dict(
        sparql(
            P + "SELECT ?v ?cur WHERE { dis:rma-annual-fee cp:hasClaim ?c . ?c cp:claimedValue ?v ; cp:isCurrent ?cur }"
        )
    )
    assert rows == {Decimal("50"): True, Decimal("75"): False}


def test_ncma_valid_five_years_with_yearly_ce_for_active_status(sparql):
    # NCCT: "credentials are valid for five years from the certification date"
    r = renewal(sparql, "cert:ncma")
    assert r["renewalPeriodMonths"] == 60
    assert r["continuingEducationUnits"] == 14 and "each year" in r["continuingEducationKind"]
    assert renewal_source_levels(sparql, "cert:ncma")["ncct-support"] == "primary"


@pytest.mark.parametrize("cert", ["ccma", "cmaa", "cpt", "cet", "cbcs"])
def test_nha_certifications_renew_every_two_years_with_10_credits(sparql, cert):
    # NHA: "10 CE credits are required every two years"; "2 hours of continuing education = 1 credit"
    r = renewal(sparql, f"cert:{cert}")
    assert r["renewalPeriodMonths"] == 24
    assert r["continuingEducationUnits"] == 10 and r["continuingEducationKind"] == "credits"
    assert "2 hours" in r["renewalNote"]
    assert renewal_source_levels(sparql, f"cert:{cert}")["nha-continuing-education"] == "primary"


def test_cet_no_longer_says_10_hours(sparql):
    (comment,) = one(sparql, "SELECT ?c WHERE { cert:cet rdfs:comment ?c }")
    assert "10 continuing-education credits" in comment and "20 hours" in comment
    assert "10 continuing-education hours" not in comment


@pytest.mark.parametrize("cert", ["cpc", "cpc-a"])
def test_aapc_credentials_need_36_ceus_every_two_years(sparql, cert):
    # AAPC: "One Certification: 36 CEUs every two years"
    r = renewal(sparql, f"cert:{cert}")
    assert (r["renewalPeriodMonths"], r["continuingEducationUnits"], r["continuingEducationKind"]) == (24, 36, "CEUs")
    assert renewal_source_levels(sparql, f"cert:{cert}")["aapc-ceu-requirements"] == "primary"


def test_aapc_membership_is_yearly_at_190(sparql):
    # AAPC's membership FAQ: individual member renewals $190; revoked 90 days after an unpaid renewal
    r = renewal(sparql, "cred:aapc-membership")
    assert r["renewalPeriodMonths"] == 12 and r["renewalFeeUSD"] == Decimal("190")
    assert "90 days" in r["renewalNote"]


def test_cca_renews_every_two_years_with_20_ceus(sparql):
    # AHIMA: a 2-year cycle; a single CCA needs 20 CEUs; $218 for one credential (non-members)
    r = renewal(sparql, "cert:cca")
    assert (r["renewalPeriodMonths"], r["continuingEducationUnits"], r["renewalFeeUSD"]) == (24, 20, Decimal("218"))
    assert set(renewal_source_levels(sparql, "cert:cca").values()) == {"primary"}


def test_cpr_card_is_valid_24_months(sparql):
    # AHA: "valid for two years through the end of the month" the card was issued
    r = renewal(sparql, "cred:cpr-certification")
    assert r["renewalPeriodMonths"] == 24 and "end of the month" in r["renewalNote"]
    assert renewal_source_levels(sparql, "cred:cpr-certification") == {"aha-course-card": "primary"}


def test_california_phlebotomy_certificate_renews_every_two_years_with_6_hours(sparql):
    # CDPH LFS: 6 contact hours of continuing education every two-year renewal cycle
    r = renewal(sparql, "cred:ca-phlebotomy-certificate")
    assert (r["renewalPeriodMonths"], r["continuingEducationUnits"], r["continuingEducationKind"]) == (
        24,
        6,
        "contact hours",
    )


def test_washington_credentials_say_how_an_expired_one_returns_without_inventing_a_period(sparql):
    # WAC 246-827-0610: an expired credential may not be used to practise; 3 years or more: an exam
    for cred in ("cred:wa-ma-c", "cred:wa-ma-r"):
        r = renewal(sparql, cred)
        assert "renewalPeriodMonths" not in r, cred  # WAC 246-827-990 was not read
        assert "WAC 246-827-0610" in r["renewalNote"] and "246-827-990" in r["renewalNote"]
    assert "three years" in renewal(sparql, "cred:wa-ma-c")["renewalNote"]
    assert "new application" in renewal(sparql, "cred:wa-ma-r")["renewalNote"]


def test_every_certification_says_how_long_it_is_valid(sparql):
    rows = sparql(
        """SELECT ?c ?comment WHERE { ?c a cp:Certification ; rdfs:comment ?comment .
             FILTER NOT EXISTS { ?c cp:renewalPeriodMonths ?m } }"""
    )
    # Only the licensing exams passed once (JCNDE's NBDHE, the ADEX dental hygiene exam, NABP's NAPLEX
    # and MPJE: "a licensure requirement, not renewed"), typed cp:Certification for lack of a better
    # term, have no renewal period, and each says so; every other certification says how long it lasts.
    assert {c.removeprefix(D) for c, _ in rows} == {
        "cert/jcnde-nbdhe",
        "cert/adex-dental-hygiene",
        "cert/nabp-naplex",
        "cert/nabp-mpje",
    }
    assert all("for lack of a better term" in c and "no renewal period" in c for _, c in rows)
    assert not sparql("SELECT ?c WHERE { ?c a cp:Certification . FILTER NOT EXISTS { ?c rdfs:comment ?x } }")


# ---------------------------------------------------------------------- 2. time commitment
def test_apprenticeship_is_work_and_study_with_a_source(sparql):
    tc, note = one(
        sparql,
        "SELECT ?t ?n WHERE { step:complete-apprenticeship cp:timeCommitment ?t ; cp:timeCommitmentNote ?n }",
    )
    assert tc == KIND + "work-and-study"
    assert "four hours a week" in note and "full-time employee" in note
    sources = {s for (s,) in sparql(P + "SELECT ?s WHERE { step:complete-apprenticeship cp:timeCommitmentSource ?s }")}
    assert D + "source/washu-ma-apprenticeship" in sources


@pytest.mark.parametrize("step", ["complete-coding-course-80-hours", "earn-cpr-certification"])
def test_short_courses_are_part_time_with_a_source(sparql, step):
    rows = sparql(P + f"SELECT ?t ?s WHERE {{ step:{step} cp:timeCommitment ?t ; cp:timeCommitmentSource ?s }}")
    assert rows and {t for t, _ in rows} == {KIND + "part-time"}


def test_programs_with_part_time_or_evening_options_say_so(sparql):
    rows = dict(
        sparql(P + "SELECT ?s ?n WHERE { ?s a cp:Step ; cp:timeCommitmentNote ?n ; cp:timeCommitmentSource ?src }")
    )
    assert "evening classes" in rows[D + "step/complete-lpn-program"]
    assert "12 to 15 weeks" in rows[D + "step/complete-externship"]


def test_bachelors_degree_is_full_time(ask):
    assert ask(f"<{D}step/earn-bachelors-degree> cp:timeCommitment kind:full-time ; cp:timeCommitmentSource ?s")


# ---------------------------------------------------------------------- 3. equivalences and availability
def test_category_4_asks_for_the_qualifying_program_not_any_apprenticeship(sparql, ask):
    (milestone,) = one(sparql, "SELECT ?m WHERE { route:cma-category-4 cp:hasCondition/cp:requiresMilestone ?m }")
    assert milestone == D + "program/cma-alternative-program"
    # AAMA: at least 560 academic contact hours plus a 160-hour practicum
    assert ask(f"<{milestone}> cp:minimumProgramHours 560 ; cp:externshipHours 160")
    assert not ask(
        f"route:cma-category-4 cp:hasCondition/cp:requiresMilestone/cp:member* <{D}program/ma-apprenticeship>"
    )


def test_the_qualifying_program_has_its_own_tuition(sparql):
    low, typical, high, estimate = one(
        sparql,
        """SELECT ?l ?t ?h ?e WHERE { ?s cp:achieves prog:cma-alternative-program ;
             cp:costUSDLow ?l ; cp:costUSD ?t ; cp:costUSDHigh ?h ; cp:costIsEstimate ?e }""",
    )
    assert Decimal(0) < low <= typical <= high and estimate is True


def test_apprenticeship_still_opens_the_routes_whose_sources_accept_it(ask):
    appr = f"<{D}program/ma-apprenticeship>"
    assert ask(f"route:rma-apprenticeship cp:hasCondition/cp:requiresMilestone {appr}")  # AMT: DOL-registered
    assert ask(f"<{D}group/wa-ma-c-education> cp:member {appr}")  # WAC 246-827-0200(1)(c)


def test_apprenticeship_availability_is_said_and_sourced(sparql):
    (note,) = one(sparql, "SELECT ?n WHERE { step:complete-apprenticeship cp:availabilityNote ?n }")
    assert "sponsor" in note and "23 active programs" in note and "12 states" in note
    sources = {
        s.rsplit("/", 1)[-1]
        for (s,) in sparql(P + "SELECT ?s WHERE { step:complete-apprenticeship cp:availabilitySource ?s }")
    }
    assert {"uw-chws-ma-apprenticeship", "dol-washu-ma-apprentices"} <= sources


@pytest.mark.parametrize(
    "step, words", [("complete-bsn", "65,766"), ("complete-pa-program", "seats"), ("complete-lpn-program", "84")]
)
def test_competitive_programs_say_so(sparql, step, words):
    note, _ = one(
        sparql, f"SELECT ?n ?s WHERE {{ step:{step} cp:availabilityNote ?n ; cp:availabilitySource ?s }} LIMIT 1"
    )
    assert words in note and ("competitive" in note or "limited" in note)


def test_office_manager_counts_as_manager_with_its_caveat(sparql):
    (caveat, source) = one(sparql, "SELECT ?c ?s WHERE { eq:practice-manager-is-mhsm cp:caveat ?c ; cp:source ?s }")
    assert "bachelor's degree" in caveat and "BLS" in caveat
    assert source == D + "source/bls-ooh-mhsm"


# ---------------------------------------------------------------------- 4. completing students
def test_cma_category_1_lets_completing_students_test_30_days_early(sparql):
    # AAMA: completing students may test no more than 30 days before finishing
    (days,) = one(sparql, "SELECT ?d WHERE { cond:cma-category-1-program cp:completingStudentDays ?d }")
    assert days == 30


# ---------------------------------------------------------------------- 5. school age
def test_four_year_diploma_is_for_school_age_and_keeps_its_rationale(sparql):
    flag, why = one(
        sparql, "SELECT ?f ?r WHERE { step:earn-high-school-diploma cp:forSchoolAge ?f ; cp:durationRationale ?r }"
    )
    assert flag is True and "adult without a diploma takes the GED or HiSET" in why


# ---------------------------------------------------------------------- 6. common names
@pytest.mark.parametrize(
    "name",
    ["68W", "Army combat medic", "Navy hospital corpsman", "Corpsman", "Combat medic", "Military medical training"],
)
def test_military_training_answers_to_its_common_names(sparql, name):
    rows = sparql(P + f'SELECT ?p WHERE {{ ?p skos:altLabel ?l . FILTER(LCASE(STR(?l)) = LCASE("{name}")) }}')
    assert rows == [(D + "program/military-medical-training",)]


def test_military_common_names_rest_on_the_services_pages(sparql):
    rows = dict(
        sparql(
            P + "SELECT ?s ?l WHERE { prog:military-medical-training cp:source ?s . ?s cp:evidenceLevel/rdfs:label ?l }"
        )
    )
    assert rows[D + "source/navy-hospital-corpsman"] == "primary"


# ---------------------------------------------------------------------- 7. the audit's mends
def test_rma_fee_typical_is_the_secondary_135(sparql):
    (fee,) = one(sparql, "SELECT ?f WHERE { cert:rma cp:feeUSD ?f }")
    assert fee == Decimal("135")
    for route in ("rma-education", "rma-military", "rma-instructor", "rma-experience", "rma-apprenticeship"):
        low, typical, high = one(
            sparql, f"SELECT ?l ?t ?h WHERE {{ route:{route} cp:costUSDLow ?l ; cp:costUSD ?t ; cp:costUSDHigh ?h }}"
        )
        assert (low, typical, high) == (Decimal("135"), Decimal("135"), Decimal("150")), route
    current = sparql(P + "SELECT ?v WHERE { dis:rma-fee cp:hasClaim ?c . ?c cp:isCurrent true ; cp:claimedValue ?v }")
    assert current == [(Decimal("135"),)]


def test_the_old_rma_rule_carries_no_2026_fee(sparql):
    low, typical, high, why = one(
        sparql,
        "SELECT ?l ?t ?h ?r WHERE { route:rma-experience-5-of-7 cp:costUSDLow ?l ; cp:costUSD ?t ; cp:costUSDHigh ?h ; cp:costRationale ?r }",
    )
    assert high < Decimal("150") and "2026" in why and "not used" in why
    sources = {
        s.rsplit("/", 1)[-1] for (s,) in sparql(P + "SELECT ?s WHERE { route:rma-experience-5-of-7 cp:costSource ?s }")
    }
    assert "open-exam-prep-rma" not in sources


def test_ged_price_is_dated_to_2014(sparql):
    """A 2014 price is shown as an estimate, not as today's fee (a counselor's review, 2026-12-03)."""
    (why, estimate) = one(sparql, "SELECT ?r ?e WHERE { step:earn-ged cp:costRationale ?r ; cp:costIsEstimate ?e }")
    assert "2014" in why and "not today's" in why and estimate is True


def test_no_wage_supersedes_one_of_another_category(ask):
    assert not ask("stat:wage-2024-other-practitioners cp:supersedes stat:wage-2020-chiropractors")
    # each supersedes between wages stays within one setting (or none)
    assert not ask(
        """?new a cp:WageStatistic ; cp:supersedes ?old . ?new cp:inSetting ?a . ?old cp:inSetting ?b .
           FILTER(?a != ?b)"""
    )


def test_the_unnamed_guide_is_weak(sparql):
    publisher, level = one(
        sparql, "SELECT ?p ?l WHERE { src:guide <http://purl.org/dc/terms/publisher> ?p ; cp:evidenceLevel ?l }"
    )
    assert "not named" in publisher and level == D + "evidence/weak"
