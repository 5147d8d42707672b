"""Where can I go from here? What a profile can sit for now, by which eligibility route, and
what the others still need (``eligible``: the same rule evaluator as ``plan``: windows, dates,
rules in force); and every role and certification a profile can reach, each with
its best route's months and dollars (and their ranges), and the labour market of the role:
median annual wage, projected growth and openings a year, and the change in median wage
over the profile's current role.

The wage and outlook figures are the *current* ones in the data (those no newer figure
supersedes), for the occupation itself only: a specialised role (a podiatric medical
assistant) gets no figure of its broader occupation, because the data does not say it
earns the same. A certification is not an occupation and gets no wage.

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> cg = CareerGraph.load()
>>> found = options(cg, cg.profile(have=["high school diploma"], experience={"medical assistant": 2}))
>>> found.current_role.label, found.current_role.median_wage
('Medical assistant', 44200.0)
>>> ccma = next(o for o in found.options if o.label == "Certified Clinical Medical Assistant")
>>> ccma.kind, ccma.steps
('certification', 1)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import NoRouteError, ProfileError
from ..records import record

if TYPE_CHECKING:
    from ..core import CareerGraph
    from ..loading.market import AreaWage, Market, labour_market  # noqa: F401 (module __getattr__)
    from .problem import Problem, Profile
    from .projection import Condition, Projection
    from .schedule import Range

__all__ = [
    "Eligibility",
    "EligibleEntry",
    "NotYetEntry",
    "eligible",
    "AreaWage",
    "Market",
    "labour_market",
    "Option",
    "Options",
    "CurrentRole",
    "SORT_KEYS",
    "options",
    "sort_options",
]

_CP = "https://w3id.org/careerpath/ontology#"
SORT_KEYS = ("months", "cost", "wage", "wage_change", "growth", "openings", "label")


@record(hot=True)
class Option:
    """One reachable role or certification and what getting there takes."""

    id: str
    label: str
    kind: str  # "role" or "certification"
    steps: int
    months: float
    months_range: Range | None
    cost: float
    cost_range: Range | None
    elapsed_months: float
    unknown_months: int
    unknown_cost: int
    estimate: bool  # some step's figures are careerpath's estimates
    market: Market
    wage_change: float | None  # median wage minus the current role's; None when either is unknown
    caveat: str | None = None  # reached through a counts-as rule: what to know (most such jobs ask for a degree)
    reached_as: str | None = None  # the label of what the route reaches that counts as the target
    state: str | None = None  # the profile's state: ``wage`` is that state's median

    @property
    def state_wage(self) -> float | None:
        """The state's OEWS median (None without a state, or where BLS publishes none)."""
        return self.market.median_in(self.state) if self.state else None

    @property
    def wage(self) -> float | None:
        """The figure wage sorts rank by: the state's median with a state, else the national one."""
        return self.state_wage if self.state else self.market.median_wage


@record
class CurrentRole:
    """The role the profile works in (the best-paid one, when several), with its median wage."""

    id: str
    label: str
    median_wage: float | None


@record
class Options:
    """Everything reachable from one profile, best first by the chosen metric."""

    by: str
    current_role: CurrentRole | None
    options: tuple[Option, ...]
    held: tuple[tuple[str, str], ...]  # roles and certifications already held: (id, label)
    unreachable: tuple[tuple[str, str], ...]  # no route from this profile


