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

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import AmbiguousNameError, UnknownNameError
from .closure import ancestors

if TYPE_CHECKING:  # rdflib is needed only to build an index, not to use a cached one
    import rdflib

BASE = "https://w3id.org/careerpath/"

__all__ = ["NameIndex", "normalize"]

# Entities whose labels repeat others' (conditions, claims) are reachable by IRI, not by name.
_UNNAMED_CLASSES = ("Condition", "ExperienceCondition", "Claim")  # classes of the cp: ontology
_ACCEPT = 0.85  # a fuzzy match this good is taken...
_MARGIN = 0.05  # ...when the runner-up is at least this much worse
_WORDS_INSIDE = 0.8  # score of a name that contains every word typed


def normalize(text: str) -> str:
    """Fold case and punctuation: ``"CMA (AAMA)"`` -> ``"cma aama"``."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


@dataclass(frozen=True)
class NameIndex:
    """Names of the entities of one graph, for ``resolve`` and ``suggest``."""

    keys: dict[str, frozenset[str]]  # normalized name -> entity IRIs
    labels: dict[str, str]  # entity IRI -> label
    types: dict[str, frozenset[str]]  # entity IRI -> class IRIs, superclasses included
    prefixes: dict[str, str]

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
        prefixes = {p: str(ns) for p, ns in graph.namespace_manager.namespaces() if str(ns).startswith(BASE)}
        return cls(
            keys={k: frozenset(v) for k, v in keys.items()},
            labels=labels,
            types={k: frozenset(v) for k, v in types.items()},
            prefixes=prefixes,
        )

    # ------------------------------------------------------------------ queries
    def _allowed(self, iri: str, kinds: Iterable[str] | None) -> bool:
        if kinds is None:
            return True
        return bool(self.types.get(iri, frozenset()) & {str(k) for k in kinds})

    def _as_iri(self, name: str) -> str | None:
        text = name.strip()
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
        if text in self.types:
            return text
        if ":" in text and not text.startswith("http"):
            prefix, local = text.split(":", 1)
            iri = self.prefixes.get(prefix, "\0") + local
            if iri in self.types:
                return iri
        return None

    def scored(self, name: str, kinds: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """Entities with their best similarity to ``name`` (1.0 = exact), best first."""
        key = normalize(name)
        words = set(key.split())
        kinds = list(kinds) if kinds is not None else None
        best: dict[str, float] = {}
        for candidate, iris in self.keys.items():
            if candidate == key:
                score = 1.0
            else:
                # every typed word inside the name is a good suggestion, never an automatic match
                score = _WORDS_INSIDE if words <= set(candidate.split()) else 0.0
                matcher = difflib.SequenceMatcher(None, key, candidate, autojunk=False)
                if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5:
                    score = max(score, matcher.ratio())
                if score == 0.0:
                    continue
            for iri in iris:
                if self._allowed(iri, kinds) and score > best.get(iri, 0.0):
                    best[iri] = score
        return sorted(best.items(), key=lambda kv: (-kv[1], self.labels[kv[0]]))

    def suggest(self, name: str, n: int = 5, kinds: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """The ``n`` closest ``(iri, label)`` pairs to ``name``."""
        return [(iri, self.labels[iri]) for iri, _ in self.scored(name, kinds)[:n]]

    def resolve(self, name: str, kinds: Iterable[str] | None = None, *, what: str = "entity") -> str:
        """Return the IRI of the entity ``name`` means.

        Parameters
        ----------
        name : str
            A label, alternate label, abbreviation, IRI or prefixed name (``cert:cma``).
        kinds : iterable of str, optional
            Class IRIs the entity must belong to (subclasses count).
        what : str
            How to call the entity in error messages ("milestone", "role"...).

        Raises
        ------
        UnknownNameError
            Nothing matches well enough; ``matches`` holds the closest names.
        AmbiguousNameError
            Several entities match equally well; ``matches`` lists them.
        """
        kinds = list(kinds) if kinds is not None else None
        iri = self._as_iri(name)
        if iri is not None and self._allowed(iri, kinds):
            return iri
        if not normalize(name):
            raise UnknownNameError(name, [], what=what)
        ranked = self.scored(name, kinds)
        exact = [iri for iri, score in ranked if score == 1.0]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise AmbiguousNameError(name, [(i, self.labels[i]) for i in exact], what=what)
        if ranked and ranked[0][1] >= _ACCEPT:
            top = ranked[0][1]
            close = [iri for iri, score in ranked if top - score < _MARGIN]
            if len(close) == 1:
                return close[0]
            raise AmbiguousNameError(name, [(i, self.labels[i]) for i in close], what=what)
        raise UnknownNameError(name, [(i, self.labels[i]) for i, s in ranked[:5] if s >= 0.4], what=what)
