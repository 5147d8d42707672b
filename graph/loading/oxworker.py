"""An Oxigraph query worker: a child process the ``memory`` and ``oxigraph`` stores start.

It imports pyoxigraph and nothing of careerpath's heavier modules, loads its graph (a folder
read-only, Turtle files or N-Triples into memory), then answers ``(text, max_rows, prefixes)``
messages on a ``multiprocessing`` connection until the parent closes it. A query past its
time limit is stopped by the parent killing this process.
"""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

__all__ = ["open_store", "serve"]


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
    from .rdf import SUPERCLASS_TYPES  # a class's instances are its superclasses' too, as on every store

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


def serve(conn) -> None:  # pragma: no cover - runs in a child process
    """Load the graph the parent names, say READY, then answer queries until the parent goes."""
    import pyoxigraph as ox

    try:
        store = open_store(conn.recv())
    except Exception as err:  # noqa: BLE001 - reported to the parent as a message
        conn.send(("ERROR", f"cannot load the graph: {err}"))
        return
    conn.send(("READY",))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        text, max_rows, prefixes = message
        try:
            result = store.query(text, prefixes=prefixes)
            if isinstance(result, ox.QueryBoolean):
                conn.send(("ASK", bool(result)))
            elif isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                rows, truncated = [], False
                for solution in result:
                    if len(rows) == max_rows:
                        truncated = True
                        break
                    rows.append(tuple(_term(solution[i]) for i in range(len(names))))
                conn.send(("SELECT", names, rows, truncated))
            else:
                conn.send(("GRAPH", b"".join(str(t).encode() + b" .\n" for t in result)))
        except Exception as err:  # noqa: BLE001 - reported to the parent as a message
            conn.send(("ERROR", str(err)))


def main(fd: int) -> None:  # pragma: no cover - runs in a child process
    """Serve on connection ``fd``; the parent's going (closed socket) ends it quietly."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends us
    try:
        serve(Connection(fd))
    except (EOFError, OSError):
        pass


if __name__ == "__main__":  # pragma: no cover - python -m careerpath.graph.loading.oxworker FD
    main(int(sys.argv[1]))
