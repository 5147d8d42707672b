"""A figure with its own source (a fee, a duration) is weighed by that source alone, apart from
the fact it belongs to: a BLS duration does not make a job step primary, and a fee that only
exam-prep pages give does not hide behind a certification whose rules the certifying body states.
Checked on a tiny graph, and on the shipped data through ``show``, ``route`` and ``sources``."""

from __future__ import annotations

import json

import pytest
import rdflib

from careerpath.graph.presenting import provenance as prov
from tests.conftest import DATA, run_cli

D = "https://w3id.org/careerpath/data/"
T = "https://example.org/fig/"


@pytest.fixture(scope="module")
def tiny() -> rdflib.Graph:
    return rdflib.Graph().parse(DATA / "provenance-figures.ttl", format="turtle")


# ---------------------------------------------------------------------- the rule, on a tiny graph
def test_a_figure_source_does_not_lift_or_sink_its_fact(tiny):
    assert prov.entity_weight(tiny, T + "exam").kind == "primary"
    assert prov.figure_weights(tiny, T + "exam")["cost"].kind == "weak"
    assert prov.entity_weight(tiny, T + "job").kind == "secondary"  # not primary through its duration
    assert prov.figure_weights(tiny, T + "job") == {"duration": prov.Weight("primary", 1, "rests on a primary source")}


def test_an_entity_with_figure_sources_only_is_weighed_by_them(tiny):
    assert prov.entity_weight(tiny, T + "tuition").kind == "weak"
    assert {f.id for f in prov.weak_facts(tiny)} == {T + "tuition"}


def test_weak_figures_name_the_figure(tiny):
    assert {(f.id, name) for f, name in prov.weak_figures(tiny)} == {(T + "exam", "cost"), (T + "tuition", "cost")}
    by_id = {f.id: f for f in prov.fact_weights(tiny)}
    assert by_id[T + "job"].weight.kind == "secondary"
    assert by_id[T + "job"].to_json()["figures"] == {
        "duration": {"kind": "primary", "note": "rests on a primary source"}
    }


# ---------------------------------------------------------------------- the shipped data
def test_show_weighs_the_cpc_fee_apart_from_the_cpc():
    result = run_cli("show", "CPC", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["weight"]["kind"] == "primary"  # AAPC's own pages give the rules
    assert data["figure_weights"]["cost"]["kind"] == "weak"  # only prep and seller pages give the $425
    text = run_cli("show", "CPC")
    assert "weight of its cost: rests only on weak sources" in text.stdout


def test_a_job_step_is_not_primary_through_its_bls_duration():
    result = run_cli("show", D + "step/become-medical-coder", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["weight"]["kind"] == "weak"  # the guide describes it: an unnamed publisher, weak since issue 22
    assert data["figure_weights"]["duration"]["kind"] == "primary"


def test_route_json_and_text_carry_each_figures_weight():
    result = run_cli("route", "--to", "CPC-A", "--json")
    assert result.returncode == 0, result.stderr
    steps = {s["id"]: s for r in json.loads(result.stdout)["routes"] for s in r["steps"]}
    exam = steps[D + "route/cpc-a-exam-after-course"]  # the course first, then the exam
    assert (exam["source_weight"], exam["cost_source_weight"]) == ("primary", "weak")
    assert all({"months_source_weight", "cost_source_weight"} <= set(s) for s in steps.values())
    text = run_cli("route", "--to", "CPC-A")
    assert "note: its cost rests only on weak sources" in text.stdout


def test_sources_weak_lists_weak_figures_under_stronger_facts(cg):
    result = run_cli("sources", "--weak", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    figures = {(f["id"], f["figure"]) for f in data["weak_figures"]}
    assert (D + "cert/cpc", "cost") in figures and (D + "route/cpc-a-exam", "cost") in figures
    assert figures == {(f.id, name) for f, name in prov.weak_figures(cg.rdf)}
    assert all(f["figures"][f["figure"]]["kind"] == "weak" for f in data["weak_figures"])
    text = run_cli("sources", "--weak")
    assert "the cost of Certified Professional Coder <" in text.stdout
