"""What every store needs to run a vetted SPARQL query: the query as checked, its result in
rdflib terms, the errors a query can end in, and the guards that hold in any store.

- rdflib must never fetch the graphs a query names (``SPARQL_LOAD_GRAPHS`` off) and, while a
  query runs in a thread, sockets, URL opening and subprocesses raise (``network_guard``, an
  audit hook; see rdflib's security considerations);
- rdflib's parser (pyparsing) is not thread-safe on first use (rdflib issue 1282, pyparsing
  issue 89: concurrent first calls corrupt its parse actions for good), so every SPARQL parse
  in the process, careerpath's or rdflib's own ``Graph.query``, runs under one lock.

The checks a query passes before it reaches a store, and the service that times it, live in
``careerpath.graph.querying``.
"""

from __future__ import annotations

import functools
import sys
import threading
from dataclasses import field

import rdflib
import rdflib.plugins.sparql

from ..errors import (  # the query errors live with careerpath's other errors; re-exported here
    QueryError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooComplex,
    a_or_an,
)
from ..records import record

__all__ = [
    "QueryError",
    "QuerySyntaxError",
    "QueryRefused",
    "QueryTooComplex",
    "QueryTimeout",
    "CheckedQuery",
    "QueryResult",
    "PARSE_LOCK",
    "network_guard",
]

# Second line of defence: rdflib must never fetch the graphs a query names.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


# ---------------------------------------------------------------------- one parser lock
PARSE_LOCK = threading.RLock()


def _locked(parse):
    @functools.wraps(parse)
    def locked(*args, **kwargs):
        with PARSE_LOCK:
            return parse(*args, **kwargs)

    locked.careerpath_locked = True
    return locked


def _lock_rdflib_parser() -> None:
    """Route every SPARQL parse in the process through ``PARSE_LOCK``.

    pyparsing learns each parse action's arity on its first call, with no lock; two threads
    parsing for the first time can leave an action wrapped wrongly for good (``TypeError:
    <lambda>() missing 1 required positional argument``). rdflib's ``Graph.query`` and
    ``prepareQuery`` reach the parser through ``processor``'s own names, so both are replaced.
    """
    import rdflib.plugins.sparql.parser as parser
    import rdflib.plugins.sparql.processor as processor

    for name in ("parseQuery", "parseUpdate"):
        if not getattr(getattr(parser, name), "careerpath_locked", False):
            setattr(parser, name, _locked(getattr(parser, name)))
        setattr(processor, name, getattr(parser, name))


_lock_rdflib_parser()


# ---------------------------------------------------------------------- network guard
_guarded = threading.local()
_BLOCKED_EVENTS = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "urllib.Request",
    "socket.sendto",
    "subprocess.Popen",
    "os.system",
}
_hook_installed = False
_hook_lock = threading.Lock()


def _audit(event: str, args: tuple) -> None:
    if getattr(_guarded, "active", False) and event in _BLOCKED_EVENTS:
        raise PermissionError(f"careerpath blocked {event} during a SPARQL query")


class network_guard:  # noqa: N801 - used as a context manager, like contextlib helpers
    """While active in this thread, sockets, URL opening and subprocesses raise ``PermissionError``.

    Audit hooks cannot be removed, so the hook is installed once and checks a thread-local flag.
    """

    def __enter__(self) -> network_guard:
        global _hook_installed
        with _hook_lock:
            if not _hook_installed:
                sys.addaudithook(_audit)
                _hook_installed = True
        _guarded.active = True
        return self

    def __exit__(self, *exc: object) -> None:
        _guarded.active = False


# ---------------------------------------------------------------------- the checked query
@record
class CheckedQuery:
    """A query that passed the checks: its text, form (SELECT, ASK, CONSTRUCT, DESCRIBE) and
    rdflib's parsed form, which the in-memory store runs without parsing again."""

    text: str
    form: str
    prepared: object = None


# ---------------------------------------------------------------------- results
@record(frozen=False)
class QueryResult:
    """What a query returned, in rdflib terms, whatever the store."""

    form: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    graph: rdflib.Graph | None = None
    truncated: bool = False
    elapsed_ms: float = 0.0

    def to_rdflib(self) -> rdflib.query.Result:
        """As an rdflib ``Result`` (for its serialisers)."""
        result = rdflib.query.Result(self.form)
        if self.form == "SELECT":
            result.vars = [rdflib.Variable(v) for v in self.vars]
            result.bindings = [
                {rdflib.Variable(v): value for v, value in zip(self.vars, row, strict=False) if value is not None}
                for row in self.rows
            ]
        elif self.form == "ASK":
            result.askAnswer = bool(self.boolean)
        else:
            result.graph = self.graph if self.graph is not None else rdflib.Graph()
        return result

    def serialize(self, fmt: str) -> bytes:
        """Serialise: json, xml, csv, tsv (SELECT/ASK); turtle, nt, json-ld (CONSTRUCT/DESCRIBE).

        SPARQL JSON carries one more key, ``truncated`` (true when the row cap cut the answer),
        which SPARQL clients ignore."""
        if self.form in ("CONSTRUCT", "DESCRIBE"):
            graph = self.graph if self.graph is not None else rdflib.Graph()
            rdf_format = {"turtle": "turtle", "nt": "nt", "ntriples": "nt", "json-ld": "json-ld", "xml": "xml"}.get(fmt)
            if rdf_format is None:
                raise QueryError(f"{a_or_an(self.form)} result cannot be written as {fmt}; use turtle, nt or json-ld")
            out = graph.serialize(format=rdf_format)
            return out.encode("utf-8") if isinstance(out, str) else out
        if fmt not in ("json", "xml", "csv", "tsv"):
            raise QueryError(f"{a_or_an(self.form)} result cannot be written as {fmt}; use json, xml, csv or tsv")
        if self.form == "ASK" and fmt in ("csv", "tsv"):
            return (f"_askResult\n{str(bool(self.boolean)).lower()}\n").encode()
        if fmt == "json":  # SPARQL JSON plus "truncated": whether the row cap cut the answer
            import json

            body = json.loads(self.to_rdflib().serialize(format="json") or b"{}")
            body["truncated"] = self.truncated
            return json.dumps(body, ensure_ascii=False).encode("utf-8")
        if fmt == "tsv":  # SPARQL 1.1 TSV: terms in Turtle syntax (rdflib has no TSV writer)
            lines = ["\t".join(f"?{v}" for v in self.vars)]
            lines += ["\t".join("" if t is None else t.n3() for t in row) for row in self.rows]
            return ("\n".join(lines) + "\n").encode("utf-8")
        out = self.to_rdflib().serialize(format=fmt)
        return out if isinstance(out, bytes) else (out or b"")
