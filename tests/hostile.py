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


# ---------------------------------------------------------------------- issue 21: the endpoint
# Raw HTTP reproductions, each as the issue gives it, sent byte for byte to a real server.
# "{q}" is replaced by a small URL-encoded query.
QUERY = "ASK { ?s ?p ?o }"
_POST = "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
HTTP = {
    "Content-Length: abc": (_POST + "Content-Length: abc\r\n\r\n" + QUERY, 400),
    "Content-Length: -1": (_POST + "Content-Length: -1\r\n\r\n" + QUERY, 400),
    "Content-Length: 2000000000, no body": (_POST + "Content-Length: 2000000000\r\n\r\n", 400),
    "two Content-Length headers": (
        _POST + f"Content-Length: {len(QUERY)}\r\nContent-Length: {len(QUERY)}\r\n\r\n" + QUERY,
        400,
    ),
    "chunked body": (
        _POST + f"Transfer-Encoding: chunked\r\n\r\n{len(QUERY):x}\r\n{QUERY}\r\n0\r\n\r\n",
        200,
    ),
    "chunked and Content-Length": (
        _POST + f"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n{len(QUERY):x}\r\n{QUERY}\r\n0\r\n\r\n",
        400,
    ),
    "malformed header line": ("GET /sparql?query={q} HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n", 400),
    "header value with a control character": (
        "GET /sparql?query={q} HTTP/1.1\r\nHost: x\r\nAccept: a\x01b\r\n\r\n",
        400,
    ),
    "OPTIONS preflight": (
        "OPTIONS /sparql HTTP/1.1\r\nHost: x\r\nOrigin: http://example.org\r\n"
        "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\r\n",
        204,
    ),
    "PUT (405 with a body)": ("PUT /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405),
    "GET, checking the Server header": ("GET /sparql?query={q} HTTP/1.1\r\nHost: x\r\n\r\n", 200),
}

# Queries that must be refused or stopped, whatever the store.
SURROGATE = 'SELECT ?x WHERE { BIND("\\uD800" AS ?x) }'  # the escape as written: backslash, u, D800
REGEX_BOMB = 'ASK { BIND("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" AS ?x) FILTER(REGEX(?x, "^(a+)+$")) }'
# ^(a+)+$ is answered at once by the regex engine careerpath uses; this one backtracks there too
REGEX_BOMB_2 = 'ASK { BIND("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" AS ?x) FILTER(REGEX(?x, "^(a|aa)+$")) }'
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BIG_CONSTRUCT = "CONSTRUCT { ?a ?b ?c . ?d ?e ?f } WHERE { ?a ?b ?c . ?d ?e ?f }"
BIG_SELECT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
