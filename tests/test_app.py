"""Every page of the app, run with streamlit.testing on the real graph (nothing mocked but
the click on the graph component, which AppTest cannot run: its value is driven through
session state, as ``app.shared.draw`` documents)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app" / "streamlit_app.py")
SECTIONS = Path(APP).parent / "sections"
D = "https://w3id.org/careerpath/data/"


def app(page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(str(SECTIONS / f"{page}.py"))
    return at.run()


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(
    "page, title",
    [(None, "Explore the pathways"), ("plan", "Plan a route"), ("sparql", "Query with SPARQL"), ("data", "The data")],
)
def test_every_page_renders(page, title):
    at = app(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == title


def test_explore_click_shows_details():
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["explore_graph_clicked"] = D + "cert/cma"
    at.run()
    assert not at.exception
    shown = text_of(at)
    assert "Certified Medical Assistant" in [s.value for s in at.subheader]
    assert "CMA Category 1: recent graduate of an accredited program" in shown
    assert "within 12 months" in shown
    facts = at.dataframe[0].value
    assert ("fee (USD)", "$125") in set(zip(facts["fact"], facts["value"], strict=True))
    assert at.query_params["node"] in (D + "cert/cma", [D + "cert/cma"])


def test_explore_search_and_unknown_name():
    at = app(q="RMA")
    assert "Registered Medical Assistant" in [s.value for s in at.subheader]
    at = app(q="unicorn wrangler")
    assert "Nothing is called 'unicorn wrangler'" in text_of(at)


def test_explore_role_shows_wages_and_disagreement():
    at = app(node=D + "role/medical-assistant")
    frames = [f.value for f in at.dataframe]
    wages = [f for f in frames if "amount (USD)" in f.columns][0]
    assert 44200.0 in list(wages["amount (USD)"])
    assert "Sources disagree" in " ".join(e.label for e in at.expander)


def test_plan_from_the_url():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "cert/cma", k="2")
    assert not at.exception, [e.value for e in at.exception]
    shown = text_of(at)
    assert "1. Complete an accredited medical assistant certificate or diploma program" in shown
    assert "2. CMA Category 1: recent graduate of an accredited program" in shown
    months = [m.value for m in at.metric if m.label == "Months"]
    assert months[0] == "13" and len(months) == 2
    assert [m.value for m in at.metric if m.label == "Cost"][0] == "$125"


def test_plan_eligible_now_and_experience():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "cert/ncma", exp=D + "role/medical-assistant=2")
    shown = text_of(at)
    assert "1. NCMA experience route" in shown
    assert "**Certified Clinical Medical Assistant**, via CCMA work experience route" in shown


def test_plan_unreachable_target_is_a_clear_message():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "role/nurse-practitioner")
    assert not at.exception
    assert "No route to Nurse practitioner" in at.error[0].value


def test_plan_form_changes_the_route():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "cert/cma")
    at.selectbox(key="plan_target").set_value(D + "cert/rma")
    at.radio(key="plan_by").set_value("cost")
    at.button[0].click().run()
    assert str(at.query_params["to"]).strip("[]'") == D + "cert/rma" and "cost" in str(at.query_params["by"])
    assert "RMA" in text_of(at)


def test_sparql_curated_question_and_refusal():
    at = app("sparql", q="outlook")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["period"]) == ["2020-2030", "2024-2034"]
    at.text_area(key="sparql_text").set_value("DELETE WHERE { ?s ?p ?o }")
    at.button(key="sparql_run").click().run()
    assert "Refused" in at.error[0].value


def test_sparql_syntax_error_names_line():
    at = app("sparql")
    at.text_area(key="sparql_text").set_value("SELECT ?s WHERE {\n ?s ?p }")
    at.button(key="sparql_run").click().run()
    assert "line 2" in at.error[0].value


def test_data_page_counts_validation_and_ontology():
    at = app("data")
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["SHACL validation"] == "conforms"
    assert int(metrics["Triples"].replace(",", "")) > 3000
    frames = [f.value for f in at.dataframe]
    assert any("class" in f.columns and "Certification" in list(f["class"]) for f in frames)


def test_plan_with_a_state():
    at = app("plan", have=D + "credential/high-school-diploma", to=D + "role/medical-assistant", state="WA")
    assert not at.exception
    assert "In Washington, medical assistants need a DOH credential" in text_of(at)
    assert "Washington MA-R" in text_of(at)


def test_bad_data_is_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("CAREERPATH_DATA", str(Path(__file__).parent / "data" / "malformed.ttl"))
    from careerpath.app.shared import _load_graph

    _load_graph.clear()
    try:
        at = app()
        assert not at.exception
        assert "malformed.ttl:6" in at.error[0].value
    finally:
        _load_graph.clear()
