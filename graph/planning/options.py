"""Where can I go from here? Every role and certification a profile can reach, each with
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

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import NoRouteError, ProfileError
from ..loading.market import AreaWage, Market, labour_market

if TYPE_CHECKING:
    from ..core import CareerGraph
    from .problem import Profile
    from .schedule import Range

__all__ = [
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class CurrentRole:
    """The role the profile works in (the best-paid one, when several), with its median wage."""

    id: str
    label: str
    median_wage: float | None


@dataclass(frozen=True)
class Options:
    """Everything reachable from one profile, best first by the chosen metric."""

    by: str
    current_role: CurrentRole | None
    options: tuple[Option, ...]
    held: tuple[tuple[str, str], ...]  # roles and certifications already held: (id, label)
    unreachable: tuple[tuple[str, str], ...]  # no route from this profile


def _targets(cg: CareerGraph) -> list[tuple[str, str]]:
    role, cert = _CP + "Role", _CP + "Certification"  # strings: a cached graph needs no rdflib
    out = []
    for iri, classes in cg.names.types.items():
        if cert in classes:
            out.append((iri, "certification"))
        elif role in classes:
            out.append((iri, "role"))
    return sorted(out, key=lambda t: cg.label(t[0]).casefold())


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


def options(cg: CareerGraph, profile: Profile, by: str = "months") -> Options:
    """Every role and certification ``profile`` can reach, each by its best route.

    Parameters
    ----------
    cg : CareerGraph
        The loaded graph.
    profile : Profile
        What the person holds (``CareerGraph.profile``); its state's rules apply.
    by : {"months", "cost", "steps"}
        The metric each target's best route minimises; the options come sorted by it.

    Returns
    -------
    Options
        The reachable options, what is already held, and what cannot be reached.

    Raises
    ------
    ProfileError
        ``by`` is not a metric.
    """
    from .problem import METRICS
    from .schedule import route_range, schedule  # here, so that reading a role's wages (Market) loads no planner
    from .search import PlanningLimitError, plan

    if by not in METRICS:
        raise ProfileError(f"'by' must be one of {', '.join(METRICS)}, not {by!r}")
    market = cg.market
    targets = _targets(cg)
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
