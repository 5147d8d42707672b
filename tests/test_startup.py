"""Start-up for every command (issue 18 item 6): with the compiled cache warm, ``show``,
``sources``, ``query`` and ``list`` read what the cache keeps (one row of ``show``'s table,
``sources``' tables, the graph persisted in the cache folder) and import neither rdflib nor
NetworkX, judged by what is imported rather than by a clock; what they print is what the
parsed graph gives; and the new entries keep the cache's rules (checked, rebuilt when wrong,
never next to the data)."""

from __future__ import annotations

import functools
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careerpath.graph.cli import main
from careerpath.graph.core import CareerGraph
from careerpath.graph.loading import cache
from careerpath.graph.presenting.describe import describe, shown_table
from careerpath.graph.presenting.provenance import summary_from_tables, tables
from careerpath.graph.querying import curated_queries
from tests.conftest import ROOT

PROBE = """
import sys, io, contextlib
from careerpath.graph import cli
sys.argv = ['careerpath', *{args!r}]
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = cli.main()
assert code == 0, code
print(sorted(m for m in ('rdflib', 'networkx') if m in sys.modules))
"""


def probe(args: list[str], env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture()
def warm_folder() -> str:
    """The worker's own cache folder (``conftest.py``), kept from test to test and run to run:
    whichever test first needs an entry builds it there, as a person's first command does."""
    return os.environ[cache.CACHE_ENV]


@functools.cache
def _graph_with_the_cache_off() -> CareerGraph:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cache.CACHE_ENV, "off")
        return CareerGraph.load()


@pytest.fixture()
def the_service(monkeypatch):
    """Call to make the next commands run as with ``CAREERPATH_CACHE=off`` (the parsed graph and
    the SPARQL service over its store), on one such graph per worker rather than a new parse
    of ~1 s per command: the loaded graph is only read."""

    def use() -> None:
        monkeypatch.setenv(cache.CACHE_ENV, "off")
        for module in ("careerpath.graph.cli.sparql", "careerpath.graph.cli.facts"):
            monkeypatch.setattr(f"{module}.load", _graph_with_the_cache_off)

    return use


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["show", "CMA"],
        ["show", "org:nha", "--json"],
        ["sources"],
        ["sources", "--json", "--weak", "--older-than", "3"],
        ["query", "--name", "outlook"],
        ["query", "--name", "eligibility-routes", "--bind", "certification=NCMA", "--format", "json"],
        ["query", "-e", "CONSTRUCT { ?c cp:administeredBy ?o } WHERE { ?c cp:administeredBy ?o }"],
        ["list", "--kind", "role"],
        ["route", "--to", "pharmacy tech"],
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_a_warm_cache_answers_without_rdflib_or_networkx(warm_folder, args):
    env = {**os.environ, cache.CACHE_ENV: str(warm_folder)}
    probe(args, env)  # cold: builds what the command keeps
    assert probe(args, env) == "[]", f"imported on a warm cache: {args}"


@pytest.mark.parametrize("args", [["eligible", "--have", "high school diploma"], ["eligible", "--json"]])
def test_eligible_answers_without_the_route_views(warm_folder, args):
    """``eligible``'s text and JSON need none of the route views (a dozen classes to make), nor
    the wages, nor the name index (a name is read from the cache's ``named`` table): asked for
    the first time (the kept answers removed), it imports none of their modules."""
    env = {**os.environ, cache.CACHE_ENV: str(warm_folder)}
    unused = ("presenting.route_view", "loading.market", "loading.lookup")
    script = PROBE + f"print(any('careerpath.graph.' + m in sys.modules for m in {unused!r}))\n"
    for _ in range(2):  # the first may build the compiled cache
        for kept in Path(warm_folder).glob("*.answer_*"):
            kept.unlink()
        done = subprocess.run(
            [sys.executable, "-c", script.format(args=args)], capture_output=True, text=True, env=env, cwd=ROOT
        )
        assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "False"], done.stdout


# ---------------------------------------------------------------------- what is printed
def test_the_show_table_holds_what_describe_gives(cg):
    table = shown_table(cg)
    assert set(table) == set(cg.names.types)
    kinds = ("Certification", "Role", "EducationProgram", "Source", "Organization", "Disagreement")
    chosen = [i for i in sorted(table) if any(k in c for c in cg.names.types[i] for k in kinds)]
    random.Random(18).shuffle(chosen)
    for iri in chosen[:150] + [i for i in table if table[i]["disagreements"]][:30]:
        assert table[iri]["description"] == describe(cg.rdf, iri).to_json(), iri
        assert table[iri]["disagreements"] == cg.disagreements(iri), iri


