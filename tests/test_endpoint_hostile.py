"""Issue 21's hostile cases against a real ``careerpath serve``: each reproduction as the
issue gives it, sent byte for byte, gets the right status without holding memory, a thread or
a worker, and an ASK from another client is answered meanwhile.

Time limits derive from what is measured here and now (an ASK on the idle server), never from
a fixed clock; the figures themselves come from ``benchmarks/bench_hostile.py``."""

from __future__ import annotations

import concurrent.futures
import json
import threading
import time
import urllib.parse

import pytest

from tests.endpoint import Serve, ask_seconds, closed_after, get, quiet_ask_seconds, raw, tree_rss_mb
from tests.hostile import BIG_CONSTRUCT, BIG_SELECT, CROSS_JOIN, HTTP, REGEX_BOMB, REGEX_BOMB_2, SURROGATE

pytestmark = pytest.mark.server

TIMEOUT = 3.0


@pytest.fixture(scope="module")
def server():
    served = Serve("--header-timeout", "2", "--keep-alive", "2", timeout=TIMEOUT)
    yield served
    served.stop()


@pytest.fixture(scope="module")
def rdflib_server():
    served = Serve(store="rdflib", timeout=TIMEOUT)
    yield served
    served.stop()


def slack(port: int) -> float:
    """What an ASK may take while the server is under attack: many times its quiet time, plus
    a GIL switch and a worker's lane slice."""
    return 20 * quiet_ask_seconds(port) + 0.5


@pytest.mark.parametrize("case", list(HTTP))
def test_each_raw_reproduction_gets_its_status(server, case):
    text, status = HTTP[case]
    data = text.replace("{q}", urllib.parse.quote("ASK { ?s ?p ?o }")).encode("latin-1")
    got = raw(server.port, data)
    assert got.status == status, (got.status, got.body)
    assert got.body or status == 204, "every answer but 204 has a body"
    assert b"Traceback" not in got.body and b"Error:" not in got.body
    assert "python" not in got.headers.get("server", "").lower()
    if status == 405:
        assert got.headers["allow"] == "GET, HEAD, POST, OPTIONS" and b"not allowed" in got.body
    if status == 204:
        assert "POST" in got.headers["access-control-allow-methods"]
        assert got.headers["access-control-allow-origin"] == "*"
    if case == "chunked body":
        assert json.loads(got.body)["boolean"] is True
    # Another client is answered at once: a server the request held makes every ASK slow, while a
    # burst of load from beside the test (other workers) slows one; so the median of three is held
    # to the quiet server's time, the slowest to the header timeout a held connection would cost.
    asks = sorted(ask_seconds(server.port) for _ in range(3))
    assert asks[1] < slack(server.port) and asks[2] < 2.0, asks


def test_huge_declared_bodies_reserve_nothing(server):
    """Three connections declaring 2 GB each, at once: each a 400 at once, memory unchanged."""
    text, _ = HTTP["Content-Length: 2000000000, no body"]
    before = tree_rss_mb(server.process.pid)
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda _: raw(server.port, text.encode()), range(3)))
    assert [a.status for a in answers] == [400] * 3
    assert all(b"too long" in a.body for a in answers)
    assert tree_rss_mb(server.process.pid) < before + 50


def test_a_400_mb_chunked_body_is_cut_off_early(server):
    """The server answers 400 and closes after reading at most a few hundred kB of it."""
    import socket

    sent = 0
    chunk = b"x" * 65536
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        try:
            while sent < 400 * 1024 * 1024:
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
    assert sent < 50 * 1024 * 1024, f"the server read {sent:,} bytes of a body it refuses"


def test_a_400_mb_sized_body_is_refused_before_it_is_read(server):
    got = raw(
        server.port,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 419430400\r\n\r\n" + b"x" * 65536,
    )
    assert got.status == 400 and b"too long" in got.body and got.headers.get("connection") == "close"


@pytest.mark.parametrize("data", [b"", b"GET /sparql?query=ASK HTTP/1.1\r\nHost:"], ids=["silent", "half a head"])
def test_idle_and_slow_sockets_are_closed(server, data):
    seconds = closed_after(server.port, data, 30)
    assert seconds is not None and seconds < 2 + 5, seconds  # --header-timeout 2, plus a busy machine


def test_a_slow_body_is_a_408_at_the_time_limit(server):
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK"
        )
        from tests.endpoint import _read_response

        got = _read_response(sock, time.monotonic() + 30)
    assert got.status == 408


