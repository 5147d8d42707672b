"""The command line, run as a real subprocess: contracts, exit codes, no tracebacks."""

from __future__ import annotations

import functools
import json

import networkx as nx
import pytest

from tests.conftest import DATA
from tests.conftest import run_cli as _run_cli

#: These tests run the command as a person does, in a process of its own (the other files run
#: its ``main`` in the test's process).
run_cli = functools.partial(_run_cli, process=True)

D = "https://w3id.org/careerpath/data/"


def test_show_json_shape(unchanged_data):
    result = run_cli("show", "CMA", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"id", "label", "types", "facts", "sources"} <= set(data)
    assert data["id"] == D + "cert/cma" and "Certification" in data["types"]
    facts = {(f["property"], f["value"]) for f in data["facts"]}
    assert ("fee (USD)", "$125") in facts
    assert ("administered by", "American Association of Medical Assistants") in facts
    assert any(s["url"] == "https://www.aama-ntl.org/certification/apply" for s in data["sources"])


def test_show_text_has_units_and_disagreements():
    result = run_cli("show", "RMA work experience route")
    assert result.returncode == 0, result.stderr
    assert "cost (USD): $135" in result.stdout  # the secondary source's fee, not the weak $150 (issue 22 audit)
    assert "where sources disagree" in result.stdout
    assert "(current)" in result.stdout and "(not used)" in result.stdout


def test_show_unknown_name():
    result = run_cli("show", "Certified Nursing Unicorn")
    assert result.returncode == 2
    assert "closest matches" in result.stderr and "Traceback" not in result.stderr


def test_show_ambiguous_name():
    result = run_cli("show", "medical terminology")
    assert result.returncode == 2
    assert "ambiguous" in result.stderr and "skill:medical-terminology" in result.stderr


@pytest.mark.slow
def test_export_turtle_and_jsonld_round_trip(tmp_path, cg, shared_parse):
    """Each export is read back by another implementation than the one that wrote it (rdflib
    writes, Oxigraph reads: 0.2 s where rdflib's own parsers took 2.8 s)."""
    import pyoxigraph as ox

    for fmt, parse_as in (("turtle", ox.RdfFormat.TURTLE), ("json-ld", ox.RdfFormat.JSON_LD)):
        out = tmp_path / f"graph.{fmt}"
        result = run_cli("export", "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert len({str(t) for t in ox.parse(path=str(out), format=parse_as)}) == len(cg.rdf)


def test_export_graphml(tmp_path, shared_parse):
    out = tmp_path / "graph.graphml"
    assert run_cli("export", "--format", "graphml", "-o", str(out)).returncode == 0
    g = nx.read_graphml(out)
    assert g.nodes[D + "cert/cma"]["label"] == "Certified Medical Assistant"


def test_export_refuses_to_write_into_data(unchanged_data):
    result = run_cli("export", "-o", "ontology/data/oops.ttl")
    assert result.returncode == 2
    assert "never modifies" in result.stderr


def test_bad_data_setting_is_a_message(unchanged_data):
    import os

    env = {**os.environ, "CAREERPATH_DATA": str(DATA / "malformed.ttl")}
    result = run_cli("show", "CMA", env=env)
    assert result.returncode == 1
    assert "malformed.ttl:6" in result.stderr and "Traceback" not in result.stderr
