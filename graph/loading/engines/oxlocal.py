"""Oxigraph in this process, for one-shot commands: the graph persisted in the cache folder.

``careerpath query`` used to parse the Turtle files with rdflib (for labels) and start an
Oxigraph worker process that parsed them again, on every run. With the compiled cache warm it
now opens ``KEY.oxigraph`` in the cache folder (``cache.store_dir``) read-only and asks it
directly: no Turtle parsed, neither rdflib nor a worker started.

The store follows the cache's rules: it holds data only (Oxigraph's RocksDB files); it lives in
the cache folder, never next to the data, under the key of the files and code it was built
from; it is built whole in a temporary folder and renamed into place, and a manifest written
after it (``KEY.store.jsonl``, checksummed) records its triple count, which the store must
match when opened. A store that does not open, or does not match, is removed and built again.
Like every store, it holds the types an entity's classes imply (``rdf.SUPERCLASS_TYPES``), so
``SELECT ?r WHERE { ?r a cp:Role }`` finds every role here too.

A query runs in a thread of this process with a deadline: pyoxigraph releases the GIL while it
evaluates, so the caller waits at most the time limit, and a query still running then is left
to end with the process (a one-shot command exits right after). Long-lived callers (the app,
``careerpath serve``) use the worker processes of ``oxpool`` instead, which can be killed.

Imports pyoxigraph, ``oxworker``'s writers and ``rdf``'s prefixes and superclass types only.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from ...errors import QueryTimeout
from .. import cache
from ..rdf import SUPERCLASS_TYPES
from .oxworker import answer

__all__ = ["open_persisted", "run", "labels", "turtle", "with_values", "where_brace", "used_prefixes"]

_MANIFEST = "store"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"


def _manifest_ok(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("triples"), int)


def _files(where: Path) -> dict[str, list[int]]:
    """The store's files as the manifest records them once it is built: each one's size, inode,
    modification and change times (the change time cannot be set back), its lock and logs aside
    (a read-only store writes none of the others)."""
    out = {}
    for entry in os.scandir(where):
        if not entry.name.startswith(("LOCK", "LOG")):
            info = entry.stat(follow_symlinks=False)
            out[entry.name] = [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]
    return out


def open_persisted(key: str, files: Iterable[Path]):
    """The read-only Oxigraph store of ``files`` for cache key ``key``, built first if needed;
    None when the cache folder cannot hold it (the cache off, or a folder others may write to)."""
    import pyoxigraph as ox

    where = cache.store_dir(key)
    if where is None:
        return None
    for _attempt in range(2):
        manifest = cache.read(key, check=_manifest_ok, name=_MANIFEST)
        if manifest is not None and where.is_dir():
            try:  # files as they were built are not counted again (counting 60k triples: 18 ms)
                same = manifest.get("files") == _files(where)
                store = ox.Store.read_only(str(where))
                if same or len(store) == manifest["triples"]:
                    return store
            except (OSError, RuntimeError, ValueError):  # pyoxigraph: RuntimeError for a corrupt store
                pass
        import shutil  # here, as tempfile in _build: a store that is read needs neither

        shutil.rmtree(where, ignore_errors=True)
        count = _build(where, files)
        try:
            built = {"triples": count, "files": _files(where)} if count is not None else None
        except OSError:
            built = None
        if built is None or not cache.write(key, built, name=_MANIFEST):
            return None
    return None


def _build(where: Path, files: Iterable[Path]) -> int | None:
    """Load ``files`` into a new store in a temporary folder beside ``where``, then rename it
    into place (another process may have done so meanwhile: then theirs is kept)."""
    import shutil
    import tempfile

    import pyoxigraph as ox

    tmp = Path(tempfile.mkdtemp(dir=where.parent, prefix=".tmp-store-"))
    try:
        store = ox.Store(str(tmp))
        for file in files:
            store.bulk_load(path=str(file), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
        store.update(SUPERCLASS_TYPES)  # the types the classes imply, as on every store
        store.flush()
        count = len(store)
        del store
        try:
            os.rename(tmp, where)
        except OSError:  # built by another process meanwhile
            return len(ox.Store.read_only(str(where)))
        return count
    except (OSError, RuntimeError, SyntaxError, ValueError):
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(store, text: str, cap: int, prefixes: Mapping[str, str], fmt: str | None, timeout: float) -> tuple:
    """``oxworker.answer`` in a thread, waited for at most ``timeout`` seconds.

    Raises
    ------
    QueryTimeout
        Past the time limit.
    SyntaxError
        Oxigraph's parser refused the query.
    """
    outcome: dict = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["answer"] = answer(store, text, cap, dict(prefixes), fmt)
        except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = err
        finally:
            done.set()

    started = time.monotonic()
    threading.Thread(target=work, name="careerpath-local-query", daemon=True).start()
    if not done.wait(max(timeout - (time.monotonic() - started), 0.0)):
        raise QueryTimeout(f"the query was stopped after {timeout:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["answer"]


def labels(store, iris: Iterable[str]) -> dict[str, str]:
    """The label of each IRI that has one, chosen as ``labels.label_of`` chooses: an English
    ``rdfs:label``, else an English ``skos:prefLabel``, else the first without a language."""
    wanted = sorted({i for i in iris if _IRI.fullmatch(i)})
    if not wanted:
        return {}
    values = " ".join(f"<{i}>" for i in wanted)
    query = (
        f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ <{_RDFS_LABEL}> <{_SKOS_PREF}> }} ?s ?p ?l }}"
    )
    import pyoxigraph as ox

    found: dict[str, list[tuple[int, str]]] = {}
    for s, p, label in store.query(query):
        if not isinstance(label, ox.Literal) or label.language not in ("en", None):
            continue
        order = (0 if label.language == "en" else 2) + (0 if p.value == _RDFS_LABEL else 1)
        found.setdefault(s.value, []).append((order, label.value))
    return {iri: min(options)[1] for iri, options in found.items()}


_IRI = re.compile(r"[^<>\"{}|^`\\\s]+")


def where_brace(text: str) -> int | None:
    """Index of the ``{`` that opens the WHERE clause, skipping strings, IRIs and comments.

    Examples
    --------
    >>> where_brace('SELECT ?l WHERE { ?x <urn:p> "{" }')
    16
    """
    i, n, depth, seen_where, first_brace = 0, len(text), 0, False, None
    while i < n:
        c = text[i]
        if c == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i
            continue
        if c in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and text[j : j + len(quote)] != quote:
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]):
            i = text.index(">", i) + 1
            continue
        if c == "{":
            if depth == 0 and (seen_where or first_brace is None):
                if seen_where:
                    return i
                first_brace = i
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and text[i : i + 5].upper() == "WHERE" and (i == 0 or not text[i - 1].isalnum()):
            seen_where = True
            i += 5
            continue
        i += 1
    return first_brace


def with_values(text: str, bindings: Mapping[str, str]) -> str | None:
    """``text`` with a VALUES block binding each variable to its term (written in N-Triples or
    Turtle syntax by the caller, never copied from a person's text), at the start of the WHERE
    clause; None when the query has no WHERE clause to bind in.

    Examples
    --------
    >>> with_values("SELECT ?l WHERE { ?x rdfs:label ?l }", {"x": "<urn:a>"})
    'SELECT ?l WHERE { VALUES (?x) { (<urn:a>) } ?x rdfs:label ?l }'
    """
    if not bindings:
        return text
    names = sorted(bindings)
    block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(bindings[n] for n in names) + ") }"
    at = where_brace(text)
    if at is None:
        return None
    return text[: at + 1] + " " + block + text[at + 1 :]


def used_prefixes(body: bytes, prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes whose namespace an N-Triples ``body`` uses, for a Turtle writer to declare."""
    return {p: ns for p, ns in prefixes.items() if b"<" + ns.encode() in body}


def turtle(ntriples: bytes, prefixes: Mapping[str, str] | None = None) -> bytes:
    """N-Triples as Turtle, declaring the prefixes (careerpath's, by default) that it uses."""
    import pyoxigraph as ox

    from ..rdf import PREFIXES

    triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    used = used_prefixes(ntriples, PREFIXES if prefixes is None else prefixes)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used) or b""
