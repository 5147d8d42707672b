"""Honest query output (issue 12, item 7): truncation in CLI JSON, a file's parameter
defaults, --bind by name, prefixed name or IRI, unknown variables and formats as errors."""

from __future__ import annotations

import json
import shutil

import pytest

from careerpath import ontology
from tests.conftest import run_cli

D = "https://w3id.org/careerpath/data/"


def test_cli_json_says_when_the_row_cap_cut_the_answer():
    result = run_cli("query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "3", "--format", "json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert len(body["results"]["bindings"]) == 3 and body["truncated"] is True
    result = run_cli("query", "--name", "outlook", "--format", "json")
    assert json.loads(result.stdout)["truncated"] is False


def test_a_query_file_takes_its_parameter_defaults_as_name_does(tmp_path):
    copy = tmp_path / "outlook.rq"
    shutil.copy(ontology.QUERIES_DIR / "outlook.rq", copy)
    by_file = run_cli("query", str(copy), "--format", "csv")
    by_name = run_cli("query", "--name", "outlook", "--format", "csv")
    assert by_file.returncode == 0 and by_name.returncode == 0, by_file.stderr
    assert by_file.stdout == by_name.stdout
    assert len(by_file.stdout.strip().splitlines()) == 1 + 2  # header and the two outlooks
    bound = run_cli("query", str(copy), "--bind", "occupation=registered nurse", "--format", "csv")
    assert bound.returncode == 0 and bound.stdout != by_file.stdout


@pytest.mark.parametrize("value", ["NCMA", "ncma", "cert:ncma", f"<{D}cert/ncma>", f"{D}cert/ncma"])
def test_bind_takes_a_name_a_prefixed_name_or_an_iri(value):
    result = run_cli("query", "--name", "eligibility-routes", "--bind", f"certification={value}", "--format", "json")
    assert result.returncode == 0, result.stderr
    routes = {b["route"]["value"].rsplit("/", 1)[-1] for b in json.loads(result.stdout)["results"]["bindings"]}
    assert routes == {"ncma-experience", "ncma-graduate", "ncma-student", "ncma-military"}


@pytest.mark.parametrize(
    "args, text",
    [
        (["--name", "eligibility-routes", "--bind", "foo=bar"], "the query has no variable ?foo"),
        (["-e", "SELECT ?s WHERE { ?s ?p ?o }", "--bind", "x=1"], "the query has no variable ?x"),
        (["--name", "eligibility-routes", "--bind", "certification=no such credential xyz"], "no entity named"),
        (["--name", "eligible-graduate-with-experience", "--bind", "years=two"], "not a valid xsd:integer"),
        (
            ["--name", "outlook", "--format", "turtle"],
            "a SELECT query cannot be written as turtle; use table, csv or json",
        ),
        (["-e", "ASK { ?s ?p ?o }", "--format", "turtle"], "use table, csv or json"),
        (
            ["-e", f"DESCRIBE <{D}cert/cma>", "--format", "csv"],
            "a DESCRIBE query cannot be written as csv; use table or turtle",
        ),
    ],
)
def test_bad_bindings_and_formats_are_usage_errors(args, text):
    result = run_cli("query", *args)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert text in result.stderr and "Traceback" not in result.stderr
