"""Shared fixtures: the real shipped graph, loaded once, and a CLI runner."""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from careerpath import ontology
from careerpath.graph.core import CareerGraph

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
D = "https://w3id.org/careerpath/data/"
CP = "https://w3id.org/careerpath/ontology#"
PREFIXES = f"""
PREFIX cp: <{CP}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX cert: <{D}cert/>
PREFIX route: <{D}route/>
PREFIX role: <{D}role/>
PREFIX org: <{D}org/>
PREFIX kind: <{D}kind/>
PREFIX setting: <{D}setting/>
PREFIX stat: <{D}statistic/>
PREFIX src: <{D}source/>
"""


@pytest.fixture(scope="session")
def cg() -> CareerGraph:
    """The shipped graph, loaded once per test session (read-only)."""
    return CareerGraph.load()


def warm_cache_copy(folder: Path) -> Path:
    """Make ``folder`` a cache folder holding the compiled entry of the shipped data, copied
    from the worker's own folder (built there first if it is missing), and return it: for
    tests of what a command does with a cache already there, without a cold build of their own."""
    from careerpath.graph.loading import cache
    from careerpath.graph.loading.rdf import default_data_files

    CareerGraph.load()  # the worker's folder holds the entry from here on
    key = cache.cache_key([ontology.ONTOLOGY_FILE, ontology.SHAPES_FILE, *default_data_files()])
    entry = cache.cache_dir() / f"{key}{cache.SUFFIX}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(entry, folder / entry.name)
    return folder


@pytest.fixture(scope="session")
def loaded_stores(tmp_path_factory):
    """The shipped graph on each kind of store, each loaded once per worker when first asked
    for, and closed at the session's end: ``loaded_stores(kind)`` gives the ``CareerGraph``.
    Kinds: ``memory`` (Oxigraph in memory, the default), ``rdflib``, ``oxigraph`` (a temporary
    folder loaded from the files), ``oxigraph:DIR`` (a folder loaded by ``careerpath load --into
    DIR``) and ``sparql`` (an ``oxigraph serve`` loaded over HTTP by ``careerpath load --into
    URL``). The tests only read them (the SPARQL tests check that updates are refused). Tests
    using it share one worker (``pytest_collection_modifyitems``), so each store is loaded once
    in the run, whatever the order the tests come in; with a store per module and parameter, a
    shuffled order loaded the server-backed ones again and again."""
    from tests.stores import OxigraphServer

    made: dict[str, CareerGraph] = {}
    closing: list = []

    def get(kind: str) -> CareerGraph:
        if kind in made:
            return made[kind]
        if kind in ("memory", "rdflib", "oxigraph"):
            loaded = CareerGraph.load(store=kind)
            if kind == "oxigraph":
                closing.append(loaded.store.close)
        elif kind == "oxigraph:DIR":
            folder = tmp_path_factory.mktemp("oxigraph-dir")
            result = run_cli("load", "--into", str(folder))
            assert result.returncode == 0, result.stderr
            loaded = CareerGraph.load(store=f"oxigraph:{folder}")
            closing.append(loaded.store.close)
        elif kind == "sparql":
            server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-server"))
            closing.append(server.stop)
            result = run_cli("load", "--into", server.store_url)
            assert result.returncode == 0, result.stderr
            loaded = CareerGraph.load(store=f"sparql:{server.query_url}")
        else:
            raise ValueError(kind)
        made[kind] = loaded
        return loaded

    yield get
    for close in reversed(closing):
        close()


@pytest.fixture(scope="session")
def sparql(cg):
    """Run a SELECT on the shipped graph; rows as tuples of Python values."""

    def run(query: str) -> list[tuple]:
        return [tuple(v.toPython() if v is not None else None for v in row) for row in cg.rdf.query(PREFIXES + query)]

    return run


@pytest.fixture(scope="session")
def ask(cg):
    """ASK whether a graph pattern holds on the shipped graph."""

    def run(pattern: str) -> bool:
        return bool(cg.rdf.query(PREFIXES + f"ASK {{ {pattern} }}").askAnswer)

    return run


def data_fingerprint() -> str:
    """A hash of every file under ontology/: tests assert it never changes."""
    digest = hashlib.sha256()
    for path in sorted(ontology.HERE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture()
def unchanged_data():
    """Fails the test if it changed any file of the ontology package."""
    before = data_fingerprint()
    yield
    assert data_fingerprint() == before, "the data files changed"


def run_cli(
    *args: str, env: dict | None = None, cwd: Path | None = None, process: bool = False
) -> subprocess.CompletedProcess:
    """Run the real ``careerpath`` command line from the project's folder.

    By default its ``main`` runs in this process, as the command runs it once Python has
    started (its output captured, ``SystemExit`` taken as the exit code): the same parser,
    loading, planning and printing, without a new interpreter's half second. With
    ``process=True``, or an ``env`` or ``cwd`` of its own, it runs as a fresh
    ``python -m careerpath.graph.cli``: what only a new process shows (start-up, imports,
    environment, exit status) is tested that way, in test_cli.py, test_startup.py,
    test_cache.py and test_processes.py.
    """
    if process or env is not None or cwd is not None:
        return subprocess.run(
            [sys.executable, "-m", "careerpath.graph.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=cwd or ROOT,
            timeout=120,
        )
    from careerpath.graph.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's usage errors and --help
            code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    return subprocess.CompletedProcess(["careerpath", *args], code, out.getvalue(), err.getvalue())