def __getattr__(name: str):
    """``AreaWage``, ``Market`` and ``labour_market`` (``loading.market``), imported when first
    asked for: ``eligible``, which lives here, reads no wages."""
    if name in ("AreaWage", "Market", "labour_market"):
        from ..loading import market

        return getattr(market, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _targets(cg: CareerGraph) -> list[tuple[str, str]]:
    role, cert = _CP + "Role", _CP + "Certification"  # strings: a cached graph needs no rdflib
    out = []
    for iri, classes in cg.names.types.items():
        if cert in classes:
            out.append((iri, "certification"))
        elif role in classes:
            out.append((iri, "role"))
    return sorted(out, key=lambda t: cg.label(t[0]).casefold())


def _kept_targets(cg: CareerGraph) -> list[tuple[str, str]]:
    """Every target ``(iri, kind)`` in the order of their labels (``_targets``), whatever the
    profile: kept in the cache beside the compiled graph (``CareerGraph.cached``: under the key
    of the data, careerpath's code and Python, so changed data is read anew), so that a profile
    asked for the first time does not decode the whole name index (757 KB) to list them."""

    def check(value: object) -> bool:
        targets = value.get("targets") if isinstance(value, dict) else None
        return isinstance(targets, list) and all(
            isinstance(t, list) and len(t) == 2 and {type(x) for x in t} == {str} for t in targets
        )

    table = cg.cached("options_targets", lambda cg: {"targets": [list(t) for t in _targets(cg)]}, check)
    return [(iri, kind) for iri, kind in table["targets"]]


def _current_role(cg: CareerGraph, profile: Profile, market: dict[str, Market], roles: set[str]) -> CurrentRole | None:
    mine = [r for r, years in profile.experience.items() if years > 0] + [m for m in profile.have if m in roles]
    if not mine:
        return None

    def wage(r: str) -> float:
        m = market.get(r)
        return m.median_wage if m and m.median_wage is not None else float("-inf")

    best = max(dict.fromkeys(mine), key=lambda r: (wage(r), cg.label(r)))
    m = market.get(best)
    return CurrentRole(best, cg.label(best), m.median_wage if m else None)


def options(cg: CareerGraph, profile: Profile, by: str = "months", areas: Iterable[str] | None = None) -> Options:
    """Every role and certification ``profile`` can reach, each by its best route.

    Parameters
    ----------
    cg : CareerGraph
        The loaded graph.
    profile : Profile
        What the person holds (``CareerGraph.profile``); its state's rules apply.
    by : {"months", "cost", "steps"}
        The metric each target's best route minimises; the options come sorted by it.
    areas : iterable of str, optional
        The areas ("US", states' codes) whose OEWS estimates each option's market holds
        (``CareerGraph.markets_in``); by default every area.

    Returns
    -------
    Options
        The reachable options, what is already held, and what cannot be reached.

    Raises
    ------
    ProfileError
        ``by`` is not a metric.
    """
    from ..loading.market import Market
    from .problem import METRICS
    from .schedule import route_range, schedule  # here, so that reading a role's wages (Market) loads no planner
    from .search import PlanningLimitError, plan

    if by not in METRICS:
        raise ProfileError(f"'by' must be one of {', '.join(METRICS)}, not {by!r}")
    market = cg.market if areas is None else cg.markets_in(areas)
    targets = _kept_targets(cg)
    roles = {iri for iri, kind in targets if kind == "role"}
    current = _current_role(cg, profile, market, roles)
    found: list[Option] = []
    held: list[tuple[str, str]] = []
    unreachable: list[tuple[str, str]] = []
    for iri, kind in targets:
        try:
            routes = plan(cg.projection, profile, iri, by=by, k=1)
        except (NoRouteError, PlanningLimitError):
            unreachable.append((iri, cg.label(iri)))
            continue
        route = routes[0]
        if not route.steps:
            held.append((iri, cg.label(iri)))
            continue
        m = market.get(iri, Market()) if kind == "role" else Market()
        change = None
        if profile.state:  # where the person lives: the state's figures on both sides
            mine = market.get(current.id, Market()).median_in(profile.state) if current is not None else None
            theirs = m.median_in(profile.state)
            if mine is not None and theirs is not None:
                change = theirs - mine
        elif current is not None and current.median_wage is not None and m.median_wage is not None:
            change = m.median_wage - current.median_wage
        caveat = reached_as = None
        sat = route.reached_by
        if sat is not None and sat.how == "member" and sat.id != iri:
            reached_as = sat.label
            caveat = cg.projection.caveats.get((sat.id, iri))
        found.append(
            Option(
                id=iri,
                label=cg.label(iri),
                kind=kind,
                steps=len(route.steps),
                months=route.months,
                months_range=route_range(route, "months"),
                cost=route.cost,
                cost_range=route_range(route, "cost"),
                elapsed_months=schedule(route).elapsed_months,
                unknown_months=len(route.unknown_months),
                unknown_cost=len(route.unknown_cost),
                estimate=any(s.estimate for s in route.steps),
                market=m,
                wage_change=change,
                caveat=caveat,
                reached_as=reached_as,
                state=profile.state,
            )
        )
    return Options(
        by=by,
        current_role=current,
        options=tuple(sort_options(found, by)),
        held=tuple(held),
        unreachable=tuple(unreachable),
    )


def sort_options(items: Iterable[Option], key: str = "months") -> list[Option]:
    """Sort options: times and costs lowest first, wages, growth and openings highest first;
    unknown figures last, ties by label.

    Raises
    ------
    ProfileError
        ``key`` is not one of ``SORT_KEYS`` (or ``steps``).
    """
    getters = {  # an unknown duration or cost is never a zero: such options come after the known ones
        "months": (lambda o: (o.unknown_months > 0, o.elapsed_months), False),  # fastest: the soonest end
        "cost": (lambda o: (o.unknown_cost > 0, o.cost), False),
        "steps": (lambda o: (False, float(o.steps)), False),
        "wage": (lambda o: o.wage, True),
        "wage_change": (lambda o: o.wage_change, True),
        "growth": (lambda o: o.market.growth_percent, True),
        "openings": (lambda o: o.market.openings_per_year, True),
    }
    if key == "label":
        return sorted(items, key=lambda o: o.label.casefold())
    if key not in getters:
        raise ProfileError(f"sort by one of {', '.join(SORT_KEYS)}, not {key!r}")
    get, high_first = getters[key]

    market_key = key in ("wage", "wage_change", "growth", "openings")

    def order(o: Option) -> tuple:
        value = get(o)
        broader = market_key and not o.market.exact  # a broader group's figure sorts after the exact ones
        if value is None:
            return (True, True, 0.0, o.label.casefold())
        if isinstance(value, tuple):  # (has unknowns, known part)
            return (value[0], False, value[1], o.label.casefold())
        return (False, broader, -value if high_first else value, o.label.casefold())

    return sorted(items, key=order)


# ---------------------------------------------------------------------- what a profile can sit for now
@record
class EligibleEntry:
    """A certification the profile can sit for, and the route that opens it."""

    id: str
    label: str
    via: tuple[str, str]
    note: str | None = None  # the route may not be in force on the date asked (see ``RouteStep.date_note``)


@record
class NotYetEntry:
    """A certification not yet open, with what its closest route still needs."""

    id: str
    label: str
    missing: tuple[tuple[str, str], ...]
    via: tuple[str, str]
    why: tuple[str, ...] = ()  # a time window the profile misses, in words ("your ... is dated ...")
    months: float | None = None  # the month the fastest route to it ends, from this profile


@record
class Eligibility:
    """What a profile can sit for now, and what the rest still need."""

    eligible: tuple[EligibleEntry, ...]
    not_yet: tuple[NotYetEntry, ...]


def _condition_met(problem: Problem, profile: Profile, cond: Condition, today: datetime.date) -> bool:
    """The rule evaluator ``eligible`` shares with ``route``: held (or counted as held), and
    inside its window (``window_ok``); a milestone only implied has no date to show it."""
    from .problem import window_ok

    implied = problem.held.implied if problem.held is not None else ()
    return cond.requirement in problem.start and window_ok(problem.projection, profile, cond, today, implied)


def _fastest(projection: Projection, profile: Profile, cert: str) -> tuple[str | None, float | None]:
    """The eligibility route the fastest plan to ``cert`` takes, and when that plan ends."""
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
    >>> from careerpath.graph.planning.problem import Profile
    >>> from careerpath.graph.planning.projection import project
    >>> p = project(load_graph())
    >>> D = "https://w3id.org/careerpath/data/"
    >>> e = eligible(p, Profile.of([D + "credential/high-school-diploma"], {D + "role/medical-assistant": 1}))
    >>> "Certified Clinical Medical Assistant" in [x.label for x in e.eligible]
    True
    """
    from .problem import build_problem, today_of

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
