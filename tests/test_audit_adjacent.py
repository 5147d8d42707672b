"""The adjacent-careers, states and labour-market audit (issues 10 and 9): each corrected fact
pinned through the public API or SPARQL, never by reading Turtle text.

Covers the adjacent careers (nursing, PA, coding and billing, phlebotomy, managers), the EKG
technician domain and the state rules.
"""

from __future__ import annotations

import datetime

import pytest

from careerpath import ontology
from careerpath.graph.core import CareerGraph

D = "https://w3id.org/careerpath/data/"
HS = "high school diploma"
# The audited files: every step and route typed in them must carry honest ranges.
AUDITED = ["adjacent.ttl", "ekg-technician.ttl", "states.ttl"]


def _via(eligibility) -> dict[str, str]:
    return {e.id: e.via[0] for e in eligibility.eligible}


def _step(route, name: str):
    return next(s for s in route.steps if s.id.rsplit("/", 1)[-1] == name)


# ---------------------------------------------------------------------- nursing
def test_adn_takes_two_to_three_years(sparql):
    rows = sparql(
        f"""SELECT ?typ ?low ?high ?src WHERE {{
             <{D}step/complete-adn> cp:durationMonths ?typ ; cp:durationMonthsLow ?low ;
                 cp:durationMonthsHigh ?high ; cp:durationSource ?src }}"""
    )
    assert {(float(t), float(lo), float(hi)) for t, lo, hi, _ in rows} == {(24.0, 24.0, 36.0)}
    assert {src for *_, src in rows} == {D + "source/bls-ooh-rn-2021"}


def test_adn_disagreement_keeps_the_two_to_three_years_current(sparql):
    rows = dict(
        sparql(
            f"""SELECT ?claim ?current WHERE {{
                 <{D}disagreement/adn-duration> cp:hasClaim ?claim . ?claim cp:isCurrent ?current }}"""
        )
    )
    assert rows == {D + "claim/adn-four-years": False, D + "claim/adn-two-to-three-years": True}
    (resolution,) = sparql(f"SELECT ?r WHERE {{ <{D}disagreement/adn-duration> cp:resolution ?r }}")[0]
    assert "Only BLS gives a figure" not in resolution and "2021" in resolution


def test_a_registered_nurse_through_an_adn_is_quicker_than_through_a_bsn(cg):
    routes = cg.plan(cg.profile(have=[HS]), "Registered nurse", k=6)
    assert _step(routes[0], "complete-adn")
    bsn = next(r for r in routes if any(s.id.endswith("complete-bsn") for s in r.steps))
    assert routes[0].months + 20 <= bsn.months


def test_lpn_to_rn_bridge_has_a_range_not_an_unknown(cg, sparql):
    """Colleges' own pages (issue 22): about one academic year, two years part time."""
    route = cg.plan(cg.profile(have=[HS, "Practical nurse license"]), "Registered nurse")[0]
    assert _step(route, "lpn-to-rn-bridge").months == 12.0
    assert not route.unknown_months
    rows = sparql(
        f"""SELECT ?low ?high ?est ?why WHERE {{ <{D}step/lpn-to-rn-bridge> cp:durationMonthsLow ?low ;
              cp:durationMonthsHigh ?high ; cp:durationIsEstimate ?est ; cp:durationRationale ?why }}"""
    )
    assert [(float(lo), float(hi), est) for lo, hi, est, _ in rows] == [(9.0, 24.0, False)]


# ---------------------------------------------------------------------- AAPC: CPC and CPC-A
def test_aapc_membership_must_be_current_and_costs_money(sparql):
    assert sparql(f"SELECT ?c WHERE {{ <{D}credential/aapc-membership> cp:mustBeCurrent ?c }}") == [(True,)]
    rows = sparql(
        f"""SELECT ?t ?lo ?hi WHERE {{ <{D}step/join-aapc> cp:costUSD ?t ; cp:costUSDLow ?lo ; cp:costUSDHigh ?hi }}"""
    )
    assert [tuple(float(v) for v in row) for row in rows] == [(190.0, 157.0, 222.0)]


