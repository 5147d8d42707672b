"""Planning: honest routes from a profile to a target, and where a profile can go.

Holds ``projection`` (the RDF graph as an AND/OR graph of milestones and steps, built by
``project``), ``problem`` (one profile's problem: the steps in force, held milestones, time
windows, state rules), ``bound`` (the h_max lower bound), ``profile_tables`` (what a profile's
plans share), ``chain`` (the critical-path bound), ``search`` (the exact best-first search and
Lawler's k best), ``routes`` (routes with their timeline and totals), ``timeline`` (one
full-time activity at a time, and renewals), ``schedule`` (a route laid out in time),
``market`` (each occupation's wage and outlook) and ``options`` (what a profile can sit for
now, and every target within reach).

May import ``careerpath.graph.loading`` and ``careerpath.graph.errors``; never querying,
presenting, the command line or the app. Start with ``plan``. The names below are imported
when first used, so a command that reads one module (``show`` reads a role's wages from
``options``) does not load the search.

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> from careerpath.graph.planning import Profile, plan
>>> cg = CareerGraph.load()
>>> route = plan(cg.projection, Profile.of([cg.resolve("high school diploma")]), cg.resolve("CMA"))[0]
>>> route.steps[-1].achieves[1]
'Certified Medical Assistant'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .holdings import Profile, Satisfaction
    from .options import Eligibility, EligibleEntry, NotYetEntry, eligible
    from .problem import METRICS, state_rules
    from .routes import Route, RouteStep, tradeoffs
    from .search import PlanningLimitError, iter_routes, plan

_HOME = {
    **dict.fromkeys(("Eligibility", "EligibleEntry", "NotYetEntry", "eligible"), "options"),
    **dict.fromkeys(("Profile", "Satisfaction"), "holdings"),
    **dict.fromkeys(("METRICS", "state_rules"), "problem"),
    **dict.fromkeys(("Route", "RouteStep"), "routes"),
    **dict.fromkeys(("PlanningLimitError", "iter_routes", "plan"), "search"),
    "tradeoffs": "routes",
}

__all__ = [
    "METRICS",
    "Eligibility",
    "EligibleEntry",
    "NotYetEntry",
    "PlanningLimitError",
    "Profile",
    "Route",
    "RouteStep",
    "Satisfaction",
    "eligible",
    "iter_routes",
    "plan",
    "state_rules",
    "tradeoffs",
]


def __getattr__(name: str):
    """``plan``, ``Profile``... from the module that holds them, imported on first use."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
