"""SHACL validation and data loading: the shipped data conforms; bad data gets a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDF, SH

from careerpath import ontology
from careerpath.graph.errors import DataSyntaxError
from careerpath.graph.loading.rdf import default_data_files, load_graph
from careerpath.graph.loading.validate import validate
from tests.conftest import run_cli

DATA = Path(__file__).parent / "data"


def test_shipped_data_conforms(cg):
    report = cg.validate()
    assert report.conforms, report.text()


def test_malformed_turtle_names_file_and_line():
    with pytest.raises(DataSyntaxError) as info:
        load_graph([*default_data_files(), DATA / "malformed.ttl"])
    assert info.value.path.name == "malformed.ttl"
    assert info.value.line == 6
    assert "malformed.ttl:6" in str(info.value)


EDGES = """@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p "x"@en, "007"^^xsd:integer, 007, 1.50, 1e3, true, "2020-01-01"^^xsd:date, "z", \"\"\"two
lines\"\"\" ;
  ex:q [ ex:r ex:b ], ( 1 2 ), _:n ; ex:rel <rel/x> ; a ex:C .
_:n ex:r "\\u00e9t\\u00e9" .
"""


def test_the_parse_is_rdflibs_turtle_parse(tmp_path):
    """``parse_file`` reads Turtle with Oxigraph's parser: the graph is the one rdflib's parser
    makes (isomorphic: numbers, dates, language tags, blank nodes, lists, relative IRIs, prefixes),
    on the ontology, two data files and a file of edge cases."""
    import rdflib
    from rdflib.compare import isomorphic

    from careerpath.graph.loading.rdf import parse_file

    edges = tmp_path / "edges.ttl"
    edges.write_text(EDGES, encoding="utf-8")
    for path in (
        ontology.ONTOLOGY_FILE,
        ontology.DATA_DIR / "certifications.ttl",
        DATA / "provenance-figures.ttl",
        edges,
    ):
        ours, theirs = rdflib.Graph(), rdflib.Graph()
        parse_file(ours, path)
        theirs.parse(path, format="turtle")
        assert len(ours) == len(theirs) and isomorphic(ours, theirs), path
        assert dict(ours.namespaces()) == dict(theirs.namespaces()), path
    assert (
        rdflib.URIRef("http://example.org/a"),
        rdflib.URIRef("http://example.org/rel"),
        (tmp_path / "rel/x").as_uri(),
    ) in {(s, p, str(o)) for s, p, o in ours}


def test_file_breaking_shapes_is_reported_in_plain_words():
    # beside one domain's files, which conform on their own (pySHACL takes ~2.5 s of CPU over the
    # whole data; `test_cli_validate_breaking_file` validates the file beside all of it)
    names = ["sources", "kinds", "organizations", "education", "ekg-technician"]
    report = validate(load_graph([*(ontology.DATA_DIR / f"{n}.ttl" for n in names), DATA / "breaks_shapes.ttl"]))
    assert not report.conforms
    assert all(r.focus.rsplit("/", 1)[-1].startswith("test-") for r in report.results)  # only the file's own nodes
    messages = {(r.focus.rsplit("/", 1)[-1], r.message) for r in report.results}
    assert (
        "test-orphan",
        "A certification needs the organization that administers it (cp:administeredBy).",
    ) in messages
    assert any(f == "test-orphan" and "eligibility route" in m for f, m in messages)
    assert any(f == "test-backwards" and "non-negative" in m for f, m in messages)
    assert any(f == "test-text-number" and "written as text" in m for f, m in messages)
    assert "Orphan certification" in report.text()


def test_cli_validate_conforms(unchanged_data):
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert "conforms" in result.stdout


@pytest.mark.slow
def test_cli_validate_breaking_file(unchanged_data):
    result = run_cli("validate", str(DATA / "breaks_shapes.ttl"))
    assert result.returncode == 1
    assert "administers it" in result.stdout
    assert "Traceback" not in result.stderr


def test_cli_validate_malformed_file(unchanged_data):
    result = run_cli("validate", str(DATA / "malformed.ttl"))
    assert result.returncode == 1
    assert "malformed.ttl:6" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_validate_missing_file():
    result = run_cli("validate", "no/such/file.ttl")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_extra_data_folder_setting(tmp_path, monkeypatch):
    extra = tmp_path / "extra.ttl"
    extra.write_text((DATA / "breaks_shapes.ttl").read_text())
    monkeypatch.setenv("CAREERPATH_DATA", str(tmp_path))
    files = default_data_files()
    assert extra in files and set(ontology.data_files()) <= set(files)


def test_missing_data_folder_is_named(monkeypatch):
    monkeypatch.setenv("CAREERPATH_DATA", "/no/such/folder")
    with pytest.raises(DataSyntaxError, match="CAREERPATH_DATA"):
        default_data_files()


def test_the_number_target_found_in_python_is_the_sparql_targets():
    """``validate`` finds the number-as-text shape's focus nodes in one pass in Python instead of
    rdflib's SPARQL engine (two thirds of pySHACL's time): on a graph of edge cases, its report is
    the one pySHACL gives with the shapes as written."""
    import pyshacl

    from careerpath.graph.loading.validate import load_shapes, targets_found_here

    cases = """
        @prefix cp: <https://w3id.org/careerpath/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix t: <https://example.org/t/> .
        t:plain cp:feeUsd "12" . t:typed cp:feeUsd "12"^^xsd:string . t:tagged cp:feeUsd "12"@en .
        t:spaced cp:estimateRationale " $1,200.50 % " . t:words cp:estimateRationale "12 months" .
        t:listed cp:abbreviation "12" . t:labelled rdfs:label "12" . t:number cp:feeUsd 12.5 .
        t:newline cp:feeUsd "12\\n" . t:nbsp cp:feeUsd "\\u00a012" . t:iri cp:feeUsd <https://example.org/12> .
    """
    names = ["sources", "kinds", "organizations", "education", "ekg-technician"]
    graph = load_graph([*(ontology.DATA_DIR / f"{n}.ttl" for n in names), DATA / "breaks_shapes.ttl"])
    graph.parse(data=cases, format="turtle")
    shapes = load_shapes()
    found = targets_found_here(graph, shapes)
    assert found is not shapes  # the shipped target is the one written as expected

    def report(shapes_graph) -> set:
        _, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, advanced=True, allow_warnings=True)
        return {
            (str(results.value(r, SH.focusNode)), str(results.value(r, SH.resultMessage)))
            for r in results.subjects(RDF.type, SH.ValidationResult)
        }

    written = report(shapes)
    assert written == report(found)
    flagged = {focus.rsplit("/", 1)[-1] for focus, message in written if "written as text" in message}
    assert flagged == {"plain", "typed", "spaced", "newline", "nbsp", "test-text-number"}, flagged
