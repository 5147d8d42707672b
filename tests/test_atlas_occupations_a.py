"""The atlas, part A (issue 22, item 1): the nursing, therapy and office occupations BLS profiles.

The expected values are written from the sources, not from the Turtle: the 2025 Occupational Outlook
Handbook (May 2024 wages, 2024-34 projections) read in copies of BLS's own pages, and BLS's
projections tables printed on those pages. Where a profile covers two or more occupations the
figures are each occupation's own line (its Pay tab and its projections table), not the profile's.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

HS = "High school diploma or equivalent"
PNA = "Postsecondary nondegree award"

# role slug: (SOC code, typical entry education, median annual wage May 2024)
OCCUPATIONS = {
    # nursing
    "registered-nurse": ("29-1141", "Bachelor's degree", 93600),
    "nurse-anesthetist": ("29-1151", "Master's degree", 223210),
    "nurse-midwife": ("29-1161", "Master's degree", 128790),
    "nurse-practitioner": ("29-1171", "Master's degree", 129210),
    "psychiatric-technician": ("29-2053", "Postsecondary certificate", 42590),
    "psychiatric-aide": ("31-1133", HS, 41590),
    "licensed-practical-nurse": ("29-2061", PNA, 62340),
    "home-health-aide": ("31-1120", HS, 34900),
    "nursing-assistant": ("31-1131", "A state-approved education program", 39530),
    "orderly": ("31-1132", HS, 37700),
    # therapy
    "occupational-therapist": ("29-1122", "Master's degree", 98340),
    "physical-therapist": ("29-1123", "Doctoral or professional degree", 101020),
    "radiation-therapist": ("29-1124", "Associate's degree", 101990),
    "recreational-therapist": ("29-1125", "Bachelor's degree", 60280),
    "respiratory-therapist": ("29-1126", "Associate's degree", 80450),
    "speech-language-pathologist": ("29-1127", "Master's degree", 95410),
    "exercise-physiologist": ("29-1128", "Bachelor's degree", 58160),
    "audiologist": ("29-1181", "Doctoral or professional degree", 92120),
    "athletic-trainer": ("29-9091", "Master's degree", 60250),
    "occupational-therapy-assistant": ("31-2011", "Associate's degree", 68340),
    "occupational-therapy-aide": ("31-2012", HS, 37370),
    "physical-therapist-assistant": ("31-2021", "Associate's degree", 65510),
    "physical-therapist-aide": ("31-2022", HS, 34520),
    "massage-therapist": ("31-9011", PNA, 57950),
    # office
    "medical-health-services-manager": ("11-9111", "Bachelor's degree", 117960),
    "medical-secretary": ("43-6013", HS, 44640),
    "medical-records-specialist": ("29-2072", PNA, 50250),
    "health-information-technologist": ("29-9021", "Associate's degree", 67310),
    "medical-assistant": ("31-9092", PNA, 44200),
    "medical-transcriptionist": ("31-9094", PNA, 37550),
}
# In the importer's list under nursing, therapy or office, but with no profile in the 2025 Handbook
# (its A-Z index lists no hearing aid specialists): no BLS figures were found, so none are written.
NOT_PROFILED = {"hearing-aid-specialist": "29-2092"}
GROUPS = {"11": "management", "29": "healthcare", "31": "healthcare-support", "43": "office-and-administrative-support"}
D = "https://w3id.org/careerpath/data/"


def _median(sparql, slug):
    return sparql(
        f"""SELECT ?a WHERE {{ ?w cp:ofOccupation role:{slug} ; cp:statisticKind kind:median ; cp:payPeriod kind:annual ;
            cp:amountUSD ?a ; cp:referenceDate "2024-05"^^xsd:gYearMonth . FILTER NOT EXISTS {{ ?w cp:inSetting ?s }} }}"""
    )


@pytest.mark.parametrize("slug", sorted(OCCUPATIONS))
def test_soc_code_entry_education_and_median_pay(sparql, slug):
    soc, education, median = OCCUPATIONS[slug]
    assert sparql(f"SELECT ?s WHERE {{ role:{slug} cp:socCode ?s }}") == [(soc,)]
    assert sparql(f"SELECT ?e WHERE {{ role:{slug} cp:typicalEntryEducation ?e }}") == [(education,)]
    # exactly one May 2024 national median: an existing figure is completed, never repeated
    assert _median(sparql, slug) == [(Decimal(median),)]


@pytest.mark.parametrize("slug", sorted(OCCUPATIONS))
def test_every_occupation_has_quick_facts_a_median_and_an_outlook(sparql, ask, slug):
    assert ask(
        f"role:{slug} a/rdfs:subClassOf* cp:Role ; cp:typicalEntryEducation ?e ; cp:typicalWorkExperience ?x ; cp:typicalOnTheJobTraining ?t"
    )
    rows = sparql(
        f"""SELECT ?e ?x ?t ?url WHERE {{ ?q a cp:QuickFacts ; cp:ofOccupation role:{slug} ; cp:typicalEntryEducation ?e ;
            cp:typicalWorkExperience ?x ; cp:typicalOnTheJobTraining ?t ; cp:referenceDate "2024"^^xsd:gYear ;
            cp:source ?s . ?s <https://schema.org/url> ?url }}"""
    )
    assert len(rows) == 1 and rows[0][0] == OCCUPATIONS[slug][1]
    assert rows[0][3].startswith("https://www.bls.gov/ooh/")
    outlooks = sparql(
        f"""SELECT ?g ?n WHERE {{ ?o a cp:Outlook ; cp:ofOccupation role:{slug} ; cp:growthPercent ?g ;
            cp:periodStart "2024"^^xsd:gYear ; cp:periodEnd "2034"^^xsd:gYear ; cp:employmentAtStart ?n }}"""
    )
    assert len(outlooks) == 1


@pytest.mark.parametrize(
    "slug, growth, start, end, openings",
    [
        ("respiratory-therapist", 12, 139600, 156400, 8800),
        ("registered-nurse", 5, 3391000, 3557100, 189100),
        ("home-health-aide", 17, 4347700, 5087500, 765800),
        ("medical-transcriptionist", -5, 43900, 41800, 7400),
        ("health-information-technologist", 15, 41900, 48100, 3200),
        ("psychiatric-aide", 0, 38500, 38300, None),
        ("nurse-practitioner", 40, 320400, 448800, None),
        ("orderly", 3, 54000, 55800, None),
        ("physical-therapist-assistant", 22, 111500, 136000, None),
        ("medical-secretary", 4, 850000, 885300, None),
    ],
)
def test_outlook_2024_34(sparql, slug, growth, start, end, openings):
    rows = sparql(
        f"""SELECT ?g ?s ?e ?o WHERE {{ ?x a cp:Outlook ; cp:ofOccupation role:{slug} ; cp:periodStart "2024"^^xsd:gYear ;
            cp:growthPercent ?g ; cp:employmentAtStart ?s ; cp:employmentAtEnd ?e . OPTIONAL {{ ?x cp:openingsPerYear ?o }} }}"""
    )
    # openings are left out where BLS gives them only for the profile's occupations together
    assert rows == [(Decimal(growth), start, end, openings)]


def test_combined_profiles_say_whose_figure_is_whose(sparql):
    rows = dict(
        sparql("""SELECT ?r ?c WHERE { ?w cp:ofOccupation ?r ; cp:statisticKind kind:median ; rdfs:comment ?c ;
            cp:referenceDate "2024-05"^^xsd:gYearMonth }""")
    )
    assert "$39,430" in rows[D + "role/orderly"]  # nursing assistants and orderlies together
    assert "$66,050" in rows[D + "role/occupational-therapy-aide"]
    assert "combined" in rows[D + "role/home-health-aide"] or "together" in rows[D + "role/home-health-aide"]
    notes = dict(sparql("SELECT ?r ?c WHERE { ?o a cp:Outlook ; cp:ofOccupation ?r ; rdfs:comment ?c }"))
    assert "211,800" in notes[D + "role/nursing-assistant"]
    assert "32,700" in notes[D + "role/nurse-anesthetist"]


def test_groups_follow_the_soc_major_group(sparql):
    groups = dict(sparql("SELECT ?g ?l WHERE { ?g a cp:OccupationGroup ; rdfs:label ?l ; cp:source ?s }"))
    assert set(groups) >= {D + "occupation-group/" + g for g in GROUPS.values()}
    for slug, (soc, _, _) in {**OCCUPATIONS, **{k: (v, None, None) for k, v in NOT_PROFILED.items()}}.items():
        got = sparql(f"SELECT ?g WHERE {{ role:{slug} cp:inOccupationGroup ?g }}")
        assert got == [(D + "occupation-group/" + GROUPS[soc[:2]],)], slug


def test_onet_codes_and_alternate_titles(sparql):
    assert sparql("SELECT ?o WHERE { role:respiratory-therapist cp:onetSocCode ?o }") == [("29-1126.00",)]
    assert sparql("SELECT ?o WHERE { role:home-health-aide cp:onetSocCode ?o }") == [("31-1121.00",)]
    alts = {a for (a,) in sparql("SELECT ?a WHERE { role:nursing-assistant skos:altLabel ?a }")}
    assert {"Nursing aide", "Certified nursing assistant"} <= alts
    assert ("Speech therapist",) in sparql("SELECT ?a WHERE { role:speech-language-pathologist skos:altLabel ?a }")


def test_similar_occupations_are_blss(ask):
    # respiratory therapists' Similar Occupations tab lists registered nurses and radiation therapists
    assert ask("role:respiratory-therapist cp:similarOccupation role:registered-nurse , role:radiation-therapist")
    # a profile of two occupations links both
    assert ask("role:licensed-practical-nurse cp:similarOccupation role:nursing-assistant , role:orderly")
    assert not ask("role:respiratory-therapist cp:similarOccupation role:respiratory-therapist")


def test_expected_credentials_reuse_existing_milestones(sparql, ask):
    assert ask("role:registered-nurse cp:expectedCredential cred:rn-license")
    assert ask("role:licensed-practical-nurse cp:expectedCredential cred:lpn-license")
    rows = sparql("""SELECT ?r ?c WHERE { ?r cp:expectedCredential ?c . FILTER NOT EXISTS { ?c rdfs:label ?l } }""")
    assert rows == []  # every expected credential is a milestone careerpath defines
    assert ask("role:respiratory-therapist cp:credentialNote ?n . FILTER(CONTAINS(?n, 'Alaska'))")


def test_the_unprofiled_occupation_has_no_invented_figures(sparql, ask):
    for slug, soc in NOT_PROFILED.items():
        assert sparql(f"SELECT ?s WHERE {{ role:{slug} cp:socCode ?s }}") == [(soc,)]
        # no Handbook figures; OEWS's own estimates (imported from BLS's files) are real ones
        assert not ask(f"?x cp:ofOccupation role:{slug} . FILTER NOT EXISTS {{ ?x a cp:WageEstimate }}")
        assert not ask(f"role:{slug} cp:typicalEntryEducation ?e")
        kinds = {k for (k,) in sparql(f"SELECT ?k WHERE {{ role:{slug} cp:source/cp:evidenceLevel/rdfs:label ?k }}")}
        assert kinds == {"secondary"}


def test_handbook_sources_are_cited_as_bls_with_the_copy_read(sparql):
    # the quick facts of this part's occupations: the other atlas parts cite their own profiles
    roles = " ".join(f"role:{slug}" for slug in OCCUPATIONS)
    rows = sparql(
        f"""SELECT DISTINCT ?s ?url ?read ?date ?kind WHERE {{ VALUES ?r {{ {roles} }}
            ?q a cp:QuickFacts ; cp:ofOccupation ?r ; cp:source ?s .
            ?s <https://schema.org/url> ?url ; <http://purl.org/dc/terms/publisher> "U.S. Bureau of Labor Statistics" ;
            <http://purl.org/dc/terms/date> ?date ; cp:evidenceLevel/rdfs:label ?kind . OPTIONAL {{ ?s cp:readAt ?read }} }}"""
    )
    assert len(rows) == 24  # one source per Handbook profile read, each declared once
    for source, url, read, date, kind in rows:
        assert url.startswith("https://www.bls.gov/ooh/") and kind == "primary" and str(date) >= "2025-08-28", source
        # the medical assistants' 2025 page keeps the declaration sources.ttl gives it
        assert (
            read is None
            if source == D + "source/bls-ooh-2025"
            else read.startswith("https://github.com/karpathy/jobs/")
        )


def test_onet_pages_carry_their_licence(sparql):
    # O*NET's CC BY 4.0 licence covers the O*NET database's occupation pages. A licence-directory
    # entry shown on O*NET OnLine (/link/licenseinfo) is a state's licensing data from CareerOneStop,
    # not O*NET database content: the licence is not claimed for it.
    rows = sparql(
        """SELECT ?s ?c WHERE { ?s a cp:Source ; rdfs:comment ?c . OPTIONAL { ?s <https://schema.org/url> ?u }
             FILTER(STRSTARTS(STR(?s), "https://w3id.org/careerpath/data/source/onet-")
                    && !(BOUND(?u) && CONTAINS(STR(?u), "/link/licenseinfo"))) }"""
    )
    assert len(rows) >= 10
    assert all("CC BY 4.0" in c for _, c in rows)
