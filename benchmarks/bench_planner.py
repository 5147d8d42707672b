"""Benchmark the loader and the route planner; prints figures (not a test).

    python benchmarks/bench_planner.py            # domain graph, generated graphs, dense cones
    python benchmarks/bench_planner.py --sizes 1000 --cones 1000 10000

Generated graphs (see ``generated``) are career-like: many domains of 100 milestones, each a
layered AND/OR DAG over shared basics, with some links between domains. The profile holds 6
of the 10 basics; targets are drawn from the top layers, so each plan crosses every layer.
Its cost does not grow with the graph: each plan stays inside one domain.

Dense cones (see ``dense_cone``) are one densely linked domain, so the target's backward
cone (what the planner must look at) holds about 1k, 10k or 100k milestones; the benchmark
prints the cone's measured size beside, for k=1 and k=5, the time of the first plan for the
profile (it works out what every target shares) and p50/p95 of the later plans; at k=1, the
first plan again for a new profile, five times or more (one first plan is one sample, and a full
collection of the cycle collector lands on some).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rdflib.namespace import RDF  # noqa: E402

from careerpath.graph.core import CareerGraph  # noqa: E402
from careerpath.graph.errors import NoRouteError  # noqa: E402
from careerpath.graph.loading.namespaces import CP  # noqa: E402
from careerpath.graph.loading.rdf import load_graph  # noqa: E402
from careerpath.graph.planning import Profile, plan  # noqa: E402
from careerpath.graph.planning.problem import build_problem as _problem  # noqa: E402
from careerpath.graph.planning.projection import StepInfo, build_projection, project  # noqa: E402
from careerpath.graph.planning.search import PlanningLimitError  # noqa: E402

GAVE_UP: list[str] = []  # targets whose plan stopped at the planner's own limit (MAX_CANDIDATES)


def _plan(projection, profile, target, k=1):
    """A plan, or None where the planner gave up at its own limit (counted in ``GAVE_UP``)."""
    try:
        return plan(projection, profile, target, by="months", k=k)
    except PlanningLimitError:
        GAVE_UP.append(target)
        return None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


PART_TIME_ONLY = False  # --part-time: every step part time, the planner's worst case (see main)


def _commitment(months: float) -> str:
    """As in the data: a long step (a program, a job: over 3 months) takes a person's full time,
    a short one (an exam, a class, an application) part of it. With ``--part-time`` every step
    may overlap every other, so a route ends with its longest chain, which the search's additive
    bound (full-time months) cannot see: the worst case, kept measurable."""
    return "part-time" if PART_TIME_ONLY or months <= 3 else "full-time"


def generated(n_milestones: int, cluster: int = 100, layers: int = 5, seed: int = 7):
    """Career-like AND/OR graphs: many domains of ``cluster`` milestones over shared basics.

    Each domain is a layered DAG (``layers`` deep): milestone i of layer l is achieved by
    1-3 steps, each needing 1-3 milestones near i in layer l-1 (sometimes an any-of group
    of two, sometimes one of 10 shared basics such as a diploma). 1% of steps also need a
    milestone of another domain, as adjacent careers do.
    """
    rng = random.Random(seed)
    width = cluster // layers
    basics = [f"basic{i}" for i in range(10)]
    steps, groups = [], {}
    domains = max(1, n_milestones // cluster)
    name = lambda d, layer, i: f"d{d}/m{layer}_{i}"  # noqa: E731
    for d in range(domains):
        for layer in range(layers):
            for i in range(width):
                for a in range(rng.randint(1, 3)):
                    if layer == 0:
                        reqs = {rng.choice(basics)}
                    else:
                        reqs = {
                            name(d, layer - 1, min(width - 1, max(0, i + rng.randint(-2, 2))))
                            for _ in range(rng.randint(1, 3))
                        }
                        if rng.random() < 0.1:
                            g = f"d{d}/g{layer}_{i}_{a}"
                            groups[g] = frozenset(
                                {name(d, layer - 1, min(width - 1, i + 1)), name(d, layer - 1, max(0, i - 1))}
                            )
                            reqs.add(g)
                        if rng.random() < 0.1:
                            reqs.add(rng.choice(basics))
                        if rng.random() < 0.01 and domains > 1:
                            reqs.add(name(rng.randrange(domains), layer - 1, rng.randrange(width)))
                    steps.append(
                        StepInfo(
                            f"d{d}/s{layer}_{i}_{a}",
                            f"step {d}/{layer}/{i}/{a}",
                            "step",
                            achieves=name(d, layer, i),
                            requires=frozenset(reqs),
                            months=(months := float(rng.randint(1, 24))),
                            cost=float(rng.randint(0, 5000)) if rng.random() < 0.8 else None,
                            commitment=_commitment(months),
                        )
                    )
    start = basics[:6]
    targets = [name(rng.randrange(domains), layers - 1, rng.randrange(width)) for _ in range(30)]
    return steps, groups, start, targets


def dense_cone(n_milestones: int, layers: int = 20, seed: int = 11):
    """One densely linked domain of ``n_milestones`` in ``layers`` layers: each milestone is
    achieved by 1-4 steps, each needing one milestone (sometimes two, or an any-of group of
    two) drawn from anywhere in the layer below, so a top target's cone is nearly the whole
    graph. Layer 0 needs one of 10 basics; the profile holds 6."""
    rng = random.Random(seed)
    width = max(1, n_milestones // layers)
    basics = [f"basic{i}" for i in range(10)]
    steps, groups = [], {}
    name = lambda layer, i: f"m{layer}_{i}"  # noqa: E731
    for layer in range(layers):
        for i in range(width):
            for a in range(rng.randint(1, 4)):
                if layer == 0:
                    reqs = {rng.choice(basics)}
                else:
                    reqs = {name(layer - 1, rng.randrange(width))}
                    if rng.random() < 0.2:
                        reqs.add(name(layer - 1, rng.randrange(width)))
                    if rng.random() < 0.05:
                        g = f"g{layer}_{i}_{a}"
                        groups[g] = frozenset({name(layer - 1, rng.randrange(width)) for _ in range(2)})
                        reqs.add(g)
                steps.append(
                    StepInfo(
                        f"s{layer}_{i}_{a}",
                        f"step {layer}/{i}/{a}",
                        "step",
                        achieves=name(layer, i),
                        requires=frozenset(reqs),
                        months=(months := float(rng.randint(1, 24))),
                        cost=float(rng.randint(0, 5000)),
                        commitment=_commitment(months),
                    )
                )
    targets = [name(layers - 1, rng.randrange(width)) for _ in range(10)]
    return steps, groups, basics[:6], targets


def _forget_profiles() -> None:
    """Forget what plans for the last profile keep for the next (``problem._last``), so the next
    plan is a profile's first."""
    from careerpath.graph.planning import problem

    problem._last.clear()