def test_cpc_exam_fee_is_not_split_in_person_and_online(sparql):
    texts = sparql(
        """SELECT ?text WHERE {
             VALUES ?node { cert:cpc cert:cpc-a route:cpc-a-exam route:cpc-exam-with-experience }
             ?node ?p ?text . FILTER (isLiteral(?text) && DATATYPE(?text) != xsd:decimal) }"""
    )
    assert texts and not any("in person" in str(t).lower() or "online" in str(t).lower() for (t,) in texts)
    rows = sparql(
        f"""SELECT ?t ?lo ?hi WHERE {{ <{D}route/cpc-a-exam> cp:costUSD ?t ; cp:costUSDLow ?lo ; cp:costUSDHigh ?hi }}"""
    )
    assert [tuple(float(v) for v in row) for row in rows] == [(425.0, 399.0, 499.0)]


def test_apprentice_status_has_aapcs_three_removal_options(sparql):
    routes = {
        r
        for (r,) in sparql(
            f"""SELECT ?r WHERE {{ ?r cp:qualifiesFor <{D}cert/cpc> ; cp:hasCondition ?c .
                  ?c cp:requiresMilestone <{D}cert/cpc-a> }}"""
        )
    }
    assert routes == {
        D + "route/cpc-remove-apprentice",
        D + "route/cpc-remove-apprentice-experience-and-education",
        D + "route/cpc-remove-apprentice-education",
    }
    for route in routes:
        sources = {s for (s,) in sparql(f"SELECT ?s WHERE {{ <{route}> cp:source ?s }}")}
        assert D + "source/aapc-apprenticeship" in sources


def test_one_year_of_coding_and_an_80_hour_course_remove_the_apprentice_status(cg):
    profile = cg.profile(
        have=[HS, "CPC-A", "AAPC membership", "80-hour medical coding preparation course"],
        experience={"medical coder": 1},
    )
    assert _via(cg.eligible(profile))[D + "cert/cpc"] == D + "route/cpc-remove-apprentice-experience-and-education"


def test_course_and_practicode_remove_the_apprentice_status_without_a_job(cg):
    profile = cg.profile(
        have=[
            HS,
            "CPC-A",
            "AAPC membership",
            "80-hour medical coding preparation course",
            "CPC-A Practicode completion",
        ]
    )
    assert _via(cg.eligible(profile))[D + "cert/cpc"] == D + "route/cpc-remove-apprentice-education"
    lapsed = cg.profile(have=[HS, "CPC-A", "80-hour medical coding preparation course", "CPC-A Practicode completion"])
    assert D + "cert/cpc" not in _via(cg.eligible(lapsed))


def test_cbcs_accepts_billing_and_coding_experience(sparql):
    accepted = {r for (r,) in sparql(f"SELECT ?r WHERE {{ <{D}condition/cbcs-experience> cp:acceptsExperienceIn ?r }}")}
    assert accepted == {D + "role/medical-coder", D + "role/medical-biller"}


# ---------------------------------------------------------------------- managers
def test_medical_office_manager_counts_as_health_services_manager_by_a_sourced_rule(sparql):
    rows = sparql(
        """SELECT ?eq ?src WHERE { ?eq a cp:Equivalence ; cp:holder role:medical-office-manager ;
             cp:countsAs role:medical-health-services-manager ; cp:source ?src }"""
    )
    assert [src for _, src in rows] == [D + "source/bls-ooh-mhsm"]


# ---------------------------------------------------------------------- state rules
def test_south_dakota_registration_ended_in_2021(sparql):
    rows = sparql(f"SELECT ?until WHERE {{ <{D}rule/sd-ma-registration> cp:validUntil ?until }}")
    assert rows == [(datetime.date(2021, 6, 30),)]
    sources = {s for (s,) in sparql(f"SELECT ?s WHERE {{ <{D}rule/sd-ma-registration> cp:source ?s }}")}
    assert D + "source/sd-codified-laws-36" in sources


def test_south_dakota_registration_still_planned_before_2021(cg):
    profile = cg.profile(have=[HS], state="SD", as_of=datetime.date(2020, 6, 1))
    best = cg.plan(profile, "Medical assistant")[0]
    assert D + "credential/sd-ma-registration" in {s.achieves[0] for s in best.steps}


def test_washington_credentials_need_high_school(sparql, ask):
    for step in ("get-wa-ma-c", "get-wa-ma-r"):
        assert ask(f"<{D}step/{step}> cp:requires <{D}group/high-school-or-equivalent>")
    assert not ask(f"<{D}step/get-wa-ma-r> cp:requiresNothing true")
    rows = sparql(
        f"""SELECT ?m ?years WHERE {{ <{D}step/get-wa-ma-c> cp:hasCondition ?c .
              ?c cp:requiresMilestone ?m ; cp:withinYears ?years }}"""
    )
    assert [(m, float(y)) for m, y in rows] == [(D + "group/ma-certification", 5.0)]


