"""``CareerGraph``: one loaded graph with its name index and its projection.

A thin façade over rdflib, NetworkX and pySHACL. Load it once (the app keeps it in
``st.cache_resource``) and never mutate it: every query, plan and export reads it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import rdflib

from careerpath import ontology

from .describe import Description, describe, source_ref
from .labels import label_of
from .lookup import NameIndex
from .namespaces import CP
from .planner import Eligibility, Profile, Route, eligible, plan
from .projection import Projection, project
from .store import bind_prefixes, default_data_files, load_graph
from .validate import ValidationReport, validate

__all__ = ["CareerGraph", "MILESTONE_KINDS", "ROLE_KINDS"]

MILESTONE_KINDS = (str(CP.Milestone),)
ROLE_KINDS = (str(CP.Role),)


@dataclass
class CareerGraph:
    """A loaded careerpath graph.

    Examples
    --------
    >>> cg = CareerGraph.load()
    >>> cg.resolve("CMA") == "https://w3id.org/careerpath/data/cert/cma"
    True
    >>> route = cg.plan(cg.profile(have=["high school diploma"]), "CMA")[0]
    >>> route.months
    13.0
    """

    rdf: rdflib.Graph
    files: tuple[Path, ...] = field(default_factory=tuple)
    store: object = None

    @classmethod
    def load(cls, data_files: Iterable[Path] | None = None, *, store: str | None = None) -> CareerGraph:
        """Load the ontology and data.

        Parameters
        ----------
        data_files : iterable of Path, optional
            Turtle files (default: the shipped data and ``CAREERPATH_DATA``).
        store : str, optional
            ``memory`` (default), ``oxigraph``, ``oxigraph:DIR`` or ``sparql:URL``; by default
            the ``CAREERPATH_STORE`` setting. With a store other than memory, SPARQL queries
            go to that store and the planner works on a copy of its graph.
        """
        from .stores import MemoryStore, OxigraphStore, open_store, store_setting

        files = tuple(data_files) if data_files is not None else tuple(default_data_files())
        setting = store or store_setting()
        if setting == "memory":
            graph = load_graph(files)
            return cls(rdf=graph, files=files, store=MemoryStore(graph))
        if setting == "oxigraph":  # embedded, in a temporary folder, loaded from the same files
            graph = load_graph(files)
            return cls(rdf=graph, files=files, store=OxigraphStore(None, [ontology.ONTOLOGY_FILE, *files]))
        backend = open_store(setting)  # a persisted store or a server: it holds the data
        return cls(rdf=bind_prefixes(backend.dump()), files=(), store=backend)

    def query_service(self, timeout: float | None = None, max_rows: int | None = None):
        """The safe SPARQL service over this graph's store (see ``graph.sparql``)."""
        from .sparql import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryService

        return QueryService(
            self.store,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            max_rows=DEFAULT_MAX_ROWS if max_rows is None else max_rows,
        )

    @cached_property
    def names(self) -> NameIndex:
        """The name index (labels, alternate labels, abbreviations)."""
        return NameIndex.from_graph(self.rdf)

    @cached_property
    def projection(self) -> Projection:
        """The AND/OR projection used by the planner."""
        return project(self.rdf)

    # ------------------------------------------------------------------ names
    def resolve(self, name: str, kinds: Iterable[str] | None = None, *, what: str = "entity") -> str:
        """The IRI ``name`` means (see ``NameIndex.resolve``)."""
        return self.names.resolve(name, kinds, what=what)

    def label(self, iri: str) -> str:
        """The label of an entity or projection node."""
        return self.names.labels.get(iri) or self.projection.label(iri)

    def describe(self, name_or_iri: str) -> Description:
        """Describe one entity by name or IRI."""
        return describe(self.rdf, self.resolve(name_or_iri))

    # ------------------------------------------------------------------ planning
    def profile(
        self,
        have: Iterable[str] = (),
        experience: Mapping[str, float] | None = None,
        *,
        dates: Mapping[str, datetime.date] | None = None,
        as_of: datetime.date | None = None,
        state: str | None = None,
    ) -> Profile:
        """A profile from names: milestones held and years of experience per role.

        Raises
        ------
        UnknownNameError, AmbiguousNameError
            A name that matches no milestone or role, or several.
        ProfileError
            Negative or non-numeric years.
        """
        held: dict[str, datetime.date | None] = {}
        for name in have:
            iri = self.resolve(name, MILESTONE_KINDS, what="milestone")
            held[iri] = (dates or {}).get(name)
        years = {self.resolve(role, ROLE_KINDS, what="role"): value for role, value in (experience or {}).items()}
        return Profile(have=held, experience=years, as_of=as_of, state=state.strip().upper() if state else None)

    def plan(self, profile: Profile, target: str, by: str = "months", k: int = 1) -> list[Route]:
        """The ``k`` best routes to ``target`` (a name or IRI), best first."""
        iri = self.resolve(target, MILESTONE_KINDS, what="milestone")
        return plan(self.projection, profile, iri, by=by, k=k)

    def eligible(self, profile: Profile, today: datetime.date | None = None) -> Eligibility:
        """Which certifications the profile can sit for now."""
        return eligible(self.projection, profile, today=today)

    def source_refs(self, iris: Iterable[str]) -> list[dict]:
        """Sources as dicts: id, label, url, publisher, date, evidence."""
        return [source_ref(self.rdf, iri) for iri in iris]

    def disagreements(self, iri: str) -> list[dict]:
        """Disagreements concerning ``iri``: each with its claims, which is current, and the resolution."""
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
        return validate(self.rdf)
