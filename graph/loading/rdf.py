"""Load the careerpath ontology and data into an in-memory rdflib graph.

Files are read by Oxigraph's Turtle parser into an rdflib graph (``parse_file``). Extra data
folders can be added with the ``CAREERPATH_DATA`` setting (paths separated by ``os.pathsep``).
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from careerpath import ontology

from ..errors import DataSyntaxError

if TYPE_CHECKING:  # rdflib is imported when a graph is built, not to list the files
    import rdflib

BASE = "https://w3id.org/careerpath/"

__all__ = [
    "load_graph",
    "default_data_files",
    "parse_file",
    "bind_prefixes",
    "expand",
    "normalize",
    "prefixed",
    "add_superclass_types",
    "GraphIndex",
    "PREFIXES",
    "SUPERCLASS_TYPES",
]

#: Every store holds the types an entity's classes imply (RDFS rule rdfs9): a certified medical
#: assistant typed ``cp:Certification`` is also a ``cp:Credential`` and a ``cp:Milestone``, a lead
#: medical assistant (``cp:AdvancementRole``) also a ``cp:Role`` and a ``schema:Occupation``, so
#: ``SELECT ?r WHERE { ?r a cp:Role }`` finds every role on every store. Added when the graph is
#: loaded: by ``load_graph`` (rdflib), by an Oxigraph worker's store, and by ``load_into``.
SUPERCLASS_TYPES = (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "INSERT { ?s rdf:type ?super } WHERE { ?s rdf:type ?class . ?class rdfs:subClassOf+ ?super . "
    "FILTER(isIRI(?super) && ?super != ?class) }"
)

# The one prefix table: the CLI reads prefixed names with it (``careerpath show org:nha``), query
# tables and CONSTRUCT output write IRIs with it, and SPARQL queries may use it undeclared. Every
# data file declares its prefixes with these names (tests/test_newcomer.py checks each file's
# ``@prefix`` lines against it), so a name is written the same way in the data and on screen.
PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
    "cp": BASE + "ontology#",
    "cpsh": BASE + "shapes#",
    "src": BASE + "data/source/",
    "org": BASE + "data/org/",
    "role": BASE + "data/role/",
    "cert": BASE + "data/cert/",
    "route": BASE + "data/route/",
    "cond": BASE + "data/condition/",
    "step": BASE + "data/step/",
    "prog": BASE + "data/program/",
    "cred": BASE + "data/credential/",
    "grp": BASE + "data/group/",
    "grpo": BASE + "data/occupation-group/",
    "exam": BASE + "data/exam/",
    "stat": BASE + "data/statistic/",
    "setting": BASE + "data/setting/",
    "dis": BASE + "data/disagreement/",
    "claim": BASE + "data/claim/",
    "kind": BASE + "data/kind/",
    "jur": BASE + "data/jurisdiction/",
    "rule": BASE + "data/rule/",
    "eq": BASE + "data/equivalence/",
    "ev": BASE + "data/evidence/",
    "spec": BASE + "data/specialty/",
    "skill": BASE + "data/skill/",
    "duty": BASE + "data/duty/",
    "topic": BASE + "data/topic/",
    "sched": BASE + "data/schedule/",
    "path": BASE + "data/pathway/",
    "benefit": BASE + "data/benefit/",
    "misc": BASE + "data/misc/",
    "ceterms": "https://purl.org/ctdl/terms/",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}

# Longest namespace first, so an IRI is written with the most specific prefix that fits.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def prefixed(iri: str) -> str:
    """``iri`` as a prefixed name from ``PREFIXES`` (``org:nha``), or ``<iri>`` when none fits.

    Examples
    --------
    >>> prefixed("https://w3id.org/careerpath/data/org/nha"), prefixed("urn:x")
    ('org:nha', '<urn:x>')
    >>> prefixed("https://w3id.org/careerpath/data/occupation-group/nursing")
    'grpo:nursing'
    """
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def expand(name: str) -> str | None:
    """The IRI a prefixed name (``org:nha``) or ``<IRI>`` stands for; None for anything else.

    Examples
    --------
    >>> expand("org:nha"), expand("<urn:x>"), expand("CMA"), expand("nope:x")
    ('https://w3id.org/careerpath/data/org/nha', 'urn:x', None, None)
    """
    text = name.strip()
    if text.startswith("<") and text.endswith(">") and len(text) > 2:
        return text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and local and not local.startswith("//") and " " not in local:
        return PREFIXES[prefix] + local
    return None


def short_id(node: object) -> str:
    """The last segment of an IRI: ``.../cert/cma`` -> ``cma``.

    Examples
    --------
    >>> short_id("https://w3id.org/careerpath/data/cert/cma"), short_id("https://w3id.org/careerpath/ontology#Role")
    ('cma', 'Role')
    """
    text = str(node)
    for sep in ("#", "/"):
        if sep in text.rstrip(sep):
            text = text.rstrip(sep).rsplit(sep, 1)[-1]
            break
    return text


def bind_prefixes(graph: rdflib.Graph) -> rdflib.Graph:
    """Bind careerpath's prefixes on ``graph`` and return it.

    Each replaces what rdflib binds by default under the same name (rdflib binds ``org:`` to
    the W3C organization ontology; without ``replace`` the data's ``org:`` became ``org1:``).
    """
    import rdflib

    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, rdflib.Namespace(ns), override=True, replace=True)
    return graph


def normalize(text: str) -> str:
    """Fold case and punctuation: ``"CMA (AAMA)"`` -> ``"cma aama"`` (how ``lookup`` keys names).

    Examples
    --------
    >>> normalize("CMA (AAMA)")
    'cma aama'
    """
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def default_data_files() -> list[Path]:
    """The shipped data files plus those in folders named by ``CAREERPATH_DATA``."""
    files = ontology.data_files()
    extra = os.environ.get("CAREERPATH_DATA", "")
    for folder in filter(None, extra.split(os.pathsep)):
        path = _resolvable(Path(folder))
        if not path.exists():
            raise DataSyntaxError(path, None, "no such file or folder (named by CAREERPATH_DATA)")
        files += [path] if path.is_file() else [_resolvable(f) for f in ontology.data_files(path)]
    return files


def _resolvable(path: Path) -> Path:
    """``path``, if following its links ends somewhere; a ``DataSyntaxError`` for a symlink loop.

    Examples
    --------
    >>> import tempfile
    >>> loop = Path(tempfile.mkdtemp()) / "a.ttl"
    >>> loop.symlink_to(loop)
    >>> try:
    ...     _resolvable(loop)
    ... except DataSyntaxError as err:
    ...     print(str(err).split(": ", 1)[1])
    a symlink loop (named by CAREERPATH_DATA)
    """
    try:
        path.resolve(strict=False)
    except (RuntimeError, OSError) as err:  # Python 3.11 raises RuntimeError("Symlink loop"), 3.13 OSError
        if isinstance(err, OSError) and err.errno != errno.ELOOP:
            raise DataSyntaxError(path, None, f"cannot read: {err.strerror}") from None
        raise DataSyntaxError(path, None, "a symlink loop (named by CAREERPATH_DATA)") from None
    return path


def parse_file(graph: rdflib.Graph, path: Path) -> None:
    """Parse one Turtle file into ``graph``; a syntax error names the file and line.

    The file is read by Oxigraph's Turtle parser (the one the default store loads the same files
    with: twice as fast as rdflib's and stricter, e.g. about spaces in IRIs) and its triples added
    as rdflib terms, with the prefixes the file declares bound as rdflib's own parser binds them.
    The graph is the one rdflib's parser makes (isomorphic, tested), but that a literal typed
    ``xsd:string`` is a plain literal, as RDF 1.1 has it, and language tags are lower case.

    Raises
    ------
    DataSyntaxError
        When the file does not parse or cannot be read.

    Examples
    --------
    >>> import rdflib, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.ttl"
    >>> _ = path.write_text('@prefix ex: <http://example.org/> . ex:a ex:p "x"@en, 1.50 .')
    >>> g = rdflib.Graph()
    >>> parse_file(g, path)
    >>> sorted(g.objects())
    [rdflib.term.Literal('1.50', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')), \
rdflib.term.Literal('x', lang='en')]
    >>> _ = path.write_text("@prefix ex: <http://example.org/> .\\nex:a ex:p ex:b ;")
    >>> try:
    ...     parse_file(g, path)
    ... except DataSyntaxError as err:
    ...     print(err.line)
    2
    """
    import pyoxigraph as ox

    path = Path(path)
    try:
        parser = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
        _add_parsed(graph, parser)
    except SyntaxError as err:
        raise DataSyntaxError(path, err.lineno, f"malformed Turtle: {err.msg}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise DataSyntaxError(path, None, f"cannot read: {err}") from err
    except ValueError as err:  # a term rdflib refuses
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise DataSyntaxError(path, None, f"malformed Turtle: {detail}") from err
    for prefix, namespace in parser.prefixes.items():
        graph.bind(prefix, namespace)  # as rdflib's parser does with each @prefix


def parse_ntriples(data: bytes) -> rdflib.Graph:
    """A graph of the N-Triples in ``data`` (a store's dump, a CONSTRUCT's answer), read by
    Oxigraph's parser into rdflib terms as ``parse_file`` reads Turtle (0.6 of the time of
    rdflib's N-Triples parser).

    Examples
    --------
    >>> g = parse_ntriples(b'<http://example.org/a> <http://example.org/p> "x"@en .')
    >>> [str(o) for o in g.objects()]
    ['x']
    """
    import pyoxigraph as ox
    import rdflib

    graph = rdflib.Graph()
    _add_parsed(graph, ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return graph


def _add_parsed(graph: rdflib.Graph, parser) -> None:
    """Add the triples Oxigraph's ``parser`` reads to ``graph``, as rdflib terms."""
    add, term = graph.add, _RdflibTerms()
    for triple in parser:
        add((term(triple.subject), term(triple.predicate), term(triple.object)))


class _RdflibTerms:
    """Oxigraph's terms as rdflib's, each distinct IRI or literal made once per file."""

    XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

    def __init__(self) -> None:
        import pyoxigraph as ox
        import rdflib

        self._ox, self._rdflib = ox, rdflib
        self._iris: dict[str, rdflib.URIRef] = {}
        self._literals: dict[tuple, rdflib.Literal] = {}

    def __call__(self, term):
        ox, rdflib = self._ox, self._rdflib
        kind = type(term)
        if kind is ox.NamedNode:
            found = self._iris.get(term.value)
            if found is None:
                found = self._iris[term.value] = rdflib.URIRef(term.value)
            return found
        if kind is ox.Literal:
            key = (term.value, term.datatype.value, term.language)
            found = self._literals.get(key)
            if found is None:
                if key[2]:
                    found = rdflib.Literal(key[0], lang=key[2])
                elif key[1] == self.XSD_STRING:
                    found = rdflib.Literal(key[0])
                else:
                    found = rdflib.Literal(key[0], datatype=self(term.datatype))
                self._literals[key] = found
            return found
        if kind is ox.BlankNode:
            return rdflib.BNode(term.value)
        raise ValueError(f"not a term of plain RDF: {term}")  # a quoted triple (RDF-star)


def load_graph(data_files: Iterable[Path] | None = None, *, with_ontology: bool = True) -> rdflib.Graph:
    """Load the ontology and data into one in-memory rdflib graph.

    Parameters
    ----------
    data_files : iterable of Path, optional
        Turtle files to load; by default the shipped data plus ``CAREERPATH_DATA``.
    with_ontology : bool
        Also load ``ontology/careerpath.ttl`` (class hierarchy, labels of terms).

    Returns
    -------
    rdflib.Graph

    Raises
    ------
    DataSyntaxError
        When a file does not parse; the message names the file and line.

    Examples
    --------
    >>> g = load_graph()
    >>> from rdflib import URIRef
    >>> (URIRef("https://w3id.org/careerpath/data/cert/cma"), None, None) in g
    True
    """
    import rdflib

    graph = bind_prefixes(rdflib.Graph())
    files = list(data_files) if data_files is not None else default_data_files()
    if with_ontology:
        files = [ontology.ONTOLOGY_FILE, *files]
    for path in files:
        parse_file(graph, path)
    add_superclass_types(graph)
    return graph


class GraphIndex:
    """A read-only view of an rdflib graph that remembers the answers to the lookups describing
    entities and weighing sources repeat (``objects``, ``value``, ``predicate_objects``,
    ``subject_predicates``, ``subjects``, ``subject_objects``, ``transitive_subjects``, ``in``,
    and ``labels.label_of``'s labels), each in the order rdflib gives it.

    Describing every entity through rdflib's store asks it the same questions thousands of times
    (the label of "primary", the sub-properties of ``cp:source``); asked once each, describing
    the whole atlas takes a few seconds, so the compiled cache can hold what ``careerpath show``
    prints for every entity.

    Examples
    --------
    >>> import rdflib
    >>> g = rdflib.Graph().parse(data="<urn:a> <urn:p> <urn:b>, <urn:c> . <urn:d> <urn:p> <urn:b> .", format="turtle")
    >>> index = GraphIndex(g)
    >>> sorted(str(o) for o in index.objects(rdflib.URIRef("urn:a"), rdflib.URIRef("urn:p")))
    ['urn:b', 'urn:c']
    >>> sorted(str(s) for s in index.subjects(rdflib.URIRef("urn:p"), rdflib.URIRef("urn:b")))
    ['urn:a', 'urn:d']
    """

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph
        self.namespace_manager = graph.namespace_manager
        self.label_memo: dict = {}  # labels.label_of keeps what it finds here
        self._memo: dict = {}

    def _remember(self, question: tuple, ask):
        answer = self._memo.get(question)
        if answer is None:
            answer = self._memo[question] = list(ask())
        return iter(answer)

    def __len__(self) -> int:
        return len(self.graph)

    def __contains__(self, triple: tuple) -> bool:
        return triple in self.graph

    def objects(self, subject=None, predicate=None, unique: bool = False):
        return self._remember(("o", subject, predicate), lambda: self.graph.objects(subject, predicate))

    def subjects(self, predicate=None, object=None, unique: bool = False):  # noqa: A002 - rdflib's name
        return self._remember(("s", predicate, object), lambda: self.graph.subjects(predicate, object))

    def value(self, subject=None, predicate=None, object=None, default=None, any: bool = True):  # noqa: A002
        if subject is None:
            return next(self.subjects(predicate, object), default)
        return next(self.objects(subject, predicate), default)

    def predicate_objects(self, subject, unique: bool = False):
        return self._remember(("po", subject), lambda: self.graph.predicate_objects(subject))

    def subject_predicates(self, object, unique: bool = False):  # noqa: A002
        return self._remember(("sp", object), lambda: self.graph.subject_predicates(object))

    def subject_objects(self, predicate, unique: bool = False):
        return self._remember(("so", predicate), lambda: self.graph.subject_objects(predicate))

    def transitive_subjects(self, predicate, object, remember=None):  # noqa: A002
        return self._remember(("ts", predicate, object), lambda: self.graph.transitive_subjects(predicate, object))


def add_superclass_types(graph: rdflib.Graph) -> int:
    """Add to ``graph`` the types its entities' classes imply through ``rdfs:subClassOf`` (see
    ``SUPERCLASS_TYPES``); returns how many were new.

    Examples
    --------
    >>> import rdflib
    >>> g = rdflib.Graph().parse(data='''@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <urn:A> rdfs:subClassOf <urn:B> . <urn:B> rdfs:subClassOf <urn:C> . <urn:x> a <urn:A> .''', format="turtle")
    >>> add_superclass_types(g), sorted(str(t) for t in g.objects(rdflib.URIRef("urn:x"), rdflib.RDF.type))
    (2, ['urn:A', 'urn:B', 'urn:C'])
    """
    import rdflib
    from rdflib.namespace import RDF, RDFS

    from .litegraph import ancestors

    supers: dict = {}
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        supers.setdefault(sub, set()).add(sup)
    implied = {
        (s, RDF.type, c)
        for s, cls in graph.subject_objects(RDF.type)
        if cls in supers
        for c in ancestors([cls], supers, include_start=False)
        if isinstance(c, rdflib.URIRef) and c != cls
    }
    new = [t for t in implied if t not in graph]
    for triple in new:
        graph.add(triple)
    return len(new)


def defining_files(files: Iterable[Path] | None = None) -> dict[str, str]:
    """Which data file defines each IRI: the first (in load order) that gives it a type.

    An IRI that no file types is credited to the first file that describes it. Files are read
    with Oxigraph's parser (about 0.2 s for the shipped data), apart from any graph.

    Parameters
    ----------
    files : iterable of Path, optional
        Turtle files, by default the shipped data plus ``CAREERPATH_DATA``.

    Returns
    -------
    dict
        IRI -> the file's name without ``.ttl`` (e.g. ``"atlas-nursing"``).

    Examples
    --------
    >>> defining_files()["https://w3id.org/careerpath/data/cert/cma"]
    'certifications'
    """
    import pyoxigraph as ox

    typed: dict[str, str] = {}
    described: dict[str, str] = {}
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    for path in default_data_files() if files is None else files:
        area = Path(path).name.removesuffix(".ttl")
        try:
            for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                if not isinstance(triple.subject, ox.NamedNode):
                    continue
                iri = triple.subject.value
                described.setdefault(iri, area)
                if triple.predicate.value == rdf_type:
                    typed.setdefault(iri, area)
        except (OSError, SyntaxError) as err:
            raise DataSyntaxError(Path(path), None, f"cannot read: {err}") from err
    return {**described, **typed}
