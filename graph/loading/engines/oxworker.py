"""An Oxigraph query worker: a child process the ``memory`` and ``oxigraph`` stores start.

It imports pyoxigraph and nothing of careerpath's heavier modules, loads its graph (a folder
read-only, Turtle files or N-Triples into memory), then answers ``(text, cap, prefixes, fmt)``
messages on a ``multiprocessing`` connection until the parent closes it. A query past its
time limit is stopped by the parent killing this process.

With ``fmt`` None a worker answers in plain data (rows of ``_term`` tuples, N-Triples for a
graph) that the parent turns into rdflib terms. With a format (``json``, ``xml``, ``csv``,
``tsv`` for SELECT and ASK; ``turtle``, ``nt``, ``json-ld``, ``rdfxml`` for CONSTRUCT and
DESCRIBE) it answers the serialised bytes, so the HTTP endpoint forwards them as they are: no
rdflib terms, no second serialisation. Either way at most ``cap`` rows or triples come back,
and the answer says whether there were more.

A worker dies with its parent: the end of its connection ends it between queries, and a
thread checks every 0.2 s that its parent is still the process that started it (pyoxigraph
releases the GIL while it evaluates, so the check runs during a long query too); a worker
whose parent is gone exits at once, whatever it was doing.
"""

from __future__ import annotations

import json
import os
import sys
import threading

__all__ = ["open_store", "serve", "watch_parent", "TABULAR_FORMATS", "GRAPH_FORMATS"]

