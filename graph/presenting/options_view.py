"""Where-can-I-go answers as JSON and text: ``careerpath options`` (the app's table reads the same
``Options``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .formats import money, range_text

if TYPE_CHECKING:
    from ..core import CareerGraph
    from ..planning import Profile
    from ..planning.options import Options
    from ..planning.schedule import Range

__all__ = ["options_json", "options_text"]


def options_json(cg: CareerGraph, result: Options, profile: Profile) -> dict:
    """The JSON shape of ``careerpath options --json`` (documented in the README)."""

    def rng(r: Range | None) -> list[float] | None:
        return None if r is None else [round(r[0], 2), round(r[1], 2)]

    def plan_query(target: str) -> str:
        from urllib.parse import urlencode

        pairs = [("have", m) for m in profile.have] + [("to", target), ("by", result.by)]
        pairs += [("exp", f"{r}={y:g}") for r, y in profile.experience.items()]
        if profile.state:
            pairs.append(("state", profile.state))
        return "/plan?" + urlencode(pairs)

    return {
        "by": result.by,
        "profile": {
            "have": [{"id": m, "label": cg.label(m)} for m in profile.have],
            "experience": [{"id": r, "label": cg.label(r), "years": y} for r, y in profile.experience.items()],
            "state": profile.state,
        },
        "current_role": None
        if result.current_role is None
        else {
            "id": result.current_role.id,
            "label": result.current_role.label,
            "median_wage_usd": result.current_role.median_wage,
        },
        "options": [
            {
                "id": o.id,
                "label": o.label,
                "kind": o.kind,
                "steps": o.steps,
                "months": round(o.months, 2),
                "months_range": rng(o.months_range),
                "cost_usd": round(o.cost, 2),
                "cost_range": rng(o.cost_range),
                "elapsed_months": round(o.elapsed_months, 2),
                "unknown_months": o.unknown_months,
                "unknown_cost": o.unknown_cost,
                "estimate": o.estimate,
                "median_wage_usd": o.market.median_wage,
                "wage_date": o.market.wage_date,
                "wage_change_usd": o.wage_change,
                "growth_percent": o.market.growth_percent,
                "growth_period": o.market.growth_period,
                "openings_per_year": o.market.openings_per_year,
                "state_median_wage_usd": o.state_wage,
                "national_oews_median_wage_usd": o.market.median_in("US"),
                "wage_of": None if o.market.exact else {"id": o.market.of, "label": o.market.of_label},
                "median_wage_at_least": o.market.at_least,
                "reached_as": o.reached_as,
                "caveat": o.caveat,
                "sources": cg.source_refs(sorted(set(o.market.wage_sources) | set(o.market.outlook_sources))),
                "plan": plan_query(o.id),
            }
            for o in result.options
        ],
        "held": [{"id": i, "label": lab} for i, lab in result.held],
        "unreachable": [{"id": i, "label": lab} for i, lab in result.unreachable],
        "as_of": profile.as_of.isoformat() if profile.as_of else None,
    }


def options_text(result: Options, by: str, sort: str | None = None) -> str:
    """The text of ``careerpath options``: one line per target with its time, cost and market."""
    lines = []
    current = result.current_role
    if current is not None:
        wage = money(current.median_wage) if current.median_wage is not None else "median wage unknown"
        lines.append(f"Current role: {current.label} ({wage} a year)")
    order = {"wage": "median wage", "wage_change": "wage change", "label": "name"}.get(sort or by, sort or by)
    lines.append(
        f"{len(result.options)} role(s) and certification(s) within reach (best route by {by}; sorted by {order}"
        + (
            "; a broader group's figures after the occupation's own"
            if sort in ("wage", "wage_change", "growth", "openings")
            else ""
        )
        + "):"
    )
    for o in result.options:
        m = o.market
        ends = f"ends in month {o.elapsed_months:g} ({range_text(o.months_range, 'months')} of steps)"
        facts = [ends, range_text(o.cost_range, "cost"), f"{o.steps} step(s)"]
        if o.unknown_months:
            facts[0] += f" + {o.unknown_months} step(s) of unknown duration"
        if o.unknown_cost:
            facts[1] += f" + {o.unknown_cost} step(s) of unknown cost"
        line = f"  - {o.label} [{o.kind}]: " + ", ".join(facts)
        if o.reached_as:
            line += f" (as {o.reached_as})"
        if o.state:
            state = money(o.state_wage) if o.state_wage is not None else "not published"
            nation = m.median_in("US")
            nation_text = money(nation) if nation else "not published"
            line += f"; median in {o.state} {state} (OEWS May 2025; nationally {nation_text})"
        if m.median_wage is not None:
            at_least = "at least " if m.at_least else ""
            line += f"; median {at_least}{money(m.median_wage)} a year ({m.wage_date}"
            line += f"; of {m.of_label}, a broader group)" if not m.exact else ")"
            if o.wage_change is not None:
                where = f" in {o.state}" if o.state else ""
                line += f", {'+' if o.wage_change >= 0 else '-'}{money(abs(o.wage_change))} over now{where}"
        if m.growth_percent is not None:
            line += f"; growth {m.growth_percent:g}% ({m.growth_period})"
        if m.openings_per_year is not None:
            line += f", {m.openings_per_year:,} openings a year"
        lines.append(line)
        if o.caveat:
            lines.append(f"      note: {o.caveat}")
    if result.held:
        lines.append("Already held: " + ", ".join(label for _, label in result.held))
    if result.unreachable:
        lines.append("No route from here: " + ", ".join(label for _, label in result.unreachable))
    return "\n".join(lines)
