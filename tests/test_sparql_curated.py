"""Each curated question's expected answer on the shipped data, on all three stores:
in-memory rdflib, embedded Oxigraph, and a real Oxigraph server (remote SPARQL)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import rdflib

from careerpath.graph.querying import curated_queries

D = "https://w3id.org/careerpath/data/"


@pytest.fixture(params=["memory", "rdflib", "oxigraph", "sparql"])
def service(request, loaded_stores, cg):
    """Oxigraph in memory (the default), rdflib's own graph, an Oxigraph folder, and an Oxigraph
    server loaded over HTTP (``loaded_stores``)."""
    loaded = loaded_stores(request.param)
    if request.param == "sparql":
        assert len(loaded.rdf) == len(cg.rdf)
    return loaded.query_service()


def rows(service, name, **bindings):
    result = service.run_curated(name, {k: v for k, v in bindings.items()})
    return [tuple(None if v is None else v.toPython() for v in row) for row in result.rows], result


def short(value) -> str:
    return str(value).rsplit("/", 1)[-1]


def test_there_are_at_least_twelve_documented_questions():
    queries = curated_queries()
    assert len(queries) >= 12
    for q in queries:
        assert q.question.endswith("?"), q.name
        assert q.title, q.name


def test_eligible_graduate_with_experience(service):
    found, _ = rows(service, "eligible-graduate-with-experience")
    assert {(short(c), short(r)) for c, _, r, _ in found} == {
        ("ccma", "ccma-experience"),
        ("ncma", "ncma-experience"),
        ("cca", "cca-diploma"),
        ("ccs", "ccs-diploma"),  # AHIMA requires only the diploma for the CCS, as for the CCA
    }
    found, _ = rows(service, "eligible-graduate-with-experience", years=rdflib.Literal(1))
    assert {short(c) for c, *_ in found} == {"ccma", "cca", "ccs"}


def test_certification_bodies_and_exams(service):
    found, _ = rows(service, "certification-bodies-and-exams")
    by_abbr = {r[1]: r for r in found}
    assert {"CCMA", "CMA", "CMAA", "NCMA", "RMA", "CPT", "CET", "CBCS", "CPC", "CCA"} <= set(by_abbr)
    cma = by_abbr["CMA"]
    assert cma[2] == "American Association of Medical Assistants" and cma[4] == 200
    assert cma[5].total_seconds() == 160 * 60 and cma[6] == Decimal("125.0")
    assert by_abbr["RMA"][2] == "American Medical Technologists"


def test_exam_topics(service):
    found, _ = rows(service, "exam-topics")
    topics: dict = {}
    for cert, topic in found:
        topics.setdefault(cert, set()).add(topic)
    assert "Knowledge of patient intake" in topics["Certified Medical Assistant"]
    assert len(topics["Certified Medical Assistant"]) == 10


def test_eligibility_routes(service):
    found, _ = rows(service, "eligibility-routes")
    routes = {short(r[0]): r[9] for r in found}
    assert set(routes) == {
        "rma-education",
        "rma-military",
        "rma-instructor",
        "rma-experience",
        "rma-experience-5-of-7",
        "rma-apprenticeship",
    }
    assert [k for k, superseded in routes.items() if superseded] == ["rma-experience-5-of-7"]
    assert (5616, Decimal("3")) in {(r[4], r[5]) for r in found}
    found, _ = rows(service, "eligibility-routes", certification=rdflib.URIRef(D + "cert/ncma"))
    assert {short(r[0]) for r in found} == {"ncma-experience", "ncma-graduate", "ncma-student", "ncma-military"}


def test_wage_by_setting_highest_first(service):
    found, _ = rows(service, "wage-by-setting")
    assert len(found) == 8
    assert (found[0][0], found[0][1]) == ("Outpatient care centers", Decimal("47560.0"))
    latest = [r[1] for r in found if str(r[3]) == "2024-05"]
    assert latest == sorted(latest, reverse=True)


def test_wage_distribution(service):
    found, _ = rows(service, "wage-distribution")
    current = {(str(d), s, p): (a, c) for d, s, p, a, c, _ in found}
    assert current[("2024-05", "median", "annual")] == (Decimal("44200"), True)
    assert current[("2020-05", "median", "annual")] == (Decimal("35850"), False)
    assert current[("2020-05", "mean", "annual")][0] == Decimal("35850")


def test_advancement_from_entry(service):
    found, _ = rows(service, "advancement-from-entry")
    assert len({r[1] for r in found}) == 8
    assert any(r[1] == "Lead medical assistant" and r[4] is True for r in found)


def test_facts_by_source(service):
    found, _ = rows(service, "facts-by-source")
    # the OEWS estimates (one per occupation and state) outnumber every other source's facts
    assert found[0][0] == "BLS Occupational Employment and Wage Statistics, May 2025"
    evidence = {r[0]: r[2] for r in found}
    # the guide's publisher is not named: weak by the rubric (issue 22 item 5)
    assert evidence["How to Become a Medical Assistant | A Complete Guide"] == "weak"
    assert evidence["Occupational Outlook Handbook: Medical Assistants"] == "primary"


def test_disagreements(service):
    found, _ = rows(service, "disagreements")
    assert len({r[0] for r in found}) >= 15
    rma = [r for r in found if r[0] == "RMA experience route: 5 of 7 years or 3 of 7 years?"]
    assert {(r[1], r[3]) for r in rma} == {
        ("Current sources (one secondary, one weak): 3 years within the past 7", True),
        ("Guide (c. 2021): 5 of the previous 7 years", False),
    }


def test_duties_and_skills(service):
    found, _ = rows(service, "duties-by-kind")
    kinds = [k for k, _ in found]
    assert kinds.count("administrative duties") == 6 and kinds.count("clinical duties") == 8
    found, _ = rows(service, "skills-by-kind")
    assert {k: n for k, n, _ in found} == {
        "administrative skills": 7,
        "clinical skills": 8,
        "interpersonal skills": 5,
        "technological skills": 5,
        "personal qualities": 5,  # the guide's "dedicated, compassionate, driven..." (roles.ttl)
    }


def test_specialties(service):
    found, _ = rows(service, "specialties")
    assert {r[0] for r in found} == {"Chiropractic", "Obstetrics and gynecology", "Ophthalmology", "Podiatry"}


def test_employment_by_setting(service):
    found, _ = rows(service, "employment-by-setting")
    current = {r[0]: r[1] for r in found if r[3] is True}
    assert current == {
        "Offices of physicians": Decimal("57.0"),
        "Hospitals": Decimal("17.0"),
        "Outpatient care centers": Decimal("10.0"),
        "Offices of other health practitioners": Decimal("7.0"),
    }


def test_outlook(service):
    found, _ = rows(service, "outlook")
    assert [(r[0], r[1], r[2], r[4]) for r in found] == [
        ("2020-2030", Decimal("18.0"), 104400, False),
        ("2024-2034", Decimal("12.0"), 112300, True),
    ]


def test_program_lengths(service):
    found, _ = rows(service, "program-lengths")
    by_name = {r[0]: r for r in found}
    certificate = by_name["Accredited medical assistant certificate or diploma program"]
    assert certificate[2] == Decimal("12.0")
    assert set(certificate[4].split()) == {"ABHES", "CAAHEP"}


def test_estimates(service):
    found, _ = rows(service, "estimates")
    assert "Advance to lead medical assistant" in {r[1] for r in found}
    assert all(r[2] for r in found)


def test_find_by_label(service):
    found, _ = rows(service, "find-by-label", text=rdflib.Literal("nurse"))
    assert {"Registered nurse", "Nurse practitioner", "Licensed practical nurse"} <= {r[1] for r in found}
    found, _ = rows(service, "find-by-label")
    assert len(found) > 20
