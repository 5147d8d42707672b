"""``CareerGraph``: one loaded graph with its name index and its projection.

A thin façade over rdflib, NetworkX and pySHACL. Load it once (the app keeps it in
``st.cache_resource``) and never mutate it: every query, plan and export reads it.
"""

from __future__ import annotations

import datetime
import os
import threading
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .loading import cache

if TYPE_CHECKING:  # imported where used, so that a command that only plans starts quickly
    import rdflib

    from .loading.lookup import NameIndex
    from .loading.validate import ValidationReport
    from .planning import Eligibility, Profile, Route
    from .planning.projection import Projection

__all__ = ["CareerGraph", "MILESTONE_KINDS", "ROLE_KINDS", "MILESTONE_WORDS"]

_CP = "https://w3id.org/careerpath/ontology#"
MILESTONE_KINDS = (_CP + "Milestone",)
ROLE_KINDS = (_CP + "Role",)
# "Milestone" is the ontology's word; a person is told what one is.
MILESTONE_WORDS = "role, certification, program or credential"


class CareerGraph:
    """A loaded careerpath graph.

    The name index, the planner's projection and the source table come from the compiled
    cache (``graph.cache``) when the data files are unchanged; the RDF graph itself is parsed
    only when something asks for it (``rdf``, ``store``, ``describe``, SPARQL).

    Examples
    --------
    >>> cg = CareerGraph.load()
    >>> cg.resolve("CMA") == "https://w3id.org/careerpath/data/cert/cma"
    True
    >>> route = cg.plan(cg.profile(have=["high school diploma"]), "CMA")[0]
    >>> route.months > 0
    True
    """

    def __init__(
        self,
        rdf: rdflib.Graph | None = None,
        files: Iterable[Path] = (),
        store: object = None,
        *,
        compiled: Mapping | None = None,
    ) -> None:
        self.files: tuple[Path, ...] = tuple(files)
        self._rdf = rdf
        self._store = store
        self._lock = threading.Lock()
        self._sources: dict[str, dict] = {}
        if compiled is not None:
            self.__dict__["names"] = compiled["names"]
            self.__dict__["projection"] = compiled["projection"]
            if "market" in compiled:
                self.__dict__["market"] = compiled["market"]
            self._sources = dict(compiled["sources"])

    def __repr__(self) -> str:
        return f"CareerGraph(files={len(self.files)}, parsed={self._rdf is not None})"

    @property
    def rdf(self) -> rdflib.Graph:
        """The RDF graph (ontology and data), parsed on first use."""
        if self._rdf is None:
            with self._lock:
                if self._rdf is None:
                    from .loading.rdf import load_graph

                    self._rdf = load_graph(self.files)
        return self._rdf

    @property
    def store(self):
        """Where SPARQL runs: the store given at load, else the embedded default, Oxigraph in
        memory loaded from the same files (or from ``rdf``); rdflib over ``rdf`` with the
        ``rdflib`` setting."""
        if self._store is None:
            from careerpath import ontology

            from .loading.stores import embedded_store

            engine = getattr(self, "_engine", "memory")
            graph = self.rdf if engine == "rdflib" or not self.files else None  # parsed outside the lock
            with self._lock:
                if self._store is None:
                    files = [ontology.ONTOLOGY_FILE, *self.files] if graph is None else []
                    self._store = embedded_store(files, graph, engine)
        return self._store

    @classmethod
    def load(cls, data_files: Iterable[Path] | None = None, *, store: str | None = None) -> CareerGraph:
        """Load the ontology and data.

        Parameters
        ----------
        data_files : iterable of Path, optional
            Turtle files (default: the shipped data and ``CAREERPATH_DATA``).
        store : str, optional
            ``memory`` (default, Oxigraph in memory), ``rdflib``, ``oxigraph``, ``oxigraph:DIR`` or
            ``sparql:URL``; by default the ``CAREERPATH_STORE`` setting. With ``oxigraph:DIR`` or
            ``sparql:URL``, the store holds the data and the planner works on a copy of its graph.

        Notes
        -----
        From files, the name index, projection and source table are read from the compiled
        cache when it matches the files' content (see ``graph.cache``), else built and cached;
        a malformed file is reported either way, since a changed file changes the key.
        """
        from careerpath import ontology

        from .loading.rdf import default_data_files

        files = tuple(data_files) if data_files is not None else tuple(default_data_files())
        setting = store or os.environ.get("CAREERPATH_STORE", "memory").strip() or "memory"
        if setting in ("memory", "rdflib", "oxigraph"):
            backend = None
            if setting == "oxigraph":  # embedded, in a temporary folder, loaded from the same files
                from .loading.stores import OxigraphStore

                backend = OxigraphStore(None, [ontology.ONTOLOGY_FILE, *files])
            key = cache.cache_key([ontology.ONTOLOGY_FILE, *files])
            compiled = cache.read(key)
            if compiled is not None:
                loaded = cls(files=files, store=backend, compiled=compiled)
            else:
                from .loading.rdf import load_graph

                loaded = cls(rdf=load_graph(files), files=files, store=backend)
                cache.write(key, loaded.compiled())
            loaded._engine = setting  # memory: Oxigraph in memory (the default); rdflib: rdflib's graph
            return loaded
        from .loading.rdf import bind_prefixes
        from .loading.stores import open_store

        backend = open_store(setting)  # a persisted store or a server: it holds the data
        return cls(rdf=bind_prefixes(backend.dump()), files=(), store=backend)

    def compiled(self) -> dict:
        """What the cache keeps: the name index, the projection, every source as a dict and the labour market."""
        from dataclasses import replace

        from .loading.sources import source_properties

        projection = self.projection
        if not isinstance(projection.graph, cache.LiteDiGraph):
            projection = replace(projection, graph=cache.LiteDiGraph.from_networkx(projection.graph))
        cited = {s for p in source_properties(self.rdf) for s in self.rdf.objects(None, p)}
        sources = {str(s): self.source_refs([str(s)])[0] for s in cited}
        return {"names": self.names, "projection": projection, "sources": sources, "market": self.market}

    def query_service(self, timeout: float | None = None, max_rows: int | None = None):
        """The safe SPARQL service over this graph's store (see ``graph.sparql``)."""
        from .querying import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryService

        return QueryService(
            self.store,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            max_rows=DEFAULT_MAX_ROWS if max_rows is None else max_rows,
        )

    @cached_property
    def names(self) -> NameIndex:
        """The name index (labels, alternate labels, abbreviations)."""
        from .loading.lookup import NameIndex

        return NameIndex.from_graph(self.rdf)

    @cached_property
    def projection(self) -> Projection:
        """The AND/OR projection used by the planner."""
        from .planning.projection import project

        return project(self.rdf)

    @cached_property
    def market(self) -> dict:
        """Each occupation's current median wage and outlook (``options.labour_market``)."""
        from .planning.options import labour_market

        return labour_market(self.rdf)

    # ------------------------------------------------------------------ names
    def resolve(self, name: str, kinds: Iterable[str] | None = None, *, what: str = "entity") -> str:
        """The IRI ``name`` means (see ``NameIndex.resolve``)."""
        return self.names.resolve(name, kinds, what=what)

    def label(self, iri: str) -> str:
        """The label of an entity or projection node."""
        return self.names.labels.get(iri) or self.projection.label(iri)

    # ------------------------------------------------------------------ planning
    def profile(
        self,
        have: Iterable[str] = (),
        experience: Mapping[str, float] | None = None,
        *,
        dates: Mapping[str, datetime.date] | None = None,
        as_of: datetime.date | None = None,
        state: str | None = None,
        enrolled: Mapping[str, datetime.date] | None = None,
        school_age: bool = False,
    ) -> Profile:
        """A profile from names: milestones held and years of experience per role.

        A milestone in ``have`` dated after ``as_of`` (or today) is a program the person is
        still enrolled in, expected to finish on that date, as in ``enrolled``.

        Raises
        ------
        UnknownNameError, AmbiguousNameError
            A name that matches no milestone or role, or several.
        ProfileError
            Negative or non-numeric years.
        """
        today = as_of or datetime.date.today()
        held: dict[str, datetime.date | None] = {}
        expected: dict[str, datetime.date] = {}
        for name in have:
            iri = self.resolve(name, MILESTONE_KINDS, what=MILESTONE_WORDS)
            when = (dates or {}).get(name)
            if when is not None and when > today:
                expected[iri] = when  # a future date: enrolled, expected to finish then
            else:
                held[iri] = when
        for name, when in (enrolled or {}).items():
            expected[self.resolve(name, MILESTONE_KINDS, what=MILESTONE_WORDS)] = when
        years = {self.resolve(role, ROLE_KINDS, what="role"): value for role, value in (experience or {}).items()}
        from .planning import Profile

        return Profile(
            have=held,
            experience=years,
            as_of=as_of,
            state=state.strip().upper() if state else None,
            enrolled=expected,
            school_age=school_age,
        )

    def plan(self, profile: Profile, target: str, by: str = "months", k: int = 1) -> list[Route]:
        """The ``k`` best routes to ``target`` (a name or IRI), best first."""
        from .planning import plan

        iri = self.resolve(target, MILESTONE_KINDS, what=MILESTONE_WORDS)
        return plan(self.projection, profile, iri, by=by, k=k)

    def tradeoffs(self, profile: Profile, target: str, by: str, routes: list[Route]) -> list[Route]:
        """The routes that beat the best of ``routes`` on the other measure (``planning.tradeoffs``)."""
        from .planning import tradeoffs

        if not routes:
            return []
        iri = self.resolve(target, MILESTONE_KINDS, what=MILESTONE_WORDS)
        return tradeoffs(self.projection, profile, iri, by, routes[0])

    def eligible(self, profile: Profile, today: datetime.date | None = None) -> Eligibility:
        """Which certifications the profile can sit for now."""
        from .planning import eligible

        return eligible(self.projection, profile, today=today)

    def source_refs(self, iris: Iterable[str]) -> list[dict]:
        """Sources as dicts: id, label, url, publisher, date, evidence."""
        out = []
        for iri in iris:
            ref = self._sources.get(iri)
            if ref is None:
                from .loading.sources import source_ref

                ref = self._sources[iri] = source_ref(self.rdf, iri)
            out.append(dict(ref))
        return out

    def disagreements(self, iri: str) -> list[dict]:
        """Disagreements concerning ``iri``: each with its claims, which is current, and the resolution."""
        import rdflib

        from .loading.labels import label_of
        from .loading.namespaces import CP

        node = rdflib.URIRef(iri)
        out = []
        for dis in sorted(self.rdf.subjects(CP.concerns, node), key=str):
            claims = []
            for claim in sorted(self.rdf.objects(dis, CP.hasClaim), key=str):
                sources = self.source_refs(str(s) for s in self.rdf.objects(claim, CP.source))
                who = "; ".join(
                    f"{(s['publisher'] or s['label']).split(' (')[0]} ({s['date'] or 'undated'})" for s in sources
                )
                text = self.rdf.value(claim, CP.claimText) or label_of(self.rdf, claim)
                claims.append(
                    {
                        "id": str(claim),
                        "label": label_of(self.rdf, claim),
                        "says": f"{who} says: {text}",
                        "current": bool(self.rdf.value(claim, CP.isCurrent)),
                        "sources": sources,
                    }
                )
            resolution = self.rdf.value(dis, CP.resolution)
            out.append(
                {
                    "id": str(dis),
                    "label": label_of(self.rdf, dis),
                    "claims": claims,
                    "resolution": str(resolution or ""),
                }
            )
        return out

    def validate(self) -> ValidationReport:
        """SHACL validation of the loaded graph."""
        from .loading.validate import validate

        return validate(self.rdf)
