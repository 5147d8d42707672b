"""Renewals a route needs: a credential that lapses (a certification, a licence, a CPR card, a
membership) must be current whenever a step of the route relies on it, so each time it would
lapse before the route last needs it, the route renews it, at its renewal fee (or, where the
data gives none and renewing means taking it again, the cost of taking it again), with its
continuing education said.

A credential the person holds with a date lapses on that date plus its validity period; one
held without a date is taken as current for the whole route (and the route says nothing of its
renewal); one a step of the route achieves lapses that long after the step ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .problem import Problem

if TYPE_CHECKING:
    from .routes import RouteStep

__all__ = ["renewal_steps"]


def _uses(problem: Problem, steps: list[RouteStep]) -> dict[str, tuple[float, float | None]]:
    """For each credential that lapses and that a step relies on: (when it was last earned, in
    months from today; None when held undated), and the latest month a step needs it."""
    projection = problem.projection
    achieved_at = {s.achieves[0]: s.end_month for s in steps}
    by_id = {s.id: s for s in steps}
    held = problem.held
    out: dict[str, tuple[float, float | None]] = {}
    for step in steps:
        for sat in step.satisfied_by:
            if sat.how == "step" and sat.id in by_id:
                milestone = by_id[sat.id].achieves[0]
            elif sat.how in ("held", "member") and sat.note is None:
                milestone = sat.id
            else:
                continue
            validity = projection.validity.get(milestone)
            if validity is None:
                continue
            if milestone in achieved_at:
                since: float | None = achieved_at[milestone]
            elif held is not None and milestone in held.lapses_in:
                since = held.lapses_in[milestone] - validity.months
            else:
                since = None  # held without a date: current, as far as careerpath knows
            last = max(step.start_month, out.get(milestone, (since, -1.0))[1] or -1.0)
            out[milestone] = (since, last)
    return out


def _retake_cost(problem: Problem, milestone: str) -> tuple[float | None, tuple[float, float] | None]:
    """The cost of taking a milestone again where renewing means that (a CPR class)."""
    projection = problem.projection
    ways = [projection.steps[sid] for sid in projection.achievers(milestone) if sid in projection.steps]
    plain = [s for s in ways if s.kind == "step" and s.cost is not None]
    if not plain or len(plain) != len(ways):
        return None, None
    cheapest = min(plain, key=lambda s: s.cost)
    return cheapest.cost, cheapest.cost_range


def renewal_steps(problem: Problem, steps: list[RouteStep]) -> list[RouteStep]:
    """The renewal steps of a route whose steps are ``steps`` (already placed in time)."""
    from .routes import RouteStep

    projection = problem.projection
    out = []
    for milestone, (since, last) in sorted(_uses(problem, steps).items()):
        validity = projection.validity[milestone]
        if since is None or last is None:
            continue
        label = projection.label(milestone)
        expiry, n = since + validity.months, 0
        while expiry <= last + 1e-9:
            n += 1
            if expiry < 0:  # lapsed before today: the planner would not rely on it
                expiry += validity.months
                continue
            cost, cost_range = validity.fee, (validity.fee, validity.fee) if validity.fee is not None else None
            estimate = False
            if cost is None:
                cost, cost_range = _retake_cost(problem, milestone)
                estimate = cost is not None
            ce = ""
            if validity.ce_units:
                ce = f"; renewing takes {validity.ce_units:g} {validity.ce_kind or 'units'} of continuing education"
            note = f"it lapses in month {expiry:g} ({validity.months:g}-month validity){ce}"
            if validity.note:
                note += f". {validity.note}"
            if estimate:
                note += "; no renewal fee is known, so the cost of taking it again is shown"
            out.append(
                RouteStep(
                    id=f"{milestone}#renewal-{n}",
                    label=f"Renew {label}",
                    kind="renewal",
                    achieves=(milestone, label),
                    requires=(),
                    months=0.0,
                    cost=cost,
                    estimate=estimate,
                    sources=validity.sources,
                    months_range=(0.0, 0.0),
                    cost_range=cost_range,
                    cost_estimate=estimate,
                    start_month=max(expiry, 0.0),
                    end_month=max(expiry, 0.0),
                    renews=milestone,
                    note=note,
                    satisfied_by=(),
                )
            )
            expiry += validity.months
    return out
