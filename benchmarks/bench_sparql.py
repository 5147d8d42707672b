"""Benchmark the SPARQL stores; prints figures (not a test).

    python benchmarks/bench_sparql.py                 # domain graph and ~1M triples
    python benchmarks/bench_sparql.py --triples 0     # domain graph only

For each store (rdflib = rdflib in memory, the baseline; memory = embedded Oxigraph in
memory, the default; oxigraph = embedded Oxigraph in a folder; sparql = an Oxigraph server
on 127.0.0.1 read over HTTP) it prints the load time, peak memory, and p50/p95 latency of
every curated question and of an exact label lookup, through the safe query service, with
the ratio to the rdflib baseline, and how many curated questions are under 20 ms at p95.
Each store runs in its own child process, so peak
memory (max RSS) is that store's alone.

The ~1M-triple graph is the domain graph copied N times with renamed data IRIs and
numbered labels, so every curated question still has the answers it has on the domain.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def make_big(target_triples: int, out: Path) -> int:
    """Write the domain graph copied until ``target_triples``, as N-Triples; return the count."""
    from careerpath.graph.loading.rdf import load_graph

    graph = load_graph()
    data = "https://w3id.org/careerpath/data/"
    base = graph.serialize(format="nt").splitlines()
    copies = max(1, target_triples // len(base))
    count = 0
    with out.open("w", encoding="utf-8") as f:
        for line in base:
            f.write(line + "\n")
            count += 1
        for n in range(1, copies):
            for line in base:
                line = line.replace(data, f"{data}c{n}/")
                if "<http://www.w3.org/2000/01/rdf-schema#label>" in line and '"@en .' in line:
                    line = line.replace('"@en .', f' #{n}"@en .')
                f.write(line + "\n")
                count += 1
    return count


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run_store(kind: str, files: list[str], repeat: int, timeout: float) -> dict:
    """Runs in a child process: load, then time every question."""
    import rdflib

    from careerpath.graph.core import CareerGraph
    from careerpath.graph.loading.stores import MemoryStore, OxigraphStore, RemoteStore, load_into
    from careerpath.graph.querying import QueryError, curated_queries

    t = time.perf_counter()
    server = None
    paths = [Path(f) for f in files]
    if kind == "rdflib":
        graph = rdflib.Graph()
        for p in paths:
            graph.parse(p, format="nt" if p.suffix == ".nt" else "turtle")
        store = MemoryStore(graph)
    elif kind == "memory":
        store = OxigraphStore(files=paths, in_memory=True, workers=1)
        store.prepare()  # start the worker and load: part of the load time
    elif kind == "oxigraph":
        folder = tempfile.mkdtemp(prefix="bench-ox-")
        load_into(folder, paths)
        store = OxigraphStore(Path(folder), workers=1)
    else:
        from stores import OxigraphServer

        folder = Path(tempfile.mkdtemp(prefix="bench-oxs-"))
        server = OxigraphServer(folder, timeout_s=int(timeout))
        load_into(server.store_url, paths)
        store = RemoteStore(server.query_url)
    load_s = time.perf_counter() - t
    service = CareerGraph(rdf=rdflib.Graph(), store=store).query_service(timeout=timeout)
    label = 'SELECT ?e WHERE { ?e rdfs:label "Registered nurse"@en }'
    questions = [(q.name, lambda q=q: service.run_curated(q)) for q in curated_queries()]
    questions.append(("(exact label lookup)", lambda: service.run(label)))
    times = {}
    for name, fn in questions:
        samples = []
        try:
            fn()  # warm up: parse and plan once
            for _ in range(repeat):
                t = time.perf_counter()
                fn()
                samples.append((time.perf_counter() - t) * 1000)
            times[name] = (percentile(samples, 0.5), percentile(samples, 0.95))
        except QueryError as err:
            times[name] = str(err).split(":")[0]
    if kind in ("oxigraph", "memory"):
        store.close()  # ends the workers, so their peak memory is counted below
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if server is not None:
        status = Path(f"/proc/{server.process.pid}/status").read_text()
        children = max(children, int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1]) / 1024)
        server.stop()
    return {"load_s": load_s, "peak_mb": peak, "children_mb": children, "times": times}


def report(title: str, results: dict) -> None:
    print(f"\n== {title}")
    for kind, r in results.items():
        print(
            f"{kind:9} load {r['load_s']:7.2f} s   peak RSS {r['peak_mb']:7.0f} MB"
            + (f" (+ store process {r['children_mb']:.0f} MB)" if kind != "rdflib" else "")
        )
    base_kind = "rdflib" if "rdflib" in results else next(iter(results))
    names = list(results[base_kind]["times"])
    header = f"{'question':38}" + "".join(f"{k + ' p50/p95 ms':>24}" for k in results)
    print(header)
    base = results[base_kind]["times"]
    for name in names:
        cells = []
        for kind, r in results.items():
            v = r["times"].get(name)
            if isinstance(v, (tuple, list)):
                ratio = ""
                if kind != base_kind and isinstance(base.get(name), (tuple, list)) and base[name][0] > 0:
                    ratio = f" x{v[0] / base[name][0]:.2f}"
                cells.append(f"{v[0]:8.1f} /{v[1]:8.1f}{ratio:>6}")
            else:
                cells.append(f"{str(v)[:22]:>22}")
        print(f"{name:38}" + "".join(f"{c:>24}" for c in cells))
    for kind, r in results.items():
        curated = {n: v for n, v in r["times"].items() if not n.startswith("(")}
        quick = [n for n, v in curated.items() if isinstance(v, (tuple, list)) and v[1] < 20]
        slowest = max(
            ((v[1], n) for n, v in curated.items() if isinstance(v, (tuple, list))), default=(float("nan"), "-")
        )
        print(
            f"{kind:9} curated questions under 20 ms p95: {len(quick)} of {len(curated)};"
            f" slowest p95 {slowest[0]:.1f} ms ({slowest[1]})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--stores", nargs="*", default=["rdflib", "memory", "oxigraph", "sparql"])
    parser.add_argument("--child", nargs=3, metavar=("KIND", "FILES", "REPEAT"), help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    if args.child:
        kind, files, repeat = args.child
        print(json.dumps(run_store(kind, json.loads(files), int(repeat), args.timeout)))
        return
    from careerpath import ontology
    from careerpath.graph.loading.rdf import default_data_files

    domain = [str(ontology.ONTOLOGY_FILE)] + [str(p) for p in default_data_files()]
    cases = [("domain graph", domain, args.repeat)]
    if args.triples:
        big = Path(tempfile.mkdtemp(prefix="bench-big-")) / "big.nt"
        n = make_big(args.triples, big)
        cases.append((f"generated graph, {n:,} triples", [str(big)], max(3, args.repeat // 5)))
    print(f"python {sys.version.split()[0]}; {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}")
    for title, files, repeat in cases:
        results = {}
        for kind in args.stores:
            command = [sys.executable, __file__, "--timeout", str(args.timeout)]
            command += ["--child", kind, json.dumps(files), str(repeat)]
            out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
            if out.returncode != 0:
                print(f"{kind} failed:\n{out.stderr[-2000:]}")
                continue
            results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
        report(title, results)


if __name__ == "__main__":
    main()
