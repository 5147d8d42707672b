"""Weighed provenance: every source has a kind, facts carry the weight of their strongest source,
the maintainer's listings (``careerpath sources``) and ``show`` say it, and SHACL holds the rule."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlparse

import pytest
import rdflib

from careerpath import ontology
from careerpath.graph.errors import CareerPathError
from careerpath.graph.loading.rdf import load_graph
from careerpath.graph.loading.validate import validate
from careerpath.graph.presenting import provenance as prov
from tests.conftest import DATA, run_cli

D = "https://w3id.org/careerpath/data/"
T = "https://example.org/prov/"
AS_OF = datetime.date(2026, 11, 28)


@pytest.fixture(scope="module")
def tiny() -> rdflib.Graph:
    return rdflib.Graph().parse(DATA / "provenance.ttl", format="turtle")


# ---------------------------------------------------------------------- the rules, on a tiny graph
def test_weight_is_the_strongest_source(tiny):
    assert prov.entity_weight(tiny, T + "fee").kind == "primary"
    assert prov.entity_weight(tiny, T + "length").note == "rests only on secondary sources"
    assert prov.entity_weight(tiny, T + "hours").note == "rests only on weak sources"
    assert prov.entity_weight(tiny, T + "nothing").kind is None


def test_weak_facts_are_exactly_those_without_a_stronger_source(tiny):
    assert {f.id for f in prov.weak_facts(tiny)} == {T + "hours", T + "rumour", T + "tuition"}
    assert prov.entity_weight(tiny, T + "tuition").kind == "weak"  # through cp:costSource


def test_source_listing_counts_facts_and_keeps_the_copy_address(tiny):
    listed = {s.id: s for s in prov.list_sources(tiny)}
    assert {k: listed[T + k].facts for k in ("regulator-2019", "college-2021", "prep-2025", "forum-undated")} == {
        "regulator-2019": 2,
        "college-2021": 1,
        "prep-2025": 2,
        "forum-undated": 3,
    }
    assert listed[T + "forum-undated"].read_at == "https://copy.example.net/thread"
    assert [s.kind for s in prov.list_sources(tiny)][0] == "primary"  # strongest first


def test_newest_source_decides_age_and_a_year_means_its_last_day(tiny):
    # 5 years before 2026-11-28 is 2021-11-28: "2021" may mean December 2021, so it is not older.
    assert {f.id for f in prov.older_facts(tiny, 5, AS_OF)} == {T + "rule"}
    # 6 years back (2020-11-28): nothing is certainly older but the 2019 rule
    assert {f.id for f in prov.older_facts(tiny, 6, AS_OF)} == {T + "rule"}
    # 4 years back (2022-11-28): the 2021 program length is now older; the fee's newest source is 2025
    assert {f.id for f in prov.older_facts(tiny, 4, AS_OF)} == {T + "rule", T + "length"}
    # 1.5 years back (2025-05-30): "2025-06" may mean 30 June 2025, so the fee and hours are not older
    assert {f.id for f in prov.older_facts(tiny, 1.5, AS_OF)} == {T + "rule", T + "length"}
    assert {f.id for f in prov.older_facts(tiny, 1, AS_OF)} == {T + f for f in ("rule", "length", "fee", "hours")}
    assert {f.id for f in prov.older_facts(tiny, 0, AS_OF)} == {T + f for f in ("rule", "length", "fee", "hours")}


def test_undated_facts_are_never_called_old_or_new(tiny):
    assert {f.id for f in prov.undated_facts(tiny)} == {T + "rumour", T + "tuition"}
    assert T + "rumour" not in {f.id for f in prov.older_facts(tiny, 0, AS_OF)}


@pytest.mark.parametrize("years", [-1, float("nan"), float("inf"), "three"])
def test_bad_years_are_a_typed_error(tiny, years):
    with pytest.raises(CareerPathError):
        prov.older_facts(tiny, years, AS_OF)


# ---------------------------------------------------------------------- the shipped data
def test_every_source_has_exactly_one_known_kind(sparql):
    rows = sparql(
        """SELECT ?s (COUNT(DISTINCT ?level) AS ?n) (SAMPLE(?label) AS ?kind) WHERE {
             ?s a cp:Source . OPTIONAL { ?s cp:evidenceLevel ?level . ?level rdfs:label ?label } } GROUP BY ?s"""
    )
    assert len(rows) > 80
    assert [r for r in rows if r[1] != 1 or r[2] not in prov.KINDS] == []


def test_copies_are_cited_as_their_original(sparql):
    rows = sparql(
        """SELECT ?s ?url ?read ?publisher WHERE { ?s cp:readAt ?read ; <http://purl.org/dc/terms/publisher> ?publisher .
             OPTIONAL { ?s <https://schema.org/url> ?url } }"""
    )
    assert len(rows) >= 5
    for source, url, read_at, publisher in rows:
        assert "copy" not in publisher.lower(), source
        if url:
            assert urlparse(url).hostname != urlparse(read_at).hostname, source
    bls = {r[0]: r for r in rows if r[0].startswith(D + "source/bls-ooh-202")}
    assert {r[1] for r in bls.values()} == {"https://www.bls.gov/ooh/healthcare/medical-assistants.htm"}
    assert {urlparse(r[2]).hostname for r in bls.values()} == {"tennis2007.org", "precisionmetalworks360.com"}


def test_no_source_points_at_a_copy_host_or_an_exam_prep_site_as_if_it_weighed(sparql):
    copy_hosts = ("tennis2007.org", "precisionmetalworks360.com", "pdfslide.us", "studylib.net", "trantor.is")
    prep = ("open-exam-prep.com", "mometrix.com", "trelos.ai", "voltexam.com", "practicetestgeeks.com", "ahprep.com")
    rows = sparql(
        """SELECT ?s ?url ?kind WHERE { ?s a cp:Source ; <https://schema.org/url> ?url ;
             cp:evidenceLevel/rdfs:label ?kind }"""
    )
    for source, url, kind in rows:
        host = (urlparse(url).hostname or "").removeprefix("www.")
        assert host not in copy_hosts, f"{source} cites a copy as its address; use cp:readAt"
        if host in prep:
            assert kind == "weak", source


def test_shipped_weights_agree_with_a_recount(cg, sparql):
    rank = {s: r for s, r in sparql("SELECT ?s ?rank WHERE { ?s a cp:Source ; cp:evidenceLevel/cp:rank ?rank }")}
    sources_of: dict[str, list[str]] = {}
    for fact, source in sparql(
        "SELECT DISTINCT ?f ?s WHERE { ?p rdfs:subPropertyOf* cp:source . ?f ?p ?s . ?s a cp:Source . FILTER NOT EXISTS { ?f a cp:Source } }"
    ):
        sources_of.setdefault(fact, []).append(source)
    own: dict[str, list[str]] = {}
    for fact, source in sparql("SELECT DISTINCT ?f ?s WHERE { ?f cp:source ?s . ?s a cp:Source }"):
        own.setdefault(fact, []).append(source)
    # a fact weighs what its own cp:source gives; figure sources only where it has no other
    weak = {f.id for f in prov.weak_facts(cg.rdf)}
    assert weak == {f for f, srcs in sources_of.items() if min(rank[s] for s in own.get(f, srcs)) == 3}
    listed = {s.id: s.facts for s in prov.list_sources(cg.rdf)}
    assert listed[D + "source/bls-ooh-2025"] == sum(
        1 for srcs in sources_of.values() if D + "source/bls-ooh-2025" in srcs
    )
    assert prov.entity_weight(cg.rdf, D + "cert/cma").kind == "primary"


def test_older_facts_on_the_shipped_data_are_older(cg):
    cutoff = prov.cutoff_date(3, AS_OF)
    old = prov.older_facts(cg.rdf, 3, AS_OF)
    assert old and all(prov.source_period_end(f.newest) < cutoff for f in old)
    listed = {f.id for f in old}
    for fact in prov.fact_weights(cg.rdf):
        if fact.id not in listed and fact.newest is not None:
            assert prov.source_period_end(fact.newest) >= cutoff, fact.id


# ---------------------------------------------------------------------- SHACL
@pytest.mark.slow
def test_shacl_requires_one_kind_per_source_and_a_source_per_fact():
    extra = """
        @prefix cp: <https://w3id.org/careerpath/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix dcterms: <http://purl.org/dc/terms/> . @prefix ev: <https://w3id.org/careerpath/data/evidence/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://example.org/s/none> a cp:Source ; rdfs:label "No kind"@en ; dcterms:title "No kind" ;
            dcterms:publisher "Nobody" ; cp:dateNote "undated" .
        <https://example.org/s/two> a cp:Source ; rdfs:label "Two kinds"@en ; dcterms:title "Two kinds" ;
            dcterms:publisher "Nobody" ; cp:dateNote "undated" ; cp:evidenceLevel ev:primary , ev:weak ;
            cp:readAt "not a uri" .
        <https://example.org/j/nowhere> a cp:Jurisdiction ; rdfs:label "Nowhere"@en .
    """
    # one domain's files, which conform on their own (pySHACL takes ~2.5 s over the whole data)
    names = ["sources", "kinds", "organizations", "education", "ekg-technician"]
    graph = load_graph([ontology.DATA_DIR / f"{name}.ttl" for name in names])
    graph.parse(data=extra, format="turtle")
    report = validate(graph)
    assert not report.conforms
    found = {(r.focus.rsplit("/", 1)[-1], r.message) for r in report.results}
    assert any(f == "none" and "evidence level" in m for f, m in found)
    assert any(f == "two" and "evidence level" in m for f, m in found)
    assert any(f == "two" and "read" in m for f, m in found)
    assert any(f == "nowhere" and "source" in m for f, m in found)
    assert all(r.focus.startswith("https://example.org/") for r in report.results)  # the domain's files conform


# ---------------------------------------------------------------------- the command line
def test_sources_json_lists_every_source_with_kind_date_and_facts(cg):
    result = run_cli("sources", "--json", "--as-of", "2026-11-28")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-11-28"
    assert len(data["sources"]) == sum(data["counts"].values()) == len(prov.list_sources(cg.rdf))
    assert {"id", "label", "kind", "date", "publisher", "url", "read_at", "facts"} <= set(data["sources"][0])
    bls = next(s for s in data["sources"] if s["id"] == D + "source/bls-ooh-2025")
    assert (bls["kind"], bls["date"]) == ("primary", "2025-08-28") and bls["facts"] > 10


def test_sources_weak_and_older_than(cg, sparql):
    result = run_cli("sources", "--weak", "--older-than", "3", "--as-of", "2026-11-28", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {f["id"] for f in data["weak_facts"]} == {f.id for f in prov.weak_facts(cg.rdf)}
    # A weak fact's own sources (cp:source) are all weak; a figure source of it (a BLS duration of a
    # job step the guide describes, NHA's renewal rule on a certification whose exam facts only prep
    # sites give) may be stronger, and is weighed apart (tests/test_figure_weights.py).
    own: dict[str, set[str]] = {}
    for fact, level in sparql("SELECT ?f ?l WHERE { ?f cp:source ?s . ?s cp:evidenceLevel/rdfs:label ?l }"):
        own.setdefault(str(fact), set()).add(str(level))
    for fact in data["weak_facts"]:
        assert any(s["kind"] == "weak" for s in fact["sources"]), fact["id"]
        assert own.get(fact["id"], {"weak"}) == {"weak"}, fact["id"]
    older = data["older_than"]
    assert older["before"] == "2023-11-28"
    assert {f["id"] for f in older["facts"]} == {f.id for f in prov.older_facts(cg.rdf, 3, AS_OF)}
    assert all(f["newest"] is None for f in older["undated"])

    text = run_cli("sources", "--weak")
    assert text.returncode == 0 and "rest only on weak sources" in text.stdout


def test_sources_weak_counts_per_area_each_fact_under_the_file_that_defines_it(cg, tmp_path):
    """Issue 22, 5: ``sources --weak`` reports per area; an area is a data file (one per
    occupation group), and a fact belongs to the file that types it."""
    from careerpath.graph.loading.rdf import default_data_files, defining_files

    areas = defining_files()
    assert areas[D + "cert/cma"] == "certifications"
    assert areas[D + "role/diagnostic-medical-sonographer"] == "atlas-diagnostics"
    facts = prov.tables(cg.rdf)["facts"]
    rows = {r["area"]: r for r in prov.weak_by_area_of(facts)}
    assert sum(r["facts"] for r in rows.values()) == len(facts) == len(prov.fact_weights(cg.rdf))
    assert sum(r["weak_facts"] for r in rows.values()) == len(prov.weak_facts(cg.rdf))
    assert all(f["area"] == areas.get(f["id"], "ontology") for f in facts)
    assert rows["oews-2025"]["facts"] > 3000 and rows["oews-2025"]["weak_share"] == 0  # BLS's own estimates
    # the medical-assistant roles came from an unnamed guide; the atlas's from BLS
    assert rows["roles"]["weak_share"] > 0.5 > max(r["weak_share"] for a, r in rows.items() if a.startswith("atlas-"))

    data = json.loads(run_cli("sources", "--weak", "--json").stdout)
    by_area = {r["area"]: r for r in data["weak_by_area"]}
    assert by_area["roles"] == rows["roles"]
    assert sum(r["weak_facts"] for r in data["weak_by_area"]) == len(data["weak_facts"])

    text = run_cli("sources", "--weak").stdout
    table = text.split("\n\n")[0].splitlines()
    assert table[1].split() == ["area", "facts", "weak", "share", "weak", "figures"]
    first = table[2].split()
    assert first[0] == max(rows.values(), key=lambda r: r["weak_share"])["area"] and first[3].endswith("%")

    # a file added with CAREERPATH_DATA is an area of its own
    extra = tmp_path / "my-school.ttl"
    extra.write_text(
        "@prefix cp: <https://w3id.org/careerpath/ontology#> .\n<https://example.org/x> a cp:Role .\n",
        encoding="utf-8",
    )
    assert defining_files([*default_data_files(), extra])["https://example.org/x"] == "my-school"


@pytest.mark.parametrize(
    "args", [("--older-than", "-2"), ("--older-than", "ten"), ("--as-of", "2026-13"), ("--older-than", "nan")]
)
def test_sources_bad_arguments_exit_2(args):
    result = run_cli("sources", *args)
    assert result.returncode == 2
    assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_show_gives_the_weight_and_each_source_kind(cg):
    result = run_cli("show", "CMA", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["weight"] == {"kind": "primary", "note": "rests on a primary source"}
    assert all(s["evidence"] in prov.KINDS and "read_at" in s for s in data["sources"])

    weak_facts = prov.weak_facts(cg.rdf)
    if not weak_facts:
        pytest.skip("no fact rests only on weak sources any more")
    weak = weak_facts[0]
    text = run_cli("show", weak.id)
    assert text.returncode == 0, text.stderr
    assert "weight: rests only on weak sources" in text.stdout
    assert "  - [weak] " in text.stdout


def test_show_names_the_copy_a_source_was_read_at(sparql):
    (fact,) = sparql("SELECT ?f WHERE { ?f cp:source src:bls-ooh-2021-copy } ORDER BY ?f LIMIT 1")[0]
    result = run_cli("show", fact)
    assert result.returncode == 0, result.stderr
    assert "[primary] Occupational Outlook Handbook: Medical Assistants (2021 edition)" in result.stdout
    assert "read at a copy: https://tennis2007.org/" in result.stdout


def test_a_figures_own_source_is_among_the_entitys_sources(cg, sparql):
    rows = sparql(
        """SELECT ?step ?src WHERE { ?step cp:costSource ?src . FILTER NOT EXISTS { ?step cp:source ?src } }
           ORDER BY ?step LIMIT 1"""
    )
    if not rows:
        pytest.skip("every cost source is also a plain cp:source of its step")
    step, source = rows[0]
    from careerpath.graph.presenting.describe import describe

    described = describe(cg.rdf, cg.resolve(step))
    assert source in {s.id for s in described.sources}
    kinds = {s.evidence for s in described.sources}
    assert described.weight.kind == min(kinds, key=prov.KINDS.index)
