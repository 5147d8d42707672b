"""The pathway as the app lays it out (issue 20, items 1, 2 and 7), on the real data: compact enough
to open whole, edges one can follow, and the same pathway in words for a phone and a screen reader."""

from __future__ import annotations

import pytest

from careerpath.graph.core import CareerGraph
from careerpath.graph.loading.namespaces import CP
from careerpath.graph.presenting.pathway import FONT_PX, MIN_ZOOM, pathway
from careerpath.graph.presenting.pathway_outline import box_text, outline

D = "https://w3id.org/careerpath/data/"
DESKTOP_PANE = 1400 - 2 * 16 - 15  # the window, the page's side margins (1rem) and a scroll bar


@pytest.fixture(scope="module")
def cg() -> CareerGraph:
    return CareerGraph.load()


@pytest.fixture(scope="module")
def pathways(cg):
    keep = {str(c) for c in (CP.Role, CP.Certification, CP.EducationProgram, CP.Credential)}
    focusable = sorted(
        i for i in cg.names.labels if cg.names.types.get(i, frozenset()) & keep and i in cg.projection.graph
    )
    return {focus: pathway(cg, focus) for focus in focusable}


def test_the_medical_assistants_whole_pathway_fits_a_desktop_window_at_a_readable_size(pathways):
    pw = pathways[D + "role/medical-assistant"]
    assert FONT_PX * MIN_ZOOM >= 12  # the smallest opening zoom keeps text at 12 px on screen
    assert (pw.width + 20) * MIN_ZOOM <= DESKTOP_PANE, (pw.width, DESKTOP_PANE / MIN_ZOOM)
    assert [t for t, _ in pw.headings] == ["Education", "Programs", "Certifications", "Roles", "Advancement"]


def test_every_edge_turns_in_a_channel_of_its_own(pathways):
    """Two vertical runs on one x would read as one line: each gap gives each edge its own x (at
    least 1 px apart at 1:1 in the busiest gap of any pathway; 2 px in the medical assistant's)."""
    for focus, pw in pathways.items():
        apart = 2.0 if focus == D + "role/medical-assistant" else 1.0
        runs = [(w.points[1][0], *sorted((w.points[1][1], w.points[2][1]))) for w in pw.wires() if w.way != "down"]
        for i, (x, top, bottom) in enumerate(runs):
            for x2, top2, bottom2 in runs[i + 1 :]:
                if abs(x - x2) < apart - 1e-6 and bottom - top > 1 and bottom2 - top2 > 1:
                    assert bottom <= top2 or bottom2 <= top, (focus, x, x2, (top, bottom), (top2, bottom2))


def test_edges_leave_and_enter_boxes_at_ports_of_their_own(pathways):
    for focus, pw in pathways.items():
        wires = pw.wires()
        assert len(wires) == len(pw.edges)
        starts = [(w.source, w.points[0]) for w in wires]
        ends = [(w.target, w.points[-1]) for w in wires]
        assert len(set(starts)) == len(starts) and len(set(ends)) == len(ends), focus
        for w in wires:  # each port lies on its box's side
            s, t = pw.nodes[w.source], pw.nodes[w.target]
            (x1, y1), (x2, y2) = w.points[0], w.points[-1]
            assert s.y < y1 < s.y + s.height and t.y < y2 < t.y + t.height, (focus, w)
            assert x1 in (s.x, s.x + s.width) and x2 in (t.x, t.x + t.width), (focus, w)


def test_years_of_experience_stand_just_below_their_role(pathways, cg):
    pw = pathways[D + "role/medical-assistant"]
    column = sorted((n for n in pw.nodes.values() if n.x == pw.nodes[pw.focus].x), key=lambda n: n.y)
    ids = [n.id for n in column]
    after = ids[ids.index(pw.focus) + 1 : ids.index(pw.focus) + 3]
    assert all(cg.projection.experience_of.get(i, ("",))[0] == pw.focus for i in after), after


def test_the_outline_names_every_box_once_focus_and_where_it_leads_first(pathways):
    for focus, pw in pathways.items():
        sections = outline(pw)
        assert sections[0].title == "This pathway" and sections[0].entries[0].id == focus
        listed = [e.id for s in sections for e in s.entries]
        assert sorted(listed) == sorted(n for n, node in pw.nodes.items() if not node.junction), focus
    ma = outline(pathways[D + "role/medical-assistant"])
    onward = {e.name for e in ma[1].entries}
    assert ma[1].title == "Where it leads" and {"Lead medical assistant", "Clinical office manager"} <= onward


def test_every_box_says_what_it_needs_and_where_it_leads(pathways):
    pw = pathways[D + "cert/cma"]
    for node_id, node in pw.nodes.items():
        text = box_text(pw, node_id)
        assert text.startswith(node.label if not node.junction else ("Step: " if node.kind == "all-of" else "One of: "))
        if pw.needs(node_id):
            assert any(word in text for word in ("Needs:", "All of:", "One of:", "Reached by")), text
        if pw.leads_to(node_id):
            assert "Leads to:" in text or "Counts for:" in text, text
    assert "Reached by any one of 4 routes" in box_text(pw, pw.focus)