def test_washington_ma_r_needs_a_diploma_in_a_plan(cg):
    best = cg.plan(cg.profile(have=["GED"], state="WA"), "Medical assistant")[0]
    assert {s.achieves[0] for s in best.steps} & {D + "credential/wa-ma-r", D + "credential/wa-ma-c"}


def test_california_phlebotomy_certificate_follows_title_17(ask):
    assert ask(f"<{D}step/get-ca-phlebotomy-certificate> cp:requires <{D}group/high-school-or-equivalent>")
    assert ask(f"<{D}step/get-ca-phlebotomy-certificate> cp:requires <{D}program/phlebotomy-program>")
    assert ask(f"<{D}step/get-ca-phlebotomy-certificate> cp:source <{D}source/ca-17-ccr-phlebotomy>")
    assert ask(f"<{D}rule/ca-phlebotomy> cp:appliesToRole <{D}role/phlebotomist>")


# ---------------------------------------------------------------------- sources
@pytest.mark.parametrize(
    "source,level",
    [
        ("aapc-apprenticeship", "primary"),
        ("aapc-membership-faq", "primary"),
        ("bls-ooh-rn-2021", "primary"),
        ("wa-wac-246-827-0220", "primary"),
        ("sd-codified-laws-36", "primary"),
        ("mbc-cpc-2025", "weak"),
    ],
)
def test_new_sources_are_weighed(sparql, source, level):
    assert sparql(f"SELECT ?l WHERE {{ <{D}source/{source}> cp:evidenceLevel ?l }}") == [(D + f"evidence/{level}",)]


def test_the_2021_rn_page_is_cited_as_bls_and_read_in_a_copy(sparql):
    rows = sparql(
        f"SELECT ?url ?read WHERE {{ <{D}source/bls-ooh-rn-2021> <https://schema.org/url> ?url ; cp:readAt ?read }}"
    )
    assert rows and rows[0][0].startswith("https://www.bls.gov/") and "bls.gov" not in rows[0][1]


# ---------------------------------------------------------------------- ranges everywhere
@pytest.fixture(scope="module")
def audited():
    """Only the audited files (plus sources), so every step and route typed there is checked."""
    files = [ontology.DATA_DIR / "sources.ttl"] + [ontology.DATA_DIR / f for f in AUDITED]
    return CareerGraph.load(files)


RANGE_CHECK = """
    PREFIX cp: <https://w3id.org/careerpath/ontology#>
    SELECT ?node WHERE {
      ?node a ?type . VALUES ?type { cp:Step cp:EligibilityRoute }
      OPTIONAL { ?node cp:TYPICAL ?t } OPTIONAL { ?node cp:LOW ?l } OPTIONAL { ?node cp:HIGH ?h }
      OPTIONAL { ?node cp:ESTIMATE ?e } OPTIONAL { ?node cp:WHY ?r }
      OPTIONAL { ?node cp:SOURCE ?s } OPTIONAL { ?node cp:source ?any }
      FILTER (!BOUND(?t) || !BOUND(?l) || !BOUND(?h) || ?l > ?t || ?t > ?h
              || (COALESCE(?e, false) && !BOUND(?r))
              || (!COALESCE(?e, false) && !BOUND(?s) && !BOUND(?any)))
    }"""
RANGES = {
    "duration": (
        "durationMonths",
        "durationMonthsLow",
        "durationMonthsHigh",
        "durationIsEstimate",
        "durationRationale",
        "durationSource",
    ),
    "cost": ("costUSD", "costUSDLow", "costUSDHigh", "costIsEstimate", "costRationale", "costSource"),
}


def _missing_ranges(graph: CareerGraph, what: str) -> set[str]:
    query = RANGE_CHECK
    for key, term in zip(("TYPICAL", "LOW", "HIGH", "ESTIMATE", "WHY", "SOURCE"), RANGES[what], strict=True):
        query = query.replace(f"cp:{key} ", f"cp:{term} ")
    return {str(node) for (node,) in graph.rdf.query(query)}


