"""Whole-process start-up figures of the `careerpath` command (issue 12's goals).

Runs each command N times as a fresh process and prints the median and the spread:
`careerpath --help` (goal under 0.15 s) and `careerpath route --to CMA --json` with a warm
compiled cache (goal under 0.4 s) and with the cache off (what every run cost before).

    python benchmarks/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "careerpath.graph.cli"]
    with tempfile.TemporaryDirectory() as folder:
        warm = {**os.environ, "CAREERPATH_CACHE": folder}
        off = {**os.environ, "CAREERPATH_CACHE": "off"}
        subprocess.run([*cli, "route", "--to", "CMA", "--json"], env=warm, cwd=ROOT, check=True, capture_output=True)
        cases = [
            ("careerpath --help", [*cli, "--help"], warm),
            ("careerpath route --to CMA --json (warm cache)", [*cli, "route", "--to", "CMA", "--json"], warm),
            ("careerpath route --to CMA --json (cache off)", [*cli, "route", "--to", "CMA", "--json"], off),
            ("careerpath show CMA --json (warm cache)", [*cli, "show", "CMA", "--json"], warm),
        ]
        print(f"whole process, {args.runs} runs each, {os.cpu_count()} cores")
        print(f"{'command':52} {'median':>8} {'min':>8} {'max':>8}")
        for name, command, env in cases:
            times = timed(command, env, args.runs)
            print(f"{name:52} {statistics.median(times):7.3f}s {min(times):7.3f}s {max(times):7.3f}s")


if __name__ == "__main__":
    main()
