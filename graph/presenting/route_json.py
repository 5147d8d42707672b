"""Route answers as JSON: ``careerpath route --json`` and ``eligible --json``.

The keys are a contract other tools read: new keys are added, existing keys are never
renamed or removed (README "Plan a route" lists them).

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> from careerpath.graph.presenting.route_view import route_answer
>>> cg = CareerGraph.load()
>>> profile = cg.profile(have=["high school diploma"])
>>> out = route_json(route_answer(cg, cg.resolve("CMA"), "months", profile, cg.plan(profile, "CMA")))
>>> sorted(out)
['assumptions', 'by', 'caveat', 'closed_by_window', 'profile', 'routes', 'target', 'tradeoffs', 'wages']
>>> sorted(out["routes"][0]["total"])[:4]
['cost_range', 'cost_usd', 'elapsed_months', 'months']
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: ``eligible`` writes its JSON without the route views' module
    from ..planning import Eligibility
    from .route_view import RouteAnswer, SatisfactionView, StateView, StepView

__all__ = ["route_json", "state_json", "eligible_json"]


def _range(value) -> list | None:
    return None if value is None else [value[0], value[1]]


def _satisfied(sat: SatisfactionView) -> dict:
    return {"id": sat.id, "label": sat.label, "how": sat.how, **({"years": sat.years} if sat.years is not None else {})}


def _step(step: StepView) -> dict:
    out = {
        "id": step.id,
        "label": step.label,
        "achieves": {"id": step.achieves.id, "label": step.achieves.label},
        "requires": [{"id": r.id, "label": r.label, "satisfied_by": _satisfied(r.satisfied_by)} for r in step.requires],
        "months": step.months,
        "cost_usd": step.cost,
        "estimate": step.estimate,
        "months_range": _range(step.months_range),
        "cost_range": _range(step.cost_range),
        "months_estimate": step.months_estimate,
        "cost_estimate": step.cost_estimate,
        "start_month": step.start_month,
        "end_month": step.end_month if step.end_month is not None else step.start_month,
        "must_be_current": step.must_be_current,
        "source_weight": step.source_weight,
        "months_source_weight": step.months_weight,
        "cost_source_weight": step.cost_weight,
        "date_note": step.date_note,
        "sources": [dict(s) for s in step.sources],
        "kind": step.kind,
        "commitment": step.commitment,
        "commitment_note": step.commitment_note,
        "availability": step.availability,
        "availability_sources": [dict(s) for s in step.availability_sources],
        "alternatives": [{"id": a.id, "label": a.label} for a in step.alternatives],
        "note": step.note,
    }
    if step.kind == "route" or step.conditions:
        out["conditions"] = [
            {
                "id": c.id,
                "label": c.label,
                "requires": {"id": c.requires.id, "label": c.requires.label},
                "within_months": c.within_months,
                "minimum_years": c.minimum_years,
                "minimum_hours": c.minimum_hours,
                "text": c.text,
                "completing_days": c.completing_days,
                "completing_applies_only": c.completing_applies_only,
            }
            for c in step.conditions
        ]
    return out


def state_json(state: StateView | None) -> dict | None:
    """The state's rules as JSON (``None`` without a state)."""
    if state is None:
        return None
    out = asdict(state)
    for key in ("rules", "other_rules", "not_in_force"):
        out[key] = list(out[key])
    return out


def route_json(answer: RouteAnswer) -> dict:
    """The JSON of ``careerpath route``."""
    profile = answer.profile
    extra: dict = {"state": state_json(answer.state)} if answer.state is not None else {}
    if profile.as_of:
        extra["as_of"] = profile.as_of.isoformat()
    return {
        "target": {"id": answer.target.id, "label": answer.target.label},
        "by": answer.by,
        "profile": {
            "have": [
                {"id": ref.id, "label": ref.label, **({"date": d.isoformat()} if d else {})} for ref, d in profile.have
            ],
            "experience": [{"id": ref.id, "label": ref.label, "years": y} for ref, y in profile.experience],
        },
        "routes": [
            {
                "steps": [_step(s) for s in r.steps],
                "reached_by": None
                if r.reached_by is None
                else {"id": r.reached_by.id, "label": r.reached_by.label, "how": r.reached_by.how},
                "total": {
                    "steps": len(r.steps),
                    "months": r.months,
                    "cost_usd": r.cost,
                    "unknown_months": list(r.unknown_months),
                    "unknown_cost": list(r.unknown_cost),
                    "months_range": list(r.months_range),
                    "cost_range": list(r.cost_range),
                    "elapsed_months": r.elapsed_months,
                    "overlaps": [list(pair) for pair in r.overlaps],
                },
            }
            for r in answer.routes
        ],
        "assumptions": list(answer.assumptions),
        "tradeoffs": [
            {
                "difference": trade.difference,
                "steps": [_step(s) for s in trade.route.steps],
                "total": {
                    "steps": len(trade.route.steps),
                    "months": trade.route.months,
                    "cost_usd": trade.route.cost,
                    "elapsed_months": trade.route.elapsed_months,
                    "months_range": list(trade.route.months_range),
                    "cost_range": list(trade.route.cost_range),
                },
            }
            for trade in answer.tradeoffs
        ],
        "caveat": answer.caveat,
        "closed_by_window": list(answer.closed),
        "wages": list(answer.wages),
        **extra,
    }


def eligible_json(result: Eligibility) -> dict:
    """The JSON of ``careerpath eligible``."""
    return {
        "eligible": [
            {"id": e.id, "label": e.label, "via": {"id": e.via[0], "label": e.via[1]}, "date_note": e.note}
            for e in result.eligible
        ],
        "not_yet": [
            {
                "id": n.id,
                "label": n.label,
                "missing": [{"id": i, "label": lab} for i, lab in n.missing],
                "closest": {"id": n.via[0], "label": n.via[1]},
                "closest_ends_month": n.months,
                "closed_by_window": list(n.why),
            }
            for n in result.not_yet
        ],
    }
