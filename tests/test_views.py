"""The pathway view (graph/views.py): what it draws, its junctions and its layout, on the real data."""

from __future__ import annotations

import pytest

from careerpath.graph.core import CareerGraph
from careerpath.graph.loading.namespaces import CP
from careerpath.graph.presenting.pathway import BOX_W, PATHWAY_COLUMNS, pathway

D = "https://w3id.org/careerpath/data/"


@pytest.fixture(scope="module")
def cg() -> CareerGraph:
    return CareerGraph.load()


def focusable(cg) -> list[str]:
    keep = {str(c) for c in (CP.Role, CP.Certification, CP.EducationProgram, CP.Credential)}
    return sorted(i for i in cg.names.labels if cg.names.types.get(i, frozenset()) & keep and i in cg.projection.graph)


def test_every_pathway_has_no_overlapping_boxes_and_keeps_its_columns_in_order(cg):
    for focus in focusable(cg):
        view = pathway(cg, focus)
        assert not view.overlaps(), (focus, view.overlaps()[:3])
        assert all(s in view.nodes and t in view.nodes for s, t in view.edges)
        titles = [t for _, t in PATHWAY_COLUMNS]
        headings = [title for title, _ in view.headings]
        assert headings == sorted(headings, key=titles.index), focus  # left to right
        xs = [x for _, x in view.headings]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
        # every box stands in a headed column, and junctions in the lanes between
        boxes = [n for n in view.nodes.values() if not n.junction]
        assert {n.x for n in boxes} == set(xs), focus
        assert not {n.x for n in view.nodes.values() if n.junction} & set(xs)


def test_medical_assistant_pathway_leads_in_and_on(cg):
    view = pathway(cg, D + "role/medical-assistant")
    group = D + "group/high-school-or-equivalent"
    assert view.nodes[group].kind == "one-of"
    assert {(D + "credential/high-school-diploma", group), (D + "credential/ged", group)} <= set(view.edges)
    into = [s for s, t in view.edges if t == D + "role/medical-assistant"]
    assert into and all(view.nodes[s].kind == "all-of" for s in into)
    kinds = {n.kind for n in view.nodes.values()}
    assert {"education", "certification", "advancement", "experience", "all-of", "one-of"} <= kinds
    assert view.nodes[D + "role/lead-medical-assistant"].x > view.nodes[D + "role/medical-assistant"].x
    assert all(
        n.x > view.nodes[D + "role/medical-assistant"].x + BOX_W for n in view.nodes.values() if n.kind == "advancement"
    )


def test_junctions_say_all_of_and_any_one_of(cg):
    view = pathway(cg, D + "cert/cma")
    routes = [s for s in cg.projection.steps.values() if s.achieves == D + "cert/cma" and not s.superseded_by]
    assert f"any one of {len(routes)} routes" in view.nodes[D + "cert/cma"].lines
    for step in cg.projection.steps.values():
        if step.id in view.nodes:
            tag = view.nodes[step.id].lines[0]
            assert tag == (f"ALL OF {len(step.requires)}" if len(step.requires) > 1 else "STEP"), step.id
            assert view.nodes[step.id].kind == "all-of"


def test_superseded_rules_are_left_out(cg):
    old = [s.id for s in cg.projection.steps.values() if s.superseded_by]
    assert old, "the data keeps superseded rules (RMA's 5-of-7-years route)"
    for focus in (D + "cert/rma", D + "role/medical-assistant"):
        assert not set(old) & set(pathway(cg, focus).nodes)
