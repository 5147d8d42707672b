"""Commands over SPARQL: ``query``, ``queries``, ``serve`` and ``load``."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..errors import a_or_an
from ..loading.rdf import expand, prefixed, short_id
from .common import EXIT_OK, UsageError, load, port_in_use, positive_int


def _term(text: str, cg=None, default=None):
    """A value given on the command line as an RDF term.

    ``<IRI>`` and careerpath's prefixed names (``cert:ncma``) are IRIs. Where the variable's
    default is an IRI (a curated question's or a file's ``# parameter:``), any other value is a
    name, resolved as ``route`` resolves names (``NCMA``, ``Certified Medical Assistant``); where
    it is a literal, the value takes its datatype. Otherwise numbers are numbers and the rest text.
    """
    import rdflib

    from ..loading.rdf import PREFIXES

    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return rdflib.URIRef(text[1:-1])
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return rdflib.URIRef(PREFIXES[prefix] + local)
    if isinstance(default, rdflib.URIRef):
        if re.match(r"https?://", text):
            return rdflib.URIRef(text)
        return rdflib.URIRef(cg.resolve(text))  # UnknownNameError / AmbiguousNameError: exit 2
    if isinstance(default, rdflib.Literal) and default.datatype is not None:
        import logging

        log = logging.getLogger("rdflib.term")  # it logs a traceback for an ill-typed value
        level, log.level = log.level, logging.CRITICAL
        try:
            literal = rdflib.Literal(text, datatype=default.datatype)
        finally:
            log.setLevel(level)
        if literal.ill_typed:
            raise UsageError(f"{text!r} is not a valid {default.datatype.n3(_namespaces())}")
        return literal
    if isinstance(default, rdflib.Literal):
        return rdflib.Literal(text, lang=default.language)
    for kind in (int, float):
        try:
            return rdflib.Literal(kind(text))
        except ValueError:
            pass
    return rdflib.Literal(text)


def _namespaces():
    import rdflib

    from ..loading.rdf import bind_prefixes

    return bind_prefixes(rdflib.Graph()).namespace_manager


def _bindings(values, text: str = "", defaults=None, cg=None) -> dict:
    """``--bind NAME=VALUE`` options as RDF terms; a variable the query does not have is an error."""
    from ..querying import query_variables

    defaults = defaults or {}
    variables = query_variables(text) if text else None
    out = {}
    for value in values or []:
        name, sep, term = value.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise UsageError(f"--bind takes NAME=VALUE, not {value!r}")
        if variables is not None and name not in variables:
            known = ", ".join(f"?{v}" for v in sorted(variables)) or "none"
            raise UsageError(f"--bind {name}: the query has no variable ?{name} (its variables: {known})")
        out[name] = _term(term, cg, defaults.get(name))
    return out


_CLI_FORMATS = {"SELECT": ("table", "csv", "json"), "ASK": ("table", "csv", "json")}


def _table(result, cg) -> str:
    from ..loading.labels import label_of
    from ..loading.rdf import prefixed
    from ..presenting.formats import iri_cell, table

    if result.form == "ASK":
        return "yes" if result.boolean else "no"
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return _turtle(result)

    import rdflib

    def cell(value) -> str:
        if value is None:
            return ""
        if isinstance(value, rdflib.URIRef):
            return iri_cell(str(value), label_of(cg.rdf, value), prefixed)
        return str(value)

    return table(result.vars, [[cell(v) for v in row] for row in result.rows])


def _turtle(result) -> str:
    """A graph answer in Turtle, written with the data's own prefixes (``cert:cma``, not ``ns1:``)."""
    from ..loading.rdf import bind_prefixes

    if result.graph is not None:
        bind_prefixes(result.graph)  # rdflib's Turtle writer declares only the prefixes it uses
    return result.serialize("turtle").decode("utf-8")


def _query_text(args) -> tuple[str, dict[str, str]]:
    """The query's text and its parameters' defaults as written (``# parameter:`` lines)."""
    from ..querying.checks import _decode
    from ..querying.curated import curated_query, query_defaults

    sources = [x for x in (args.expression, args.file, args.name) if x]
    if len(sources) != 1:
        raise UsageError("give exactly one of -e TEXT, FILE.rq or --name QUESTION")
    if args.name:
        question = curated_query(args.name)
        return question.text, dict(question.defaults)
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise UsageError(f"no such file: {path}")
        text = _decode(path.read_bytes())  # too long, not UTF-8: a message
    else:
        text = args.expression
    return text, query_defaults(text)


def _format(form: str, requested: str | None) -> str:
    allowed = _CLI_FORMATS.get(form, ("table", "turtle"))
    fmt = requested or ("turtle" if form in ("CONSTRUCT", "DESCRIBE") else "table")
    if fmt not in allowed:
        raise UsageError(
            f"{a_or_an(form)} query cannot be written as {fmt}; use {', '.join(allowed[:-1])} or {allowed[-1]}"
        )
    return fmt


def _local_bindings(args, text: str, defaults: dict[str, str], cg) -> dict[str, str] | None:
    """The bindings as terms written here, or None when one needs the service's path (a
    literal, whose datatype rdflib checks)."""
    from ..querying.curated import query_variables
    from ..querying.local import n3_default, n3_iri

    out = {}
    for name, default in defaults.items():
        term = n3_default(default)
        if term is None:
            return None
        out[name] = term
    variables = query_variables(text)
    for value in args.bind or []:
        name, sep, given = value.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name or name not in variables or name not in out or not out[name].startswith("<"):
            return None  # the service's path says what is wrong, or reads the literal
        given = given.strip()
        iri = expand(given) or (given if re.match(r"https?://", given) else cg.resolve(given))
        term = n3_iri(iri)
        if term is None:
            return None
        out[name] = term
    return out


def _answer_locally(args, cg, text: str, form: str, defaults: dict[str, str], fmt: str) -> bool:
    """Answer from the graph persisted in the cache folder (``querying.local``); False when the
    query must take the service's path."""
    from careerpath import ontology

    from ..presenting.formats import iri_cell, table
    from ..querying.checks import DEFAULT_MAX_ROWS, DEFAULT_MAX_TRIPLES, DEFAULT_TIMEOUT
    from ..querying.local import answer_locally

    if getattr(cg, "_engine", None) not in ("memory", "oxigraph"):
        return False
    bindings = _local_bindings(args, text, defaults, cg)
    if bindings is None:
        return False
    answer = answer_locally(
        cg.key,
        [ontology.ONTOLOGY_FILE, *cg.files],
        text,
        form,
        bindings,
        fmt,
        timeout=DEFAULT_TIMEOUT if args.timeout is None else args.timeout,
        max_rows=args.max_rows or DEFAULT_MAX_ROWS,
        max_triples=DEFAULT_MAX_TRIPLES,
    )
    if answer is None:
        return False
    if answer.body is not None:
        out = answer.body.decode("utf-8")
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    elif answer.form == "ASK":
        print("yes" if answer.boolean else "no")
    else:

        def cell(term) -> str:
            if term is None:
                return ""
            if term[0] == "u":
                return iri_cell(term[1], answer.labels.get(term[1]) or short_id(term[1]), prefixed)
            return term[1]

        print(table(answer.vars, [[cell(t) for t in row] for row in answer.rows]))
    _summary(answer.form, len(answer.rows), answer.elapsed_ms, answer.truncated)
    return True


def _summary(form: str, rows: int, elapsed_ms: float, truncated: bool) -> None:
    counted = f"{rows} row(s)" if form == "SELECT" else form
    note = "; truncated: more rows exist (raise --max-rows)" if truncated else ""
    print(f"({counted} in {elapsed_ms:.0f} ms{note})", file=sys.stderr)


def cmd_query(args) -> int:
    from ..querying.checks import quick_form

    text, written = _query_text(args)
    form, cg = quick_form(text), None
    if form is not None:  # answered from the persisted store when it can be, with no RDF library
        fmt = _format(form, args.format)
        cg = load()
        if _answer_locally(args, cg, text, form, written, fmt):
            return EXIT_OK
    from ..querying import check_query, query_parameters

    form = check_query(text).form  # malformed or refused: the message every caller gets
    fmt = _format(form, args.format)
    cg = cg or load()
    defaults = query_parameters(text)  # "# parameter:" defaults, for --name and a FILE.rq alike
    bindings = {**defaults, **_bindings(args.bind, text, defaults, cg)}
    service = cg.query_service(timeout=args.timeout, max_rows=args.max_rows)
    result = service.run(text, bindings)
    if fmt == "table":
        print(_table(result, cg))
    else:
        out = _turtle(result) if fmt == "turtle" else result.serialize(fmt).decode("utf-8")
        sys.stdout.write(out)
        if not out.endswith("\n"):
            sys.stdout.write("\n")
    _summary(result.form, len(result.rows), result.elapsed_ms, result.truncated)
    return EXIT_OK


def cmd_queries(args) -> int:
    from ..querying import curated_queries
    from ..querying.curated import query_defaults

    for q in curated_queries():  # defaults as the query writes them (parsing them as terms would import rdflib)
        params = ", ".join(f"?{k} = {v}" for k, v in query_defaults(q.text).items())
        print(f"{q.name}\n    {q.question or q.title}" + (f"\n    parameters: {params}" if params else ""))
    return EXIT_OK


def cmd_serve(args) -> int:
    from ..querying.server import serve

    problem = port_in_use(args.host, args.port)
    if problem:
        raise UsageError(problem)
    cg = load()
    service = cg.query_service(timeout=args.timeout, max_rows=args.max_rows)
    if args.max_triples:
        service.max_triples = args.max_triples
    serve_clients = getattr(service.store, "serve_clients", None)
    if serve_clients is not None:  # fair shares of the workers, and a lane for short queries
        serve_clients(args.workers)
    try:
        serve(
            service,
            args.host,
            args.port,
            threads=args.threads,
            keep_alive=args.keep_alive,
            head_seconds=args.header_timeout,
            forwarded_allow_ips=args.forwarded_allow_ips,
            access_log=args.access_log,
        )
    except OSError as err:  # the port was taken between the check and the bind
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {err.strerror}") from None
    return EXIT_OK


def cmd_load(args) -> int:
    from ..loading.stores import load_into

    count = load_into(args.into)
    print(f"loaded {count:,} triples into {args.into}", file=sys.stderr)
    return EXIT_OK


# What add_commands adds: cli.build_parser builds only the group of the command run.
COMMANDS = ("query", "queries", "serve", "load")


def add_commands(sub) -> None:
    """The parsers of this group's commands."""
    p = sub.add_parser("query", help="run a SPARQL query (read-only, time-limited)")
    p.add_argument("file", nargs="?", metavar="FILE.rq", help="a file holding the query")
    p.add_argument("-e", "--expression", metavar="TEXT", help="the query text")
    p.add_argument("--name", metavar="QUESTION", help="a curated question (see 'careerpath queries')")
    p.add_argument("--bind", action="append", metavar="NAME=VALUE", help="bind a variable (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "json", "turtle"), help="output format")
    p.add_argument("--timeout", type=float, default=None, metavar="S", help="time limit in seconds (default 10)")
    p.add_argument("--max-rows", type=positive_int, default=None, metavar="N", help="row cap (default 10000)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", help="list the curated questions")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("serve", help="serve a SPARQL 1.1 Protocol endpoint at /sparql")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7878)
    p.add_argument("--timeout", type=float, default=None, metavar="S", help="time limit per query (default 10)")
    p.add_argument(
        "--max-rows", type=positive_int, default=None, metavar="N", help="row cap per answer (default 10000)"
    )
    p.add_argument(
        "--max-triples", type=positive_int, default=None, metavar="N", help="CONSTRUCT/DESCRIBE cap (default 100000)"
    )
    p.add_argument("--workers", type=positive_int, default=2, metavar="N", help="Oxigraph worker processes (default 2)")
    p.add_argument("--threads", type=positive_int, default=64, metavar="N", help="queries handled at once (default 64)")
    p.add_argument("--keep-alive", type=float, default=5.0, metavar="S", help="idle keep-alive seconds (default 5)")
    p.add_argument(
        "--header-timeout", type=float, default=10.0, metavar="S", help="seconds to send a request's head (default 10)"
    )
    p.add_argument(
        "--forwarded-allow-ips",
        default=None,
        metavar="IPS",
        help="trust X-Forwarded-For from these proxies (e.g. 127.0.0.1) for per-client fairness",
    )
    p.add_argument("--access-log", action="store_true", help="log every request to stderr")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("load", help="bulk-load the data into an Oxigraph folder or a SPARQL server")
    p.add_argument("--into", required=True, metavar="DIR|URL", help="a folder, or a Graph Store endpoint URL")
    p.set_defaults(func=cmd_load)