class _Budget(Exception):
    pass


def _within(seconds: float, fn):
    """Run ``fn``, stopped after ``seconds`` (SIGALRM): the time, or None when it ran out."""

    def stop(signum, frame):
        raise _Budget

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    t = time.perf_counter()
    try:
        fn()
        return (time.perf_counter() - t) * 1000
    except _Budget:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def bench_cone(n: int, repeat: int, budget: float) -> None:
    t = time.perf_counter()
    steps, groups, start, targets = dense_cone(n)
    projection = build_projection(steps, groups)
    built = (time.perf_counter() - t) * 1000
    profile = Profile.of(start)
    cones = []
    for target in targets:
        problem = _problem(projection, profile, target)
        cones.append(len({m for s in problem.steps.values() for m in (s.achieves, *s.requires)}))
    line = (
        f"dense cone {n:>7,}: cone {min(cones):,}-{max(cones):,} milestones, {len(steps):,} steps, build {built:.0f} ms"
    )
    for k in (1, 5):
        times, over = [], 0
        GAVE_UP.clear()
        # Plans for one profile share what does not depend on the target (its reachability, the
        # bound's tables): the first plan for the profile does that work, so it is timed apart,
        # with nothing kept from an earlier plan (the cone sizes above, the k=1 round).
        _forget_profiles()
        for target in targets:
            for _ in range(repeat):
                spent = _within(budget, lambda t=target, k=k: _plan(projection, profile, t, k))
                if spent is None:
                    over += 1
                    times.append(budget * 1000)  # counted at the budget: the percentiles are lower bounds
                else:
                    times.append(spent)
        first, later = times[0], times[1:] or times
        line += (
            f"; k={k} first plan for the profile {first:.0f} ms, later plans p50 {percentile(later, 0.5):.0f} ms,"
            f" p95 {percentile(later, 0.95):.0f} ms"
        )
        if k == 1:  # one first plan is one sample: a new profile's first plan, again and again
            firsts = []
            for _ in range(max(repeat, 5)):
                _forget_profiles()
                spent = _within(budget, lambda t=targets[0]: _plan(projection, profile, t, 1))
                firsts.append(budget * 1000 if spent is None else spent)
            p50 = percentile(firsts, 0.5)
            line += f" (the first plan again, {len(firsts)} times: p50 {p50:.0f} ms, max {max(firsts):.0f} ms)"
        if over:
            line += f" ({over} of {len(times)} stopped at {budget:g} s)"
        if GAVE_UP:
            line += f" ({len(GAVE_UP)} of {len(times)} gave up at the planner's limit)"
    print(line, flush=True)


