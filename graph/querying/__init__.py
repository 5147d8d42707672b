"""Querying: one safe SPARQL service for every caller, and the HTTP endpoint over it.

Holds ``checks`` (what a query must pass before it runs: read-only, no network, bounded
size and shape), ``service`` (``QueryService``: checks, runs on a store with a time limit
and a row cap), ``curated`` (the shipped competency questions and their parameters),
``server`` (``careerpath serve``, the SPARQL 1.1 Protocol endpoint) and ``local`` (one query
answered in this process from the graph persisted in the cache folder, for the command line).

May import ``careerpath.graph.loading`` (the stores, the query's types and errors) and
``careerpath.graph.errors``; never planning, presenting, the command line or the app.

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> service = CareerGraph.load().query_service()
>>> result = service.run("SELECT ?l WHERE { <https://w3id.org/careerpath/data/cert/cma> rdfs:label ?l }")
>>> [str(row[0]) for row in result.rows]
['Certified Medical Assistant']
"""

# The names below are imported when first used (PEP 562), so that a command reading only
# ``checks.quick_form`` or ``curated`` does not import rdflib through ``service``.
_HOMES = {
    "CheckedQuery": "..loading.sparql",
    "QueryError": "..errors",
    "QueryRefused": "..errors",
    "QueryResult": "..loading.sparql",
    "QuerySyntaxError": "..errors",
    "QueryTimeout": "..errors",
    "QueryTooComplex": "..errors",
    "network_guard": "..loading.sparql",
    "MAX_DEPTH": ".checks",
    "MAX_OPERATORS": ".checks",
    "MAX_QUERY_BYTES": ".checks",
    "MAX_TOKENS": ".checks",
    "check_query": ".checks",
    "quick_form": ".checks",
    "CuratedQuery": ".curated",
    "curated_queries": ".curated",
    "curated_query": ".curated",
    "query_defaults": ".curated",
    "query_parameters": ".curated",
    "query_variables": ".curated",
    "DEFAULT_MAX_ROWS": ".checks",
    "DEFAULT_MAX_TRIPLES": ".checks",
    "DEFAULT_TIMEOUT": ".checks",
    "QueryService": ".service",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
