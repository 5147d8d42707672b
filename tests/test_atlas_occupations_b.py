"""The atlas's practitioners, diagnostics and technicians (issue 22): BLS's facts per occupation.

The expected values are typed from the sources, not from the Turtle: the 2025 Occupational Outlook
Handbook pages (May 2024 wages, 2024-34 projections), BLS's Employment Projections table 1.2 for
each occupation's own figures where a profile covers several, and OEWS May 2024 for the three
occupations BLS does not profile.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ("practitioners", "diagnostics", "technicians")

# role, SOC code, typical entry education, May 2024 median annual pay (USD)
FACTS = [
    ("chiropractor", "29-1011", "Doctoral or professional degree", 79000),
    ("dentist", "29-1020", "Doctoral or professional degree", 179210),
    ("dietitian-nutritionist", "29-1031", "Bachelor's degree", 73850),
    ("optometrist", "29-1041", "Doctoral or professional degree", 134830),
    ("pharmacist", "29-1051", "Doctoral or professional degree", 137480),
    ("physician-assistant", "29-1071", "Master's degree", 133260),
    ("podiatrist", "29-1081", "Doctoral or professional degree", 152800),
    ("veterinarian", "29-1131", "Doctoral or professional degree", 125510),
    ("physician", "29-1210", "Doctoral or professional degree", 239200),
    ("surgeon", "29-1240", "Doctoral or professional degree", 239200),
    ("optician", "29-2081", "High school diploma or equivalent", 46560),
    ("orthotist-prosthetist", "29-2091", "Master's degree", 78310),
    ("genetic-counselor", "29-9092", "Master's degree", 98910),
    ("clinical-laboratory-technologist", "29-2010", "Bachelor's degree", 61890),
    ("cardiovascular-technologist", "29-2031", "Associate's degree", 67260),
    ("diagnostic-medical-sonographer", "29-2032", "Associate's degree", 89340),
    ("nuclear-medicine-technologist", "29-2033", "Associate's degree", 97020),
    ("radiologic-technologist", "29-2034", "Associate's degree", 77660),
    ("mri-technologist", "29-2035", "Associate's degree", 88180),
    ("medical-dosimetrist", "29-2036", "Bachelor's degree", 138110),
    ("phlebotomist", "31-9097", "Postsecondary nondegree award", 43660),
    ("dental-hygienist", "29-1292", "Associate's degree", 94260),
    ("emergency-medical-technician", "29-2042", "Postsecondary nondegree award", 41340),
    ("paramedic", "29-2043", "Postsecondary nondegree award", 58410),
    ("pharmacy-technician", "29-2052", "High school diploma or equivalent", 43460),
    ("surgical-technologist", "29-2055", "Postsecondary nondegree award", 62830),
    ("veterinary-technologist", "29-2056", "Associate's degree", 45980),
    ("ophthalmic-medical-technician", "29-2057", "Postsecondary nondegree award", 44080),
    ("surgical-assistant", "29-9093", "Postsecondary nondegree award", 60290),
    ("dental-assistant", "31-9091", "Postsecondary nondegree award", 47300),
    ("medical-equipment-preparer", "31-9093", "High school diploma or equivalent", 46490),
    ("pharmacy-aide", "31-9095", "High school diploma or equivalent", 37000),
    ("veterinary-assistant", "31-9096", "High school diploma or equivalent", 37320),
]


def _csv_roles() -> dict[str, dict]:
    with open(ROOT / "scripts" / "importers" / "occupations.csv", newline="") as f:
        return {r["role"]: r for r in csv.DictReader(f) if r["group"] in GROUPS}


def test_the_facts_cover_every_occupation_of_the_three_groups():
    assert {r for r, *_ in FACTS} == set(_csv_roles())


@pytest.mark.parametrize(("role", "soc", "education", "median"), FACTS, ids=[f[0] for f in FACTS])
def test_soc_code_entry_education_and_median_pay(sparql, role, soc, education, median):
    rows = sparql(
        f"""SELECT ?soc ?edu ?qfedu ?amount WHERE {{
              role:{role} cp:socCode ?soc ; cp:typicalEntryEducation ?edu .
              ?qf a cp:QuickFacts ; cp:ofOccupation role:{role} ; cp:typicalEntryEducation ?qfedu .
              ?w a cp:WageStatistic ; cp:ofOccupation role:{role} ; cp:statisticKind kind:median ;
                 cp:payPeriod kind:annual ; cp:amountUSD ?amount ; cp:referenceDate ?d .
              FILTER (STR(?d) = "2024-05") }}"""
    )
    assert rows, role
    assert {(r[0], r[1], r[2], float(r[3])) for r in rows} == {(soc, education, education, float(median))}


@pytest.mark.parametrize("role", sorted(_csv_roles()))
def test_every_role_has_quick_facts_a_median_and_an_outlook(sparql, role):
    literals = sparql(
        f"""SELECT ?e ?x ?t WHERE {{ role:{role} cp:typicalEntryEducation ?e ;
              cp:typicalWorkExperience ?x ; cp:typicalOnTheJobTraining ?t }}"""
    )
    assert len(literals) == 1, literals
    quick = sparql(
        f"""SELECT ?qf ?ref ?src WHERE {{ ?qf a cp:QuickFacts ; cp:ofOccupation role:{role} ;
              cp:typicalEntryEducation ?e ; cp:typicalWorkExperience ?x ; cp:typicalOnTheJobTraining ?t ;
              cp:referenceDate ?ref ; cp:source ?src }}"""
    )
    assert quick and {str(r[1]) for r in quick} == {"2024"}
    outlook = sparql(
        f"""SELECT DISTINCT ?o ?start ?end WHERE {{ ?o a cp:Outlook ; cp:ofOccupation role:{role} ;
              cp:growthPercent ?g ; cp:periodStart ?start ; cp:periodEnd ?end ; cp:employmentAtStart ?n0 ;
              cp:openingsPerYear ?open ; cp:source ?s }}"""
    )
    assert [(str(r[1]), str(r[2])) for r in outlook] == [("2024", "2034")]


@pytest.mark.parametrize(
    ("role", "start", "end", "growth", "openings"),
    [
        # single-occupation profiles: the Handbook's projections table and openings sentence
        ("chiropractor", 57200, 62600, 10, 2800),
        ("clinical-laboratory-technologist", 351200, 357200, 2, 22600),
        ("dental-assistant", 381900, 406300, 6, 52900),
        ("veterinary-assistant", 117800, 128100, 9, 22200),
        # combined profiles: each occupation's own row, openings from Employment Projections table 1.2
        ("emergency-medical-technician", 181000, 190200, 5, 14100),
        ("paramedic", 101900, 107000, 5, 4900),
        ("radiologic-technologist", 228000, 237800, 4, 12900),
        ("mri-technologist", 44100, 47200, 7, 2600),
        ("surgical-technologist", 115600, 120800, 4, 7000),
        ("surgical-assistant", 25300, 26600, 5, 1600),
        ("physician", 785600, 807700, 3, 22300),
        ("surgeon", 53400, 55500, 4, 1300),
        # no Handbook profile: Employment Projections table 1.2
        ("ophthalmic-medical-technician", 78800, 94400, 19.8, 12500),
        ("medical-equipment-preparer", 76500, 84200, 10, 10900),
        ("pharmacy-aide", 41100, 41100, -0.1, 6100),
    ],
)
def test_outlook_figures(sparql, role, start, end, growth, openings):
    rows = sparql(
        f"""SELECT ?n0 ?n1 ?g ?open WHERE {{ ?o a cp:Outlook ; cp:ofOccupation role:{role} ;
              cp:employmentAtStart ?n0 ; cp:employmentAtEnd ?n1 ; cp:growthPercent ?g ; cp:openingsPerYear ?open }}"""
    )
    assert [(r[0], r[1], float(r[2]), r[3]) for r in rows] == [(start, end, float(growth), openings)]


def test_combined_profiles_keep_each_occupations_own_experience(sparql):
    """EP table 1.2: paramedics and MRI technologists need related experience, EMTs and radiographers none."""
    rows = dict(
        sparql(
            """SELECT ?r ?x WHERE { VALUES ?r { role:paramedic role:emergency-medical-technician
                 role:mri-technologist role:radiologic-technologist } ?r cp:typicalWorkExperience ?x }"""
        )
    )
    d = "https://w3id.org/careerpath/data/role/"
    assert rows == {
        d + "paramedic": "Less than 5 years",
        d + "emergency-medical-technician": "None",
        d + "mri-technologist": "Less than 5 years",
        d + "radiologic-technologist": "None",
    }


def test_top_coded_medians_say_so(sparql):
    rows = sparql(
        """SELECT ?r ?c WHERE { VALUES ?r { role:physician role:surgeon }
             ?w a cp:WageStatistic ; cp:ofOccupation ?r ; cp:statisticKind kind:median ; rdfs:comment ?c }"""
    )
    assert len(rows) == 2
    assert all("equal to or greater than $239,200" in c for _, c in rows)


def test_growth_wording_where_bls_gives_it(sparql):
    rows = dict(
        sparql(
            """SELECT ?r ?d WHERE { ?o a cp:Outlook ; cp:ofOccupation ?r ; cp:growthDescription ?d .
                 VALUES ?r { role:podiatrist role:dental-hygienist role:physician-assistant role:phlebotomist } }"""
        )
    )
    d = "https://w3id.org/careerpath/data/role/"
    assert rows == {
        d + "podiatrist": "Slower than average",
        d + "dental-hygienist": "Much faster than average",
        d + "physician-assistant": "Much faster than average",
        d + "phlebotomist": "Faster than average",
    }


def test_occupations_without_a_profile_say_so(sparql):
    rows = sparql(
        """SELECT ?r ?c WHERE { VALUES ?r { role:ophthalmic-medical-technician role:medical-equipment-preparer
             role:pharmacy-aide } ?r rdfs:comment ?c ; cp:onetSocCode ?o }"""
    )
    assert len(rows) == 3
    assert all("no Occupational Outlook Handbook profile" in c for _, c in rows)


def test_similar_occupations_from_the_handbook(ask):
    assert ask(
        "role:dental-hygienist cp:similarOccupation role:dental-assistant , role:radiologic-technologist , role:mri-technologist"
    )
    assert ask("role:pharmacy-technician cp:similarOccupation role:pharmacist")
    assert ask("role:physician-assistant cp:similarOccupation role:paramedic , role:nurse-practitioner")
    assert not ask("role:pharmacy-aide cp:similarOccupation ?x")


def test_expected_credentials_are_existing_milestones(ask, sparql):
    assert ask(
        "role:physician-assistant cp:expectedCredential <https://w3id.org/careerpath/data/credential/pa-license>"
    )
    assert ask(
        "role:surgical-technologist cp:expectedCredential <https://w3id.org/careerpath/data/credential/cpr-certification>"
    )
    dangling = sparql("""SELECT ?r ?m WHERE { ?r cp:expectedCredential ?m . FILTER NOT EXISTS { ?m rdfs:label ?l } }""")
    assert dangling == []


def test_ekg_technician_is_reported_under_cardiovascular_technologists(ask):
    assert ask("role:ekg-technician cp:reportedUnder role:cardiovascular-technologist")
    assert ask("role:cardiovascular-technologist cp:socCode '29-2031' ; cp:onetSocCode '29-2031.00'")


def test_sources_are_bls_and_onet_and_primary(sparql):
    """Every source of the roles' BLS facts (quick facts, median, outlook) is BLS or O*NET, and primary.
    Each role rests on BLS or O*NET too; a role's only other sources are those of the ladders the
    credentials files add to it (cp:advancesTo: a college's or a trade publisher's page saying that
    dental assistants go on to hygiene school), since one entity keeps one list of sources."""
    roles = " ".join(f"role:{r}" for r in _csv_roles())

    def bls_or_onet(publisher: str) -> bool:
        return "Bureau of Labor Statistics" in publisher or "O*NET" in publisher

    rows = sparql(
        f"""SELECT DISTINCT ?s ?pub ?kind WHERE {{ VALUES ?r {{ {roles} }} ?x cp:ofOccupation ?r ; cp:source ?s .
             ?s <http://purl.org/dc/terms/publisher> ?pub ; cp:evidenceLevel/rdfs:label ?kind }}"""
    )
    for source, publisher, kind in rows:
        assert kind == "primary", source
        assert bls_or_onet(publisher), source
    own = sparql(
        f"""SELECT ?r ?s ?pub ?kind WHERE {{ VALUES ?r {{ {roles} }}
             ?r a cp:Role ; cp:source ?s . ?s <http://purl.org/dc/terms/publisher> ?pub ; cp:evidenceLevel/rdfs:label ?kind
             FILTER NOT EXISTS {{ ?r a cp:AdjacentRole }} }}"""
    )
    with_ladder = {
        r for (r,) in sparql(f"SELECT DISTINCT ?r WHERE {{ VALUES ?r {{ {roles} }} ?r cp:advancesTo ?next }}")
    }
    assert len({r[0] for r in rows} | {r[1] for r in own}) > 30
    by_role: dict[str, list[tuple]] = {}
    for role, source, publisher, kind in own:
        by_role.setdefault(role, []).append((source, publisher, kind))
    # every role this part types (the physician assistant and the phlebotomist are older AdjacentRoles,
    # left out by name: every store now types them cp:Role too, rdf.SUPERCLASS_TYPES)
    assert len(by_role) == len(_csv_roles()) - 2
    for role, sources in by_role.items():
        assert any(kind == "primary" and bls_or_onet(pub) for _, pub, kind in sources), role
        others = [s for s, pub, _ in sources if not bls_or_onet(pub)]
        # the older adjacent roles also keep the guide that named them as where a medical assistant goes
        older = {f"https://w3id.org/careerpath/data/role/{r}" for r in ("physician-assistant", "phlebotomist")}
        assert not others or role in with_ladder or role in older, (role, others)


def test_no_name_of_these_roles_is_another_roles_name(sparql):
    """A name a person types finds one role: alternate titles taken from O*NET or BLS that careerpath
    already uses for another role (the ophthalmic medical assistant specialty) are left out."""
    roles = " ".join(f"role:{r}" for r in _csv_roles())
    # the two sides meet on the lower-cased name (a join, 0.2 s) rather than a FILTER over every
    # pair of names (4.6 s); without the ?other != ?r filter each role finds itself (checked)
    rows = sparql(
        f"""SELECT ?r ?other ?name WHERE {{
             {{ SELECT ?r ?key ?name WHERE {{ VALUES ?r {{ {roles} }} ?r rdfs:label|skos:altLabel|cp:abbreviation ?n1 .
                BIND (LCASE(STR(?n1)) AS ?key) BIND (STR(?n1) AS ?name) }} }}
             {{ SELECT ?other ?key WHERE {{ ?type rdfs:subClassOf* cp:Role . ?other a ?type ;
                rdfs:label|skos:altLabel|cp:abbreviation ?n2 . BIND (LCASE(STR(?n2)) AS ?key) }} }}
             FILTER (?other != ?r) }}"""
    )
    assert rows == []
