"""The curated competency questions shipped in ``ontology/queries``, and the ``# parameter:``
lines a query declares its parameters and their defaults with."""

from __future__ import annotations

import functools
import re
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from careerpath import ontology

from ..records import record
from .checks import TOKEN

if TYPE_CHECKING:  # rdflib reads the parameters' defaults as terms when they are asked for
    import rdflib

__all__ = ["CuratedQuery", "curated_queries", "curated_query", "query_defaults", "query_parameters", "query_variables"]


def _prefixes() -> dict[str, str]:
    from ..loading.rdf import PREFIXES

    return PREFIXES


# ---------------------------------------------------------------------- curated questions
@record
class CuratedQuery:
    """A competency question shipped in ``ontology/queries``."""

    name: str
    title: str
    question: str
    text: str
    path: Path
    defaults: dict = field(default_factory=dict)  # variable -> its default as written (``query_defaults``)

    @functools.cached_property
    def parameters(self) -> dict:
        """Variable -> default RDF term (``query_parameters``)."""
        return query_parameters(self.text)


def _header(text: str, key: str) -> str:
    match = re.search(rf"^#\s*{key}:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else ""


_PARAMETER = re.compile(r"^#\s*parameter:\s*\?(\w+)\s*=\s*(.+?)\s*$", re.MULTILINE)


def query_defaults(text: str) -> dict[str, str]:
    """The ``# parameter: ?name = DEFAULT`` lines of a query: variable -> the default as written.

    Examples
    --------
    >>> query_defaults("# parameter: ?c = cert:cma\\n# parameter: ?years = 2\\nSELECT ?x WHERE { ?x ?p ?c }")
    {'c': 'cert:cma', 'years': '2'}
    """
    return {match.group(1): match.group(2) for match in _PARAMETER.finditer(text)}


def query_parameters(text: str) -> dict[str, rdflib.term.Node]:
    """The ``# parameter: ?name = DEFAULT`` lines of a query: variable -> default RDF term.

    Examples
    --------
    >>> query_parameters("# parameter: ?years = 2\\nSELECT ?c WHERE { ?c ?p ?years }")
    {'years': rdflib.term.Literal('2', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))}
    """
    from rdflib.util import from_n3

    return {name: from_n3(default, nsm=_namespaces()) for name, default in query_defaults(text).items()}


def query_variables(text: str) -> set[str]:
    """The variable names a query mentions (``?x`` or ``$x``), outside strings, IRIs and comments.

    Examples
    --------
    >>> sorted(query_variables('SELECT ?a WHERE { ?a ?b "?c" } # ?d'))
    ['a', 'b']
    """
    out = set()
    for match in TOKEN.finditer(text):
        if match.lastgroup in ("word", "other"):
            out.update(re.findall(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\uffff]+)", match.group()))
    return out


@functools.lru_cache(maxsize=1)
def _namespaces():
    import rdflib
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
        out.append(
            CuratedQuery(
                path.stem,
                _header(text, "title") or path.stem,
                _header(text, "question"),
                text,
                path,
                query_defaults(text),
            )
        )
    return tuple(out)


def curated_query(name: str) -> CuratedQuery:
    """The curated question called ``name``; raises ``UnknownNameError`` with the closest names."""
    queries = {q.name: q for q in curated_queries()}
    if name in queries:
        return queries[name]
    import difflib  # here: only a name that is not a question's looks for close ones

    from ..errors import UnknownNameError

    close = difflib.get_close_matches(name, list(queries), n=5, cutoff=0.3)
    raise UnknownNameError(name, [(n, queries[n].title) for n in close], what="curated question")
