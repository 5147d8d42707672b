"""The checks every query passes before it runs, whoever sends it (the CLI, the app, the
HTTP endpoint):

- read-only: an update (INSERT, DELETE, LOAD, CLEAR...) is refused with ``QueryRefused``;
- no network or file access: ``SERVICE`` and ``FROM`` / ``FROM NAMED`` are refused
  (careerpath answers from its one graph);
- size: a query longer than ``MAX_QUERY_BYTES`` or not valid UTF-8 is refused;
- shape, before parsing: rdflib's parser takes seconds per thousand operators and recurses
  once per bracket, so brackets nested deeper than ``MAX_DEPTH`` are a ``QuerySyntaxError``
  at the bracket that crosses the limit, and more than ``MAX_OPERATORS`` operators or
  separators, or ``MAX_TOKENS`` tokens, are refused (``QueryTooComplex``); what passes
  parses in well under a second.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..errors import QueryRefused, QuerySyntaxError, QueryTooComplex

if TYPE_CHECKING:  # rdflib's parser is imported by the full check only (quick_form needs none)
    from ..loading.sparql import CheckedQuery

__all__ = ["MAX_QUERY_BYTES", "MAX_DEPTH", "MAX_OPERATORS", "MAX_TOKENS", "check_query", "quick_form", "TOKEN"]

DEFAULT_TIMEOUT = 10.0  # seconds a query may run (QueryService's default)
DEFAULT_MAX_ROWS = 10_000  # rows a query returns at most
DEFAULT_MAX_TRIPLES = 100_000  # triples a CONSTRUCT or DESCRIBE returns at most
MAX_QUERY_BYTES = 100_000
MAX_DEPTH = 16  # brackets of any kind, nested; the curated questions reach 5
MAX_OPERATORS = 150  # operators and separators (+ * || , . ; ...); the curated questions use at most 5
MAX_TOKENS = 1_000  # the curated questions have at most 100


def _walk(node: object):
    from rdflib.plugins.sparql.parserutils import CompValue

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
    from ..loading.rdf import PREFIXES

    return PREFIXES


TOKEN = re.compile(
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


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}")
_BEYOND_UNICODE = re.compile(
    r"\\U(?:(?:[1-9a-fA-F][0-9a-fA-F]|0[1-9a-fA-F])[0-9a-fA-F]{2}|00(?:1[1-9a-fA-F]|[2-9a-fA-F][0-9a-fA-F]))[0-9a-fA-F]{4}"
)


def _check_escapes(text: str) -> None:
    """Refuse ``\\uD800``-style escapes of surrogates and escapes past U+10FFFF: SPARQL reads
    them as characters, and no UTF-8 answer can hold them.

    Examples
    --------
    >>> try:
    ...     _check_escapes('SELECT ?x WHERE { BIND("\\\\uD800" AS ?x) }')
    ... except QuerySyntaxError as err:
    ...     print(err)
    syntax error at line 1, column 25: \\uD800 is not a character (a UTF-16 surrogate)
    """
    for pattern, why in ((_SURROGATE_ESCAPE, "a UTF-16 surrogate"), (_BEYOND_UNICODE, "past U+10FFFF")):
        found = pattern.search(text)
        if found:
            line, column = _position(text, found.start())
            raise QuerySyntaxError(f"{found.group()} is not a character ({why})", line, column)


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
    for match in TOKEN.finditer(text):
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
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import parser as _parser
    from rdflib.plugins.sparql.algebra import translateQuery

    from ..loading.sparql import CheckedQuery

    if not text.strip():
        raise QuerySyntaxError("the query is empty")
    _check_shape(text)
    _check_escapes(text)
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


# Words that send a query to the full check: updates, SERVICE and FROM are refused there with
# their own messages, and anything unusual is judged by the parser that judges every query.
_FULL_CHECK_WORDS = frozenset(
    "INSERT DELETE LOAD CLEAR CREATE DROP COPY MOVE ADD WITH DATA USING SERVICE FROM NAMED".split()
)
_FORMS = {"SELECT": "SELECT", "ASK": "ASK", "CONSTRUCT": "CONSTRUCT", "DESCRIBE": "DESCRIBE"}


def quick_form(query: str | bytes) -> str | None:
    """The form (SELECT, ASK, CONSTRUCT, DESCRIBE) of a query that passes the checks made
    without a parser (size, UTF-8, shape, escapes) and uses none of the words the full check
    exists for (an update's, ``SERVICE``, ``FROM``); None for any other query, which must go
    through ``check_query``. Raises what those checks raise.

    A query Oxigraph then runs is parsed by Oxigraph, which refuses an update as a syntax
    error; one it refuses goes through ``check_query`` for the message every caller gets.

    Examples
    --------
    >>> quick_form("PREFIX cp: <urn:x#> SELECT ?c WHERE { ?c a cp:Certification }")
    'SELECT'
    >>> quick_form("SELECT * FROM <http://example.org/> WHERE { ?s ?p ?o }") is None
    True
    >>> quick_form("INSERT DATA { <urn:a> <urn:b> <urn:c> }") is None
    True
    """
    text = _decode(query)
    if not text.strip():
        return None
    _check_shape(text)
    _check_escapes(text)
    form = None
    for match in TOKEN.finditer(text):
        if match.lastgroup != "word":
            continue
        word = match.group().upper()
        if word in _FULL_CHECK_WORDS:
            return None
        if form is None and word in _FORMS:
            form = _FORMS[word]
    return form
