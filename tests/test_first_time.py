"""A profile asked for the first time (issue 18 item 6): what ``options`` reads of the graph
whatever the profile is a table kept beside the compiled cache, the same as the graph gives and
made anew when the data change; cache rows are found by their names alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerpath.graph.core import CareerGraph
from careerpath.graph.loading import cache
from careerpath.graph.planning.options import _kept_table, _targets
from tests.conftest import warm_cache_copy


def test_the_kept_targets_table_is_what_the_graph_gives(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(warm_cache_copy(tmp_path / "c")))
    cg = CareerGraph.load()
    built = _kept_table(cg)  # made and kept
    assert list((tmp_path / "c").glob("*.options_targets.jsonl"))
    read = _kept_table(CareerGraph.load())  # read back
    targets = _targets(cg)
    roles = {iri: cg.market[iri] for iri, kind in targets if kind == "role" and iri in cg.market}
    assert built == read == (targets, roles)
    assert len(targets) > 100 and len(roles) > 50


@pytest.mark.slow
def test_the_kept_targets_table_follows_the_data(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "c"))
    extra = tmp_path / "extra"
    extra.mkdir()
    monkeypatch.setenv("CAREERPATH_DATA", str(extra))
    for label in ("Zebra keeper", "Lion tamer"):
        (extra / "domain.ttl").write_text(
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            "@prefix cp: <https://w3id.org/careerpath/ontology#> .\n"
            f'<https://w3id.org/careerpath/data/role/test-role> a cp:Role ; rdfs:label "{label}"@en .\n'
        )
        for _ in range(2):  # made, then read back
            cg = CareerGraph.load()
            targets, _ = _kept_table(cg)
            assert [cg.label(iri) for iri, _ in targets if iri.endswith("/test-role")] == [label]


def test_rows_are_found_by_name_alone(tmp_path):
    rows = {"a": [1], "b\tc": {"x": '\n"a"\t'}, "end": "not the last line", "c": (2, frozenset({"a"}))}
    assert cache.write("k", rows, tmp_path)
    entry = cache.open_entry("k", tmp_path)
    for name, value in rows.items():
        assert name in entry and entry.get(name) == value
    assert "d" not in entry and entry.get("d") is None and entry.all() == rows
    blob = (tmp_path / "k.json").read_bytes()
    cut = blob.replace(b'\n"c"\t', b'\n"c"')  # a row line without its tab: that row is not found, nothing hangs
    assert "c" not in cache.Entry(Path("k.json"), cut)
