"""Issue 21's hostile table: each case against a real ``careerpath serve`` (Oxigraph in memory,
and rdflib for the regex), with its answer, how long it took, the median of three ASKs from
another client sent while the attack is under way, and the server's memory (the process and its
workers) after the large-result cases.

    python benchmarks/bench_hostile.py [--timeout 10]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import socket
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.endpoint import Serve, ask_seconds, closed_after, get, raw, tree_rss_mb  # noqa: E402
from tests.hostile import (  # noqa: E402
    BIG_CONSTRUCT,
    BIG_SELECT,
    CROSS_JOIN,
    HTTP,
    REGEX_BOMB,
    REGEX_BOMB_2,
    SURROGATE,
)


def asks_during(port: int, attack, settle: float = 0.3) -> tuple[object, float]:
    """Run ``attack()`` in a thread; meanwhile the median of three ASKs from another client."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        future = pool.submit(attack)
        time.sleep(settle)
        asks = sorted(ask_seconds(port, source="127.0.0.77") for _ in range(3))
        return future.result(), asks[1]


def row(case: str, result: str, seconds: float, ask: float, extra: str = "") -> None:
    print(f"| {case} | {result} | {seconds:.2f} s | {ask * 1000:.0f} ms | {extra} |", flush=True)


def http_cases(port: int) -> None:
    for case, (text, _) in HTTP.items():
        data = text.replace("{q}", urllib.parse.quote("ASK { ?s ?p ?o }")).encode("latin-1")
        got, ask = asks_during(port, lambda d=data: raw(port, d), settle=0.0)
        server = got.headers.get("server", "")
        row(case, f"{got.status}", got.seconds, ask, f"Server: {server}" if "Server" in case else "")
    for case, data in (("idle socket", b""), ("half a request head", b"GET /sparql?query=ASK HTTP/1.1\r\nHost:")):
        seconds, ask = asks_during(port, lambda d=data: closed_after(port, d, 60), settle=0.5)
        row(case, "closed by the server" if seconds else "still open", seconds or 60, ask)
    before = tree_rss_mb(PROCESS_PID[0])
    text, _ = HTTP["Content-Length: 2000000000, no body"]
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        statuses = [a.status for a in pool.map(lambda _: raw(port, text.encode()), range(3))]
    row(
        "three 2 GB Content-Lengths at once",
        str(statuses),
        time.monotonic() - start,
        ask_seconds(port),
        f"memory {before:.0f} -> {tree_rss_mb(PROCESS_PID[0]):.0f} MB",
    )
    sent, start = 0, time.monotonic()

    def chunked() -> int:
        nonlocal sent
        chunk = b"x" * 65536
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
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
        return sent

    _, ask = asks_during(port, chunked, settle=0.05)
    row("400 MB chunked body", f"400 and closed after {sent / 1e6:.1f} MB", time.monotonic() - start, ask)


PROCESS_PID = [0]


def query_cases(port: int, rdflib_port: int, timeout: float) -> None:
    for store, p in (("memory", port), ("rdflib", rdflib_port)):
        (status, seconds, _), ask = asks_during(p, lambda p=p: get(p, SURROGATE), settle=0.0)
        row(f'BIND("\\uD800") ({store})', str(status), seconds, ask)
    for name, query in (("REGEX ^(a+)+$ (rdflib)", REGEX_BOMB), ("REGEX ^(a|aa)+$ (rdflib)", REGEX_BOMB_2)):
        (status, seconds, _), ask = asks_during(rdflib_port, lambda q=query: get(rdflib_port, q))
        row(name, str(status), seconds, ask)
    (status, seconds, _), ask = asks_during(port, lambda: get(port, CROSS_JOIN))
    row("one cross join", str(status), seconds, ask)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        start = time.monotonic()
        heavy = [pool.submit(get, port, CROSS_JOIN, source=f"127.0.0.{2 + i}") for i in range(4)]
        time.sleep(0.5)
        asks = sorted(ask_seconds(port, source="127.0.0.6") for _ in range(5))
        statuses = [f.result()[0] for f in heavy]
    row(
        "four clients' cross joins, ASK from a fifth",
        str(statuses),
        time.monotonic() - start,
        asks[2],
        f"ASKs: {', '.join(f'{a * 1000:.0f}' for a in asks)} ms",
    )
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        start = time.monotonic()
        heavy = [pool.submit(get, port, CROSS_JOIN) for i in range(4)]
        time.sleep(0.5)
        asks = sorted(ask_seconds(port) for _ in range(5))
        statuses = [f.result()[0] for f in heavy]
    row(
        "four cross joins and the ASK from one address",
        str(statuses),
        time.monotonic() - start,
        asks[2],
        f"ASKs: {', '.join(f'{a * 1000:.0f}' for a in asks)} ms",
    )
    for name, query, accept in (
        ("CONSTRUCT of every pair of triples", BIG_CONSTRUCT, "application/n-triples"),
        ("SELECT of every pair of triples", BIG_SELECT, "text/csv"),
    ):
        before = tree_rss_mb(PROCESS_PID[0])
        (status, seconds, body), ask = asks_during(port, lambda q=query, a=accept: get(port, q, accept=a))
        time.sleep(1)
        row(
            name,
            f"{status}, {len(body.splitlines()):,} lines",
            seconds,
            ask,
            f"memory {before:.0f} -> {tree_rss_mb(PROCESS_PID[0]):.0f} MB after",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()}, {os.cpu_count()} cores, time limit {args.timeout:g} s\n")
    served = Serve(timeout=args.timeout)
    rdflib_served = Serve(store="rdflib", timeout=args.timeout)
    PROCESS_PID[0] = served.process.pid
    try:
        quiet = sorted(ask_seconds(served.port) for _ in range(9))[4]
        print(f"an ASK on the quiet server: {quiet * 1000:.1f} ms (median of 9)\n")
        print("| case | answer | time | ASK from another client meanwhile | note |")
        print("|---|---|---|---|---|")
        http_cases(served.port)
        query_cases(served.port, rdflib_served.port, args.timeout)
    finally:
        served.stop()
        rdflib_served.stop()
    print(f"\nload average {os.getloadavg()}")


if __name__ == "__main__":
    main()
