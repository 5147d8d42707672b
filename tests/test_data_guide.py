"""Every section of the guide, checked through SPARQL on the shipped data (not Turtle text)."""

from __future__ import annotations

from decimal import Decimal

import pytest


def _one(sparql, query):
    rows = sparql(query)
    assert len(rows) == 1, rows
    return rows[0]


# ---------------------------------------------------------------- who, duties, steps
def test_ma_differs_from_pa(sparql):
    rows = sparql("""SELECT ?ma ?pa WHERE { role:medical-assistant cp:mayDiagnoseOrTreat ?ma .
        role:physician-assistant cp:mayDiagnoseOrTreat ?pa . ?c a cp:Comparison ; cp:comparesRole role:medical-assistant , role:physician-assistant }""")
    assert rows == [(False, True)]


@pytest.mark.parametrize("kind, count", [("administrative-duty", 6), ("clinical-duty", 8)])
def test_duties_by_kind(sparql, kind, count):
    rows = sparql(f"""SELECT ?d WHERE {{ role:medical-assistant cp:hasDuty ?d . ?d cp:dutyKind kind:{kind} }}""")
    assert len(rows) == count


def test_five_steps_in_order(sparql):
    rows = sparql("""SELECT ?n ?label WHERE { ?p a cp:Pathway ; cp:leadsTo role:medical-assistant ; cp:hasStage ?s .
        ?s cp:stageNumber ?n ; rdfs:label ?label } ORDER BY ?n""")
    assert [n for n, _ in rows] == [1, 2, 3, 4, 5]
    assert rows[0][1] == "Earn a high school diploma or GED"
    assert rows[3][1] == "Get certified"


# ---------------------------------------------------------------- certifications
def test_five_certifications_each_administered(sparql):
    rows = sparql("""SELECT ?abbr ?org WHERE { ?c a cp:Certification ; cp:abbreviation ?abbr ; cp:administeredBy ?o .
        ?o cp:abbreviation ?org . FILTER(!CONTAINS(?abbr, "(")) } ORDER BY ?abbr""")
    assert {("CCMA", "NHA"), ("CMA", "AAMA"), ("CMAA", "NHA"), ("NCMA", "NCCT"), ("RMA", "AMT")} <= set(rows)


def test_rma_routes_and_numbers(sparql):
    rows = sparql("""SELECT ?route ?hours ?within ?years WHERE { ?route cp:qualifiesFor cert:rma ; cp:hasCondition ?c .
        OPTIONAL { ?c cp:minimumHours ?hours } OPTIONAL { ?c cp:withinYears ?within } OPTIONAL { ?c cp:minimumYears ?years } }""")
    by_route: dict = {}
    for route, hours, within, years in rows:
        by_route.setdefault(route.rsplit("/", 1)[-1], []).append((hours, within, years))
    # the guide's four options, plus the current experience rule and apprenticeship route
    assert set(by_route) == {
        "rma-education",
        "rma-military",
        "rma-instructor",
        "rma-experience-5-of-7",
        "rma-experience",
        "rma-apprenticeship",
    }
    assert (720, Decimal("4"), None) in by_route["rma-education"]
    assert (None, None, Decimal("5")) in by_route["rma-instructor"]
    assert (None, Decimal("7"), Decimal("5")) in by_route["rma-experience-5-of-7"]
    assert (5616, Decimal("7"), Decimal("3")) in by_route["rma-experience"]
    assert (None, Decimal("4"), None) in by_route["rma-military"]


def test_rma_older_rule_superseded_and_disputed(sparql, ask):
    assert ask("route:rma-experience cp:supersedes route:rma-experience-5-of-7")
    rows = sparql("""SELECT ?value ?current WHERE { ?d cp:concerns route:rma-experience ; cp:hasClaim ?c .
        ?c cp:claimedValue ?value ; cp:isCurrent ?current } ORDER BY ?value""")
    assert rows == [(Decimal("3.0"), True), (Decimal("5.0"), False)]


def test_cma_exam(sparql):
    count, duration, segments = _one(
        sparql,
        """SELECT ?n ?d ?s WHERE { cert:cma cp:hasExam ?e .
        ?e cp:questionCount ?n ; cp:examDuration ?d ; cp:segmentCount ?s }""",
    )
    assert (count, segments) == (200, 4)
    assert duration.total_seconds() == 160 * 60
    topics = {t for (t,) in sparql("SELECT ?l WHERE { cert:cma cp:hasExam/cp:coversTopic/rdfs:label ?l }")}
    assert topics == {
        "Knowledge of patient intake",
        "Healthcare delivery",
        "Safety and infection control",
        "Health information management",
        "Medical insurance",
    }


def test_cma_accreditors(sparql):
    rows = sparql("""SELECT DISTINCT ?abbr WHERE { route:cma-category-1 cp:hasCondition/cp:requiresMilestone/cp:member/cp:accreditedBy ?o .
        ?o cp:abbreviation ?abbr } ORDER BY ?abbr""")
    assert rows == [("ABHES",), ("CAAHEP",)]