@pytest.mark.slow
def test_show_prints_the_same_cold_warm_and_off(tmp_path, capsys, monkeypatch, unchanged_data, shared_parse):
    outputs = []
    for setting in (str(tmp_path / "c"), str(tmp_path / "c"), "off"):
        monkeypatch.setenv(cache.CACHE_ENV, setting)
        for args in (["show", "RMA work experience route"], ["show", "CPC", "--json"]):
            assert main(args) == 0
            outputs.append(capsys.readouterr().out)
    assert outputs[0:2] == outputs[2:4] == outputs[4:6]
    assert "where sources disagree" in outputs[0] and json.loads(outputs[1])["figure_weights"]["cost"]


def test_sources_tables_give_every_listing(cg):
    data = tables(cg.rdf)
    assert len(data["sources"]) > 100 and len(data["facts"]) > 1000
    out = summary_from_tables(data, weak=True, older_than=5)
    assert {f["kind"] for f in out["weak_facts"]} == {"weak"}
    assert all(f["figures"][f["figure"]]["kind"] == "weak" for f in out["weak_figures"])
    assert sum(out["counts"].values()) == len(out["sources"])


def _concatenated(text: str) -> dict[str, str]:
    """The variables a query makes with GROUP_CONCAT, and the separator of each."""
    out = {}
    for match in re.finditer(r"GROUP_CONCAT\s*\((.*?)\)\s*AS\s*\?(\w+)", text, re.IGNORECASE | re.DOTALL):
        separator = re.search(r"SEPARATOR\s*=\s*(\"[^\"]*\"|'[^']*')", match.group(1), re.IGNORECASE)
        out[match.group(2)] = separator.group(1)[1:-1] if separator else " "
    return out


def _normal(name: str, value: dict, concatenated: dict[str, str]) -> object:
    text = value["value"]
    if name in concatenated:  # GROUP_CONCAT's order is the engine's (SPARQL leaves it open)
        text = concatenated[name].join(sorted(text.split(concatenated[name])))
    return (value["type"], text, value.get("datatype"), value.get("xml:lang"))


@pytest.mark.slow
@pytest.mark.parametrize("question", [q.name for q in curated_queries()])
def test_a_query_answered_locally_is_the_services_answer(question, capsys, warm_folder, the_service):
    answers = []
    concatenated = _concatenated(next(q.text for q in curated_queries() if q.name == question))
    for run in ("local", "local", "service"):  # the first builds the persisted store if the worker has none
        if run == "service":
            the_service()
        assert main(["query", "--name", question, "--format", "json"]) == 0
        body = json.loads(capsys.readouterr().out)
        rows = sorted(
            tuple(sorted((k, _normal(k, v, concatenated)) for k, v in b.items()))
            for b in body.get("results", {}).get("bindings", [])
        )
        answers.append((body["head"].get("vars"), rows, body.get("boolean"), body["truncated"]))
    assert answers[0] == answers[1] == answers[2]


