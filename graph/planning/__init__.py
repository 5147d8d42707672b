"""Planning: honest routes from a profile to a target, and where a profile can go.

Holds ``projection`` (the RDF graph as an AND/OR graph of milestones and steps, built by
``project``), ``problem`` (one profile's problem: the steps in force, held milestones, time
windows, state rules), ``bound`` (the h_max lower bound), ``search`` (the exact best-first
search and Lawler's k best), ``routes`` (routes with their timeline and totals),
``schedule`` (a route laid out in time), ``eligibility`` (what a profile can sit for now),
``market`` (each occupation's wage and outlook) and ``options`` (every target within reach).

May import ``careerpath.graph.loading`` and ``careerpath.graph.errors``; never querying,
presenting, the command line or the app. Start with ``plan``.

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> cg = CareerGraph.load()
>>> route = plan(cg.projection, Profile.of([cg.resolve("high school diploma")]), cg.resolve("CMA"))[0]
>>> route.steps[-1].achieves[1]
'Certified Medical Assistant'
"""

from .eligibility import Eligibility, EligibleEntry, NotYetEntry, eligible
from .holdings import Profile, Satisfaction
from .problem import METRICS, state_rules
from .routes import Route, RouteStep
from .search import PlanningLimitError, iter_routes, plan, tradeoffs

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
