"""One safe SPARQL query service for every caller: the CLI, the app and the HTTP endpoint.

Rules, checked before a query runs:

- read-only: an update (INSERT, DELETE, LOAD, CLEAR...) is refused with ``QueryRefused``;
- no network or file access: ``SERVICE`` and ``FROM`` / ``FROM NAMED`` are refused
  (careerpath answers from its one graph); as a second line, rdflib's
  ``SPARQL_LOAD_GRAPHS`` is turned off and an audit hook blocks sockets and URL opening in
  query threads while a query runs (see rdflib's security considerations);
- size: a query longer than ``MAX_QUERY_BYTES`` or not valid UTF-8 is refused;
- shape, before parsing: rdflib's parser takes seconds per thousand operators and recurses
  once per bracket, so brackets nested deeper than ``MAX_DEPTH`` are a ``QuerySyntaxError``
  at the bracket that crosses the limit, and more than ``MAX_OPERATORS`` operators or
  separators, or ``MAX_TOKENS`` tokens, are refused (``QueryTooComplex``); what passes
  parses in well under a second, and parsing counts against the time limit;
- threads: rdflib's parser (pyparsing) is not thread-safe on first use (rdflib issue 1282,
  pyparsing issue 89: concurrent first calls corrupt its parse actions for good), so every
  SPARQL parse in the process, careerpath's or rdflib's own, runs under one lock;
- time: a query still running after ``timeout`` seconds is stopped and ``QueryTimeout`` is
  raised, while the process goes on serving others;
- rows: at most ``max_rows`` rows (``max_triples`` triples for CONSTRUCT and DESCRIBE) come
  back, and ``truncated`` says when there were more.

User values are bound as parameters (``bindings``), never spliced into the query text.

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> service = CareerGraph.load().query_service()
>>> result = service.run("SELECT ?l WHERE { <https://w3id.org/careerpath/data/cert/cma> rdfs:label ?l }")
>>> [str(row[0]) for row in result.rows]
['Certified Medical Assistant']
>>> service.run("DELETE WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
careerpath.graph.errors.QueryRefused: updates are refused: careerpath's SPARQL service is read-only
"""

from __future__ import annotations

import ctypes
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping

import rdflib

from ..errors import CareerPathError
from ..loading.engines.regexguard import RegexTimeout
from ..loading.sparql import QueryError, QueryRefused, QueryResult, QuerySyntaxError, QueryTimeout
from ..loading.stores import Serialized
from ..records import record
from .checks import DEFAULT_MAX_ROWS, DEFAULT_MAX_TRIPLES, DEFAULT_TIMEOUT, check_query
from .curated import CuratedQuery, curated_query

__all__ = ["DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS", "DEFAULT_MAX_TRIPLES", "QueryService"]

_log = logging.getLogger("careerpath.sparql")


# ---------------------------------------------------------------------- the service
def _raise_in(thread: threading.Thread, exc_type: type[BaseException] | None) -> None:
    ident = thread.ident
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(ident), ctypes.py_object(exc_type) if exc_type else None
        )


class _Stop(BaseException):
    """Raised inside a query thread to stop it (a BaseException, so rdflib's handlers let it pass)."""


