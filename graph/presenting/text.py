"""Route answers as text a person reads: the CLI's plan and the app's Markdown download.

Both write a ``RouteAnswer`` (``presenting.route_view``); nothing here works a figure out.

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> from careerpath.graph.presenting.route_view import route_answer
>>> cg = CareerGraph.load()
>>> profile = cg.profile(have=["high school diploma"])
>>> answer = route_answer(cg, cg.resolve("CMA"), "months", profile, cg.plan(profile, "CMA"))
>>> print(route_text(answer).splitlines()[1])
To:   Certified Medical Assistant (fastest: the soonest end)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .formats import assumed_lines, span

if TYPE_CHECKING:  # annotations only: ``eligible`` writes its text without the route views' module
    from ..planning import Eligibility
    from .route_view import RouteAnswer, RouteView, StepView

__all__ = ["route_text", "route_markdown", "eligible_text"]


def _estimates(step: StepView) -> str:
    parts = [name for name, flag in (("duration", step.months_estimate), ("cost", step.cost_estimate)) if flag]
    return f"  [estimate: {' and '.join(parts)}]" if parts else ("  [estimate]" if step.estimate else "")


def _totals(route: RouteView) -> str:
    text = (
        f"{len(route.steps)} step(s), ends in month {route.elapsed_months:g} "
        f"(the steps take {span(route.months, route.months_range, 'months')} in all), "
        f"{span(route.cost, route.cost_range, 'cost')}"
    )
    notes = []
    if route.unknown_months:
        notes.append(f"duration unknown for {len(route.unknown_months)} step(s), not included")
    if route.unknown_cost:
        notes.append(f"cost unknown for {len(route.unknown_cost)} step(s), not included")
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _step_lines(step: StepView) -> list[str]:
    current = ", as late as possible: it must be current" if step.must_be_current else ""
    time = {"full-time": "full time", "work-and-study": "work and study, full time"}.get(step.commitment, "part time")
    label = step.label + "".join(f" (or: {a.label})" for a in step.alternatives)
    lines = [
        f"  {step.number}. {label}{_estimates(step)}",
        f"     {span(step.months, step.months_range, 'months')}, {span(step.cost, step.cost_range, 'cost')}"
        f"; {step.when}, {time}{current}",
    ]
    if step.kind != "renewal":
        lines.append(f"     achieves: {step.achieves.label}")
    if step.note:
        lines.append(f"     {step.note}")
    if step.requires:
        lines.append("     requires: " + "; ".join(f"{r.label} ({r.satisfied_by.text})" for r in step.requires))
    for c in step.conditions:
        if c.text != c.label:
            lines.append(f"     condition: {c.text}")
    if step.availability:
        lines.append(f"     availability: {step.availability}")
    if step.commitment_note:
        lines.append(f"     note: {step.commitment_note}")
    for src in step.sources:
        lines.append(f"     source: {src['label']}" + (f" <{src['url']}>" if src["url"] else ""))
    if step.weight_note:
        lines.append(f"     note: {step.weight_note}")
    if step.date_note:
        lines.append(f"     in force? {step.date_note}")
    return lines


def route_text(answer: RouteAnswer) -> str:
    """A numbered timeline per route: when, months and dollars (typical and range), what each
    step requires and how that is met, sources and their weight, totals, then the state's rules."""
    best = {"months": "fastest: the soonest end", "cost": "cheapest", "steps": "fewest steps"}[answer.by]
    lines = [f"From: {answer.profile.text}", f"To:   {answer.target.label} ({best})"]
    lines += assumed_lines(answer.assumptions)
    lines += [f"Closed to you: {c}." for c in answer.closed]
    if answer.caveat:
        lines.append(f"Note: {answer.caveat}")
    for route in answer.routes:
        lines.append("")
        lines.append(f"Route {route.number} of {len(answer.routes)}" if len(answer.routes) > 1 else "Route")
        if not route.steps:
            lines.append("  You already hold it.")
        for step in route.steps:
            lines += _step_lines(step)
        lines.append(f"  Total: {_totals(route)}")
        if route.elapsed_note:
            lines.append(f"  Elapsed: {route.elapsed_note}")
        if route.ranking_note:
            lines.append(f"  Ranking: {route.ranking_note}")
    if answer.wages:
        lines += ["", f"Wages of {answer.target.label} (BLS OEWS May 2025):"] + [f"  {w}" for w in answer.wages]
    if answer.tradeoffs:
        other = "cheaper" if answer.by == "months" else "faster"
        lines += ["", f"Also consider ({other}, against the best route):"]
        for trade in answer.tradeoffs:
            steps = "; ".join(s.label for s in trade.route.steps if s.kind != "renewal")
            lines.append(f"  - {trade.difference}: {steps}")
    if answer.state is not None:
        lines += ["", *answer.state.lines()]
    return "\n".join(lines)


def route_markdown(answer: RouteAnswer) -> str:
    """The same plan as a printable Markdown document."""
    out = [f"# Route to {answer.target.label}", "", f"*From:* {answer.profile.text}  ", f"*Best by:* {answer.by}", ""]
    if answer.profile.state:  # the state's rules shaped the route: the download says which state
        out[-2] += "  "
        out.insert(-1, f"*State:* {answer.profile.state}")
    for route in answer.routes:
        out.append(f"## Route {route.number}" if len(answer.routes) > 1 else "## Route")
        out.append("")
        if not route.steps:
            out.append("You already hold it.")
        out.append("| # | When | Step | Months | Cost | Requires | Sources |")
        out.append("|---|---|---|---|---|---|---|")
        for step in route.steps:
            sources = "; ".join(f"[{s['label']}]({s['url']})" if s["url"] else s["label"] for s in step.sources)
            if step.weight_note:
                sources += f" *({step.weight_note})*"
            cells = [
                str(step.number),
                step.when,
                step.label + (" *(estimate)*" if step.estimate else ""),
                span(step.months, step.months_range, "months"),
                span(step.cost, step.cost_range, "cost"),
                "; ".join(r.label for r in step.requires),
                sources,
            ]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")  # a "|" in a title stays text
        out += ["", f"**Total:** {_totals(route)}", ""]
        if route.elapsed_note:
            out += [f"**Elapsed:** {route.elapsed_note}", ""]
        if route.ranking_note:
            out += [f"*{route.ranking_note}.*", ""]
    out.append(
        "*Generated by careerpath. Estimates are careerpath's, not the sources'; check fees with the certifying body.*"
    )
    return "\n".join(out) + "\n"


def eligible_text(result: Eligibility) -> str:
    """What a profile can sit for now, and what the closest route to each other certification needs."""
    lines = ["You can sit for:" if result.eligible else "You cannot sit for any certification yet."]
    for e in result.eligible:
        lines.append(f"  - {e.label}, via {e.via[1]}" + (f" ({e.note})" if e.note else ""))
    if result.not_yet:
        lines.append("Not yet: (nearest first, by when the fastest plan to each ends)")
        for n in result.not_yet:
            when = f" (the fastest plan ends in month {n.months:g})" if n.months is not None else ""
            lines.append(
                f"  - {n.label}: closest is {n.via[1]}, which still needs "
                + "; ".join(lab for _, lab in n.missing)
                + when
            )
            lines += [f"      closed to you: {w}" for w in n.why]
    return "\n".join(lines)
