"""One query answered in this process from the graph persisted in the cache folder, for the
command line: no Turtle parsed, no rdflib, no worker process (``loading.engines.oxlocal``).

``answer_locally`` answers only what it can answer exactly as ``QueryService`` would: a query
``checks.quick_form`` passes (so none of the words the full check exists for), bound to terms
written here (IRIs, prefixed names, numbers), on the default embedded store. For anything else
it returns None and the caller takes the service's path; a query Oxigraph refuses as malformed
goes there too, so that its message is the one every caller gets.

Examples
--------
>>> n3_default("cert:cma"), n3_default("2"), n3_default('"x"@en'), n3_default('"2"^^xsd:integer')
('<https://w3id.org/careerpath/data/cert/cma>', '2', None, None)
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import field
from pathlib import Path

from ..errors import QueryError
from ..loading.engines import oxlocal
from ..loading.rdf import PREFIXES, expand
from ..records import record

__all__ = ["LocalAnswer", "answer_locally", "n3_default", "n3_iri"]

_IRI = re.compile(r"[^<>\"{}|^`\\\s\x00-\x20]+")
_NUMBER = re.compile(r"[+-]?(?:\d+|\d*\.\d+)")


@record(frozen=False)
class LocalAnswer:
    """What a local query returned: plain terms (``oxworker._term`` tuples) for a table, or the
    bytes of the asked format; the labels of the IRIs a table names."""

    form: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    body: bytes | None = None
    truncated: bool = False
    elapsed_ms: float = 0.0
    labels: dict[str, str] = field(default_factory=dict)


def n3_iri(iri: str) -> str | None:
    """``<iri>``, or None for text that is not an IRI."""
    return f"<{iri}>" if _IRI.fullmatch(iri) else None


def n3_default(text: str) -> str | None:
    """A ``# parameter:`` default as a term to bind: an IRI or prefixed name (written out in
    full), or a plain number; None for anything else (a literal with a language or datatype:
    the service's path reads those)."""
    text = text.strip()
    iri = expand(text)
    if iri is not None:
        return n3_iri(iri)
    return text if _NUMBER.fullmatch(text) else None


def answer_locally(
    key: str | None,
    files: Iterable[Path],
    text: str,
    form: str,
    bindings: Mapping[str, str],
    fmt: str,
    *,
    timeout: float,
    max_rows: int,
    max_triples: int,
) -> LocalAnswer | None:
    """Answer ``text`` (a ``form`` query, its variables bound to the terms in ``bindings``) as
    ``fmt`` (``table``, ``csv``, ``json`` or ``turtle``); None when it must take the service's path.

    Raises
    ------
    QueryTimeout
        Past ``timeout`` seconds.
    QueryError
        The store failed to evaluate it.
    """
    if key is None:
        return None
    bound = oxlocal.with_values(text, bindings)
    if bound is None:
        return None
    store = oxlocal.open_persisted(key, files)
    if store is None:
        return None
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    wire = None if fmt in ("table", "turtle") else fmt
    start = time.monotonic()
    try:
        answer = oxlocal.run(store, bound, max_triples if graph_form else max_rows, PREFIXES, wire, timeout)
    except SyntaxError:
        return None  # the service's path says what is wrong, as it does for every caller
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(f"the query failed: {err}") from None
    out = _answer(store, answer, form)
    out.elapsed_ms = (time.monotonic() - start) * 1000
    return out


def _answer(store, answer: tuple, form: str) -> LocalAnswer:
    kind = answer[0]
    if kind == "BODY":
        return LocalAnswer(answer[1] if answer[1] != "GRAPH" else form, body=answer[2], truncated=answer[3])
    if kind == "ASK":
        return LocalAnswer("ASK", boolean=answer[1])
    if kind == "SELECT":
        _, names, rows, truncated = answer
        iris = {term[1] for row in rows for term in row if term is not None and term[0] == "u"}
        return LocalAnswer("SELECT", vars=names, rows=rows, truncated=truncated, labels=oxlocal.labels(store, iris))
    return LocalAnswer(form, body=oxlocal.turtle(answer[1]), truncated=answer[2])
