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
- rows: at most ``max_rows`` rows come back, and ``truncated`` says when there were more.

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
careerpath.graph.sparql.QueryRefused: updates are refused: careerpath's SPARQL service is read-only
"""

from __future__ import annotations

import ctypes
import functools
import re
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
import rdflib.plugins.sparql
from pyparsing import ParseBaseException
from rdflib.plugins.sparql import parser as _parser
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.util import from_n3

from careerpath import ontology

from .errors import CareerPathError

__all__ = [
    "MAX_QUERY_BYTES",
    "QueryError",
    "QuerySyntaxError",
    "QueryRefused",
    "QueryTooComplex",
    "QueryTimeout",
    "QueryResult",
    "QueryService",
    "CuratedQuery",
    "curated_queries",
    "curated_query",
    "query_parameters",
    "query_variables",
    "check_query",
    "network_guard",
]

MAX_QUERY_BYTES = 100_000
MAX_DEPTH = 16  # brackets of any kind, nested; the curated questions reach 5
MAX_OPERATORS = 150  # operators and separators (+ * || , . ; ...); the curated questions use at most 5
MAX_TOKENS = 1_000  # the curated questions have at most 100
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000

# Second line of defence: rdflib must never fetch the graphs a query names.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


class QueryError(CareerPathError):
    """A query that cannot be answered."""


class QuerySyntaxError(QueryError):
    """A query that does not parse; ``line`` and ``column`` say where."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.line, self.column = line, column
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"syntax error{where}: {message}")


class QueryRefused(QueryError):
    """A query that breaks a rule (update, remote access, size)."""


class QueryTooComplex(QueryRefused):
    """A query with more operators or tokens than the parser is allowed to read."""


class QueryTimeout(QueryError):
    """A query stopped at the time limit."""


# ---------------------------------------------------------------------- one parser lock
_PARSE_LOCK = threading.RLock()


def _locked(parse):
    @functools.wraps(parse)
    def locked(*args, **kwargs):
        with _PARSE_LOCK:
            return parse(*args, **kwargs)

    locked.careerpath_locked = True
    return locked


def _lock_rdflib_parser() -> None:
    """Route every SPARQL parse in the process through ``_PARSE_LOCK``.

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


# ---------------------------------------------------------------------- checking
@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks: its text, form (SELECT, ASK, CONSTRUCT, DESCRIBE) and
    rdflib's parsed form, which the in-memory store runs without parsing again."""

    text: str
    form: str
    prepared: object = None


def _walk(node: object):
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value)