def bench_domain(repeat: int) -> None:
    load = timed(load_graph, 5)
    print(
        f"domain graph: load (ontology + data, rdflib in memory): p50 {percentile(load, 0.5):.0f} ms, "
        f"p95 {percentile(load, 0.95):.0f} ms"
    )
    # The projection built from the parsed RDF (what a cold start or a changed data file pays);
    # CareerGraph.load() would read it from the compiled cache instead, timed separately below.
    rdf = load_graph()
    built = timed(lambda: project(rdf), 5)
    projection = project(rdf)
    print(
        f"  projection from RDF: p50 {percentile(built, 0.5):.0f} ms, p95 {percentile(built, 0.95):.0f} ms "
        f"({projection.graph.number_of_nodes()} nodes, {projection.graph.number_of_edges()} edges)"
    )
    CareerGraph.load()  # writes the compiled cache if it is missing
    warm = timed(CareerGraph.load, 5)
    print(
        f"  CareerGraph.load() from the warm compiled cache (names, projection, sources): "
        f"p50 {percentile(warm, 0.5):.0f} ms, p95 {percentile(warm, 0.95):.0f} ms"
    )
    cg = CareerGraph.load()
    projection = cg.projection
    # every certification and every advancement role the data holds, from a high school diploma
    # and from nothing (the command line's default: an equivalency test first, taken part time)
    advancement = sorted(str(r) for r in cg.rdf.subjects(RDF.type, CP.AdvancementRole))
    targets = list(projection.certifications) + advancement
    for name, profile in (("", cg.profile(have=["high school diploma"])), (", from nothing", cg.profile())):
        for k in (1, 3, 5):
            times = []
            for target in targets:
                for by in ("months", "cost", "steps"):
                    times += timed(lambda t=target, b=by, k=k, p=profile: plan(projection, p, t, by=b, k=k), repeat)
            print(
                f"  plan k={k} ({len(targets)} targets x 3 metrics x {repeat}{name}): p50 {percentile(times, 0.5):.2f} "
                f"ms, p95 {percentile(times, 0.95):.2f} ms, max {max(times):.1f} ms"
            )


def bench_atlas(pairs: int = 200, seed: int = 3) -> None:
    """Random pairs of roles of the shipped atlas: a person working in one (2 years, with a high
    school diploma) planning to another, k=1 and k=5; pairs with no route are counted apart."""
    cg = CareerGraph.load()
    roles = sorted(str(r) for r in cg.rdf.subjects(RDF.type, CP.Role))
    rng = random.Random(seed)
    chosen = [tuple(rng.sample(roles, 2)) for _ in range(pairs)]
    for k in (1, 5):
        times, none = [], 0
        for source, target in chosen:
            profile = cg.profile(have=["high school diploma"], experience={source: 2.0})
            t = time.perf_counter()
            try:
                plan(cg.projection, profile, target, by="months", k=k)
            except NoRouteError:
                none += 1
            times.append((time.perf_counter() - t) * 1000)
        print(
            f"atlas: {pairs} random pairs of its {len(roles)} roles, k={k}: p50 {percentile(times, 0.5):.1f} ms, "
            f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.0f} ms ({none} pairs with no route)",
            flush=True,
        )


def bench_generated(n: int, repeat: int, budget: float) -> None:
    t = time.perf_counter()
    steps, groups, start, targets = generated(n)
    projection = build_projection(steps, groups)
    built = (time.perf_counter() - t) * 1000
    profile = Profile.of(start)
    times = []
    unreachable = over = 0
    GAVE_UP.clear()
    for target in targets:
        try:  # a first plan, within the budget, tells an unreachable target apart (not counted)
            probed = len(GAVE_UP)
            _within(budget, lambda t=target: _plan(projection, profile, t))
            del GAVE_UP[probed:]
        except NoRouteError:
            unreachable += 1
            continue
        for _ in range(repeat):
            spent = _within(budget, lambda t=target: _plan(projection, profile, t))
            over += spent is None
            times.append(budget * 1000 if spent is None else spent)
    print(
        f"generated {n:>7,} milestones, {len(steps):>7,} steps: build {built:.0f} ms; "
        f"plan p50 {percentile(times, 0.5):.1f} ms, p95 {percentile(times, 0.95):.1f} ms "
        f"({len(targets) - unreachable} reachable targets x {repeat}; {unreachable} unreachable"
        + (f"; {over} stopped at {budget:g} s" if over else "")
        + (f"; {len(GAVE_UP)} gave up at the planner's limit" if GAVE_UP else "")
        + ")",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--cones", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per generated plan before it is stopped")
    parser.add_argument("--no-domain", action="store_true", help="skip the shipped data (domain and atlas pairs)")
    parser.add_argument(
        "--part-time", action="store_true", help="generated steps all part time: the planner's worst case"
    )
    args = parser.parse_args()
    global PART_TIME_ONLY
    PART_TIME_ONLY = args.part_time
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d')}; load average {os.getloadavg()[0]:.1f}")
    if not args.no_domain:
        bench_domain(args.repeat)
        bench_atlas()
    for n in args.sizes:
        bench_generated(n, max(1, args.repeat // 2), args.budget)
    for n in args.cones:
        bench_cone(n, max(1, args.repeat // 2), args.budget)


if __name__ == "__main__":
    main()
