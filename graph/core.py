"""``CareerGraph``: one loaded graph with its name index and its projection.

A thin façade over rdflib, NetworkX and pySHACL. Load it once (the app keeps it in
``st.cache_resource``) and never mutate it: every query, plan and export reads it.
"""

from __future__ import annotations

import datetime
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CareerPathError
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
        compiled: Mapping | cache.Entry | None = None,
    ) -> None:
        self.files: tuple[Path, ...] = tuple(files)
        self.key: str | None = None  # the compiled cache's key, when loaded from files with the cache on
        self._rdf = rdf
        self._store = store
        self._lock = threading.Lock()
        self._source_table: dict[str, dict] | None = {}
        self._entry: cache.Entry | None = None  # the compiled cache, its sections decoded when first used
        self._typed: dict[str, list[str]] = {}  # entities ``_named`` gave, with the whole index's types
        if isinstance(compiled, cache.Entry):
            self._entry = compiled
            self._source_table = None  # decoded when first asked for (``_sources``)
        elif compiled is not None:
            self.__dict__["names"] = compiled["names"]
            self.__dict__["projection"] = compiled["projection"]
            if "market" in compiled:
                self.__dict__["market"] = compiled["market"]
            self._source_table = dict(compiled["sources"])

    @property
    def _sources(self) -> dict[str, dict]:
        """Every cited source as a dict, by IRI: from the compiled cache, or read from the RDF
        one by one as ``source_refs`` asks."""
        if self._source_table is None:
            found = self._section("sources")
            self._source_table = dict(found) if found is not None else {}
        return self._source_table

    def _section(self, name: str):
        """A section of the compiled cache (``names``, ``projection``, ``sources``, ``market``),
        decoded now; None when it cannot be used (the entry is then removed, and the caller
        builds the section from the RDF)."""
        entry = self._entry
        if entry is None:
            return None
        try:
            return entry.get(name, cache.SECTION_CHECKS[name])
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            entry.drop()
            self._entry = None
            return None

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
            key = cache.cache_key([ontology.ONTOLOGY_FILE, ontology.SHAPES_FILE, *files])
            entry = cache.open_entry(key)
            if entry is not None and all(section in entry for section in ("names", "lookup", "projection", "sources")):
                loaded = cls(files=files, store=backend, compiled=entry)
            else:
                from .loading.rdf import load_graph

                loaded = cls(rdf=load_graph(files), files=files, store=backend)
                if cache.cache_dir() is not None:  # with the cache off, each part is built when first asked for
                    cache.write(key, loaded.compiled())
            loaded._engine = setting  # memory: Oxigraph in memory (the default); rdflib: rdflib's graph
            loaded.key = key if cache.cache_dir() is not None else None
            return loaded
        from .loading.rdf import bind_prefixes
        from .loading.stores import open_store

        backend = open_store(setting)  # a persisted store or a server: it holds the data
        return cls(rdf=bind_prefixes(backend.dump()), files=(), store=backend)

    def compiled(self) -> dict:
        """What the cache keeps: the name index (whole, narrowed, and the narrowed one's labels), the
        projection, every source as a dict and the labour market."""
        from dataclasses import replace

        from .loading.sources import source_properties

        projection = self.projection
        if not isinstance(projection.graph, cache.LiteDiGraph):
            projection = replace(projection, graph=cache.LiteDiGraph.from_networkx(projection.graph))
        cited = {s for p in source_properties(self.rdf) for s in self.rdf.objects(None, p)}
        sources = {str(s): self.source_refs([str(s)])[0] for s in cited}
        lookup = self.names.narrowed({*projection.graph.nodes, *projection.labels})
        return {
            "names": self.names,
            "lookup": lookup,
            "labels": {iri: lookup.labels.get(iri) for iri in lookup.types},  # what ``label`` reads
            "projection": projection,
            "sources": sources,
            "market": self.market,
        }

    def cached(self, name: str, build: Callable[[CareerGraph], object], check: Callable[[object], bool]):
        """What ``build(self)`` returns, kept in the compiled cache under ``name`` beside the graph
        it was built from: read back while the data and code are unchanged (and ``check``
        accepts it), built again otherwise. With the cache off, built every time.

        The presenting layer keeps here what a command prints (``show``'s descriptions,
        ``sources``' tables), so a warm command parses no Turtle.
        """
        if self.key is not None:
            found = cache.read(self.key, check=check, name=name)
            if found is not None:
                return found
        value = build(self)
        if self.key is not None:
            cache.write(self.key, value, name=name)
        return value

    def cached_row(
        self,
        name: str,
        row: str,
        build: Callable[[CareerGraph], Mapping[str, object]],
        check: Callable[[object], bool] = lambda value: True,
    ):
        """One row (``row``: an entity's IRI) of the table ``build(self)`` makes, kept as
        ``cached`` keeps a value, but read one row at a time; None when the table has no such row."""
        if self.key is not None:
            usable, value = cache.read_row(self.key, name, row, check=check)
            if usable:
                return value
        table = build(self)
        if self.key is not None:
            cache.write(self.key, table, name=name)
        return table.get(row)

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

        found = self._section("names")
        return found if found is not None else NameIndex.from_graph(self.rdf)

    @cached_property
    def projection(self) -> Projection:
        """The AND/OR projection used by the planner."""
        from .planning.projection import project

        found = self._section("projection")
        return found if found is not None else project(self.rdf)

    @cached_property
    def market(self) -> dict:
        """Each occupation's current median wage and outlook (``loading.market.labour_market``)."""
        from .loading.market import labour_market

        found = self._section("market")
        return found if found is not None else labour_market(self.rdf)

    def market_of(self, iri: str):
        """One occupation's labour market (``market[iri]``, a ``loading.market.Market``), or None.

        With the cache on, read from a table of its own one occupation at a time, so a command
        about one role (``show``, ``route``) decodes that role's figures, not the atlas's 3,000.

        Examples
        --------
        >>> cg = CareerGraph.load()
        >>> cg.market_of("https://w3id.org/careerpath/data/role/medical-assistant").median_wage > 0
        True
        """
        if self.key is None or "market" in self.__dict__:
            return self.market.get(iri)
        from .loading.market import Market

        return self.cached_row("market", iri, lambda cg: cg.market, check=lambda v: isinstance(v, Market))

    def markets_in(self, areas: Iterable[str]) -> dict:
        """Every occupation's labour market (``market``) with the OEWS estimates of ``areas``
        alone ("US", a state's code), in the order ``market`` has them.

        With the cache on, read from a table of its own (built once per key from ``market``): the
        figures without their areas, the areas' order, and a row per area, so ``options``, which
        shows the nation's and the profile's state's, decodes two areas of the 50-odd.
        """
        from dataclasses import replace

        wanted = set(areas)
        if self.key is None or "market" in self.__dict__:
            market = self.market
            return {
                iri: replace(m, areas={a: w for a, w in m.areas.items() if a in wanted}) for iri, m in market.items()
            }
        from .loading.market import AreaWage, Market

        def table(cg: CareerGraph) -> dict[str, dict]:
            out: dict[str, dict] = {"*": {}, "order": {}}
            for iri, m in cg.market.items():
                out["*"][iri], out["order"][iri] = replace(m, areas={}), list(m.areas)
                for code, wage in m.areas.items():
                    out.setdefault(f"area:{code}", {})[iri] = wage
            return out

        def check(value: object) -> bool:
            return isinstance(value, dict) and all(isinstance(v, (Market, AreaWage, list)) for v in value.values())

        names = ["*", "order", *(f"area:{a}" for a in sorted(wanted))]
        usable, rows = cache.read_rows(self.key, "market_areas", names, check=check)
        if not usable or "*" not in rows or "order" not in rows:
            built = table(self)
            cache.write(self.key, built, name="market_areas")
            rows = {name: built[name] for name in names if name in built}
        order = rows["order"]
        return {
            iri: replace(m, areas={a: rows[f"area:{a}"][iri] for a in order[iri] if a in wanted})
            for iri, m in rows["*"].items()
        }

    @cached_property
    def _lookup(self) -> NameIndex | None:
        """The compiled cache's narrowed name index (``NameIndex.narrowed``: every name; the
        labels of the entities named and of the projection's nodes), or None when the whole
        index is at hand or there is no cache entry."""
        if "names" in self.__dict__ or self._entry is None:
            return None
        return self._section("lookup")

    # ------------------------------------------------------------------ names
    def resolve(self, name: str, kinds: Iterable[str] | None = None, *, what: str = "entity") -> str:
        """The IRI ``name`` means (see ``NameIndex.resolve``).

        A name that resolves in the narrowed index of the cache resolves the same in the whole
        one (the same names, and the same types for every entity named); an IRI, a prefixed
        name or a name that fails is resolved by the whole index, so its messages list every
        candidate. Before either, a name that is exactly one entity's name of ``kinds`` is read
        from the cache's table with a row per name (``_named``), so a command that resolves a
        name and labels nothing (``query --bind``, ``show``) decodes one row, not the index."""
        kinds = list(kinds) if kinds is not None else None
        allowed = {str(k) for k in kinds} if kinds is not None else None
        types = self._typed.get(name.strip())  # an IRI a name resolved to (``plan`` resolves it again)
        if types and (allowed is None or allowed & set(types)):  # typed, of ``kinds``: itself, as below
            return name.strip()
        if ":" not in name and "<" not in name and self.key is not None and "names" not in self.__dict__:
            named = self._named(name)  # a name, never an IRI or prefixed name: as the index reads it
            if named is not None:
                self._typed.update(named)
                exact = [iri for iri, types in named.items() if allowed is None or allowed & set(types)]
                if len(exact) == 1:
                    return exact[0]
        lookup = self._lookup
        if lookup is not None:
            iri = lookup._as_iri(name)  # an IRI or prefixed name, read as the whole index reads it
            if iri is not None:
                if lookup.types[iri] and lookup._allowed(iri, kinds):  # typed as in the whole index
                    return iri
            elif ":" not in name and "<" not in name:
                try:
                    return lookup.resolve(name, kinds, what=what)
                except CareerPathError:
                    pass
        return self.names.resolve(name, kinds, what=what)

    def _named(self, name: str) -> dict[str, list[str]] | None:
        """The entities whose name is ``name`` (case and punctuation aside), each with its types
        (superclasses included): a row of the cache's ``named`` table, one per name of the whole
        index (``NameIndex.keys`` and ``types``); None when no entity has the name."""
        from .loading.rdf import normalize  # not lookup's module: its NameIndex is not needed here

        key = normalize(name)
        if not key:
            return None

        def table(cg: CareerGraph) -> dict[str, dict[str, list[str]]]:
            names = cg.names
            return {k: {i: sorted(names.types.get(i, ())) for i in sorted(v)} for k, v in names.keys.items()}

        def check(row: object) -> bool:
            return isinstance(row, dict) and all(
                isinstance(types, list) and all(isinstance(t, str) for t in types) for types in row.values()
            )

        return self.cached_row("named", key, table, check=check)

    @cached_property
    def _labels(self) -> dict[str, str | None] | None:
        """The narrowed index's labels alone (``compiled``'s ``labels``: each entity of its
        ``types``, with its label or None), plain JSON read in one pass; None as for ``_lookup``."""
        if "names" in self.__dict__ or self._entry is None or "lookup" in self.__dict__:
            return None
        return self._section("labels")

    def label(self, iri: str) -> str:
        """The label of an entity or projection node."""
        labels = self._labels
        if labels is not None and iri in labels:  # as the narrowed index labels it, not decoded whole
            return labels[iri] or self.projection.label(iri)
        lookup = self._lookup
        if lookup is not None and iri in lookup.types:  # its label, if any, is the whole index's
            return lookup.labels.get(iri) or self.projection.label(iri)
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
        """Disagreements concerning ``iri``: each with its claims, which is current, and the resolution
        (``loading.sources.disagreements``)."""
        from .loading.sources import disagreements

        return disagreements(self.rdf, iri, self.source_refs)

    def validate(self) -> ValidationReport:
        """SHACL validation of the loaded graph (``loading.validate``), kept in the compiled cache:
        the same files, shapes and code give the same report, so it is computed once per key."""
        from .loading.validate import ValidationReport, validate

        def build(cg: CareerGraph) -> dict:
            return {"report": validate(cg.rdf)}

        def check(value: object) -> bool:
            return isinstance(value, dict) and isinstance(value.get("report"), ValidationReport)

        return self.cached("validation", build, check)["report"]

    def triple_count(self) -> int:
        """How many triples the ontology and data hold (kept in the compiled cache)."""
        if self._rdf is not None:
            return len(self._rdf)
        counted = self.cached("triples", lambda cg: {"count": len(cg.rdf)}, lambda v: isinstance(v, dict))
        return int(counted["count"])
