"""Hostile query shapes from issue 12: each under the 100 kB cap, each took rdflib's parser
tens of seconds or ended in a RecursionError before the shape check."""

from __future__ import annotations

HOSTILE = {
    "40,000 +": "SELECT (1" + "+1" * 40_000 + " AS ?x) WHERE {}",
    "40,000 *": "SELECT (1" + "*1" * 40_000 + " AS ?x) WHERE {}",
    "40,000 IN items": "SELECT * WHERE { FILTER(1 IN (1" + ",1" * 40_000 + ")) }",
    "40,000 CONCAT arguments": "SELECT (CONCAT('a'" + ",1" * 40_000 + ") AS ?x) WHERE {}",
    "20,000 ||": "SELECT * WHERE { FILTER(1" + "||1" * 20_000 + ") }",
    "30,000 GROUP BY keys": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY" + " ?s" * 30_000,
    "50 parentheses in a path": "SELECT * WHERE { ?s " + "(" * 50 + "rdfs:label" + ")" * 50 + " ?o }",
    "100 nested function calls": "SELECT * WHERE { ?s ?p ?o FILTER(" + "STR(" * 100 + "?o" + ")" * 100 + ") }",
    "12,000 blank-node brackets": "SELECT * WHERE { ?s ?p " + "[ ?p " * 12_000 + "?o" + " ]" * 12_000 + " }",
}
