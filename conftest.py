"""The test session's settings, for every test and doctest (``tests/``, ``graph/``, ``ontology/``).

Each pytest-xdist worker (``gw0``, ``gw1``...) gets its own compiled-cache folder, so workers
never build or remove each other's entries while they run side by side; a run without xdist
uses one more folder. They live under the user's cache folder (``careerpath-tests/``), kept from
run to run: a second run with the same code and data starts warm. ``CAREERPATH_CACHE`` set by
the caller wins (``off`` tests the suite without a cache).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import pytest

# Bytecode is written even where PYTHONDONTWRITEBYTECODE is set (as on the CI machine): pytest
# then keeps its rewritten test modules (3.8 s of each worker's 6 s collection otherwise), and the
# hundreds of `careerpath` processes and apps the tests start read careerpath's compiled modules,
# as an installed careerpath does, instead of compiling them each time. (__pycache__ is ignored by git.)
sys.dont_write_bytecode = False

from careerpath.graph.loading import rdf  # noqa: E402 (after the setting above)


def pytest_configure(config) -> None:
    controller = getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput")
    if controller or "CAREERPATH_CACHE" in os.environ:  # xdist's controller runs no test; its workers inherit
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    os.environ["CAREERPATH_CACHE"] = str(base / "careerpath-tests" / worker)


def pytest_xdist_auto_num_workers(config) -> int | None:
    """``-n auto``: half as many workers again as cores (2 cores: 3 workers). A third of the
    suite's time is spent waiting (the browser tests wait on Streamlit's reruns and Chromium, the
    server tests on their servers), and one more worker fills the cores meanwhile: 6 min 30 s
    with 2 workers, 5 min 10 s with 3 on the 2-core machine (2026-12-03). xdist's own
    ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still wins."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(2, cores + (cores + 1) // 2)


_load_graph = rdf.load_graph


@functools.cache
def _shipped(files: tuple, with_ontology: bool):
    return _load_graph(list(files), with_ontology=with_ontology)


def share_the_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``load_graph()`` of the shipped files return one parse per worker (rdflib's parse of
    the shipped Turtle is ~1 s of one core, and the same every time). Only for callers that read
    the graph and never change it; other files parse as they always do."""

    def load_graph(data_files=None, *, with_ontology: bool = True):
        files = tuple(rdf.default_data_files() if data_files is None else data_files)
        if files == tuple(rdf.default_data_files()):
            return _shipped(files, with_ontology)
        return _load_graph(data_files, with_ontology=with_ontology)

    monkeypatch.setattr(rdf, "load_graph", load_graph)


@pytest.fixture(autouse=True)
def _examples_parse_the_shipped_graph_once(request, monkeypatch):
    """Doctests (the Examples of ``graph/``) that call ``load_graph()`` on the shipped data share
    one parse per worker: every such example reads the graph, none changes it."""
    if isinstance(request.node, pytest.DoctestItem):
        share_the_parse(monkeypatch)


@pytest.fixture()
def shared_parse(monkeypatch) -> None:
    """Opt in to one parse of the shipped Turtle per worker (``share_the_parse``): for tests of
    what is done with the parsed graph (the cache's cold path, ``CAREERPATH_CACHE=off``), which
    read the graph and never change it."""
    share_the_parse(monkeypatch)


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which reads the marks into the test's name
def pytest_collection_modifyitems(config, items) -> None:
    """Under xdist, the tests that share a module-scoped fixture (an app, a browser, a server)
    run on one worker, so that the fixture starts once, not once per worker; so do the tests of
    the session's stores (``loaded_stores``)."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        if "loaded_stores" in info.name2fixturedefs:  # the stores of tests/conftest.py, loaded once per worker
            item.add_marker(pytest.mark.xdist_group("stores"))
            continue
        if any(defs and defs[-1].scope == "module" for defs in info.name2fixturedefs.values()):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
