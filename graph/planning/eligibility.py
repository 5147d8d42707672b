"""What a profile can sit for now, by which eligibility route, and what the others still need:
the same rule evaluator as ``plan`` (windows, dates, rules in force)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .problem import Problem, Profile, build_problem, today_of, window_ok
from .projection import Condition, Projection

__all__ = ["Eligibility", "EligibleEntry", "NotYetEntry", "eligible"]


# ---------------------------------------------------------------------- eligibility
@dataclass(frozen=True)
class EligibleEntry:
    """A certification the profile can sit for, and the route that opens it."""

    id: str
    label: str
    via: tuple[str, str]
    note: str | None = None  # the route may not be in force on the date asked (see ``RouteStep.date_note``)


@dataclass(frozen=True)
class NotYetEntry:
    """A certification not yet open, with what its closest route still needs."""

    id: str
    label: str
    missing: tuple[tuple[str, str], ...]
    via: tuple[str, str]
    why: tuple[str, ...] = ()  # a time window the profile misses, in words ("your ... is dated ...")
    months: float | None = None  # the month the fastest route to it ends, from this profile


@dataclass(frozen=True)
class Eligibility:
    """What a profile can sit for now, and what the rest still need."""

    eligible: tuple[EligibleEntry, ...]
    not_yet: tuple[NotYetEntry, ...]


def _condition_met(problem: Problem, profile: Profile, cond: Condition, today: datetime.date) -> bool:
    """The rule evaluator ``eligible`` shares with ``route``: held (or counted as held), and
    inside its window (``window_ok``); a milestone only implied has no date to show it."""
    implied = problem.held.implied if problem.held is not None else ()
    return cond.requirement in problem.start and window_ok(problem.projection, profile, cond, today, implied)


def _fastest(projection: Projection, profile: Profile, cert: str) -> tuple[str | None, float | None]:
    """The eligibility route the fastest plan to ``cert`` takes, and when that plan ends."""
    from ..errors import NoRouteError
    from .search import PlanningLimitError, plan

    try:
        route = plan(projection, profile, cert, by="months", k=1)[0]
    except (NoRouteError, PlanningLimitError):
        return None, None
    last = [s for s in route.steps if s.achieves[0] == cert and s.kind == "route"]
    return (last[-1].id if last else None), route.elapsed_months


def eligible(projection: Projection, profile: Profile, today: datetime.date | None = None) -> Eligibility:
    """Which certifications ``profile`` can sit for now, and by which route.

    Time windows ("within the last 5 years") are checked against the dates a person
    gives for their milestones, as of ``today`` (or ``profile.as_of``); undated
    milestones are taken as recent.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> from careerpath.graph.planning.projection import project
    >>> p = project(load_graph())
    >>> D = "https://w3id.org/careerpath/data/"
    >>> e = eligible(p, Profile.of([D + "credential/high-school-diploma"], {D + "role/medical-assistant": 1}))
    >>> "Certified Clinical Medical Assistant" in [x.label for x in e.eligible]
    True
    """
    today = today_of(profile, today)
    problem = build_problem(projection, profile, today=today, windows=False)
    yes, no = [], []
    for cert in projection.certifications:
        routes = [problem.steps[sid] for sid in problem.achievers.get(cert, ()) if problem.steps[sid].kind == "route"]
        missing_by: dict[str, list[Condition]] = {}
        opened = None
        for route in routes:  # a route surely in force wins over one that may not be
            missing = [c for c in route.conditions if not _condition_met(problem, profile, c, today)]
            if not missing:
                if opened is None or (opened.date_note is not None and route.date_note is None):
                    opened = route
                continue
            missing_by[route.id] = missing
        label = projection.label(cert)
        if opened is not None:
            yes.append(EligibleEntry(cert, label, (opened.id, opened.label), opened.date_note))
        elif missing_by:
            no.append(_not_yet(projection, problem, profile, cert, label, missing_by, today))
    no.sort(key=lambda n: (n.months is None, n.months or 0.0, n.label.casefold()))
    return Eligibility(eligible=tuple(yes), not_yet=tuple(no))


def _not_yet(
    projection: Projection,
    problem: Problem,
    profile: Profile,
    cert: str,
    label: str,
    missing_by: dict[str, list[Condition]],
    today: datetime.date,
) -> NotYetEntry:
    """The closest route is the one the fastest plan takes (least time from this profile), not
    the one with the fewest conditions left; a route closed by a time window says why."""
    from .problem import window_problem

    fastest, months = _fastest(projection, profile, cert)
    if fastest not in missing_by:  # no plan (or it ends through another certification): fewest conditions
        fastest = min(missing_by, key=lambda sid: (len(missing_by[sid]), sid))
    route = problem.steps[fastest]
    missing = missing_by[fastest]
    implied = problem.held.implied if problem.held is not None else ()
    why = tuple(
        w
        for sid in sorted(missing_by)
        for c in missing_by[sid]
        if (w := window_problem(projection, profile, c, today, implied)) is not None
    )
    return NotYetEntry(
        cert,
        label,
        tuple((c.id, c.label) for c in missing),
        (route.id, route.label),
        why=tuple(dict.fromkeys(why)),
        months=months,
    )