def _decode(query: str | bytes) -> str:
    if isinstance(query, bytes):
        if len(query) > MAX_QUERY_BYTES:
            raise QueryRefused(f"the query is {len(query):,} bytes; the limit is {MAX_QUERY_BYTES:,}")
        try:
            return query.decode("utf-8")
        except UnicodeDecodeError as err:
            raise QueryRefused(f"the query is not valid UTF-8 (byte {err.start})") from None
    if len(query.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise QueryRefused(
            f"the query is {len(query.encode('utf-8', 'surrogatepass')):,} bytes; the limit is {MAX_QUERY_BYTES:,}"
        )
    try:
        query.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryRefused("the query is not valid UTF-8 (it holds lone surrogates)") from None
    return query


def _prefixes() -> dict[str, str]:
    from .store import PREFIXES

    return PREFIXES


_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\s]*>)
    |(?P<open>[(\[{])
    |(?P<close>[)\]}])
    |(?P<operator>\|\||&&|!=|<=|>=|[-+*/,;.=<>|^!])
    |(?P<word>[^\s(){}\[\],;.|^!=<>+*/\-"'\#]+)
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_shape(text: str) -> None:
    """Bound a query's nesting, operators and tokens before rdflib parses it.

    One pass over the text (strings, IRIs and comments skipped as whole tokens), linear in
    its length. Raises ``QuerySyntaxError`` (with the position of the bracket that nests too
    deep) or ``QueryTooComplex``.

    Examples
    --------
    >>> _check_shape("SELECT * WHERE { ?s ?p ?o FILTER(?o > 1) }")
    >>> try:
    ...     _check_shape("SELECT * WHERE { FILTER(" + "STR(" * 20 + "?x" + ")" * 20 + ") }")
    ... except QuerySyntaxError as err:
    ...     print(err)
    syntax error at line 1, column 84: brackets nested more than 16 deep
    """
    depth = operators = tokens = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("space", "comment"):
            continue
        tokens += 1
        if kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(text, match.start())
                raise QuerySyntaxError(f"brackets nested more than {MAX_DEPTH} deep", line, column)
        elif kind == "close":
            depth -= 1
        elif kind == "operator":
            operators += 1
            if operators > MAX_OPERATORS:
                line, column = _position(text, match.start())
                raise QueryTooComplex(
                    f"the query has more than {MAX_OPERATORS} operators and separators"
                    f" (+ - * / || && , ; . = < > ...; the limit is reached at line {line}, column {column}):"
                    " split it into smaller queries"
                )
        if tokens > MAX_TOKENS:
            line, column = _position(text, match.start())
            raise QueryTooComplex(
                f"the query has more than {MAX_TOKENS:,} terms (the limit is reached at line {line},"
                f" column {column}): split it into smaller queries"
            )


def check_query(query: str | bytes) -> CheckedQuery:
    """Check a query against the rules; return it with its form, or raise (see ``_check``).

    Checked queries are cached by text: curated questions are parsed once.
    """
    return _check(_decode(query))


@functools.lru_cache(maxsize=256)
def _check(text: str) -> CheckedQuery:
    """Check a query against the rules; return it with its form, or raise.

    Raises
    ------
    QuerySyntaxError
        With the line and column of the problem.
    QueryRefused
        An update, ``SERVICE``, ``FROM``/``FROM NAMED``, a query too long or not UTF-8.
    """
    if not text.strip():
        raise QuerySyntaxError("the query is empty")
    _check_shape(text)
    try:
        parsed = _parser.parseQuery(text)
    except ParseBaseException as err:
        try:
            _parser.parseUpdate(text)
        except ParseBaseException:
            raise QuerySyntaxError(str(err.msg), err.lineno, err.col) from None
        except RecursionError:
            raise QuerySyntaxError("brackets or operators nested too deeply") from None
        raise QueryRefused("updates are refused: careerpath's SPARQL service is read-only") from None
    except RecursionError:  # the shape check keeps well below this; a last line, never a traceback
        raise QuerySyntaxError("brackets or operators nested too deeply") from None
    body = parsed[1]
    if "datasetClause" in body and body["datasetClause"]:
        raise QueryRefused("FROM and FROM NAMED are refused: queries run on careerpath's own graph only")
    try:
        prepared = translateQuery(parsed, initNs=_prefixes())
    except Exception as err:  # rdflib raises bare Exceptions for semantic errors
        raise QuerySyntaxError(str(err)) from None
    algebra = prepared.algebra
    for node in _walk(algebra):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE is refused: queries never reach other endpoints")
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
    return CheckedQuery(text=text, form=form.get(algebra.name, algebra.name), prepared=prepared)


# ---------------------------------------------------------------------- results
@dataclass
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
                raise QueryError(f"a {self.form} result cannot be written as {fmt}; use turtle, nt or json-ld")
            out = graph.serialize(format=rdf_format)
            return out.encode("utf-8") if isinstance(out, str) else out
        if fmt not in ("json", "xml", "csv", "tsv"):
            raise QueryError(f"a {self.form} result cannot be written as {fmt}; use json, xml, csv or tsv")
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


# ---------------------------------------------------------------------- the service
def _raise_in(thread: threading.Thread, exc_type: type[BaseException] | None) -> None:
    ident = thread.ident
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(ident), ctypes.py_object(exc_type) if exc_type else None
        )


class _Stop(BaseException):
    """Raised inside a query thread to stop it (a BaseException, so rdflib's handlers let it pass)."""


@dataclass
class QueryService:
    """Checks, runs and limits queries on one store.

    Parameters
    ----------
    store : Store
        Where the graph lives (``graph.stores``).
    timeout : float
        Seconds before a query is stopped.
    max_rows : int
        Rows returned at most; ``QueryResult.truncated`` says when there were more.
    """

    store: object
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS

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
        start = time.perf_counter()
        checked = check_query(query)
        full_limit = self.timeout if timeout is None else timeout
        # Parsing counts against the time limit (the shape check keeps it short).
        limit = full_limit - (time.perf_counter() - start)
        if limit <= 0:
            raise QueryTimeout(f"the query was stopped after {full_limit:g} s (while it was parsed)")
        rows_cap = self.max_rows if max_rows is None else max_rows
        bound = {str(k).lstrip("?$"): v for k, v in (bindings or {}).items()}
        for name in bound:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise QueryRefused(f"{name!r} is not a variable name")
        outcome: dict[str, object] = {}
        done = threading.Event()
        state_lock = threading.Lock()
        state = {"running": True}

        def work() -> None:
            try:
                outcome["result"] = self.store.execute(checked, bound, rows_cap, limit)
            except _Stop:
                outcome["error"] = QueryTimeout(f"the query was stopped after {full_limit:g} s")
            except RecursionError:
                outcome["error"] = QuerySyntaxError("the query nests too deeply to evaluate")
            except QueryTimeout:  # stopped by the store, at what was left of the limit after parsing
                outcome["error"] = QueryTimeout(f"the query was stopped after {full_limit:g} s")
            except QueryError as err:
                outcome["error"] = err
            except PermissionError as err:
                outcome["error"] = QueryRefused(str(err))
            except Exception as err:  # a store's own failure, reported as a message  # noqa: BLE001
                outcome["error"] = QueryError(f"the query failed: {err}")
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
        if not done.wait(limit):
            with state_lock:
                if state["running"]:
                    _raise_in(thread, _Stop)
            done.wait(1.0)
            raise QueryTimeout(f"the query was stopped after {full_limit:g} s")
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        result = outcome["result"]
        assert isinstance(result, QueryResult)
        result.elapsed_ms = (time.perf_counter() - start) * 1000
        return result

    def run_curated(
        self, question: CuratedQuery | str, bindings: Mapping[str, rdflib.term.Node] | None = None, **kw
    ) -> QueryResult:
        """Run a curated question; its parameters take their defaults unless bound."""
        query = curated_query(question) if isinstance(question, str) else question
        values = {**query.parameters, **{str(k).lstrip("?$"): v for k, v in (bindings or {}).items()}}
        return self.run(query.text, values, **kw)


# ---------------------------------------------------------------------- curated questions
@dataclass(frozen=True)
class CuratedQuery:
    """A competency question shipped in ``ontology/queries``."""

    name: str
    title: str
    question: str
    text: str
    path: Path
    parameters: dict = field(default_factory=dict)  # variable -> default RDF term


def _header(text: str, key: str) -> str:
    match = re.search(rf"^#\s*{key}:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else ""


def query_parameters(text: str) -> dict[str, rdflib.term.Node]:
    """The ``# parameter: ?name = DEFAULT`` lines of a query: variable -> default RDF term.

    Examples
    --------
    >>> query_parameters("# parameter: ?years = 2\\nSELECT ?c WHERE { ?c ?p ?years }")
    {'years': rdflib.term.Literal('2', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))}
    """
    return {
        match.group(1): from_n3(match.group(2), nsm=_namespaces())
        for match in re.finditer(r"^#\s*parameter:\s*\?(\w+)\s*=\s*(.+?)\s*$", text, re.MULTILINE)
    }


def query_variables(text: str) -> set[str]:
    """The variable names a query mentions (``?x`` or ``$x``), outside strings, IRIs and comments.

    Examples
    --------
    >>> sorted(query_variables('SELECT ?a WHERE { ?a ?b "?c" } # ?d'))
    ['a', 'b']
    """
    out = set()
    for match in _TOKEN.finditer(text):
        if match.lastgroup in ("word", "other"):
            out.update(re.findall(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\uffff]+)", match.group()))
    return out


@functools.lru_cache(maxsize=1)
def _namespaces():
    from rdflib.namespace import NamespaceManager

    manager = NamespaceManager(rdflib.Graph(), bind_namespaces="none")
    for prefix, ns in _prefixes().items():
        manager.bind(prefix, ns)
    return manager


def curated_queries(directory: Path = ontology.QUERIES_DIR) -> list[CuratedQuery]:
    """Every curated question, by name.

    Examples
    --------
    >>> len(curated_queries()) >= 12
    True
    """
    paths = sorted(directory.glob("*.rq"))
    stats = [path.stat() for path in paths]
    return list(_read_queries(tuple((str(p), st.st_mtime_ns, st.st_size) for p, st in zip(paths, stats, strict=True))))


@functools.lru_cache(maxsize=8)
def _read_queries(files: tuple[tuple[str, int, int], ...]) -> tuple[CuratedQuery, ...]:
    """The questions in ``files`` (path, modification time, size): read again when one changes."""
    out = []
    for path in (Path(name) for name, _, _ in files):
        text = path.read_text(encoding="utf-8")
        parameters = query_parameters(text)
        out.append(
            CuratedQuery(
                path.stem, _header(text, "title") or path.stem, _header(text, "question"), text, path, parameters
            )
        )
    return tuple(out)


def curated_query(name: str) -> CuratedQuery:
    """The curated question called ``name``; raises ``UnknownNameError`` with the closest names."""
    import difflib

    from .errors import UnknownNameError

    queries = {q.name: q for q in curated_queries()}
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=5, cutoff=0.3)
    raise UnknownNameError(name, [(n, queries[n].title) for n in close], what="curated question")