TABULAR_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "nt", "json-ld", "rdfxml")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def open_store(source: tuple):
    """The worker's store: a folder opened read-only, or a new in-memory store loaded from
    Turtle files or N-Triples bytes."""
    import pyoxigraph as ox

    kind, value = source
    if kind == "path":
        return ox.Store.read_only(value)
    store = ox.Store()
    if kind == "files":
        for file in value:
            store.bulk_load(path=file, format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    else:
        store.bulk_load(value, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    from ..rdf import SUPERCLASS_TYPES  # a class's instances are its superclasses' too, as on every store

    store.update(SUPERCLASS_TYPES)
    return store


def _term(term) -> tuple | None:
    """A term as plain data: ``("u", iri)``, ``("b", id)`` or ``("l", text, datatype, language)``."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("u", term.value)
    if isinstance(term, ox.BlankNode):
        return ("b", term.value)
    if isinstance(term, ox.Literal):
        return ("l", term.value, term.datatype.value, term.language)
    return ("n3", str(term))  # a quoted triple (RDF-star)


# ---------------------------------------------------------------------- writers
def _json_term(term) -> dict:
    kind = _term(term)
    if kind[0] == "u":
        return {"type": "uri", "value": kind[1]}
    if kind[0] == "b":
        return {"type": "bnode", "value": kind[1]}
    if kind[0] == "l":
        out = {"type": "literal", "value": kind[1]}
        if kind[3]:
            out["xml:lang"] = kind[3]
        elif kind[2] not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = kind[2]
        return out
    return {"type": "triple", "value": kind[1]}


def _xml_term(term) -> str:
    from xml.sax.saxutils import escape, quoteattr  # here: it imports urllib.request and http, which a query needs not

    kind = _term(term)
    if kind[0] == "u":
        return f"<uri>{escape(kind[1])}</uri>"
    if kind[0] == "b":
        return f"<bnode>{escape(kind[1])}</bnode>"
    if kind[0] == "l":
        if kind[3]:
            return f"<literal xml:lang={quoteattr(kind[3])}>{escape(kind[1])}</literal>"
        if kind[2] not in (_XSD_STRING, _LANG_STRING):
            return f"<literal datatype={quoteattr(kind[2])}>{escape(kind[1])}</literal>"
        return f"<literal>{escape(kind[1])}</literal>"
    return f"<literal>{escape(kind[1])}</literal>"


def _csv_cell(term) -> str:
    if term is None:
        return ""
    kind = _term(term)
    text = "_:" + kind[1] if kind[0] == "b" else kind[1]
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _write_select(names: list[str], rows: list, fmt: str, truncated: bool) -> bytes:
    if fmt == "json":
        bindings = [{n: _json_term(t) for n, t in zip(names, row, strict=False) if t is not None} for row in rows]
        body = {"head": {"vars": names}, "results": {"bindings": bindings}, "truncated": truncated}
        return json.dumps(body, ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        lines = [",".join(names)] + [",".join(_csv_cell(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    if fmt == "tsv":  # SPARQL 1.1 TSV: terms in N-Triples syntax, which Turtle reads
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    from xml.sax.saxutils import quoteattr

    out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(n)}/>" for n in names]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [
            f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
            for n, t in zip(names, row, strict=False)
            if t is not None
        ]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode("utf-8")


def _write_ask(answer: bool, fmt: str) -> bytes:
    word = "true" if answer else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer, "truncated": False}).encode()
    if fmt in ("csv", "tsv"):
        return f"_askResult\n{word}\n".encode()
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head/><boolean>{word}</boolean></sparql>\n"
    ).encode()


def _write_graph(triples: list, fmt: str | None, prefixes: dict) -> bytes:
    import pyoxigraph as ox

    if fmt in (None, "nt"):
        return b"".join(str(t).encode() + b" .\n" for t in triples)
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}[fmt]
    used = {p: ns for p, ns in prefixes.items() if fmt != "json-ld"}
    return ox.serialize(triples, format=rdf_format, prefixes=used) or b""


def answer(store, text: str, cap: int, prefixes: dict, fmt: str | None = None) -> tuple:
    """Run one query and answer it as the parent asked: plain data, or bytes in ``fmt``."""
    import pyoxigraph as ox

    result = store.query(text, prefixes=prefixes)
    if isinstance(result, ox.QueryBoolean):
        return ("ASK", bool(result)) if fmt is None else ("BODY", "ASK", _write_ask(bool(result), fmt), False)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows, truncated = [], False
        for solution in result:
            if len(rows) == cap:
                truncated = True
                break
            rows.append(tuple(solution[i] for i in range(len(names))))
        if fmt is None:
            return ("SELECT", names, [tuple(_term(t) for t in row) for row in rows], truncated)
        return ("BODY", "SELECT", _write_select(names, rows, fmt, truncated), truncated)
    triples, truncated = [], False
    for triple in result:
        if len(triples) == cap:
            truncated = True
            break
        triples.append(triple)
    if fmt is None:
        return ("GRAPH", _write_graph(triples, None, prefixes), truncated)
    return ("BODY", "GRAPH", _write_graph(triples, fmt, prefixes), truncated)


def serve(conn) -> None:  # pragma: no cover - runs in a child process
    """Load the graph the parent names, say READY, then answer queries until the parent goes."""
    try:
        store = open_store(conn.recv())
    except Exception as err:  # noqa: BLE001 - reported to the parent as a message
        conn.send(("ERROR", "load", f"cannot load the graph: {err}"))
        return
    conn.send(("READY",))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        text, cap, prefixes, fmt = message
        try:
            conn.send(answer(store, text, cap, prefixes, fmt))
        except SyntaxError as err:  # Oxigraph's parser refused what rdflib's accepted
            conn.send(("ERROR", "syntax", str(err)))
        except Exception as err:  # noqa: BLE001 - reported to the parent as a message
            conn.send(("ERROR", "eval", str(err)))


def watch_parent(parent: int, every: float = 0.2) -> threading.Thread:
    """Exit this process as soon as its parent is no longer ``parent`` (it died; we were
    handed to init or a subreaper). A daemon thread; returns it."""

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(0)
            threading.Event().wait(every)

    thread = threading.Thread(target=watch, name="careerpath-parent-watch", daemon=True)
    thread.start()
    return thread


def main(fd: int, parent: int | None = None) -> None:  # pragma: no cover - runs in a child process
    """Serve on connection ``fd``; the parent's going (closed socket, or another parent) ends it."""
    import signal
    from multiprocessing.connection import Connection

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends us
    if parent is not None:
        if os.getppid() != parent:  # the parent died before we started watching it
            os._exit(0)
        watch_parent(parent)
    try:
        serve(Connection(fd))
    except (EOFError, OSError):
        pass


if __name__ == "__main__":  # pragma: no cover - python -m careerpath.graph.loading.engines.oxworker FD [PARENT]
    main(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None)
