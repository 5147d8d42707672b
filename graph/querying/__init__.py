"""Querying: one safe SPARQL service for every caller, and the HTTP endpoint over it.

Holds ``checks`` (what a query must pass before it runs: read-only, no network, bounded
size and shape), ``service`` (``QueryService``: checks, runs on a store with a time limit
and a row cap), ``curated`` (the shipped competency questions and their parameters) and
``server`` (``careerpath serve``, the SPARQL 1.1 Protocol endpoint).

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

from ..loading.sparql import (
    CheckedQuery,
    QueryError,
    QueryRefused,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooComplex,
    network_guard,
)
from .checks import MAX_DEPTH, MAX_OPERATORS, MAX_QUERY_BYTES, MAX_TOKENS, check_query
from .curated import CuratedQuery, curated_queries, curated_query, query_parameters, query_variables
from .service import DEFAULT_MAX_ROWS, DEFAULT_MAX_TRIPLES, DEFAULT_TIMEOUT, QueryService

__all__ = [
    "CheckedQuery",
    "CuratedQuery",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_MAX_TRIPLES",
    "DEFAULT_TIMEOUT",
    "MAX_DEPTH",
    "MAX_OPERATORS",
    "MAX_QUERY_BYTES",
    "MAX_TOKENS",
    "QueryError",
    "QueryRefused",
    "QueryResult",
    "QueryService",
    "QuerySyntaxError",
    "QueryTimeout",
    "QueryTooComplex",
    "check_query",
    "curated_queries",
    "curated_query",
    "network_guard",
    "query_parameters",
    "query_variables",
]