def test_cma_category_4_dated_and_fees(sparql):
    assert sparql("SELECT ?d WHERE { route:cma-category-4 cp:validFrom ?d }")[0][0].isoformat() == "2019-09-03"
    rows = dict(sparql("SELECT ?r ?c WHERE { ?r cp:qualifiesFor cert:cma ; cp:costUSD ?c }"))
    assert {k.rsplit("/", 1)[-1]: v for k, v in rows.items()} == {
        "cma-category-1": Decimal("125.0"),
        "cma-category-2": Decimal("250.0"),
        "cma-category-3": Decimal("250.0"),
        "cma-category-4": Decimal("250.0"),
    }


def test_ncma_routes(sparql):
    rows = sparql("""SELECT ?route ?years ?hours ?within ?sup WHERE { ?route cp:qualifiesFor cert:ncma ; cp:hasCondition ?c .
        OPTIONAL { ?c cp:minimumYears ?years } OPTIONAL { ?c cp:minimumHours ?hours }
        OPTIONAL { ?c cp:withinYears ?within } OPTIONAL { ?c cp:isSupervised ?sup } }""")
    routes = {r.rsplit("/", 1)[-1] for r, *_ in rows}
    assert routes == {"ncma-experience", "ncma-graduate", "ncma-student", "ncma-military"}
    assert (Decimal("2"), 4160, Decimal("5"), True) in [tuple(x) for _, *x in rows]
    military = [x for r, *x in rows if r.endswith("ncma-military")]
    assert [None, None, Decimal("5"), None] in [list(x) for x in military]


def test_ccma_routes(sparql):
    rows = sparql("""SELECT ?route ?years ?within WHERE { ?route cp:qualifiesFor cert:ccma ; cp:hasCondition ?c .
        OPTIONAL { ?c cp:minimumYears ?years } OPTIONAL { ?c cp:withinYears ?within } }""")
    values = {(r.rsplit("/", 1)[-1], y, w) for r, y, w in rows}
    assert ("ccma-experience", Decimal("1"), Decimal("3")) in values
    assert ("ccma-program", None, Decimal("5")) in values


def test_cmaa_guide_and_current_rules(sparql):
    rows = sparql("SELECT ?new ?old WHERE { ?new cp:qualifiesFor cert:cmaa ; cp:supersedes ?old }")
    olds = {o.rsplit("/", 1)[-1] for _, o in rows}
    assert olds == {"cmaa-guide-program", "cmaa-guide-diploma"}


# ---------------------------------------------------------------- specialties, jobs, skills
def test_specialties_with_duties(sparql):
    rows = sparql("""SELECT ?spec (COUNT(?d) AS ?n) WHERE { ?r cp:inSpecialty ?s ; cp:hasDuty ?d . ?s rdfs:label ?spec }
        GROUP BY ?spec ORDER BY ?spec""")
    assert [s for s, _ in rows] == ["Chiropractic", "Obstetrics and gynecology", "Ophthalmology", "Podiatry"]
    assert dict(rows)["Podiatry"] == 3


def test_administrative_jobs(sparql):
    rows = {
        label
        for (label,) in sparql(
            "SELECT ?l WHERE { ?r cp:specializes role:administrative-medical-assistant ; rdfs:label ?l }"
        )
    }
    assert rows == {"Medical biller", "Medical coder", "Medical administrative assistant"}


@pytest.mark.parametrize(
    "kind, count", [("interpersonal", 5), ("clinical", 8), ("administrative", 7), ("technological", 5)]
)
def test_skills_by_kind(sparql, kind, count):
    assert (
        len(sparql(f"SELECT ?s WHERE {{ role:medical-assistant cp:requiresSkill ?s . ?s cp:skillKind kind:{kind} }}"))
        == count
    )


# ---------------------------------------------------------------- work environment, wages, outlook
def test_schedules(sparql):
    rows = sparql(
        "SELECT ?h ?n WHERE { setting:clinical-settings cp:hasSchedule ?s . ?s cp:shiftHours ?h ; cp:shiftsPerWeek ?n }"
    )
    assert rows == [(Decimal("12.0"), 3)]
    assert sparql("SELECT ?b WHERE { setting:emergency-care cp:hasSchedule/cp:includesNightsWeekendsHolidays ?b }") == [
        (True,)
    ]


def test_share_in_physicians_offices(sparql):
    rows = sparql(
        """SELECT ?p WHERE { ?s a cp:EmploymentShare ; cp:inSetting setting:physicians-offices ; cp:sharePercent ?p ; cp:source src:guide }"""
    )
    assert rows == [(Decimal("57.0"),)]


