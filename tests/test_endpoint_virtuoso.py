"""Issue 21 item 8: Virtuoso Open-Source (Debian's ``virtuoso-opensource``) as a second real
SPARQL engine. The test starts it on loopback in a folder of its own, loads the exported data,
and checks every curated question gives the same answers through ``CAREERPATH_STORE=sparql:URL``
as the embedded store; then ``careerpath serve`` in front of it.

Three differences between the engines are compared in a normal form rather than skipped:
Virtuoso writes an ``xsd:duration`` as its seconds (``"10800.0"`` for ``PT3H``, the same value)
and an ``xsd:boolean`` as the integer 1 or 0 (Virtuoso stores booleans as integers: a known
departure from the specification), and ``GROUP_CONCAT``'s order and language tag are left to
the engine (SPARQL 1.1 gives no order, and a simple literal)."""

from __future__ import annotations

import decimal
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import rdflib

from careerpath.graph.loading.stores import RemoteStore
from careerpath.graph.querying import QueryService, curated_queries
from tests.endpoint import Serve, free_port, get

pytestmark = pytest.mark.server

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
GRAPH = "urn:careerpath"
INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 30
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, cg):
    if not (VIRTUOSO and ISQL):
        pytest.skip("Virtuoso is not installed: apt-get install virtuoso-opensource (.ci/run does)")
    folder: Path = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql=sql, http=http))
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{http}/sparql"
        end = time.monotonic() + 180  # a new database takes seconds to create, more on a busy machine
        while True:
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=5):
                    break
            except OSError:
                if time.monotonic() > end or process.poll() is not None:
                    log = (folder / "virtuoso.log").read_text()[-2000:]
                    raise RuntimeError(f"Virtuoso did not start: {log}") from None
                time.sleep(0.5)
        data = folder / "careerpath.nt"
        cg.rdf.serialize(str(data), format="nt", encoding="utf-8")
        load = f"DB.DBA.TTLP_MT(file_to_string_output('{data}'), '', '{GRAPH}', 0); checkpoint;"
        subprocess.run(
            [ISQL, f"127.0.0.1:{sql}", "dba", "dba", f"exec={load}"], check=True, capture_output=True, timeout=300
        )
        yield f"{url}?default-graph-uri={GRAPH}"
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def _seconds(text: str) -> float | None:
    match = re.fullmatch(r"-?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?", text)
    if not match:
        return None
    d, h, m, s = (float(g or 0) for g in match.groups())
    return ((d * 24 + h) * 60 + m) * 60 + s


def normal(term) -> object:
    """One answer term in a form both engines agree on (see the module's notes)."""
    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        if term.datatype == rdflib.XSD.duration:
            seconds = _seconds(str(term))
            return ("seconds", seconds if seconds is not None else float(term))
        if "; " in str(term):  # a GROUP_CONCAT: its order and tag are the engine's
            return ("concat", tuple(sorted(str(term).split("; "))))
        value = term.toPython()
        if isinstance(value, (int, float, decimal.Decimal)):  # a boolean too: Virtuoso answers 1 and 0
            return ("number", round(float(value), 6))
        return ("literal", str(term), term.language)
    return ("iri", str(term))


def answers(service: QueryService, question) -> tuple[list[str], list]:
    result = service.run_curated(question)
    return result.vars, sorted(repr(tuple(normal(t) for t in row)) for row in result.rows)


@pytest.mark.parametrize("question", [q.name for q in curated_queries()])
def test_every_curated_question_gives_the_same_answers_on_virtuoso(virtuoso, cg, question):
    (curated,) = [q for q in curated_queries() if q.name == question]
    embedded = answers(cg.query_service(timeout=60), curated)
    remote = answers(QueryService(RemoteStore(virtuoso), timeout=60), curated)
    assert remote == embedded


def test_careerpath_serve_in_front_of_virtuoso(virtuoso):
    served = Serve(store=f"sparql:{virtuoso}", timeout=10)
    try:
        status, _, body = get(
            served.port, "SELECT ?l WHERE { <https://w3id.org/careerpath/data/cert/cma> rdfs:label ?l }"
        )
        assert status == 200 and b"Certified Medical Assistant" in body
        status, _, body = get(served.port, "DELETE WHERE { ?s ?p ?o }")
        assert status == 403
    finally:
        served.stop()
