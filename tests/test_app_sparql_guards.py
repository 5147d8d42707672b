"""The SPARQL page under hostile queries and simultaneous first visitors (issue 12)."""

from __future__ import annotations

import time

from streamlit.testing.v1 import AppTest

from careerpath.graph.querying import DEFAULT_TIMEOUT
from tests.hostile import HOSTILE
from tests.test_app import APP, SECTIONS

LABEL = "SELECT ?l WHERE { <https://w3id.org/careerpath/data/cert/cma> rdfs:label ?l }"


def test_hostile_shape_on_the_app_page():
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(str(SECTIONS / "sparql.py"))
    at.run()
    for shape in HOSTILE:
        at.text_area(key="sparql_text").set_value(HOSTILE[shape])
        at.button(key="sparql_run").click()
        start = time.perf_counter()
        at.run()
        assert time.perf_counter() - start < DEFAULT_TIMEOUT + 1  # the page's limit plus a second
        assert not at.exception, [e.value for e in at.exception]
        errors = " ".join(e.value for e in at.error)
        assert "nested more than" in errors or "split it into smaller queries" in errors, errors
    at.text_area(key="sparql_text").set_value(LABEL)
    at.button(key="sparql_run").click()
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["sparql_result"].rows[0][0].toPython() == "Certified Medical Assistant"
