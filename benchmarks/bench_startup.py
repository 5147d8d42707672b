"""Whole-process start-up of every `careerpath` command, against importing rdflib and NetworkX.

Issue 18 item 6's goal: with a warm cache, every command answers in under half the time of
``python -c "import rdflib, networkx"`` (the cost the commands used to pay before doing
anything). Each command runs ``--runs`` times as a fresh process, the cases taking turns round
by round (so a burst of load on a shared machine falls on all of them alike); the table gives
each one's median, its spread and its median over the import's median, and the load average
before and after.

Children run with Python's bytecode cache on (``PYTHONDONTWRITEBYTECODE`` removed), as an
installed careerpath runs, and after one warm-up run that fills the compiled cache (and, for
``query``, the persisted store) and writes the bytecode.

With ``--fresh``, the answers ``route``, ``eligible`` and ``options`` keep per profile (the
cache folder's ``*.answer_*`` files) are removed before each of their runs, so each answers a
profile asked for the first time: the compiled cache and the persisted store stay warm, the
answer is computed (and written) every time.

    python benchmarks/bench_startup.py [--runs 15] [--only show,query] [--fresh]
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
GOAL = 0.5  # of the import's time

COMMANDS = [
    ("--help", ["--help"]),
    ("route --to CMA --json", ["route", "--to", "CMA", "--json"]),
    ("route --to RMA --have ... (text)", ["route", "--to", "RMA", "--have", "high school diploma"]),
    ("eligible --have ...", ["eligible", "--have", "high school diploma"]),
    ("options --have ...", ["options", "--have", "high school diploma"]),
    ("show CMA", ["show", "CMA"]),
    ("show CMA --json", ["show", "CMA", "--json"]),
    ("show org:nha", ["show", "org:nha"]),
    ("sources", ["sources"]),
    ("sources --weak --older-than 3", ["sources", "--weak", "--older-than", "3"]),
    ("query --name outlook", ["query", "--name", "outlook"]),
    (
        "query --name eligibility-routes --bind ...",
        ["query", "--name", "eligibility-routes", "--bind", "certification=NCMA"],
    ),
    (
        "query -e SELECT ... --format json",
        ["query", "-e", "SELECT ?c WHERE { ?c a cp:Certification }", "--format", "json"],
    ),
    ("queries", ["queries"]),
    ("list --kind role", ["list", "--kind", "role"]),
]


KEEPS_ANSWERS = ("route", "eligible", "options")  # commands that keep their answer per profile
FIRST = " (first time)"  # marks their cases under --fresh


def drop_answers(folder: str) -> None:
    """Remove the kept answers (``KEY.answer_DAY_HASH.jsonl``), nothing else of the cache."""
    for path in Path(folder).glob("*.answer_*"):
        path.unlink(missing_ok=True)


def run_once(command: list[str], env: dict[str, str], fresh: bool = False) -> float:
    """Wall time of one run; ``fresh``: the kept answers removed first (outside the timing)."""
    if fresh:
        drop_answers(env["CAREERPATH_CACHE"])
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", default="", help="comma-separated words: keep the commands whose name has one")
    parser.add_argument("--cache-off", action="store_true", help="also time route with CAREERPATH_CACHE=off")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="route, eligible and options answer a profile asked for the first time (kept answers removed each run)",
    )
    args = parser.parse_args()
    cli = [sys.executable, "-m", "careerpath.graph.cli"]
    wanted = [w for w in args.only.split(",") if w]
    commands = [(name, c) for name, c in COMMANDS if not wanted or any(w in name for w in wanted)]
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["CAREERPATH_CACHE"] = folder
        cases = [("python -c 'import rdflib, networkx'", [sys.executable, "-c", "import rdflib, networkx"], env)]
        first = FIRST if args.fresh else ""
        cases += [
            (f"careerpath {name}{first if command[0] in KEEPS_ANSWERS else ''}", [*cli, *command], env)
            for name, command in commands
        ]
        if args.cache_off:
            off = {**env, "CAREERPATH_CACHE": "off"}
            cases.append(
                ("careerpath route --to CMA --json (cache off)", [*cli, "route", "--to", "CMA", "--json"], off)
            )
        fresh = {name for name, _, _ in cases if name.endswith(FIRST)}
        for name, command, case_env in cases:  # warm: the compiled cache, the persisted store, bytecode
            run_once(command, case_env, name in fresh)
        before = os.getloadavg()
        times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
        for _ in range(args.runs):
            for name, command, case_env in cases:
                times[name].append(run_once(command, case_env, name in fresh))
        after = os.getloadavg()
    base = statistics.median(times[cases[0][0]])
    print(f"whole process, {args.runs} runs each in turn, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("load average (1, 5, 15 min) before " + " ".join(f"{x:.2f}" for x in before), end="")
    print(", after " + " ".join(f"{x:.2f}" for x in after))
    print(f"{'command':58} {'median':>8} {'min':>8} {'max':>8} {'/import':>8}")
    for name, _, _ in cases:
        t = times[name]
        ratio = statistics.median(t) / base
        mark = "" if name == cases[0][0] else ("  ok" if ratio < GOAL else "  over the goal")
        print(f"{name:58} {statistics.median(t):7.3f}s {min(t):7.3f}s {max(t):7.3f}s {ratio:8.2f}{mark}")
    print(f"goal: every command under {GOAL:g} x the import's median ({GOAL * base:.3f} s here)")


if __name__ == "__main__":
    main()
