"""One route answer as a view: everything any format shows of it, worked out once.

``careerpath route`` prints it as text or JSON, the app draws it as a timeline with cards, and
the printable plan lays it out on one page; each of those is a writer over a ``RouteAnswer``
(``text``, ``route_json``, ``printable``, the app's ``timeline``), so a figure, a note or a
source is computed in one place and shown the same way everywhere.

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> cg = CareerGraph.load()
>>> profile = cg.profile(have=["high school diploma"])
>>> target = cg.resolve("CMA")
>>> answer = route_answer(cg, target, "months", profile, cg.plan(profile, target))
>>> answer.target.label, answer.routes[0].steps[-1].achieves.label
('Certified Medical Assistant', 'Certified Medical Assistant')
>>> answer.routes[0].steps[0].number, answer.profile.text
(1, 'High school diploma')
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..planning import state_rules
from ..planning.schedule import Range, route_range, schedule
from ..records import record
from .formats import condition_text, weight_note
from .formats import months as months_text

if TYPE_CHECKING:
    from ..core import CareerGraph
    from ..planning import Profile, Route

__all__ = [
    "Ref",
    "SatisfactionView",
    "RequirementView",
    "ConditionView",
    "StepView",
    "RouteView",
    "ProfileView",
    "StateView",
    "RouteAnswer",
    "Tradeoff",
    "route_answer",
    "state_view",
]


@record
class Ref:
    """An entity as shown: its IRI and label."""

    id: str
    label: str


@record
class SatisfactionView:
    """How a requirement is met (``how``: held, step, member, experience), and those words."""

    how: str
    id: str
    label: str
    years: float | None
    text: str


@record
class RequirementView:
    id: str
    label: str
    satisfied_by: SatisfactionView


@record
class ConditionView:
    id: str
    label: str
    requires: Ref
    within_months: float | None
    minimum_years: float | None
    minimum_hours: float | None
    text: str = ""
    completing_days: int | None = None  # a completing student's allowance, in days
    completing_applies_only: bool = False  # the allowance is to apply; the exam follows the program


@record
class StepView:
    """One step of a route, numbered, placed in time, with its figures, ranges and sources."""

    number: int
    id: str
    label: str
    kind: str
    achieves: Ref
    requires: tuple[RequirementView, ...]
    months: float | None
    cost: float | None
    months_range: Range | None
    cost_range: Range | None
    estimate: bool
    months_estimate: bool
    cost_estimate: bool
    start_month: float
    end_month: float | None  # None: the step's duration is unknown
    after_unknown: bool  # an earlier step's duration is unknown, so this one may start later
    must_be_current: bool
    source_weight: str | None
    months_weight: str | None
    cost_weight: str | None
    weight_note: str
    sources: tuple[dict, ...]
    conditions: tuple[ConditionView, ...]
    date_note: str | None
    commitment: str = "part-time"  # full-time, part-time or work-and-study
    commitment_note: str | None = None
    availability: str | None = None
    availability_sources: tuple[dict, ...] = ()
    alternatives: tuple[Ref, ...] = ()  # interchangeable steps (a HiSET for a GED)
    note: str | None = None  # a renewal's details: when it lapses, continuing education

    @property
    def when(self) -> str:
        """``'months 0 to 12'``, ``'month 3'``, or ``'from month 12'`` when the duration is unknown."""
        later = " or later" if self.after_unknown else ""
        if self.end_month is None:
            return f"from month {self.start_month:g}{later}"
        if self.end_month == self.start_month:
            return f"month {self.start_month:g}{later}"
        return f"months {self.start_month:g} to {self.end_month:g}{later}"


@record
class RouteView:
    """One route: its steps in time and its honest totals."""

    number: int
    steps: tuple[StepView, ...]
    reached_by: SatisfactionView | None
    months: float
    cost: float
    months_range: Range
    cost_range: Range
    elapsed_months: float
    overlaps: tuple[tuple[str, str], ...]
    unknown_months: tuple[str, ...]
    unknown_cost: tuple[str, ...]
    ranking_note: str | None  # why a route with unknown figures ranks where it does
    elapsed_note: str | None  # which steps run at the same time
    differs: frozenset[str]  # ids of the steps the best route does not take (empty for the best)

    @property
    def step_ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.steps)


@record
class ProfileView:
    have: tuple[tuple[Ref, datetime.date | None], ...]
    experience: tuple[tuple[Ref, float], ...]
    as_of: datetime.date | None
    state: str | None

    @property
    def text(self) -> str:
        """``'High school diploma, 2 years as Medical assistant'``, or ``'nothing yet'``."""
        parts = [ref.label + (f" (since {d.isoformat()})" if d else "") for ref, d in self.have]
        parts += [f"{_years(y)} as {ref.label}" for ref, y in self.experience]
        return ", ".join(parts) or "nothing yet"


@record
class StateView:
    """A state's practice rules as they touch the routes: the rules the routes include (with
    what meets them), the rules for related roles they do not reach (``other_rules``), and the
    rules not in force."""

    code: str
    known: bool
    rules: tuple[dict, ...]
    other_rules: tuple[dict, ...]
    not_in_force: tuple[dict, ...]
    note: str | None

    def lines(self) -> list[str]:
        """The sentences a person reads under a route."""
        out = [f"Note: {self.note}."] if self.note else []
        for rule in self.rules:
            what = "you hold" if rule["met_by"]["how"] == "held" else "the route includes"
            out.append(f"State rule ({self.code}): {rule['label']}; {what}: {rule['met_by']['label']}")
        return out  # rules for roles the route does not reach stay in the JSON (other_rules), not in the text


@record
class Tradeoff:
    """A route that beats the best on the other measure, and by how much."""

    route: RouteView
    difference: str  # "ends 44 months sooner for $210 more"


@record
class RouteAnswer:
    """The whole answer to "how do I get to this target from here?"."""

    target: Ref
    by: str
    profile: ProfileView
    routes: tuple[RouteView, ...]
    state: StateView | None
    assumptions: tuple[str, ...] = ()  # what careerpath assumed of the profile, and how to change it
    tradeoffs: tuple[Tradeoff, ...] = ()  # the Pareto set of (end month, cost) beside the best route
    caveat: str | None = None  # the target is reached through a counts-as rule: what to know
    closed: tuple[str, ...] = ()  # routes a time window closes to this profile, and why
    wages: tuple[str, ...] = ()  # the target's wages where the person lives and nationally (OEWS)


def _years(y: float) -> str:
    return f"{y:g} year" + ("" if y == 1 else "s")


def _satisfaction(sat) -> SatisfactionView:
    text = {
        "held": f"your {sat.label}, {sat.note}" if sat.note else "you hold it",
        "step": f"step: {sat.label}",
        "member": f"through {sat.label}",
        "experience": f"your {_years(sat.years)} as {sat.label}" if sat.years else sat.label,
        "implied": f"brought by your {sat.label}: every way into it requires this",
    }.get(sat.how, sat.label)
    return SatisfactionView(sat.how, sat.id, sat.label, sat.years, text)


def _step_view(cg: CareerGraph, number: int, scheduled) -> StepView:
    step = scheduled.step
    return StepView(
        number=number,
        id=step.id,
        label=step.label,
        kind=step.kind,
        achieves=Ref(*step.achieves),
        requires=tuple(
            RequirementView(req, label, _satisfaction(sat))
            for (req, label), sat in zip(step.requires, step.satisfied_by, strict=True)
        ),
        months=step.months,
        cost=step.cost,
        months_range=scheduled.months_range,
        cost_range=scheduled.cost_range,
        estimate=step.estimate,
        months_estimate=step.months_estimate,
        cost_estimate=step.cost_estimate,
        start_month=float(scheduled.start_month or 0.0),
        end_month=scheduled.end_month,
        after_unknown=scheduled.after_unknown,
        must_be_current=step.must_be_current,
        source_weight=step.source_weight,
        months_weight=step.months_weight,
        cost_weight=step.cost_weight,
        weight_note=weight_note(step),
        sources=tuple(cg.source_refs(step.sources)),
        conditions=tuple(
            ConditionView(
                c.id,
                c.label,
                Ref(c.requirement, cg.label(c.requirement)),
                c.window_months,
                c.years,
                c.hours,
                condition_text(c, cg.label),
                c.completing_days,
                c.completing_applies_only,
            )
            for c in step.conditions
        ),
        date_note=step.date_note,
        commitment=step.commitment,
        commitment_note=step.commitment_note,
        availability=step.availability,
        availability_sources=tuple(cg.source_refs(step.availability_sources)),
        alternatives=tuple(Ref(i, label) for i, label in step.alternatives),
        note=step.note,
    )


def _route_view(cg: CareerGraph, number: int, route: Route, by: str, best: Route | None) -> RouteView:
    plan = schedule(route)
    steps = tuple(_step_view(cg, n, s) for n, s in enumerate(plan.steps, 1))
    labels = {s.id: s.label for s in steps}
    elapsed_note = None
    if route.overlaps:
        pairs = "; ".join(f"{labels[a]} alongside {labels[b]}" for a, b in route.overlaps)
        elapsed_note = f"{months_text(route.elapsed_months)} from start to finish if steps overlap: {pairs}"
    ranking_note = None
    unknown = route.unknown(by) if by != "steps" else 0
    if unknown:
        what = "duration" if by == "months" else "cost"
        ranking_note = (
            f"{unknown} step(s) of unknown {what}: this route ranks after every route whose {what} is fully known"
        )
    return RouteView(
        number=number,
        steps=steps,
        reached_by=None if route.reached_by is None else _satisfaction(route.reached_by),
        months=route.months,
        cost=route.cost,
        months_range=route_range(route, "months") or (0.0, 0.0),
        cost_range=route_range(route, "cost") or (0.0, 0.0),
        elapsed_months=plan.elapsed_months,
        overlaps=tuple(route.overlaps),
        unknown_months=tuple(route.unknown_months),
        unknown_cost=tuple(route.unknown_cost),
        ranking_note=ranking_note,
        elapsed_note=elapsed_note,
        differs=frozenset() if best is None else route.step_ids - best.step_ids,
    )


def _rule_dates(rule) -> dict:
    return {
        "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
        "valid_until": rule.valid_until.isoformat() if rule.valid_until else None,
    }


def _related_roles(cg: CareerGraph, target: str, routes: Sequence[Route]) -> frozenset[str]:
    """The target, the roles the routes reach and the roles whose pathway has the target at a
    stage (the CMA's: the medical assistant), with the roles each counts as and the roles that
    count as each (a podiatric medical assistant's rule is related to a medical assistant's
    route, not to a phlebotomist's)."""
    p = cg.projection
    near = {target} | {s.achieves[0] for route in routes for s in route.steps if p.kinds.get(s.achieves[0]) == "role"}
    near |= p.pathway_roles.get(target, frozenset())
    out = set(near)
    for role in near:
        out |= p.role_ancestors.get(role, frozenset())
    out |= {role for role, above in p.role_ancestors.items() if above & near}
    return frozenset(out)


def state_view(
    cg: CareerGraph, profile: Profile, routes: Sequence[Route] = (), target: str | None = None
) -> StateView | None:
    """The profile's state's rules split by ``routes``: those the routes include, with what meets
    them, those for related roles the routes do not reach, and those not in force on the date.
    Given a ``target``, a rule for a role unrelated to it and to the roles on the routes (the
    roles each counts as or that count as each) is left out: a California phlebotomist's route
    does not list the X-ray permit of a podiatric medical assistant. Without one (``options``,
    every target at once), every rule in force is kept."""
    if not profile.state:
        return None
    rules = state_rules(cg.projection, profile.state, profile.as_of)
    lapsed = [r for r in state_rules(cg.projection, profile.state, every=True) if r not in rules]
    related = None if target is None else _related_roles(cg, target, routes)
    included, elsewhere = [], []
    for r in rules:
        entry = {"id": r.id, "label": r.label, "requires": {"id": r.milestone, "label": cg.label(r.milestone)}}
        # The rule belongs to a route whose steps need its milestone (the planner added it):
        # say what in the route meets it.
        met = next(
            (
                sat
                for route in routes
                for s in route.steps
                for (req, _), sat in zip(s.requires, s.satisfied_by, strict=True)
                if req == r.milestone
            ),
            None,
        )
        if met is not None:
            included.append({**entry, "met_by": {"id": met.id, "label": met.label, "how": met.how}})
        elif related is None or r.role in related:
            elsewhere.append({**entry, "role": {"id": r.role, "label": cg.label(r.role)}})
    on = (profile.as_of or datetime.date.today()).isoformat()
    if rules:
        note = None
    elif lapsed:
        note = f"no known {profile.state} rule is in force on {on} (not in force: {'; '.join(r.label for r in lapsed)})"
    else:
        note = f"no state rule is known for {profile.state}: the route may miss state requirements"
    return StateView(
        code=profile.state,
        known=bool(rules or lapsed),
        rules=tuple(included),
        other_rules=tuple(elsewhere),
        not_in_force=tuple({"id": r.id, "label": r.label, **_rule_dates(r)} for r in lapsed),
        note=note,
    )


def profile_view(cg: CareerGraph, profile: Profile) -> ProfileView:
    """What a profile holds, by label."""
    return ProfileView(
        have=tuple((Ref(m, cg.label(m)), d) for m, d in profile.have.items()),
        experience=tuple((Ref(r, cg.label(r)), float(y)) for r, y in profile.experience.items()),
        as_of=profile.as_of,
        state=profile.state,
    )


def _difference(best: Route, other: Route, by: str) -> str:
    from .formats import money

    months = other.elapsed_months - best.elapsed_months
    cost = other.cost - best.cost
    if by == "cost":  # best is the cheapest: this one ends sooner for more
        return f"ends {months_text(-months)} sooner for {money(cost)} more"
    return f"costs {money(-cost)} less but ends {months_text(months)} later"


def _assumptions(cg: CareerGraph, profile: Profile, routes: Sequence[Route]) -> tuple[str, ...]:
    from ..planning.holdings import holdings
    from .formats import HIGH_SCHOOL_OR_EQUIVALENT, profile_assumptions

    held = holdings(cg.projection, profile)
    hs = cg.projection.groups.get(HIGH_SCHOOL_OR_EQUIVALENT, ())
    planned = any(s.achieves[0] in hs for route in routes for s in route.steps)  # a test (or high school) planned
    out = profile_assumptions(cg.projection, profile, cg.label, equivalency=planned)
    used = {sat.id for route in routes for s in route.steps for sat in s.satisfied_by if sat.how == "held"}
    for m in sorted(used):
        if m in cg.projection.validity and profile.have.get(m) is None:
            out.append(
                f"You gave no date for your {cg.label(m)}: it is taken as current for the whole route"
                f" (give {cg.label(m)}@YYYY-MM, when you earned or last renewed it, to check when it lapses)"
            )
    out += _ways_unknown(cg, held, routes[:1])
    return tuple(out)


def _ways_unknown(cg: CareerGraph, held, routes: Sequence[Route]) -> list[str]:
    """What a held credential may already bring, by the way it was earned: when some (not every)
    way into it needed what the route plans a step for, the person is told which, and how to say
    so. A CMA holder in Washington who came through an accredited program (Categories 1 and 2)
    meets the MA-C's education; one through Category 4's 560-hour program may not."""
    from ..planning.problem import counts_as_closure

    p = cg.projection
    planned = {  # a requirement a step of the route meets (itself or through a member) -> that step
        req: by_step[sat.id]
        for route in routes
        if (by_step := {s.achieves[0]: s.label for s in route.steps})
        for s in route.steps
        for (req, _), sat in zip(s.requires, s.satisfied_by, strict=True)
        if sat.how in ("step", "member") and sat.id in by_step
    }

    def meets(y: str) -> list[str]:  # what holding y meets of the planned requirements
        if y in p.groups:  # any member is held: what every member meets
            found = [set(meets(member)) for member in sorted(p.groups[y])]
            return sorted(set.intersection(*found)) if found else []
        return sorted(counts_as_closure(p, {y}) & planned.keys())

    ways: dict[tuple[str, str, str], list[str]] = {}  # (held, what a way needed, what it meets) -> ways
    for m, sat in sorted(held.origin.items()):
        if sat.how != "held" or not planned:
            continue
        for sid in p.achievers(m):
            way = p.steps[sid]
            if way.kind == "work" or m in way.requires:
                continue
            for y in sorted(way.requires):
                met = meets(y)
                if met and y not in held.origin and not y.endswith("#held-once"):
                    ways.setdefault((m, y, met[0]), []).append(way.label)

    def say(y: str) -> str:  # what to hold, named as --have accepts it (a group by its members)
        return " or ".join(f'--have "{cg.label(x)}"' for x in sorted(p.groups.get(y, {y}), key=cg.label))

    return [
        f"Your {cg.label(m)} does not show how you earned it: if through {' or '.join(labels)}, you hold"
        f' {cg.label(y)}, which meets {cg.label(req)}; add {say(y)} and the route needs no "{planned[req]}" step'
        for (m, y, req), labels in ways.items()
    ]


def _wages(cg: CareerGraph, profile: Profile, target: str) -> tuple[str, ...]:
    from .formats import area_wage_text

    market = cg.market_of(target)
    if market is None or not market.areas:
        return ()
    group = "" if market.exact else f" (of {market.of_label}, a broader group)"
    areas = [profile.state] if profile.state else []
    lines = [area_wage_text(area, market.areas.get(area)) for area in areas]
    lines.append(area_wage_text("United States", market.areas.get("US")))
    return tuple(f"{line}{group}" for line in lines)


def _closed(cg: CareerGraph, profile: Profile, target: str) -> tuple[str, ...]:
    """Why routes toward ``target`` are closed to the profile by a time window, in words."""
    from ..planning.problem import build_problem

    projection = cg.projection
    excluded = build_problem(projection, profile, target).excluded
    ways = {target} | set(projection.groups.get(target, ()))  # what reaches the target itself
    return tuple(
        dict.fromkeys(
            f"{cg.label(sid)}: {why}" for sid, why in sorted(excluded.items()) if projection.steps[sid].achieves in ways
        )
    )


def _caveat(cg: CareerGraph, target: str, routes: Sequence[Route]) -> str | None:
    for route in routes[:1]:
        sat = route.reached_by
        if sat is not None and sat.how == "member":
            caveat = cg.projection.caveats.get((sat.id, target))
            if caveat:
                return f"Reached as {sat.label}, which counts as {cg.label(target)}: {caveat}"
    return None


def route_answer(
    cg: CareerGraph,
    target: str,
    by: str,
    profile: Profile,
    routes: Sequence[Route],
    *,
    tradeoffs: Sequence[Route] = (),
) -> RouteAnswer:
    """The view of one route answer: build it once, then write it as text, JSON, cards or a page.

    Parameters
    ----------
    cg : CareerGraph
        The graph the routes come from (labels and sources).
    target : str
        The target's IRI.
    by : {"months", "cost", "steps"}
        What the routes minimise.
    profile : Profile
        Where the person stands.
    routes : sequence of Route
        The planner's routes, best first (an empty route: the target is already held).
    tradeoffs : sequence of Route
        Routes that beat the best on the other measure (``planning.tradeoffs``).
    """
    best = routes[0] if routes else None
    return RouteAnswer(
        target=Ref(target, cg.label(target)),
        by=by,
        profile=profile_view(cg, profile),
        routes=tuple(_route_view(cg, n, route, by, None if n == 1 else best) for n, route in enumerate(routes, 1)),
        state=state_view(cg, profile, routes, target),
        assumptions=_assumptions(cg, profile, routes),
        tradeoffs=tuple(
            Tradeoff(_route_view(cg, n, r, by, best), _difference(best, r, by))
            for n, r in enumerate(tradeoffs, len(routes) + 1)
            if best is not None
        ),
        caveat=_caveat(cg, target, routes),
        closed=_closed(cg, profile, target),
        wages=_wages(cg, profile, target),
    )
