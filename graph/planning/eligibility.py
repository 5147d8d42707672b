"""What a profile can sit for now, by which eligibility route, and what the others still need:
the same rule evaluator as ``plan`` (windows, dates, rules in force)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .problem import Problem, Profile, build_problem, today_of, window_ok
from .projection import Condition, Projection, StepInfo

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


@dataclass(frozen=True)
class Eligibility:
    """What a profile can sit for now, and what the rest still need."""

    eligible: tuple[EligibleEntry, ...]
    not_yet: tuple[NotYetEntry, ...]


def _condition_met(problem: Problem, profile: Profile, cond: Condition, today: datetime.date) -> bool:
    """The rule evaluator ``eligible`` shares with ``route``: held (or counted as held), and
    inside its window (``_window_ok``)."""
    return cond.requirement in problem.start and window_ok(problem.projection, profile, cond, today)


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
        best: tuple[int, StepInfo, list[Condition]] | None = None
        opened = None
        for route in routes:  # a route surely in force wins over one that may not be
            missing = [c for c in route.conditions if not _condition_met(problem, profile, c, today)]
            if not missing:
                if opened is None or (opened.date_note is not None and route.date_note is None):
                    opened = route
                continue
            if best is None or len(missing) < best[0]:
                best = (len(missing), route, missing)
        label = projection.label(cert)
        if opened is not None:
            yes.append(EligibleEntry(cert, label, (opened.id, opened.label), opened.date_note))
        elif best is not None:
            no.append(NotYetEntry(cert, label, tuple((c.id, c.label) for c in best[2]), (best[1].id, best[1].label)))
    return Eligibility(eligible=tuple(yes), not_yet=tuple(no))
