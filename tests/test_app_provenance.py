"""The Data page's provenance section, run with streamlit.testing on the real graph."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from careerpath.graph.presenting import provenance as prov
from tests.test_app import APP, SECTIONS

D = "https://w3id.org/careerpath/data/"


# ---------------------------------------------------------------------- the Data page
def test_data_page_shows_weights_weak_and_old_facts(cg):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["tab"] = "Sources"  # only the open tab runs
    at.switch_page(str(SECTIONS / "data.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    sources = prov.list_sources(cg.rdf)
    for kind in prov.KINDS:
        assert int(metrics[f"{kind.capitalize()} sources"]) == sum(1 for s in sources if s.kind == kind)
    weak_ids = {f.id for f in prov.weak_facts(cg.rdf)}
    frames = [f.value for f in at.dataframe]
    assert any("id" in f.columns and set(f["id"]) == weak_ids for f in frames)
    markdown = "\n".join(m.value for m in at.markdown)
    assert f"**{len(weak_ids)} fact(s) rest only on weak sources**" in markdown
    # figures (a fee, a duration) weaker than the fact they belong to, listed apart
    pairs = [(f.id, name) for f, name in prov.weak_figures(cg.rdf) if f.weight.kind != "weak"]
    assert (D + "cert/cpc", "cost") in pairs
    assert any("figure" in f.columns and sorted(f["id"]) == sorted(i for i, _ in pairs) for f in frames)
    assert f"**{len(pairs)} more figure(s) rest only on weak sources**" in markdown

    at.number_input(key="data_older_than").set_value(3.0).run()
    assert not at.exception
    older = prov.older_facts(cg.rdf, 3)
    assert f"**{len(older)} fact(s) whose newest source is older than 3 year(s)**" in "\n".join(
        m.value for m in at.markdown
    )
