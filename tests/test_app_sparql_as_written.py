"""SPARQL as people write it (issue 20, item 8): ``SELECT ?r WHERE { ?r a cp:Role }`` finds every
role on every store, because the types a class's superclasses imply are added when the graph is
loaded; and the SPARQL page names a hand-written query's downloads after that query."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

CP = "https://w3id.org/careerpath/ontology#"
APP = str(Path(__file__).resolve().parents[1] / "app" / "streamlit_app.py")
ROLES = "SELECT ?r WHERE { ?r a cp:Role }"


@pytest.fixture(params=["memory", "rdflib", "oxigraph", "oxigraph:DIR", "sparql"])
def service(request, loaded_stores):
    """Each store, as ``loaded_stores`` loads it: the last two loaded by ``careerpath load --into``
    (a folder, and a server over HTTP)."""
    return loaded_stores(request.param).query_service()


def every(cg, cls: str) -> set[str]:
    """What the name index (which follows rdfs:subClassOf itself) says is a ``cls``."""
    return {iri for iri, types in cg.names.types.items() if CP + cls in types}


@pytest.mark.parametrize("cls", ["Role", "Credential", "Milestone"])
def test_a_superclass_finds_every_instance_of_its_subclasses(service, cg, cls):
    result = service.run(f"SELECT ?x WHERE {{ ?x a cp:{cls} }}")
    found = {str(row[0]) for row in result.rows}
    assert found == every(cg, cls)
    assert len(found) > 20
    if cls == "Role":  # advancement, adjacent, specialty and entry roles are roles too
        assert "https://w3id.org/careerpath/data/role/lead-medical-assistant" in found


def test_the_obvious_query_on_the_sparql_page_finds_every_role(cg):
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(str(Path(APP).parent / "sections" / "sparql.py")).run()
    at.text_area(key="sparql_text").set_value(ROLES)
    at.button(key="sparql_run").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert len(at.dataframe[0].value) == len(every(cg, "Role"))
    assert [b.proto.label for b in at.get("download_button")] == ["Download CSV", "Download JSON"]


def test_a_hand_written_query_is_named_after_itself():
    from careerpath.app.shared import query_name

    name = query_name(f"PREFIX cp: <{CP}>\n{ROLES}")
    assert name.startswith("select-r-where-r-a-cp-role-") and len(name) == len("select-r-where-r-a-cp-role-") + 6
    assert query_name(ROLES + " LIMIT 5") != name  # two queries never share a name