@pytest.mark.parametrize("what", sorted(RANGES))
def test_every_step_and_route_has_sourced_or_estimated_ranges(audited, what):
    assert not _missing_ranges(audited, what)
    count = audited.rdf.query(
        "PREFIX cp: <https://w3id.org/careerpath/ontology#> "
        "SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE { ?n a ?t . VALUES ?t { cp:Step cp:EligibilityRoute } }"
    )
    assert int(next(iter(count))[0]) >= 40


def test_the_range_check_finds_a_step_without_ranges(tmp_path):
    """The check above can fail: a step with only a typical duration is reported."""
    (tmp_path / "bare.ttl").write_text(
        "@prefix cp: <https://w3id.org/careerpath/ontology#> .\n"
        "<urn:x:step> a cp:Step ; cp:durationMonths 3.0 ; cp:source <urn:x:src> .\n"
    )
    assert _missing_ranges(CareerGraph.load([tmp_path / "bare.ttl"]), "duration") == {"urn:x:step"}


def test_job_searches_use_the_bls_duration_of_unemployment(sparql):
    rows = sparql(
        f"""SELECT ?t ?lo ?hi ?src WHERE {{ <{D}step/get-hired-as-rn> cp:durationMonths ?t ;
              cp:durationMonthsLow ?lo ; cp:durationMonthsHigh ?hi ; cp:durationSource ?src }}"""
    )
    assert [(float(t), float(lo), float(hi), s) for t, lo, hi, s in rows] == [
        (2.2, 1.0, 6.0, D + "source/bls-cps-duration")
    ]


# ---------------------------------------------------------------------- labour market
def test_a_change_of_bls_categories_is_not_a_disagreement(ask, sparql):
    assert not ask("?d a cp:Disagreement ; cp:concerns setting:chiropractors-offices")
    shares = dict(
        sparql(
            """SELECT ?setting ?share WHERE { ?s a cp:EmploymentShare ; cp:inSetting ?setting ;
                 cp:sharePercent ?share ; cp:referenceDate ?d .
                 FILTER (?setting IN (setting:chiropractors-offices, setting:other-health-practitioners-offices)
                         && STR(?d) IN ("2021", "2024")) }"""
        )
    )
    assert {k.rsplit("/", 1)[-1]: float(v) for k, v in shares.items()} == {
        "chiropractors-offices": 4.0,
        "other-health-practitioners-offices": 7.0,
    }


def test_california_phlebotomists_need_the_state_certificate_as_well_as_an_exam(sparql):
    (comment,) = sparql(f"SELECT ?c WHERE {{ <{D}cert/cpt> rdfs:comment ?c }}")[0]
    assert "instead" not in comment and "also need" in comment


def test_washington_phlebotomists_need_a_credential_the_ma_r_does_not_give(cg, sparql):
    members = {m for (m,) in sparql(f"SELECT ?m WHERE {{ <{D}group/wa-phlebotomy-credential> cp:member ?m }}")}
    assert members == {D + "credential/wa-ma-phlebotomist", D + "credential/wa-ma-c"}
    best = cg.plan(cg.profile(have=[HS], state="WA"), "Phlebotomist")[0]
    assert {s.achieves[0] for s in best.steps} & members
    assert D + "credential/wa-ma-phlebotomist" not in {
        s.achieves[0] for s in cg.plan(cg.profile(have=[HS]), "Phlebotomist")[0].steps
    }


def test_the_cpc_exam_is_not_sat_untrained(cg):
    """A counselor's review of 2026-12-03: the CPC exam came in month 0, before the coding course,
    for someone with no coding training ('100 questions in 4 hours on the code books'). Without
    a course, the exam's route includes months of self-study, as the CCA's does; with the course,
    the exam comes after it."""
    route = cg.plan(cg.profile(have=["high school diploma"]), "CPC-A")[0]
    ids = [s.id.rsplit("/", 1)[-1] for s in route.steps]
    assert ids.index("complete-coding-course-80-hours") < ids.index("cpc-a-exam-after-course"), ids
    exam = next(s for s in route.steps if s.id.endswith("cpc-a-exam-after-course"))
    course = next(s for s in route.steps if s.id.endswith("complete-coding-course-80-hours"))
    assert exam.start_month >= course.end_month
    study = cg.projection.steps[D + "route/cpc-a-exam"]
    cca = cg.projection.steps[D + "route/cca-diploma"]
    assert study.months == cca.months and study.months_range == cca.months_range
