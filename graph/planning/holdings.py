"""What a profile holds on a date, and how: the milestones held and current, those held once but
lapsed, what a held role or credential brings by rule, years of experience, and programs the
person is still enrolled in.

- A credential with a validity period (``cp:renewalPeriodMonths``) dated by the person
  (``--have CMA@2018-04``: when it was earned or last renewed) is current until that date plus
  the period; past it, it has lapsed: it is not held, but it counts as "held once", which is what
  a recertification route asks for. Undated, it is held and current.
- Holding a role brings what working in it requires by rule, and holding a certification or a
  licence brings what every way into it required (recertification routes aside): a working LPN
  holds a practical-nurse licence; a CMA holds a high school diploma or equivalent. Such
  milestones are "implied"; they carry no date, so they never open a time-windowed route.
- A program the person is enrolled in, with its expected end date, is reached by a step that
  ends then (``enrolled``).

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> cg = CareerGraph.load()
>>> D = "https://w3id.org/careerpath/data/"
>>> p = Profile(have={D + "cert/cma": datetime.date(2018, 4, 1)}, as_of=datetime.date(2026, 12, 1))
>>> h = holdings(cg.projection, p)
>>> D + "cert/cma" in h.origin, h.lapsed[D + "cert/cma"].isoformat()
(False, '2023-04-01')
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from dataclasses import field

from ..errors import ProfileError
from ..records import record
from .projection import Projection, held_once_node

__all__ = [
    "Profile",
    "Satisfaction",
    "Holdings",
    "holdings",
    "implied_by",
    "months_between",
    "add_months",
    "check_dates",
]


@record
class Profile:
    """Where a person stands.

    Parameters
    ----------
    have : mapping of milestone id to date or None
        Milestones held, with the date each was reached (or, for a credential that lapses, last
        renewed) when the person gives it.
    experience : mapping of role id to years
        Years of experience per role; having experience in a role implies working in it.
    as_of : date, optional
        Apply the rules in force on this date; by default the current rules (nothing
        superseded).
    state : str, optional
        A US state's two-letter code: its practice rules (a state credential to work in a
        role there) join the requirements of the steps into those roles.
    enrolled : mapping of milestone id to date
        Programs the person is enrolled in, with the date they expect to finish.
    school_age : bool
        The person is of high school age: a four-year high school diploma may be planned. By
        default careerpath assumes an adult, who takes a high school equivalency test instead.
    """

    have: Mapping[str, datetime.date | None] = field(default_factory=dict)
    experience: Mapping[str, float] = field(default_factory=dict)
    as_of: datetime.date | None = None
    state: str | None = None
    enrolled: Mapping[str, datetime.date] = field(default_factory=dict)
    school_age: bool = False

    def __post_init__(self) -> None:
        for role, years in self.experience.items():
            if isinstance(years, bool) or not isinstance(years, (int, float)):
                raise ProfileError(f"years of experience must be a number, not {years!r} (for {role})")
            if not math.isfinite(years) or years < 0:
                raise ProfileError(f"years of experience must be zero or more, not {years!r} (for {role})")

    @classmethod
    def of(cls, have: Iterable[str] = (), experience: Mapping[str, float] | None = None, **kw) -> Profile:
        """A profile from undated milestones and experience."""
        return cls(have={m: None for m in have}, experience=dict(experience or {}), **kw)

    @property
    def is_empty(self) -> bool:
        return not self.have and not self.experience and not self.enrolled


@record(hot=True)
class Satisfaction:
    """How one requirement of a step is met.

    ``how`` is ``held`` (the profile holds ``id``, the requirement itself), ``step`` (the earlier
    step ``id`` of this route achieves it), ``member`` (``id`` is held or achieved earlier and is a
    member of the any-of group, or counts as the requirement by a sourced equivalence),
    ``experience`` (the profile's years in role ``id`` give it) or ``implied`` (the profile holds
    ``id``, a role or credential whose every way in required it; ``sources`` are that rule's).
    """

    how: str
    id: str
    label: str
    years: float | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()


@record(frozen=False)
class Holdings:
    """What a profile holds, and how (``origin``), on one date."""

    origin: dict[str, Satisfaction]
    lapsed: dict[str, datetime.date]  # credential -> the day it lapsed
    lapses_in: dict[str, float]  # a dated, current credential -> months from today until it lapses
    implied: set[str]
    years: dict[str, tuple[float, str]]  # role -> (years, the profile's own role giving them)


def months_between(earlier: datetime.date, later: datetime.date) -> float:
    """Months from ``earlier`` to ``later`` (a day is a 31st of a month).

    >>> months_between(datetime.date(2024, 1, 15), datetime.date(2026, 1, 15))
    24.0
    """
    return (later.year - earlier.year) * 12 + (later.month - earlier.month) + (later.day - earlier.day) / 31


def add_months(day: datetime.date, months: float) -> datetime.date:
    """``day`` plus a whole number of months (the day clamped to the month's length).

    >>> add_months(datetime.date(2023, 3, 31), 24).isoformat()
    '2025-03-31'
    """
    total = day.year * 12 + day.month - 1 + int(round(months))
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def implied_by(projection: Projection, milestone: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """What holding ``milestone`` brings by rule, and the sources of that rule.

    A role brings the licences and certifications every way into it requires (a rule, not a
    hiring norm); a certification, licence or finished program what every way into it required
    (recertification routes, which need the milestone itself, aside); an any-of group what every
    member brings; and so on down. Computed once per milestone and projection.
    """
    cache = projection.implied
    if milestone not in cache:
        cache[milestone] = (frozenset(), ())  # a cycle brings nothing
        cache[milestone] = _implied(projection, milestone)
    return cache[milestone]


def _implied(projection: Projection, milestone: str) -> tuple[frozenset[str], tuple[str, ...]]:
    kind = projection.kinds.get(milestone)
    if kind == "group":  # one member is held, which one is not known: what every member brings
        members = [implied_by(projection, m) for m in sorted(projection.groups.get(milestone, ()))]
        if not members:
            return frozenset(), ()
        common = frozenset.intersection(*(found for found, _ in members))
        return common, tuple(sorted({s for _, sources in members for s in sources}))
    if kind not in ("role", "certification", "licence", "credential", "program"):
        return frozenset(), ()
    once = held_once_node(milestone)
    ways = [
        projection.steps[sid]
        for sid in projection.achievers(milestone)
        if projection.steps[sid].kind != "work"
        and milestone not in projection.steps[sid].requires
        and once not in projection.steps[sid].requires
    ]
    if not ways:
        return frozenset(), ()
    brought: set[str] | None = None
    sources: set[str] = set()
    for step in ways:
        found: set[str] = set()
        for req in step.requires:
            if req.endswith("#held-once") or req in projection.experience_of or "/experience/" in req:
                continue  # years of work and earlier credentials are not what holding it shows
            if kind == "role" and projection.kinds.get(req) not in ("licence", "certification"):
                continue  # a role brings what working in it requires by rule only, not hiring norms
            if kind != "role" and req in projection.current:
                continue  # needed current when it was earned (a membership, CPR), not necessarily now
            found.add(req)
            found |= implied_by(projection, req)[0]
        brought = found if brought is None else brought & found
        sources.update(step.sources)
    return frozenset(brought or ()), tuple(sorted(sources))


def _experience(projection: Projection, profile: Profile, origin: dict[str, Satisfaction]) -> dict:
    # Years of experience count for the role itself and for the roles it counts as by a
    # sourced equivalence; never through cp:specializes.
    years: dict[str, tuple[float, str]] = {}
    for role, y in profile.experience.items():
        for r in (role, *projection.role_ancestors.get(role, ())):
            if float(y) > years.get(r, (-1.0, ""))[0]:
                years[r] = (float(y), role)
    for role, (y, own) in years.items():
        if y > 0 and role not in origin:
            origin[role] = Satisfaction("experience", own, projection.label(own), y)
    return years


def check_dates(projection: Projection, profile: Profile, today: datetime.date) -> None:
    """Raise ``ProfileError`` for a milestone the profile dates after ``today``."""
    for milestone, when in profile.have.items():
        if when is not None and when > today:
            raise ProfileError(
                f"{projection.label(milestone)} is dated {when.isoformat()}, after {today.isoformat()}"
                + (" (--as-of)" if profile.as_of else " (today)")
                + ": a milestone cannot be held before it is reached"
            )


def holdings(projection: Projection, profile: Profile, today: datetime.date | None = None) -> Holdings:
    """What ``profile`` holds on ``today`` (default ``profile.as_of`` or today), and how."""
    today = today or profile.as_of or datetime.date.today()
    origin: dict[str, Satisfaction] = {}
    lapsed: dict[str, datetime.date] = {}
    lapses_in: dict[str, float] = {}
    for m, when in profile.have.items():
        if m not in projection.graph and m not in projection.labels:
            continue
        validity = projection.validity.get(m)
        if validity is not None and when is not None:
            expiry = add_months(when, validity.months)
            if expiry <= today:
                lapsed[m] = expiry
                origin[held_once_node(m)] = Satisfaction(
                    "held", m, projection.label(m), note=f"lapsed {expiry.isoformat()}", sources=validity.sources
                )
                continue
            lapses_in[m] = months_between(today, expiry)
        origin[m] = Satisfaction("held", m, projection.label(m))
    years = _experience(projection, profile, origin)
    implied: set[str] = set()
    # What a credential brings stays true after it lapses (the program it proved was finished).
    bringers = [m.removesuffix("#held-once") for m in origin] + [r for r, (y, _) in years.items() if y > 0]
    for m in bringers:
        brought, sources = implied_by(projection, m)
        for x in sorted(brought):
            if x not in origin and x not in implied:
                implied.add(x)
                origin[x] = Satisfaction("implied", m, projection.label(m), sources=sources)
    return Holdings(origin=origin, lapsed=lapsed, lapses_in=lapses_in, implied=implied, years=years)
