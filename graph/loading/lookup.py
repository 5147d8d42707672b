"""Resolve a name a person types to an entity: by label, alternate label or abbreviation,
case-insensitively and tolerant of small typos.

Examples
--------
>>> from careerpath.graph.loading.rdf import load_graph
>>> index = NameIndex.from_graph(load_graph())
>>> index.resolve("cma").rsplit("/", 1)[-1]
'cma'
>>> index.resolve("Certified Medical Asistant").rsplit("/", 1)[-1]
'cma'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import field, replace
from typing import TYPE_CHECKING

from ..errors import AmbiguousNameError, UnknownNameError
from ..records import record
from .litegraph import ancestors
from .rdf import PREFIXES, normalize  # normalize: there, so a name is looked up without this module

if TYPE_CHECKING:  # rdflib is needed only to build an index, not to use a cached one
    import rdflib

BASE = "https://w3id.org/careerpath/"

__all__ = ["NameIndex", "normalize"]

# Entities whose labels repeat others' (conditions, claims) are reachable by IRI, not by name.
_UNNAMED_CLASSES = ("Condition", "ExperienceCondition", "Claim")  # classes of the cp: ontology
_ACCEPT = 0.85  # a fuzzy match this good is taken...
_MARGIN = 0.05  # ...when the runner-up is at least this much worse
_SPELT_MIN = 5  # letters a name needs before spelling alone resolves it: CNA is not CRNA, nor COTA OTA


@record
class NameIndex:
    """Names of the entities of one graph, for ``resolve`` and ``suggest``."""

    keys: dict[str, frozenset[str]]  # normalized name -> entity IRIs
    labels: dict[str, str]  # entity IRI -> label
    types: dict[str, frozenset[str]]  # entity IRI -> class IRIs, superclasses included
    prefixes: dict[str, str]
    abbreviations: dict[str, frozenset[str]] = field(default_factory=dict)  # entity IRI -> normalized abbreviations

    @classmethod
    def from_graph(cls, graph: rdflib.Graph) -> NameIndex:
        """Index every labelled entity of the data namespace."""
        import rdflib
        from rdflib.namespace import RDF, RDFS, SKOS

        from .labels import label_of
        from .namespaces import CP

        name_properties = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, CP.abbreviation)
        supers: dict[rdflib.term.Node, set[rdflib.term.Node]] = defaultdict(set)
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            supers[sub].add(sup)

        types: dict[str, set[str]] = defaultdict(set)
        for s, o in graph.subject_objects(RDF.type):
            if isinstance(s, rdflib.URIRef) and str(s).startswith(BASE + "data/"):
                types[str(s)] |= {str(c) for c in ancestors([o], supers)}
        unnamed = {str(CP[c]) for c in _UNNAMED_CLASSES}
        keys: dict[str, set[str]] = defaultdict(set)
        abbreviations: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, str] = {}
        for iri, classes in types.items():
            node = rdflib.URIRef(iri)
            labels[iri] = label_of(graph, node)
            if classes & unnamed:
                continue
            for prop in name_properties:
                for value in graph.objects(node, prop):
                    key = normalize(str(value))
                    if key:
                        keys[key].add(iri)
                        if prop == CP.abbreviation:
                            abbreviations[iri].add(key)
        prefixes = dict(PREFIXES)  # the one table, as the data files write their prefixes
        return cls(
            keys={k: frozenset(v) for k, v in keys.items()},
            labels=labels,
            types={k: frozenset(v) for k, v in types.items()},
            prefixes=prefixes,
            abbreviations={k: frozenset(v) for k, v in abbreviations.items()},
        )

    def narrowed(self, keep: Iterable[str]) -> NameIndex:
        """The index as ``resolve`` reads a name (not an IRI) and as the entities of ``keep``
        are labelled: every name, with the labels and types of the entities named and of
        ``keep`` alone (each of those in ``types``, an empty set where it has none). A command
        that plans a route reads this, a third of the whole index (``CareerGraph.resolve``).

        Examples
        --------
        >>> index = NameIndex({"cma": frozenset({"x:cma"})}, {"x:cma": "CMA", "x:s": "S", "x:o": "O"},
        ...                   {"x:cma": frozenset({"C"}), "x:s": frozenset({"S"}), "x:o": frozenset()}, {})
        >>> small = index.narrowed(["x:s", "x:step"])
        >>> sorted(small.labels), sorted(small.types), small.resolve("CMA")
        (['x:cma', 'x:s'], ['x:cma', 'x:s', 'x:step'], 'x:cma')
        """
        kept = {iri for iris in self.keys.values() for iri in iris} | set(keep)
        return replace(
            self,
            labels={iri: label for iri, label in self.labels.items() if iri in kept},
            types={iri: self.types.get(iri, frozenset()) for iri in kept},
        )

    # ------------------------------------------------------------------ queries
    def _allowed(self, iri: str, kinds: Iterable[str] | None) -> bool:
        if kinds is None:
            return True
        return bool(self.types.get(iri, frozenset()) & {str(k) for k in kinds})

    def _as_iri(self, name: str) -> str | None:
        """The entity an IRI, ``<IRI>`` or prefixed name (``org:nha``) names, if it is one."""
        text = name.strip()
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
        if text in self.types:
            return text
        prefix, sep, local = text.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            iri = self.prefixes[prefix] + local
            if iri in self.types:
                return iri
        return None

    def ranked(self, name: str, kinds: Iterable[str] | None = None) -> list[tuple[str, _Rank]]:
        """Entities with how well their closest name matches ``name`` (``words``: the share of
        the typed words they share; ``spelling``: difflib's ratio), best first."""
        key = normalize(name)
        typed = _content_words(key)
        allowed = {str(k) for k in kinds} if kinds is not None else None
        best: dict[str, _Rank] = {}
        for candidate, iris in self.keys.items():
            iris = [i for i in iris if allowed is None or self.types.get(i, frozenset()) & allowed]
            if not iris:
                continue
            rank = _rank(key, typed, candidate)
            if rank is None:
                continue
            for iri in iris:
                if candidate == normalize(self.labels.get(iri, "")):
                    tier = 2  # the entity's own label
                elif candidate in self.abbreviations.get(iri, ()):
                    tier = 0  # an abbreviation
                else:
                    tier = 1  # an alternate title
                ranked = replace(rank, tier=tier)
                kept = best.get(iri)
                if kept is None or ranked.order() < kept.order():
                    kept = best[iri] = replace(ranked, spelling=max(ranked.spelling, kept.spelling if kept else 0.0))
                if rank.spelling > kept.spelling:  # an entity's best spelling, whichever name gives it
                    best[iri] = replace(kept, spelling=rank.spelling)
        return sorted(best.items(), key=lambda kv: (kv[1].order(), self.labels[kv[0]]))

    def scored(self, name: str, kinds: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """Entities with the spelling similarity of their closest name to ``name`` (1.0 = exact),
        in the order ``suggest`` gives them (words shared first, then spelling)."""
        return [(iri, rank.spelling) for iri, rank in self.ranked(name, kinds)]

    def suggest(self, name: str, n: int = 5, kinds: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """The ``n`` closest ``(iri, label)`` pairs to ``name``.

        Ranked by the words they share with ``name`` (a label, an alternate title or an
        abbreviation; a word typed short, "tech" for "technician", or sharing its stem, "dentist"
        and "dental", counts for less), then by how many of their own words ``name`` leaves out,
        then by spelling.

        Examples
        --------
        >>> from careerpath.graph.loading.rdf import load_graph
        >>> index = NameIndex.from_graph(load_graph())
        >>> roles = ["https://w3id.org/careerpath/ontology#Role"]
        >>> [label for _, label in index.suggest("dentistry", 3, kinds=roles)]
        ['Dentist', 'Dental assistant', 'Dental hygienist']
        """
        return [(iri, self.labels[iri]) for iri, _ in self.ranked(name, kinds)[:n]]

    def resolve(self, name: str, kinds: Iterable[str] | None = None, *, what: str = "entity") -> str:
        """Return the IRI of the entity ``name`` means.

        Parameters
        ----------
        name : str
            A label, alternate label, abbreviation, IRI or prefixed name (``cert:cma``).
        kinds : iterable of str, optional
            Class IRIs the entity must belong to (subclasses count): a name two entities share
            resolves when only one of them is of these kinds.
        what : str
            How to call the entity in error messages ("role", "role, certification, program or
            credential"...).

        Raises
        ------
        UnknownNameError
            Nothing matches well enough; ``matches`` holds the closest names (``suggest``).
        AmbiguousNameError
            Several entities match equally well; ``matches`` lists them.

        Notes
        -----
        In order: an IRI or prefixed name; a name equal to one of an entity's names (case and
        punctuation aside); a name whose every word is a word, or the start of a word, of one
        entity's name and which leaves none of that name's words out ("pharmacy tech"); a name
        spelt close to one entity's (``difflib`` ratio at least 0.85, the next one 0.05 behind), when
        it has five letters or more: abbreviations one letter apart (CNA and CRNA) are different
        things, never a typing slip to correct.
        """
        kinds = list(kinds) if kinds is not None else None
        iri = self._as_iri(name)
        if iri is not None and self._allowed(iri, kinds):
            return iri
        key = normalize(name)
        if not key:
            raise UnknownNameError(name, [], what=what)
        exact = sorted(i for i in self.keys.get(key, ()) if self._allowed(i, kinds))
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise AmbiguousNameError(name, [(i, self.labels[i]) for i in exact], what=what)
        ranked = self.ranked(name, kinds)
        whole = [iri for iri, rank in ranked if rank.whole]
        if len(whole) == 1:
            return whole[0]
        if len(whole) > 1:
            raise AmbiguousNameError(name, [(i, self.labels[i]) for i in whole], what=what)
        spelt = sorted(((rank.spelling, iri) for iri, rank in ranked), reverse=True)
        if spelt and spelt[0][0] >= _ACCEPT and len(key.replace(" ", "")) >= _SPELT_MIN:
            top = spelt[0][0]
            close = [iri for score, iri in spelt if top - score < _MARGIN]
            if len(close) == 1:
                return close[0]
            raise AmbiguousNameError(name, [(i, self.labels[i]) for i in close], what=what)
        matches = [(i, self.labels[i]) for i, rank in ranked[:5] if rank.words > 0 or rank.spelling >= 0.4]
        raise UnknownNameError(name, matches, what=what)


# ---------------------------------------------------------------------- ranking names
_STOP_WORDS = frozenset("a an and as at by for from in of on or the to with".split())


def _content_words(key: str) -> tuple[str, ...]:
    """The words of a normalized name that carry meaning (all of them if none does)."""
    words = key.split()
    return tuple(w for w in words if w not in _STOP_WORDS) or tuple(words)


def _word_match(typed: str, word: str) -> float:
    """How well a typed word matches a word of a name: 1 the same, 0.8 typed short ("tech" for
    "technician"), 0.6 the same stem ("dentist" and "dental"), else 0.

    Examples
    --------
    >>> _word_match("tech", "technician"), _word_match("dentist", "dental"), _word_match("nurse", "purse")
    (0.8, 0.6, 0.0)
    """
    if typed == word:
        return 1.0
    if len(typed) >= 3 and word.startswith(typed):
        return 0.8
    common = 0
    for a, b in zip(typed, word, strict=False):
        if a != b:
            break
        common += 1
    if common >= 4 and common >= min(len(typed), len(word)) - 3:
        return 0.6
    return 0.0


@record
class _Rank:
    """How one name matches what was typed; greater is better."""

    words: float  # the typed words matched, each weighed by how (see _word_match), over their number
    covered: float  # the share of the name's own words that a typed word matches
    spelling: float  # difflib's ratio to the closest-spelt of the entity's names, 0 where not worth computing
    whole: bool = False  # every typed word is a word (or a word's start) of the name, and nothing is left out
    tier: int = 2  # which name matched: 2 the label, 1 an alternate title, 0 an abbreviation

    def order(self) -> tuple[float, int, float, float]:
        """Sort key, best first: words shared, then label before alternate title before
        abbreviation, then the share of the name covered, then spelling."""
        return (-self.words, -self.tier, -self.covered, -self.spelling)


def _rank(key: str, typed: tuple[str, ...], candidate: str) -> _Rank | None:
    import difflib  # here: a name resolved exactly (most are) ranks nothing

    words = _content_words(candidate)
    scores = [max((_word_match(t, w) for w in words), default=0.0) for t in typed]
    shared = sum(scores) / len(typed) if typed else 0.0
    covered = sum(1 for w in words if any(_word_match(t, w) > 0 for t in typed)) / len(words) if words else 0.0
    whole = bool(scores) and min(scores) >= 0.8 and covered == 1.0
    spelling = 0.0
    matcher = difflib.SequenceMatcher(None, key, candidate, autojunk=False)
    if shared > 0 or (matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5):
        spelling = matcher.ratio()
    if shared == 0 and spelling < 0.5:
        return None
    return _Rank(round(shared, 6), round(covered, 6), spelling, whole)
