"""``careerpath serve`` side by side with Oxigraph's own server on the same exported data and
the 17 curated questions (issue 21 item 9), loopback only, every loop bounded.

- keep-alive latency: one connection, each question in turn, the two servers alternated round
  by round (median and p95 per server; the slowest question's median);
- throughput: wrk with 8 and 32 keep-alive connections, the questions in turn (queries a
  second, and requests lost: socket errors plus answers other than 200);
- lost requests: 32 and 128 clients (threads) opening a connection per request, all started
  at once, a bounded number of requests each (answered, lost, the slowest request).

Needs ``wrk`` (Debian: ``apt-get install wrk``) and the ``oxigraph`` server (``pip install
oxigraph``, in the test extra). Prints the machine's load average before and after.

    python benchmarks/bench_endpoint.py [--rounds 20] [--seconds 10]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from careerpath.graph.core import CareerGraph  # noqa: E402
from careerpath.graph.loading.stores import _with_prefixes, _with_values  # noqa: E402
from careerpath.graph.querying import curated_queries  # noqa: E402
from tests.endpoint import free_port  # noqa: E402

ACCEPT = "application/sparql-results+json"


def questions() -> list[tuple[str, str]]:
    """The curated questions with their default parameters bound, as full query texts."""
    return [(q.name, _with_prefixes(_with_values(q.text, q.parameters))) for q in curated_queries()]


def wait(port: int, path: str, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path + "?query=ASK%7B%7D")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on {port}")


def start_servers(folder: Path) -> tuple[list[tuple[str, int, str, subprocess.Popen]], str]:
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    data = folder / "careerpath.nt"
    CareerGraph.load().rdf.serialize(str(data), format="nt", encoding="utf-8")
    subprocess.run(
        [oxigraph, "load", "--location", str(folder / "ox"), "--file", str(data)], check=True, capture_output=True
    )
    ox_port, cp_port = free_port(), free_port()
    ox = subprocess.Popen(
        [oxigraph, "serve-read-only", "--location", str(folder / "ox"), "--bind", f"127.0.0.1:{ox_port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    cp = subprocess.Popen(
        [sys.executable, "-m", "careerpath.graph", "serve", "--port", str(cp_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    wait(ox_port, "/query")
    wait(cp_port, "/sparql")
    return [("oxigraph serve-read-only", ox_port, "/query", ox), ("careerpath serve", cp_port, "/sparql", cp)], str(
        data
    )


def keep_alive(servers, texts, rounds: int) -> None:
    conns = {name: http.client.HTTPConnection("127.0.0.1", port, timeout=60) for name, port, _, _ in servers}
    times: dict[str, dict[str, list[float]]] = {name: {q: [] for q, _ in texts} for name, *_ in servers}
    for r in range(rounds):
        order = servers if r % 2 == 0 else list(reversed(servers))
        for name, _, path, _ in order:
            for q, text in texts:
                start = time.perf_counter()
                conns[name].request(
                    "GET", path + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": ACCEPT}
                )
                response = conns[name].getresponse()
                response.read()
                assert response.status == 200, (name, q, response.status)
                times[name][q].append((time.perf_counter() - start) * 1000)
    print(f"\nkeep-alive latency, one connection, {rounds} rounds x {len(texts)} questions (ms)")
    print(f"{'server':28} {'median':>8} {'p95':>8} {'slowest question (median)':>40}")
    for name, per in times.items():
        every = sorted(t for ts in per.values() for t in ts)
        slow_q = max(per, key=lambda q: statistics.median(per[q]))
        p95 = every[int(0.95 * (len(every) - 1))]
        print(
            f"{name:28} {statistics.median(every):8.2f} {p95:8.2f} {slow_q:>30} {statistics.median(per[slow_q]):8.2f}"
        )


LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Accept"] = "%s"%s})
end
"""


def wrk(port: int, path: str, texts, clients: int, seconds: int, close: bool) -> tuple[float, int, int]:
    """(requests a second, requests lost, requests made)."""
    paths = ", ".join(f'"{path}?{urllib.parse.urlencode({"query": t})}"' for _, t in texts)
    extra = ', ["Connection"] = "close"' if close else ""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % (paths, ACCEPT, extra))
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(clients),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    made = int(re.search(r"(\d+) requests in", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1])
    return rate, errors + non2xx, made


def loads(servers, texts, seconds: int) -> None:
    print(f"\nwrk, keep-alive connections, {seconds} s per run, runs alternated; lost = socket errors + non-200")
    print(f"{'server':28} {'clients':>8} {'queries/s':>10} {'lost':>6} {'made':>8}")
    for clients in (8, 32):
        for name, port, path, _ in servers:
            rate, lost, made = wrk(port, path, texts, clients, seconds, False)
            print(f"{name:28} {clients:8} {rate:10.0f} {lost:6} {made:8}")


def burst(port: int, path: str, texts, clients: int, each: int) -> tuple[int, int, float, float]:
    """``clients`` threads, each opening a new connection for each of its ``each`` requests,
    all started together: (answered 200, lost, seconds, slowest request's seconds)."""
    import concurrent.futures
    import threading

    barrier = threading.Barrier(clients)

    def client(i: int) -> tuple[int, float]:
        barrier.wait()
        ok, slowest = 0, 0.0
        for j in range(each):
            _, text = texts[(i + j) % len(texts)]
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": ACCEPT})
                response = conn.getresponse()
                response.read()
                conn.close()
                ok += response.status == 200
            except OSError:
                pass
            slowest = max(slowest, time.perf_counter() - start)
        return ok, slowest

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(client, range(clients)))
    ok = sum(r[0] for r in results)
    return ok, clients * each - ok, time.perf_counter() - start, max(r[1] for r in results)


def bursts(servers, texts) -> None:
    print("\nclients opening a connection per request, all at once (Python threads)")
    print(f"{'server':28} {'clients':>8} {'requests':>9} {'answered':>9} {'lost':>6} {'seconds':>8} {'slowest':>8}")
    for clients, each in ((32, 25), (128, 10)):
        for name, port, path, _ in servers:
            ok, lost, seconds, slowest = burst(port, path, texts, clients, each)
            print(f"{name:28} {clients:8} {clients * each:9} {ok:9} {lost:6} {seconds:8.1f} {slowest:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    print(f"load average before: {os.getloadavg()}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        servers, _ = start_servers(Path(folder))
        try:
            texts = questions()
            keep_alive(servers, texts, args.rounds)
            loads(servers, texts, args.seconds)
            bursts(servers, texts)
        finally:
            for *_, process in servers:
                process.terminate()
                process.wait(30)
    print(f"\nload average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