@record(frozen=False)
class QueryService:
    """Checks, runs and limits queries on one store.

    Parameters
    ----------
    store : Store
        Where the graph lives (``graph.stores``).
    timeout : float
        Seconds before a query is stopped: checking, parsing, waiting for a worker, running
        and writing the answer all count.
    max_rows : int
        Rows returned at most; ``QueryResult.truncated`` says when there were more.
    max_triples : int
        Triples a CONSTRUCT or DESCRIBE returns at most, likewise.
    """

    store: object
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_triples: int = DEFAULT_MAX_TRIPLES

    def run(
        self,
        query: str | bytes,
        bindings: Mapping[str, rdflib.term.Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Check and run ``query``; values in ``bindings`` are bound to variables, never spliced.

        Raises
        ------
        QuerySyntaxError, QueryRefused, QueryTimeout, QueryError
        """
        prepare = getattr(self.store, "prepare", None)
        if prepare is not None:  # a store's one-time start (worker processes loading) is not the query's time
            prepare()
        start = time.monotonic()
        full_limit = self.timeout if timeout is None else timeout
        result = self._run(query, bindings, start + full_limit, full_limit, max_rows=max_rows)
        assert isinstance(result, QueryResult)
        result.elapsed_ms = (time.monotonic() - start) * 1000
        return result

    def answer(
        self,
        query: str | bytes,
        choose: Callable[[str], str],
        *,
        started: float | None = None,
        client: object = None,
    ) -> Serialized:
        """Check, run and write ``query`` as one piece of work with one deadline.

        ``choose(form)`` names the format for the query's form (it may raise to refuse);
        ``started`` (``time.monotonic()``) is when the request arrived, so the time limit covers
        everything from then on; ``client`` is whom the store shares its workers fairly between.
        The answer's bytes come from the store when it can write them (Oxigraph's workers do)."""
        start = time.monotonic() if started is None else started
        result = self._run(query, None, start + self.timeout, self.timeout, choose=choose, client=client)
        assert isinstance(result, Serialized)
        result.elapsed_ms = (time.monotonic() - start) * 1000
        return result

    def _run(
        self,
        query: str | bytes,
        bindings: Mapping[str, rdflib.term.Node] | None,
        deadline: float,
        full_limit: float,
        *,
        max_rows: int | None = None,
        choose: Callable[[str], str] | None = None,
        client: object = None,
    ) -> QueryResult | Serialized:
        checked = check_query(query)
        if time.monotonic() >= deadline:  # parsing counts (the shape check keeps it short)
            raise QueryTimeout(f"the query was stopped after {full_limit:g} s (while it was parsed)")
        fmt = choose(checked.form) if choose is not None else None
        if checked.form in ("CONSTRUCT", "DESCRIBE"):
            cap = self.max_triples
        else:
            cap = self.max_rows if max_rows is None else max_rows
        bound = {str(k).lstrip("?$"): v for k, v in (bindings or {}).items()}
        for name in bound:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise QueryRefused(f"{name!r} is not a variable name")
        limit = deadline - time.monotonic()
        options = {"deadline": deadline, "client": client, "fmt": fmt}
        outcome: dict[str, object] = {}
        done = threading.Event()
        state_lock = threading.Lock()
        state = {"running": True}

        def work() -> None:
            try:
                outcome["result"] = self.store.execute(checked, bound, cap, limit, **options)
            except (_Stop, RegexTimeout, QueryTimeout):  # stopped here, by the store, or in a regex
                outcome["error"] = QueryTimeout(f"the query was stopped after {full_limit:g} s")
            except RecursionError:
                outcome["error"] = QuerySyntaxError("the query nests too deeply to evaluate")
            except QueryError as err:
                outcome["error"] = err
            except PermissionError as err:
                outcome["error"] = QueryRefused(str(err))
            except CareerPathError as err:  # a store's own typed failure (a server out of reach): its message
                outcome["error"] = QueryError(f"the query failed: {err}")
            except UnicodeError:  # a value that cannot be written as UTF-8
                outcome["error"] = QueryError("the answer holds text that cannot be written as UTF-8")
            except Exception as err:  # a store's own failure, reported as a message  # noqa: BLE001
                _log.warning("query failed: %s: %s", type(err).__name__, err)
                outcome["error"] = QueryError(f"the query failed in the store ({type(err).__name__})")
            finally:
                with state_lock:
                    state["running"] = False
                done.set()

        if getattr(self.store, "handles_timeout", False):
            # The store stops its own queries (a worker process ended, a server's timeout), so
            # the query runs in the caller's thread: no thread to start, no hand-over to wait for.
            work()
        else:
            thread = threading.Thread(target=work, name="careerpath-query", daemon=True)
            thread.start()
        if not done.wait(max(limit, 0.0)):
            with state_lock:
                if state["running"]:
                    _raise_in(thread, _Stop)
            done.wait(1.0)
            raise QueryTimeout(f"the query was stopped after {full_limit:g} s")
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["result"]  # type: ignore[return-value]

    def run_curated(
        self, question: CuratedQuery | str, bindings: Mapping[str, rdflib.term.Node] | None = None, **kw
    ) -> QueryResult:
        """Run a curated question; its parameters take their defaults unless bound."""
        query = curated_query(question) if isinstance(question, str) else question
        values = {**query.parameters, **{str(k).lstrip("?$"): v for k, v in (bindings or {}).items()}}
        return self.run(query.text, values, **kw)