@pytest.mark.parametrize("store", ["memory", "rdflib"])
def test_a_surrogate_escape_is_a_400(server, rdflib_server, store):
    port = server.port if store == "memory" else rdflib_server.port
    status, _, body = get(port, SURROGATE)
    assert status == 400 and b"surrogate" in body, body


@pytest.mark.parametrize("query", [REGEX_BOMB, REGEX_BOMB_2], ids=["(a+)+", "(a|aa)+"])
def test_the_rdflib_regex_does_not_hold_the_server(rdflib_server, query):
    port = rdflib_server.port
    limit = slack(port)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        bomb = pool.submit(get, port, query)
        time.sleep(0.3)
        meanwhile = [ask_seconds(port) for _ in range(3)]
        status, seconds, body = bomb.result()
    assert status in (200, 503), body  # the regex engine answers (a+)+ at once; (a|aa)+ is stopped
    assert seconds < TIMEOUT + limit + 1, seconds
    assert max(meanwhile) < limit + 1, (meanwhile, limit)


def test_four_heavy_clients_do_not_keep_a_fifth_waiting(server):
    """Four clients (four addresses) send cross joins; an ASK from a fifth is answered within
    a lane slice, not after the heavy queries' time limit."""
    port = server.port
    limit = slack(port)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        heavy = [pool.submit(get, port, CROSS_JOIN, source=f"127.0.0.{2 + i}") for i in range(4)]
        time.sleep(0.5)
        asks = [ask_seconds(port, source="127.0.0.6") for _ in range(5)]
        statuses = [f.result()[0] for f in heavy]
    assert statuses == [503] * 4
    # The median ASK is served in its lane; even the slowest of five never waits for a heavy
    # query's time limit (TIMEOUT), which is what a queue without lanes would make it do. On a
    # loaded machine one ASK can lose the cores for a while, so the worst is held to that, not
    # to the quiet server's time.
    assert sorted(asks)[2] < limit and max(asks) < TIMEOUT * 0.9, (asks, limit)


def test_the_time_limit_covers_the_wait_for_a_worker(server):
    """More heavy queries than workers: every one is answered 503 within its own limit,
    however long it waited for a worker."""
    port = server.port
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda i: get(port, CROSS_JOIN, source=f"127.0.1.{i + 1}"), range(8)))
    assert [a[0] for a in answers] == [503] * 8
    assert max(a[1] for a in answers) < TIMEOUT + slack(port) + 1, [round(a[1], 2) for a in answers]


@pytest.mark.parametrize(
    "query, header", [(BIG_CONSTRUCT, "careerpath-max-triples"), (BIG_SELECT, "careerpath-max-rows")]
)
def test_large_results_are_capped_and_memory_is_given_back(server, query, header):
    import urllib.request

    before = tree_rss_mb(server.process.pid)
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}/sparql?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/n-triples" if "CONSTRUCT" in query else "text/csv"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        status, headers, body = err.code, err.headers, err.read()
    if status == 200:
        assert headers["Careerpath-Truncated"] == "true"
        cap = int(headers[header])
        assert len(body.strip().splitlines()) <= cap + 1
    else:
        assert status == 503, body  # stopped at the time limit on a slow machine: also bounded
    time.sleep(0.5)
    assert tree_rss_mb(server.process.pid) < before + 150, (before, tree_rss_mb(server.process.pid))


def test_no_exception_text_in_any_answer(server):
    for query in ("SELECT * WHERE { ?s ?p }", 'SELECT (STRDT("x", <not an iri>) AS ?x) {}', "ASK { FILTER(1/0) }"):
        status, _, body = get(server.port, query)
        assert status in (200, 400), (status, body)
        assert b"Traceback" not in body and b"Exception" not in body


def test_sixteen_clients_hold_while_an_attack_runs(server):
    """Normal clients keep being served (all 200) while two clients send cross joins."""
    port = server.port
    stop = threading.Event()

    def attacker(i: int) -> None:
        while not stop.is_set():
            get(port, CROSS_JOIN, source=f"127.0.2.{i + 1}")

    with concurrent.futures.ThreadPoolExecutor(18) as pool:
        attackers = [pool.submit(attacker, i) for i in range(2)]
        normal = list(
            pool.map(
                lambda i: [get(port, "ASK { ?s ?p ?o }", source=f"127.0.3.{i + 1}")[0] for _ in range(5)], range(16)
            )
        )
        stop.set()
        for a in attackers:
            a.result()
    assert {s for batch in normal for s in batch} == {200}