@pytest.mark.parametrize("kind, amount", [("mean", 35850), ("percentile10", 26930), ("percentile90", 50580)])
def test_may_2020_wages(sparql, kind, amount):
    rows = sparql(f"""SELECT ?a WHERE {{ ?w a cp:WageStatistic ; cp:statisticKind kind:{kind} ; cp:amountUSD ?a ;
        cp:referenceDate ?d ; cp:source src:guide . FILTER NOT EXISTS {{ ?w cp:inSetting ?s }} FILTER(STR(?d) = "2020-05") }}""")
    assert rows == [(Decimal(amount),)]


@pytest.mark.parametrize(
    "setting, amount",
    [
        ("outpatient-care-centers", 38860),
        ("hospitals", 37050),
        ("physicians-offices", 35870),
        ("chiropractors-offices", 31470),
    ],
)
def test_may_2020_wages_by_setting(sparql, setting, amount):
    rows = sparql(f"""SELECT ?a WHERE {{ ?w cp:inSetting setting:{setting} ; cp:amountUSD ?a ; cp:referenceDate ?d .
        FILTER(STR(?d) = "2020-05") }}""")
    assert rows == [(Decimal(amount),)]


def test_mean_versus_median_disagreement_keeps_both(sparql):
    rows = sparql(
        """SELECT ?kind WHERE { ?d a cp:Disagreement ; cp:concerns ?w . ?w a cp:WageStatistic ; cp:statisticKind/rdfs:label ?kind }"""
    )
    assert sorted(k for (k,) in rows) == ["mean", "median"]


def test_outlooks(sparql, ask):
    rows = sparql("""SELECT ?start ?end ?growth ?open WHERE { ?o a cp:Outlook ; cp:ofOccupation role:medical-assistant ; cp:periodStart ?start ; cp:periodEnd ?end ;
        cp:growthPercent ?growth ; cp:openingsPerYear ?open } ORDER BY ?start""")
    assert [(str(s), str(e), float(g), n) for s, e, g, n in rows] == [
        ("2020", "2030", 18.0, 104400),
        ("2024", "2034", 12.0, 112300),
    ]
    assert ask("stat:outlook-2024-2034 cp:supersedes stat:outlook-2020-2030")


def test_newer_wages_are_separate_dated_observations(sparql):
    rows = sparql("""SELECT ?a WHERE { ?w cp:statisticKind kind:median ; cp:payPeriod kind:annual ; cp:amountUSD ?a ;
        cp:referenceDate ?d ; cp:source src:bls-ooh-2025 . FILTER NOT EXISTS { ?w cp:inSetting ?s } }""")
    assert rows == [(Decimal("44200"),)]


# ---------------------------------------------------------------- programs, benefits, advancement
def test_program_lengths(sparql):
    rows = dict(
        sparql(
            """SELECT ?p ?m WHERE { ?s a cp:Step ; cp:achieves ?p ; cp:durationMonths ?m . ?p a cp:EducationProgram }"""
        )
    )
    short = {k.rsplit("/", 1)[-1]: float(v) for k, v in rows.items()}
    assert short["ma-certificate-accredited"] == 12.0
    assert short["ma-associate-accredited"] == 24.0
    # the guide's "18 months or more" and BLS's "about 1 or 2 years" agree: one range, not a disagreement
    low, high = _one(
        sparql,
        """SELECT ?low ?high WHERE { <https://w3id.org/careerpath/data/step/complete-accredited-associate-program>
        cp:durationMonthsLow ?low ; cp:durationMonthsHigh ?high }""",
    )
    assert (float(low), float(high)) == (18.0, 24.0)


def test_benefits(sparql):
    assert len(sparql("SELECT ?b WHERE { role:medical-assistant cp:offersBenefit ?b }")) == 6


def test_eight_advancement_roles_each_with_a_step(sparql):
    rows = sparql("""SELECT ?r (COUNT(?s) AS ?n) WHERE { role:medical-assistant cp:advancesTo ?r . ?r a cp:AdvancementRole .
        OPTIONAL { ?s cp:achieves ?r } } GROUP BY ?r""")
    assert len(rows) == 8 and all(n >= 1 for _, n in rows)


def test_estimates_are_marked_and_explained(sparql):
    rows = sparql(
        """SELECT ?s WHERE { ?s cp:achieves role:lead-medical-assistant ; cp:isEstimate true ; cp:estimateRationale ?r }"""
    )
    assert len(rows) == 1


def test_every_entity_has_a_source(sparql):
    rows = sparql("""SELECT ?s WHERE { ?s a ?c . ?c rdfs:subClassOf* ?top .
        VALUES ?top { cp:Milestone cp:Step cp:EligibilityRoute cp:Condition cp:WageStatistic cp:Outlook cp:EmploymentShare cp:Organization }
        FILTER NOT EXISTS { ?s cp:source ?src } }""")
    assert rows == []


def test_no_blank_nodes_in_data(cg):
    import rdflib

    assert not [
        s
        for s in cg.rdf.subjects()
        if isinstance(s, rdflib.BNode)
        and (s, None, None) in cg.rdf
        and str(cg.rdf.value(s, rdflib.RDF.type) or "").startswith("https://w3id.org/careerpath/ontology#")
    ]
