"""Shared fixtures: the real shipped graph, loaded once, and a CLI runner."""

from __future__ import annotations

import hashlib
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


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real ``careerpath`` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "careerpath.graph.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or ROOT,
        timeout=120,
    )
