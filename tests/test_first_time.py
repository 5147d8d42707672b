"""A profile asked for the first time (issue 18 item 6): the targets ``options`` plans, whatever
the profile, are a table kept beside the compiled cache, the same as the graph gives and made
anew when the data change; cache rows are found by their names alone; the program ends without
the interpreter's finalization only when nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerpath.graph.core import CareerGraph
from careerpath.graph.loading import cache
from careerpath.graph.planning.options import _kept_targets, _targets
from tests.conftest import warm_cache_copy


def test_the_kept_targets_table_is_what_the_graph_gives(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(warm_cache_copy(tmp_path / "c")))
    cg = CareerGraph.load()
    built = _kept_targets(cg)  # made and kept
    assert list((tmp_path / "c").glob("*.options_targets.jsonl"))
    read = _kept_targets(CareerGraph.load())  # read back
    assert built == read == _targets(cg) and len(built) > 100


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
            targets = _kept_targets(cg)
            assert [cg.label(iri) for iri, _ in targets if iri.endswith("/test-role")] == [label]


def test_rows_are_found_by_name_alone(tmp_path):
    rows = {"a": [1], "b\tc": {"x": '\n"a"\t'}, "end": "not the last line", "c": (2, frozenset({"a"}))}
    assert cache.write("k", rows, tmp_path)
    entry = cache.open_entry("k", tmp_path)
    for name, value in rows.items():
        assert name in entry and entry.get(name) == value
    assert "d" not in entry and entry.get("d") is None and entry.all() == rows
    many = {f"row{n}": [n, "row"] for n in range(100)}  # a table of many small rows: searched, not indexed
    assert cache.write("m", many, tmp_path)
    entry = cache.open_entry("m", tmp_path)
    assert all(entry.get(name) == value for name, value in many.items()) and "row" not in entry
    blob = (tmp_path / "k.json").read_bytes()
    cut = blob.replace(b'\n"c"\t', b'\n"c"')  # a row line without its tab: that row is not found, nothing hangs
    assert "c" not in cache.Entry(Path("k.json"), cut)


@pytest.mark.parametrize(
    "argv, callbacks, threads, quick",
    [
        (["route", "--to", "CMA"], 0, 1, True),
        (["options"], 0, 1, True),
        (["route", "--to", "CMA"], 1, 1, False),  # something registered to run at exit: it runs
        (["route", "--to", "CMA"], 0, 2, False),  # another thread: the usual exit waits for it
        (["show", "CMA"], 0, 1, False),  # not a command known to hold nothing open
        ([], 0, 1, False),
    ],
)
def test_the_program_skips_finalization_only_when_nothing_is_lost(monkeypatch, argv, callbacks, threads, quick):
    import atexit
    import os
    import sys
    import threading

    from careerpath.graph import cli

    ended = []
    monkeypatch.setattr(sys, "argv", ["careerpath", *argv])
    monkeypatch.setattr(cli, "main", lambda: 3)
    monkeypatch.setattr(atexit, "_ncallbacks", lambda: callbacks, raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: threads)
    monkeypatch.setattr(os, "_exit", lambda code: ended.append(("quick", code)))
    with pytest.raises(SystemExit) as done:
        cli.run()  # the patched os._exit returns: the usual exit follows it here
    assert ended == ([("quick", 3)] if quick else []) and done.value.code == 3
