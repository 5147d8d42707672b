"""Benchmark the provenance listings and SHACL validation; prints figures (not a test).

    python benchmarks/bench_provenance.py [--repeat 10]

Times ``graph.provenance`` on the shipped graph (the work behind ``careerpath sources`` and the
Data page's Sources tab) and one SHACL validation (``careerpath validate`` without start-up).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from careerpath.graph.loading.rdf import load_graph  # noqa: E402
from careerpath.graph.loading.validate import validate  # noqa: E402
from careerpath.graph.presenting import provenance  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return sorted(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    graph = load_graph()
    facts = provenance.fact_weights(graph)
    print(f"graph: {len(graph):,} triples, {len(provenance.list_sources(graph))} sources, {len(facts)} facts")
    cases = {
        "list_sources": lambda: provenance.list_sources(graph),
        "weak_facts": lambda: provenance.weak_facts(graph),
        "older_facts (5 years)": lambda: provenance.older_facts(graph, 5),
        "summary_json (--weak --older-than 5)": lambda: provenance.summary_json(graph, weak=True, older_than=5),
        "entity_weight (one entity)": lambda: provenance.entity_weight(
            graph, "https://w3id.org/careerpath/data/cert/cma"
        ),
    }
    for name, fn in cases.items():
        times = timed(fn, args.repeat)
        print(f"{name:<40} p50 {times[len(times) // 2] * 1000:8.1f} ms   max {times[-1] * 1000:8.1f} ms")
    times = timed(lambda: validate(graph), max(1, args.repeat // 5))
    print(f"{'SHACL validation (pySHACL)':<40} p50 {times[len(times) // 2]:8.2f} s    max {times[-1]:8.2f} s")


if __name__ == "__main__":
    main()
