"""Routes as text a person reads: the CLI's plan and the app's printable Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from ..planning import Profile, Route, RouteStep

__all__ = ["money", "months", "span", "weight_note", "route_text", "route_markdown"]


def money(value: float | None) -> str:
    """``125.0`` -> ``'$125'``; ``None`` -> ``'cost unknown'``.

    Examples
    --------
    >>> money(125.0), money(None)
    ('$125', 'cost unknown')
    """
    if value is None:
        return "cost unknown"
    return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"


def months(value: float | None) -> str:
    """``12.0`` -> ``'12 months'``; ``None`` -> ``'duration unknown'``.

    Examples
    --------
    >>> months(12.0), months(1.0), months(None)
    ('12 months', '1 month', 'duration unknown')
    """
    if value is None:
        return "duration unknown"
    return f"{value:g} month" + ("" if value == 1 else "s")


def span(typical: float | None, bounds: tuple[float, float] | None, unit: str) -> str:
    """A typical figure with its range: ``'12 months (9 to 24)'``, ``'$3,860 ($1,430 to $20,000)'``.

    Examples
    --------
    >>> span(12.0, (9.0, 24.0), "months"), span(125.0, (125.0, 125.0), "cost"), span(None, None, "cost")
    ('12 months (9 to 24)', '$125', 'cost unknown')
    """
    text = months(typical) if unit == "months" else money(typical)
    if typical is None or bounds is None or bounds[0] == bounds[1]:
        return text
    if unit == "months":
        return f"{text} ({bounds[0]:g} to {bounds[1]:g})"
    return f"{text} ({money(bounds[0])} to {money(bounds[1])})"


def weight_note(step: RouteStep) -> str:
    """``'rests only on weak sources'`` (or secondary), and what a figure with its own weaker
    source rests on (``'its cost rests only on weak sources'``); ``''`` when primary sources back all.

    Examples
    --------
    >>> from careerpath.graph.planning import RouteStep
    >>> s = RouteStep("s", "x", "step", ("m", "m"), (), 1.0, 0.0, False, (), source_weight="weak")
    >>> weight_note(s)
    'rests only on weak sources'
    >>> s = RouteStep(
    ...     "s", "x", "step", ("m", "m"), (), 1.0, 425.0, False, (), source_weight="primary", cost_weight="weak"
    ... )
    >>> weight_note(s)
    'its cost rests only on weak sources'
    """
    rank = {"primary": 1, "secondary": 2, "weak": 3}
    notes = []
    if step.source_weight in ("weak", "secondary"):
        notes.append(f"rests only on {step.source_weight} sources")
    for figure, weight in (("duration", step.months_weight), ("cost", step.cost_weight)):
        if weight in ("weak", "secondary") and rank[weight] > rank.get(step.source_weight or "", 0):
            notes.append(f"its {figure} rests only on {weight} sources")
    return "; ".join(notes)


def _estimates(step: RouteStep) -> str:
    parts = [name for name, flag in (("duration", step.months_estimate), ("cost", step.cost_estimate)) if flag]
    return f"  [estimate: {' and '.join(parts)}]" if parts else ("  [estimate]" if step.estimate else "")


def _totals(route: Route) -> str:
    text = (
        f"{len(route.steps)} step(s), {span(route.months, route.months_range, 'months')}, "
        f"{span(route.cost, route.cost_range, 'cost')}"
    )
    notes = []
    if route.unknown_months:
        notes.append(f"duration unknown for {len(route.unknown_months)} step(s), not included")
    if route.unknown_cost:
        notes.append(f"cost unknown for {len(route.unknown_cost)} step(s), not included")
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _elapsed(route: Route) -> str | None:
    if not route.overlaps:
        return None
    labels = {s.id: s.label for s in route.steps}
    pairs = "; ".join(f"{labels[a]} alongside {labels[b]}" for a, b in route.overlaps)
    return f"{months(route.elapsed_months)} from start to finish if steps overlap: {pairs}"


def _ranking_note(route: Route, by: str) -> str | None:
    unknown = route.unknown(by) if by != "steps" else 0
    if not unknown:
        return None
    what = "duration" if by == "months" else "cost"
    return f"{unknown} step(s) of unknown {what}: this route ranks after every route whose {what} is fully known"


def _profile_text(cg, profile: Profile) -> str:
    parts = [cg.label(m) + (f" (since {d.isoformat()})" if d else "") for m, d in profile.have.items()]
    parts += [f"{y:g} years as {cg.label(r)}" for r, y in profile.experience.items()]
    return ", ".join(parts) or "nothing yet"


def _when(step: RouteStep) -> str:
    if step.end_month == step.start_month:
        return f"month {step.start_month:g}"
    return f"months {step.start_month:g} to {step.end_month:g}"


def route_text(cg, target: str, by: str, profile: Profile, routes: Sequence[Route]) -> str:
    """A numbered timeline per route: when, months and dollars (typical and range), what each
    step requires and how that is met, sources and their weight, then totals."""
    lines = [f"From: {_profile_text(cg, profile)}", f"To:   {cg.label(target)} (best by {by})"]
    for n, route in enumerate(routes, 1):
        lines.append("")
        lines.append(f"Route {n} of {len(routes)}" if len(routes) > 1 else "Route")
        if not route.steps:
            lines.append("  You already hold it.")
        for i, step in enumerate(route.steps, 1):
            lines.append(f"  {i}. {step.label}{_estimates(step)}")
            current = ", as late as possible: it must be current" if step.must_be_current else ""
            lines.append(
                f"     {span(step.months, step.months_range, 'months')}, {span(step.cost, step.cost_range, 'cost')}"
                f"; {_when(step)}{current}"
            )
            lines.append(f"     achieves: {step.achieves[1]}")
            if step.requires:
                met = []
                for (_, label), sat in zip(step.requires, step.satisfied_by, strict=True):
                    how = {
                        "held": "you hold it",
                        "step": f"step: {sat.label}",
                        "member": f"through {sat.label}",
                        "experience": f"your {sat.years:g} years as {sat.label}" if sat.years else sat.label,
                    }[sat.how]
                    met.append(f"{label} ({how})")
                lines.append("     requires: " + "; ".join(met))
            for src in cg.source_refs(step.sources):
                lines.append(f"     source: {src['label']}" + (f" <{src['url']}>" if src["url"] else ""))
            if note := weight_note(step):
                lines.append(f"     note: {note}")
            if step.date_note:
                lines.append(f"     in force? {step.date_note}")
        lines.append(f"  Total: {_totals(route)}")
        if elapsed := _elapsed(route):
            lines.append(f"  Elapsed: {elapsed}")
        if ranking := _ranking_note(route, by):
            lines.append(f"  Ranking: {ranking}")
    return "\n".join(lines)


def route_markdown(cg, target: str, by: str, profile: Profile, routes: Sequence[Route]) -> str:
    """The same plan as a printable Markdown document."""
    out = [f"# Route to {cg.label(target)}", "", f"*From:* {_profile_text(cg, profile)}  ", f"*Best by:* {by}", ""]
    if profile.state:  # the state's rules shaped the route: the download says which state
        out[-2] += "  "
        out.insert(-1, f"*State:* {profile.state}")
    for n, route in enumerate(routes, 1):
        out.append(f"## Route {n}" if len(routes) > 1 else "## Route")
        out.append("")
        if not route.steps:
            out.append("You already hold it.")
        out.append("| # | When | Step | Months | Cost | Requires | Sources |")
        out.append("|---|---|---|---|---|---|---|")
        for i, step in enumerate(route.steps, 1):
            sources = "; ".join(
                f"[{s['label']}]({s['url']})" if s["url"] else s["label"] for s in cg.source_refs(step.sources)
            )
            if note := weight_note(step):
                sources += f" *({note})*"
            requires = "; ".join(label for _, label in step.requires)
            estimate = " *(estimate)*" if step.estimate else ""
            cells = [
                str(i),
                _when(step),
                step.label + estimate,
                span(step.months, step.months_range, "months"),
                span(step.cost, step.cost_range, "cost"),
                requires,
                sources,
            ]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")  # a "|" in a title stays text
        out += ["", f"**Total:** {_totals(route)}", ""]
        if elapsed := _elapsed(route):
            out += [f"**Elapsed:** {elapsed}", ""]
        if ranking := _ranking_note(route, by):
            out += [f"*{ranking}.*", ""]
    out.append(
        "*Generated by careerpath. Estimates are careerpath's, not the sources'; check fees with the certifying body.*"
    )
    return "\n".join(out) + "\n"