def test_query_tables_label_iris_as_the_service_does(capsys, warm_folder, the_service):
    outputs = []
    query = "SELECT ?c ?body WHERE { ?c cp:administeredBy ?body } ORDER BY ?c ?body"
    for run in ("local", "service"):
        if run == "service":
            the_service()
        assert main(["query", "-e", query]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert "Certified Medical Assistant (cert:cma)" in outputs[0]


def test_the_persisted_store_holds_the_superclass_types(capsys, monkeypatch, tmp_path, shared_parse, the_service):
    """``?r a cp:Role`` finds the advancement roles too, from the persisted store as from the service."""
    outputs = []
    query = "SELECT ?r WHERE { ?r a cp:Role } ORDER BY ?r"
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "c"))
    for run in ("cold", "warm", "service"):  # a new folder, the same folder (local), the service
        if run == "service":
            the_service()
        assert main(["query", "-e", query, "--format", "csv"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2]
    assert "lead-medical-assistant" in outputs[1], outputs[1][:500]


# ---------------------------------------------------------------------- the cache's rules
def _query(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careerpath.graph.cli", "query", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


@pytest.mark.slow
def test_the_persisted_store_is_checked_and_rebuilt(tmp_path, unchanged_data):
    folder = tmp_path / "cache"
    env = {**os.environ, cache.CACHE_ENV: str(folder)}
    first = _query(env, "--name", "outlook", "--format", "csv")
    assert first.returncode == 0, first.stderr
    (store,) = folder.glob(f"*{cache.STORE_SUFFIX}")
    assert store.is_dir() and folder in store.parents
    (manifest,) = folder.glob(f"*.store{cache.EXTRA_SUFFIX}")
    manifest.write_bytes(manifest.read_bytes().replace(b'"triples"', b'"triplez"'))  # fails its checksum
    again = _query(env, "--name", "outlook", "--format", "csv")
    assert again.returncode == 0 and again.stdout == first.stdout, again.stderr
    for path in store.iterdir():  # a store whose files are garbage
        if path.is_file():
            path.write_bytes(b"not a store")
    again = _query(env, "--name", "outlook", "--format", "csv")
    assert again.returncode == 0 and again.stdout == first.stdout, again.stderr
    assert not any(p.name.endswith(cache.STORE_SUFFIX) for p in ROOT.rglob("*") if "ontology" in p.parts)


@pytest.mark.slow
def test_a_corrupt_row_of_the_show_table_is_rebuilt(tmp_path, monkeypatch, capsys, shared_parse):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    assert main(["show", "CMA", "--json"]) == 0
    first = capsys.readouterr().out
    (table,) = tmp_path.glob(f"*.show{cache.EXTRA_SUFFIX}")
    blob = bytearray(table.read_bytes())
    at = blob.index(b'"https://w3id.org/careerpath/data/cert/cma"\t')
    blob[at + 200] ^= 0x20  # one flipped byte inside the row: its checksum fails
    table.write_bytes(bytes(blob))
    assert main(["show", "CMA", "--json"]) == 0
    assert capsys.readouterr().out == first
    assert cache.read_row(table.name.split(".")[0], "show", "https://w3id.org/careerpath/data/cert/cma", tmp_path)[0]
    table.write_bytes(table.read_bytes()[:-20])  # cut short: no end line
    assert cache.open_entry(table.name.split(".")[0], tmp_path, name="show") is None
    assert not table.exists()


@pytest.mark.slow
def test_with_the_cache_off_nothing_is_written(tmp_path, monkeypatch, capsys, shared_parse):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for args in (["show", "CMA"], ["sources"], ["query", "--name", "outlook"]):
        assert main(args) == 0
    capsys.readouterr()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_a_local_query_stops_at_its_time_limit(warm_folder):
    env = {**os.environ, cache.CACHE_ENV: warm_folder}
    assert _query(env, "--name", "outlook").returncode == 0  # warm: the store is built (if the worker had none)
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    start = time.monotonic()
    done = _query(env, "-e", heavy, "--timeout", "1")
    assert done.returncode == 1 and "stopped after 1 s" in done.stderr, done.stderr
    assert time.monotonic() - start < 30


def test_the_cache_keeps_each_entry_under_its_key(tmp_path):
    assert cache.write("k", {"a": 1, "b": (2, frozenset({"x"}))}, tmp_path)
    entry = cache.open_entry("k", tmp_path)
    assert entry is not None and "a" in entry and "c" not in entry
    assert entry.get("b") == (2, frozenset({"x"})) and entry.get("c") is None
    assert cache.read("k", tmp_path, check=lambda v: True) == {"a": 1, "b": (2, frozenset({"x"}))}
    assert cache.write("k", {"row": [1, 2]}, tmp_path, name="extra")
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["k.extra.jsonl", "k.json"]


# ---------------------------------------------------------------------- answers kept per profile
@pytest.mark.slow
def test_options_and_eligible_print_the_same_kept_or_not(tmp_path, capsys, monkeypatch, unchanged_data, shared_parse):
    """The first run computes and keeps the answer, the second reads it (a re-sort too), the
    third has no cache: all print the same."""
    kept = tmp_path / "c"
    profile = ["--have", "medical assistant", "--experience", "medical assistant=2", "--state", "WA"]
    runs = [
        ["options", *profile, "--json"],
        ["options", *profile, "--sort", "wage"],
        ["eligible", "--have", "high school diploma@2015", "--as-of", "2024-06-01", "--json"],
    ]
    outputs = []
    for setting in (str(kept), str(kept), "off"):
        monkeypatch.setenv(cache.CACHE_ENV, setting)
        for args in runs:
            assert main(args) == 0
            outputs.append(capsys.readouterr().out)
    assert outputs[0:3] == outputs[3:6] == outputs[6:9]
    assert len(list(kept.glob("*.answer_*.jsonl"))) == 2, "one answer per profile, whatever the sort or format"


@pytest.mark.slow
def test_a_kept_answer_follows_the_data(tmp_path, capsys, monkeypatch):
    """An answer is kept under the data's cache key: a changed data file is answered anew."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "c"))
    extra = tmp_path / "extra"
    extra.mkdir()
    monkeypatch.setenv("CAREERPATH_DATA", str(extra))
    for label, other in (("Zebra keeper", "Lion tamer"), ("Lion tamer", "Zebra keeper")):
        (extra / "domain.ttl").write_text(
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            "@prefix cp: <https://w3id.org/careerpath/ontology#> .\n"
            f'<https://w3id.org/careerpath/data/role/test-role> a cp:Role ; rdfs:label "{label}"@en .\n'
        )
        for _ in range(2):  # computed, then read back
            assert main(["options", "--have", "high school diploma"]) == 0
            out = capsys.readouterr().out
            assert label in out.splitlines()[-1] and other not in out  # "No route from here: ..."
