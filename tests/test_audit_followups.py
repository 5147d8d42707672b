"""Follow-ups to the issue 10 audit: the possible errors listed at the end of docs/audit.md.

Each corrected fact is pinned through the public API: the ``careerpath`` command line (its JSON
output, run in a subprocess), the Python library, or SPARQL on the loaded graph. None of these
tests reads the Turtle text.
"""

from __future__ import annotations

import datetime
import json
import os
import re

import rdflib

from tests.conftest import D, run_cli

RMA_DISAGREEMENT = "RMA experience route: 5 of 7 years or 3 of 7 years?"


def _show(name: str) -> dict:
    result = run_cli("show", name, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _facts(data: dict, prop: str) -> list[str]:
    return [f["value"] for f in data["facts"] if f["property"] == prop]


# ---------------------------------------------------------------------- 1. RMA rule dates
def test_rma_disagreement_describes_the_evidence_dates_not_a_2022_switch():
    (resolution,) = _facts(_show(RMA_DISAGREEMENT), "resolution")
    assert "before 2022" not in resolution
    assert "2021-01-01" in resolution and "2026-01-01" in resolution
    assert "in force?" in resolution and "offered both" in resolution


def test_rma_disagreement_dates_match_the_routes(sparql):
    ((until,),) = sparql("SELECT ?d WHERE { route:rma-experience-5-of-7 cp:evidencedUntil ?d }")
    ((start,),) = sparql("SELECT ?d WHERE { route:rma-experience cp:evidencedFrom ?d }")
    ((resolution,),) = sparql(f"SELECT ?r WHERE {{ <{D}disagreement/rma-experience-years> cp:resolution ?r }}")
    assert until.isoformat() in resolution and start.isoformat() in resolution


def test_rma_between_the_dates_both_rules_are_offered_as_the_resolution_says(cg):
    """The resolution's account holds in the planner: in 2023 either rule may qualify, each marked."""
    when = datetime.date(2023, 6, 1)
    old = cg.eligible(cg.profile(have=["high school diploma"], experience={"medical assistant": 5}, as_of=when))
    (rma,) = [e for e in old.eligible if e.id == D + "cert/rma"]
    assert rma.via[0] == D + "route/rma-experience-5-of-7" and rma.note


# ---------------------------------------------------------------------- 2. the CPC fee's own weight
CPC_FEE = [
    "Certified Professional Coder",
    "CPC-A",
    "CPC exam without 2 years of coding experience",
    "CPC exam with 2 years of coding experience",
]


def test_the_cpc_fee_is_cited_by_its_own_weak_cost_sources_and_says_so():
    for name in CPC_FEE:
        data = _show(name)
        amounts = _facts(data, "fee (USD)") + _facts(data, "cost (USD)")
        assert "$425" in amounts, name
        kinds = {s["label"]: s["evidence"] for s in data["sources"]}
        cost_sources = _facts(data, "cost source")
        assert cost_sources, name
        assert {kinds[label] for label in cost_sources} == {"weak"}, name
        (rationale,) = _facts(data, "cost rationale")
        assert "rests only on weak sources" in rationale and "AAPC's own price page was not found" in rationale
        # the entity as a whole still rests on AAPC's page, for its rules: the fee is what is weak
        assert data["weight"]["kind"] == "primary"


def test_no_primary_source_is_a_cost_source_of_the_cpc_fee(sparql):
    rows = sparql(
        """SELECT DISTINCT ?e ?level WHERE {
             VALUES ?e { cert:cpc cert:cpc-a route:cpc-a-exam route:cpc-a-exam-after-course
                         route:cpc-exam-with-experience }
             ?e cp:costSource ?s . ?s cp:evidenceLevel ?level }"""
    )
    routes = {"cpc-a-exam", "cpc-a-exam-after-course", "cpc-exam-with-experience"}
    assert {e.rsplit("/", 1)[-1] for e, _ in rows} == {"cpc", "cpc-a"} | routes
    assert {level for _, level in rows} == {D + "evidence/weak"}


# ---------------------------------------------------------------------- 3. kinds named in the text
_KIND_WORDS = {"secondary": r"(?<![Pp]ost)secondary", "weak": r"\bweak\b"}
_TEXTS = {  # a text property and the source properties its words are about
    "costRationale": ("costSource",),
    "durationRationale": ("durationSource",),
    "estimateRationale": ("source", "costSource", "durationSource"),
    "resolution": ("source", "costSource", "durationSource"),
    "comment": ("source", "costSource", "durationSource"),
    "label": ("source", "costSource", "durationSource"),
}


def _texts_naming_kinds(cg) -> list[tuple[str, str, str, set[str]]]:
    """(entity, text property, text, kinds of the sources it is about) for texts naming a kind."""
    cp = rdflib.Namespace("https://w3id.org/careerpath/ontology#")
    rdfs = rdflib.RDFS
    graph = cg.rdf
    sources = set(graph.subjects(rdflib.RDF.type, cp.Source))
    out = []
    for name, about in _TEXTS.items():
        prop = rdfs[name] if name in ("comment", "label") else cp[name]
        for entity, text in graph.subject_objects(prop):
            if (
                entity in sources
                or not str(entity).startswith(D)
                or (entity, rdflib.RDF.type, cp.EvidenceLevel) in graph
            ):
                continue  # a source's own description, or the evidence levels themselves
            named = {kind for kind, pattern in _KIND_WORDS.items() if re.search(pattern, str(text))}
            if not named:
                continue
            kinds = set()
            for p in about:
                for source in graph.objects(entity, cp[p]):
                    level = graph.value(source, cp.evidenceLevel)
                    if level is not None:
                        kinds.add(str(level).rsplit("/", 1)[-1])
            out.append((str(entity), name, str(text), named - kinds))
    return out


def test_a_text_that_names_a_source_kind_has_a_source_of_that_kind(cg):
    """'a secondary page' on a fee cited only by a weak page is the error the audit found."""
    texts = _texts_naming_kinds(cg)
    assert len(texts) > 20  # the check sees the rationales, resolutions, comments and labels
    wrong = [(e.removeprefix(D), p, t[:80], missing) for e, p, t, missing in texts if missing]
    assert wrong == []


def test_the_fees_the_audit_found_are_now_said_to_rest_on_weak_sources():
    for name in ("CCMA training program route", "CET training program route", "CBCS training program route"):
        (rationale,) = _facts(_show(name), "cost rationale")
        assert "weak" in rationale and "secondary" not in rationale, name


# ---------------------------------------------------------------------- 4. one source, one declaration
def _address(url: str) -> str:
    """An address as a person would compare two: no scheme, no 'www.', no fragment, no trailing slash."""
    url = re.sub(r"^https?://", "", url.strip().lower())
    return re.sub(r"^www\.", "", url).split("#")[0].rstrip("/")


def test_no_two_sources_share_an_address_unless_they_are_dated_editions(sparql):
    """Two sources at one address are the same source declared twice, unless they are different
    dated editions of the page (BLS's Handbook at one URL, 2021 and 2025), each with its own date."""
    rows = sparql("""SELECT ?s ?url ?date WHERE { ?s a cp:Source ; <https://schema.org/url> ?url .
                        OPTIONAL { ?s <http://purl.org/dc/terms/date> ?date } }""")
    by_address: dict[str, list[tuple[str, str | None]]] = {}
    for source, url, date in rows:
        by_address.setdefault(_address(str(url)), []).append((source, None if date is None else str(date)))
    shared = {a: s for a, s in by_address.items() if len(s) > 1}
    for address, sources in shared.items():
        dates = [d for _, d in sources]
        assert None not in dates and len(set(dates)) == len(dates), (address, sources)
    assert "bls.gov/ooh/healthcare/medical-assistants.htm" in shared  # editions are still allowed


def test_no_two_sources_were_read_at_the_same_copy(sparql):
    rows = sparql("SELECT ?copy (COUNT(?s) AS ?n) WHERE { ?s a cp:Source ; cp:readAt ?copy } GROUP BY ?copy")
    assert [copy for copy, n in rows if n > 1] == []


def test_the_older_aama_faq_is_one_source_cited_where_the_duplicate_was(sparql, ask):
    assert not ask(f"?s ?p <{D}source/aama-faq-older>") and not ask(f"<{D}source/aama-faq-older> ?p ?o")
    cited = {s for (s,) in sparql(f"SELECT ?s WHERE {{ ?s cp:source <{D}source/aama-faq-old> }}")}
    assert {D + "route/cma-category-2", D + "cert/cma"} <= cited
    ((note,),) = sparql(f"SELECT ?n WHERE {{ <{D}source/aama-faq-old> cp:dateNote ?n }}")
    assert "60-month rule" in note


# ---------------------------------------------------------------------- 5. the PANCE window
def test_the_pance_window_is_cited_to_nccpa_not_only_to_bls():
    data = _show("Get licensed and certified as a physician assistant")
    (rationale,) = _facts(data, "duration rationale")
    assert "180-day" in rationale and "seven days" in rationale
    by_label = {s["label"]: s for s in data["sources"]}
    durations = [by_label[label] for label in _facts(data, "duration source")]
    nccpa = [s for s in durations if s["publisher"].startswith("National Commission on Certification of Physician")]
    assert nccpa and nccpa[0]["evidence"] == "primary" and "nccpa.net/" in nccpa[0]["url"]
    # the seven days come from a PA program's catalog, and the rationale says NCCPA's own was not read
    assert {s["evidence"] for s in durations} == {"primary", "secondary"}
    assert "not read" in rationale


def test_the_pance_fee_is_nccpas_and_the_state_fee_an_estimate(sparql):
    rows = sparql(f"""SELECT ?low ?est ?src WHERE {{ <{D}step/get-pa-license> cp:costUSDLow ?low ;
                        cp:costIsEstimate ?est ; cp:costSource ?src }}""")
    assert rows == [(550, True, D + "source/nccpa-become-certified")]


# ---------------------------------------------------------------------- 6. the clinical MA job's requirement
def test_a_clinical_ma_job_needs_high_school_on_the_guides_and_bls_word():
    result = run_cli("route", "--to", "Clinical medical assistant", "--have", "high school diploma", "--json")
    assert result.returncode == 0, result.stderr
    (step,) = json.loads(result.stdout)["routes"][0]["steps"]
    assert step["id"] == D + "step/become-clinical-medical-assistant"
    assert [r["id"] for r in step["requires"]] == [D + "group/high-school-or-equivalent"]
    sources = {s["id"] for s in step["sources"]}
    assert {D + "source/guide", D + "source/bls-ooh-2025"} <= sources  # the requirement's sources
    (why,) = _facts(_show("Take a clinical medical assistant job"), "description")
    assert "circular" in why and "after high school" in why


# ---------------------------------------------------------------------- 7. California's phlebotomy exam
CA_CERTIFICATE = "California phlebotomy certificate (CPT1/CPT2)"


def test_a_california_phlebotomy_plan_cannot_skip_the_approved_exam():
    result = run_cli("route", "--to", CA_CERTIFICATE, "--state", "CA", "--json")
    assert result.returncode == 0, result.stderr
    steps = json.loads(result.stdout)["routes"][0]["steps"]
    achieved = [s["achieves"]["id"] for s in steps]
    assert achieved.index(D + "cert/cpt") < achieved.index(D + "credential/ca-phlebotomy-certificate")
    (state,) = [s for s in steps if s["achieves"]["id"] == D + "credential/ca-phlebotomy-certificate"]
    assert D + "cert/cpt" in {r["id"] for r in state["requires"]}
    # the exam fee is counted once, on the exam's route, not again in the state step
    assert state["cost_usd"] < 129


def test_a_phlebotomist_who_holds_the_cpt_needs_only_the_state_step(cg):
    have = ["high school diploma", "Phlebotomy program", "Certified Phlebotomy Technician"]
    best = cg.plan(cg.profile(have=have, state="CA"), CA_CERTIFICATE)[0]
    assert [s.achieves[0] for s in best.steps] == [D + "credential/ca-phlebotomy-certificate"]


def test_the_exam_requirement_says_which_part_is_an_estimate(sparql):
    rows = sparql(f"""SELECT ?why WHERE {{ <{D}step/get-ca-phlebotomy-certificate> cp:isEstimate true ;
                        cp:estimateRationale ?why ; cp:source <{D}source/cdph-phlebotomist> }}""")
    ((why,),) = rows
    assert "17 CCR" in why and "not read" in why


# ---------------------------------------------------------------------- 8. Washington MA-R and high school
def test_the_ma_r_high_school_requirement_says_it_rests_on_a_preproposal_notice():
    data = _show("Register as a Washington MA-R, endorsed by an employer")
    assert sorted(_facts(data, "requires")) == [
        "A medical assistant job offer in Washington whose employer endorses an MA-R",
        "High school diploma or GED",
    ]
    assert _facts(data, "is estimate") == ["yes"]
    (why,) = _facts(data, "estimate rationale")
    assert "WAC 246-827-0300" in why and "not read" in why and "preproposal" in why
    (comment,) = _facts(data, "description")
    assert "not a rule" in comment


def test_the_preproposal_notice_is_not_described_as_the_rule(sparql):
    ((comment,),) = sparql(f"SELECT ?c WHERE {{ <{D}source/wa-wsr-22-04-072> rdfs:comment ?c }}")
    assert "preproposal" in comment and "not a rule" in comment and "not read" in comment


# ---------------------------------------------------------------------- 9. every source is cited
# A source no fact cites is either a citation that was forgotten or a source that should go. None
# is left uncited on purpose; one that is must be named here with the reason.
UNCITED_ON_PURPOSE: dict[str, str] = {}


def _uncited(env: dict | None = None) -> set[str]:
    result = run_cli("sources", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return {s["id"] for s in json.loads(result.stdout)["sources"] if s["facts"] == 0}


def test_every_declared_source_is_cited_by_a_fact():
    assert _uncited() - set(UNCITED_ON_PURPOSE) == set()
    assert all(reason for reason in UNCITED_ON_PURPOSE.values())


def test_the_citation_check_finds_a_source_nobody_cites(tmp_path):
    (tmp_path / "extra.ttl").write_text(
        "@prefix cp: <https://w3id.org/careerpath/ontology#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'<{D}source/nobody-cites-me> a cp:Source ; rdfs:label "Nobody cites me"@en ;\n'
        '    dcterms:title "Nobody cites me" ; dcterms:publisher "test" ; cp:dateNote "undated" ;\n'
        f"    cp:evidenceLevel <{D}evidence/weak> .\n"
    )
    env = {**os.environ, "CAREERPATH_DATA": str(tmp_path)}
    assert _uncited(env) == {D + "source/nobody-cites-me"}


def test_the_red_cross_two_years_are_cited_where_the_cpr_card_says_so(sparql):
    ((comment,),) = sparql(f"""SELECT ?c WHERE {{ <{D}credential/cpr-certification> rdfs:comment ?c ;
                                  cp:source <{D}source/practicetestgeeks-bls> }}""")
    assert "Red Cross" in comment and "two years" in comment


# ---------------------------------------------------------------------- organizations on their own pages
def test_aapc_and_cdph_rest_on_their_own_pages():
    """AAPC's CPC pages say it awards the CPC, and CDPH's phlebotomy page is CDPH's own: neither
    organization rests only on a course seller's or a legal explainer's page any more."""
    aapc = _show(D + "org/aapc")
    assert aapc["weight"]["kind"] == "primary"
    assert any(s["publisher"] == "AAPC" and s["evidence"] == "primary" for s in aapc["sources"])
    cdph = _show(D + "org/cdph")
    assert cdph["weight"]["kind"] == "primary"
    assert any("cdph.ca.gov" in (s["url"] or "") for s in cdph["sources"])
