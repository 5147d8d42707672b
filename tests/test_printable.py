"""The printable plan (graph/printable.py) on the real graph: what it holds, and that text
from the data is escaped (a "|" or "<" in a source title cannot break it)."""

from __future__ import annotations

import dataclasses
import datetime
from html.parser import HTMLParser

import pytest
import rdflib
from rdflib.namespace import RDFS

from careerpath.graph.core import CareerGraph
from careerpath.graph.planning.schedule import schedule
from careerpath.graph.presenting.formats import money, range_text
from careerpath.graph.presenting.printable import plan_html
from careerpath.graph.presenting.route_view import route_answer

D = "https://w3id.org/careerpath/data/"


class _Tags(HTMLParser):
    """Collects text, links and a stack check of the document's elements."""

    VOID = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []
        self.broken = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.broken = True

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    tags.close()
    return tags


@pytest.fixture(scope="module")
def cg() -> CareerGraph:
    return CareerGraph.load()


def test_holds_date_profile_state_steps_ranges_sit_now_sources_and_link(cg):
    profile = cg.profile(have=["high school diploma"], experience={"medical assistant": 2}, state="WA")
    routes = cg.plan(profile, "RMA", k=2)
    eligibility = cg.eligible(profile)
    link = "http://127.0.0.1:8501/plan?to=rma&state=WA"
    html = plan_html(
        route_answer(cg, D + "cert/rma", "months", profile, routes),
        eligibility=eligibility,
        link=link,
        today=datetime.date(2026, 3, 4),
    )
    doc = parse(html)
    text = " ".join(" ".join(doc.text).split())
    assert not doc.broken and not doc.stack
    assert "Route to Registered Medical Assistant" in text and "2026-03-04" in text
    assert "High school diploma" in text and "2 years as Medical assistant" in text and "WA" in text
    assert link in doc.links
    assert "You can already sit for:" in text and eligibility.eligible[0].label in text
    assert "Best route" in text and "Alternative 1" in text
    for s in schedule(routes[0]).steps:
        assert s.step.label in text
        assert range_text(s.months_range, "months") in text and money(s.step.cost) in text
    for ref in cg.source_refs(routes[0].steps[0].sources):
        assert ref["label"] in text
    assert "@media print" in html


def test_a_source_title_with_a_bar_or_angle_bracket_cannot_break_it(cg):
    fresh = CareerGraph.load()  # its own copy of the graph: the shipped files are not touched
    profile = fresh.profile(have=["high school diploma"])
    routes = fresh.plan(profile, "CMA")
    source = routes[0].steps[-1].sources[0]
    title = "Fees | <b>bold</b> & <script>alert(1)</script>"
    fresh.rdf.set((rdflib.URIRef(source), RDFS.label, rdflib.Literal(title, lang="en")))
    fresh._sources.pop(source, None)
    html = plan_html(route_answer(fresh, D + "cert/cma", "months", profile, routes))
    doc = parse(html)
    assert not doc.broken and not doc.stack
    assert title in "".join(doc.text)  # shown as written
    assert "<script>" not in html and "<b>bold</b>" not in html


def test_already_held_and_unknown_figures_are_said(cg):
    profile = cg.profile(have=["high school diploma"], experience={"medical assistant": 2})
    routes = cg.plan(profile, "medical assistant")
    text = " ".join(parse(plan_html(route_answer(cg, D + "role/medical-assistant", "months", profile, routes))).text)
    assert "You already hold it." in text
    # a step whose duration and cost the data does not give (built from a real route's step)
    real = cg.plan(cg.profile(have=["high school diploma"]), "CMA")[0]
    first = dataclasses.replace(real.steps[0], months=None, months_range=None, cost=None, cost_range=None)
    route = dataclasses.replace(real, steps=(first, *real.steps[1:]))
    html = plan_html(route_answer(cg, D + "cert/cma", "months", cg.profile(have=["high school diploma"]), [route]))
    text = " ".join(" ".join(parse(html).text).split())
    assert "Not known: the duration of 1 step(s) and the cost of 1 step(s)" in text
    assert "duration unknown" in text and "cost unknown" in text


def test_markdown_download_keeps_the_state_and_a_bar_in_a_cell(cg):
    from careerpath.graph.presenting.text import route_markdown

    profile = cg.profile(have=["high school diploma"], state="WA")
    text = route_markdown(
        route_answer(cg, D + "role/medical-assistant", "months", profile, cg.plan(profile, "medical assistant"))
    )
    assert "*State:* WA" in text
    for line in text.splitlines():
        if line.startswith("| 1 |"):
            assert line.count(" | ") == text.splitlines()[text.splitlines().index(line) - 2].count(" | ")


def test_sources_carry_their_kind_and_a_weak_fee_is_said(cg):
    profile = cg.profile()
    routes = cg.plan(profile, "CPC-A")
    html = plan_html(route_answer(cg, D + "cert/cpc-a", "months", profile, routes))
    text = " ".join(" ".join(parse(html).text).split())
    assert "its cost rests only on weak sources" in text  # AAPC gives the rules, prep pages the $425
    for ref in cg.source_refs(routes[0].steps[-1].sources):
        assert f"{ref['label']} (" in text and ref["evidence"] in text
