"""Weighed provenance: how much each source weighs, and which facts rest on what.

Every ``cp:Source`` has one ``cp:evidenceLevel``: primary (certifying body, regulator,
government statistics; rank 1), secondary (accreditor, college, established publisher;
rank 2) or weak (exam-prep site, forum, copy on an unrelated host, machine-written page;
rank 3). An entity that carries ``cp:source`` (or a sub-property such as ``cp:costSource``)
is a *fact* here; its weight is that of its strongest own source (``cp:source``), so a fact with
one primary source and three weak ones rests on a primary source, and a fact whose sources are
all weak "rests only on weak sources". A figure with its own source (``cp:costSource``,
``cp:durationSource``) is weighed apart, by that source alone: a primary source for a step's
duration does not make the step primary, and a weak source for a fee does not hide behind a
certification's primary rules. An entity with figure sources only is weighed by them.

A source's date is ``dcterms:date`` (a year, a month or a day). A year or a month stands for
its last day when deciding whether a source is older than a cutoff, so a source is called
older only when it certainly is. A fact whose sources are all undated has no newest date:
it is reported as undated, never as old or new.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING

from ..errors import CareerPathError
from ..records import record

if TYPE_CHECKING:  # rdflib is imported where a graph is read: the tables' summaries need none
    import rdflib

__all__ = [
    "ProvenanceArgumentError",
    "SourceSummary",
    "Weight",
    "FactWeight",
    "KINDS",
    "source_period_end",
    "source_properties",
    "list_sources",
    "entity_weight",
    "figure_weights",
    "fact_weights",
    "weak_facts",
    "weak_figures",
    "weak_by_area_of",
    "older_facts",
    "undated_facts",
    "cutoff_date",
    "summary_json",
    "summary_from_tables",
    "tables",
    "is_tables",
    "weak_figures_of",
    "older_of",
]

_DCTERMS = "http://purl.org/dc/terms/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@functools.cache
def _rdf():
    """What reading a graph takes: rdflib, careerpath's vocabularies and labels (imported here,
    not with the module, so that summaries of the cached tables load no RDF library)."""
    import rdflib

    from ..loading.labels import label_of
    from ..loading.namespaces import CP, SCHEMA
    from ..loading.sources import source_properties

    return rdflib, label_of, CP, SCHEMA, source_properties


def source_properties(graph: rdflib.Graph) -> set:
    """``cp:source`` and its sub-properties (``loading.sources.source_properties``)."""
    return _rdf()[4](graph)


#: The evidence levels, strongest first, as their ``rdfs:label`` reads.
KINDS = ("primary", "secondary", "weak")

_NOTES = {
    "primary": "rests on a primary source",
    "secondary": "rests only on secondary sources",
    "weak": "rests only on weak sources",
    None: "has no source with an evidence level",
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class ProvenanceArgumentError(CareerPathError, ValueError):
    """An argument to a provenance listing that cannot be used (a negative number of years...)."""


@record
class SourceSummary:
    """One source as the maintainer sees it: its kind, its date and how many facts rest on it."""

    id: str
    label: str
    kind: str | None
    rank: int | None
    date: str | None
    publisher: str | None
    url: str | None
    read_at: str | None
    facts: int


@record
class Weight:
    """The weight of one entity: the kind of its strongest source and a sentence that says it."""

    kind: str | None
    rank: int | None
    note: str


@record
class FactWeight:
    """A fact (an entity with sources), its weight, its sources and its newest source's date."""

    id: str
    label: str
    types: tuple[str, ...]
    weight: Weight
    sources: tuple[SourceSummary, ...]
    newest: str | None
    figures: tuple[tuple[str, Weight], ...] = ()  # (figure, its weight) for figures with their own source

    def to_json(self) -> dict:
        """A JSON-ready dict: id, label, types, kind, note, newest, sources (id, label, kind, date),
        figures ({figure: {kind, note}} for each figure weighed by its own source)."""
        return {
            "id": self.id,
            "label": self.label,
            "types": list(self.types),
            "kind": self.weight.kind,
            "note": self.weight.note,
            "newest": self.newest,
            "sources": [{"id": s.id, "label": s.label, "kind": s.kind, "date": s.date} for s in self.sources],
            "figures": {name: {"kind": w.kind, "note": w.note} for name, w in self.figures},
        }


def source_period_end(value: str | None) -> datetime.date | None:
    """The last day a source date can mean: ``2021`` -> 2021-12-31, ``2024-05`` -> 2024-05-31.

    Examples
    --------
    >>> source_period_end("2021")
    datetime.date(2021, 12, 31)
    >>> source_period_end("2024-02")
    datetime.date(2024, 2, 29)
    >>> source_period_end("2025-08-28")
    datetime.date(2025, 8, 28)
    >>> source_period_end(None) is None
    True
    """
    if not value:
        return None
    match = _DATE.match(str(value).strip())
    if not match:
        return None
    year = int(match[1])
    if match[3]:
        return datetime.date(year, int(match[2]), int(match[3]))
    month = int(match[2]) if match[2] else 12
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _level(graph: rdflib.Graph, source: rdflib.term.Node) -> tuple[str | None, int | None]:
    _, label_of, CP, _, _ = _rdf()  # noqa: N806
    level = graph.value(source, CP.evidenceLevel)
    if level is None:
        return None, None
    rank = graph.value(level, CP.rank)
    return label_of(graph, level), (int(rank) if rank is not None else None)


def _facts_by_source(graph: rdflib.Graph) -> dict[rdflib.term.Node, set[rdflib.term.Node]]:
    rdflib, _, CP, _, _ = _rdf()  # noqa: N806
    sources = set(graph.subjects(rdflib.RDF.type, CP.Source))
    out: dict[rdflib.term.Node, set[rdflib.term.Node]] = {s: set() for s in sources}
    for prop in source_properties(graph):
        for fact, source in graph.subject_objects(prop):
            if fact in sources:  # a source's own provenance is not a fact resting on it
                continue
            out.setdefault(source, set()).add(fact)
    return out


def _summary(graph: rdflib.Graph, source: rdflib.term.Node, facts: int) -> SourceSummary:
    rdflib, label_of, CP, SCHEMA, _ = _rdf()  # noqa: N806
    kind, rank = _level(graph, source)
    date = graph.value(source, rdflib.URIRef(_DCTERMS + "date"))
    publisher = graph.value(source, rdflib.URIRef(_DCTERMS + "publisher"))
    url = graph.value(source, SCHEMA.url)
    read_at = graph.value(source, CP.readAt)
    return SourceSummary(
        id=str(source),
        label=label_of(graph, source),
        kind=kind,
        rank=rank,
        date=str(date) if date is not None else None,
        publisher=str(publisher) if publisher is not None else None,
        url=str(url) if url is not None else None,
        read_at=str(read_at) if read_at is not None else None,
        facts=facts,
    )


def list_sources(graph: rdflib.Graph) -> list[SourceSummary]:
    """Every source with its kind, date and the number of facts resting on it.

    Sorted strongest kind first, then by the number of facts (most first), then by title.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> sources = list_sources(load_graph())
    >>> bls = next(s for s in sources if s.id.endswith("/source/bls-ooh-2025"))
    >>> bls.kind, bls.facts > 10
    ('primary', True)
    >>> {s.kind for s in sources} <= set(KINDS)
    True
    """
    rdflib, _, CP, _, _ = _rdf()  # noqa: N806
    by_source = _facts_by_source(graph)
    out = [_summary(graph, s, len(facts)) for s, facts in by_source.items() if (s, rdflib.RDF.type, CP.Source) in graph]
    return sorted(out, key=lambda s: (s.rank or 99, -s.facts, s.label.lower(), s.id))


def _weight(kinds: Iterable[tuple[str | None, int | None]]) -> Weight:
    ranked = [(rank, kind) for kind, rank in kinds if rank is not None]
    if not ranked:
        return Weight(kind=None, rank=None, note=_NOTES[None])
    rank, kind = min(ranked)
    return Weight(kind=kind, rank=rank, note=_NOTES.get(kind, f"rests on a {kind} source"))


def _figure_properties(graph: rdflib.Graph) -> dict[rdflib.term.Node, str]:
    """Each sub-property of ``cp:source`` and the figure it is the source of (``cost``, ``duration``)."""
    _, label_of, CP, _, _ = _rdf()  # noqa: N806
    out = {}
    for prop in source_properties(graph) - {CP.source}:
        name = label_of(graph, prop)  # "cost source", or the local name "costSource" where unlabelled
        for suffix in (" source", "Source"):
            name = name.removesuffix(suffix)
        out[prop] = name.lower()
    return out


def _own_or_all(graph: rdflib.Graph, node: rdflib.term.Node) -> list[rdflib.term.Node]:
    CP = _rdf()[2]  # noqa: N806
    own = list(graph.objects(node, CP.source))
    return own or [s for p in source_properties(graph) for s in graph.objects(node, p)]


def entity_weight(graph: rdflib.Graph, iri: str) -> Weight:
    """The weight of ``iri``: the kind of its strongest own source, and a sentence saying so.

    Its own sources are its ``cp:source`` values; a figure's source (``cp:costSource``...)
    weighs the figure (see ``figure_weights``), and counts here only for an entity that has
    no other source. A source itself weighs what its own evidence level says ("is a weak source").

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> g = load_graph()
    >>> entity_weight(g, "https://w3id.org/careerpath/data/cert/cma").note
    'rests on a primary source'
    >>> entity_weight(g, "https://w3id.org/careerpath/data/no-such-thing").kind is None
    True
    >>> entity_weight(g, "https://w3id.org/careerpath/data/source/bls-ooh-2025").note
    'is a primary source'
    """
    rdflib, _, CP, _, _ = _rdf()  # noqa: N806
    node = rdflib.URIRef(iri)
    if (node, rdflib.RDF.type, CP.Source) in graph:  # a source weighs what its own evidence level says
        kind, rank = _level(graph, node)
        return Weight(kind=kind, rank=rank, note=f"is a {kind} source" if kind else _NOTES[None])
    return _weight(_level(graph, s) for s in _own_or_all(graph, node))


def figure_weights(graph: rdflib.Graph, iri: str) -> dict[str, Weight]:
    """The weight of each figure of ``iri`` that has its own source, by figure (``cost``, ``duration``).

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> g = load_graph()
    >>> figure_weights(g, "https://w3id.org/careerpath/data/cert/cpc")["cost"].note
    'rests only on weak sources'
    >>> figure_weights(g, "https://w3id.org/careerpath/data/no-such-thing")
    {}
    """
    rdflib = _rdf()[0]
    node = rdflib.URIRef(iri)
    out = {}
    for prop, figure in sorted(_figure_properties(graph).items(), key=lambda pf: pf[1]):
        sources = list(graph.objects(node, prop))
        if sources:
            out[figure] = _weight(_level(graph, s) for s in sources)
    return out


def fact_weights(graph: rdflib.Graph) -> list[FactWeight]:
    """Every fact (entity with ``cp:source`` or a sub-property, sources excepted) with its weight.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> facts = fact_weights(load_graph())
    >>> len(facts) > 100 and all(f.sources for f in facts)
    True
    """
    rdflib, label_of, _, _, _ = _rdf()
    by_source = _facts_by_source(graph)
    summaries = {s: _summary(graph, s, len(f)) for s, f in by_source.items()}
    by_fact: dict[rdflib.term.Node, list[SourceSummary]] = {}
    for source, facts in by_source.items():
        for fact in facts:
            by_fact.setdefault(fact, []).append(summaries[source])
    figure_props = sorted(_figure_properties(graph).items(), key=lambda pf: pf[1])
    out = []
    for fact, sources in by_fact.items():
        sources.sort(key=lambda s: (s.rank or 99, s.label.lower()))
        dated = [(source_period_end(s.date), s.date) for s in sources if source_period_end(s.date)]
        newest = max(dated)[1] if dated else None
        figures = tuple(
            (figure, _weight((summaries[s].kind, summaries[s].rank) for s in found))
            for prop, figure in figure_props
            if (found := list(graph.objects(fact, prop)))
        )
        out.append(
            FactWeight(
                id=str(fact),
                label=label_of(graph, fact),
                types=tuple(sorted({label_of(graph, t) for t in graph.objects(fact, rdflib.RDF.type)})),
                weight=_weight((summaries[s].kind, summaries[s].rank) for s in _own_or_all(graph, fact)),
                sources=tuple(sources),
                newest=newest,
                figures=figures,
            )
        )
    return sorted(out, key=lambda f: (f.label.lower(), f.id))


def weak_facts(graph: rdflib.Graph) -> list[FactWeight]:
    """Facts resting only on weak sources (no primary or secondary source backs them).

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> all(f.weight.kind == "weak" for f in weak_facts(load_graph()))
    True
    """
    return [f for f in fact_weights(graph) if f.weight.kind == "weak"]


def weak_figures(
    graph: rdflib.Graph, facts: list[FactWeight] | None = None, under_stronger: bool = False
) -> list[tuple[FactWeight, str]]:
    """Figures (a fee, a duration) resting only on weak sources, as ``(fact, figure)`` pairs.

    A figure with its own source is weighed by it alone, so a certification whose rules rest on
    the certifying body can still have a fee that only exam-prep pages give. ``under_stronger``
    keeps only those whose fact has a stronger source (a weak fact's figures are weak with it);
    ``facts`` are ``fact_weights(graph)`` where the caller has them already.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> pairs = weak_figures(load_graph())
    >>> ("https://w3id.org/careerpath/data/cert/cpc", "cost") in {(f.id, name) for f, name in pairs}
    True
    """
    facts = fact_weights(graph) if facts is None else facts
    return [
        (f, name)
        for f in facts
        for name, w in f.figures
        if w.kind == "weak" and not (under_stronger and f.weight.kind == "weak")
    ]


def cutoff_date(years: float, as_of: datetime.date | None = None) -> datetime.date:
    """The day ``years`` years before ``as_of`` (default today); Feb 29 falls back to Feb 28.

    Raises
    ------
    ProvenanceArgumentError
        When ``years`` is negative or not a finite number.

    Examples
    --------
    >>> cutoff_date(5, datetime.date(2026, 11, 28))
    datetime.date(2021, 11, 28)
    >>> cutoff_date(0.5, datetime.date(2026, 11, 28))
    datetime.date(2026, 5, 29)
    """
    try:
        number = float(years)
    except (TypeError, ValueError):
        raise ProvenanceArgumentError(f"years must be a number, not {years!r}") from None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        raise ProvenanceArgumentError(f"years must be zero or more, not {years!r}")
    day = as_of or datetime.date.today()
    whole = int(number)
    try:
        base = day.replace(year=day.year - whole)
    except ValueError:  # 29 February in a year that has none
        base = day.replace(year=day.year - whole, day=28)
    return base - datetime.timedelta(days=round((number - whole) * 365.25))


def older_facts(graph: rdflib.Graph, years: float, as_of: datetime.date | None = None) -> list[FactWeight]:
    """Facts whose newest dated source is older than ``years`` years before ``as_of`` (default today).

    A source dated by year or month counts as of the last day of that period. Facts whose
    sources are all undated are not listed here (see ``undated_facts``).

    Raises
    ------
    ProvenanceArgumentError
        When ``years`` is negative or not a number.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> g = load_graph()
    >>> old = older_facts(g, 3, as_of=datetime.date(2026, 11, 28))
    >>> all(source_period_end(f.newest) < datetime.date(2023, 11, 28) for f in old)
    True
    >>> older_facts(g, 0, as_of=datetime.date(1990, 1, 1))
    []
    """
    return _older(fact_weights(graph), cutoff_date(years, as_of))


def _older(facts: Iterable[FactWeight], cutoff: datetime.date) -> list[FactWeight]:
    out = []
    for fact in facts:
        end = source_period_end(fact.newest)
        if end is not None and end < cutoff:
            out.append(fact)
    return out


def undated_facts(graph: rdflib.Graph) -> list[FactWeight]:
    """Facts none of whose sources carries a date: their age is unknown.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> all(f.newest is None for f in undated_facts(load_graph()))
    True
    """
    return [f for f in fact_weights(graph) if f.newest is None]


def weak_by_area_of(facts: list[dict]) -> list[dict]:
    """Weak facts and figures counted per area: the data file that defines each fact (its
    ``"area"`` in ``tables``, from ``loading.rdf.defining_files``; ``"ontology"`` for a term of the
    ontology). A row per area, ``{"area", "facts", "weak_facts", "weak_figures", "weak_share"}``
    (counts; a weak fact's figures are weak with it and not counted again), the weakest share
    first, then the most weak figures, then by name.

    Examples
    --------
    >>> weak_by_area_of([{"area": "a", "kind": "weak", "figures": {}},
    ...                  {"area": "b", "kind": "primary", "figures": {"cost": {"kind": "weak"}}}])
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'area': 'a', 'facts': 1, 'weak_facts': 1, 'weak_figures': 0, 'weak_share': 1.0},
     {'area': 'b', 'facts': 1, 'weak_facts': 0, 'weak_figures': 1, 'weak_share': 0.0}]
    """
    rows: dict[str, dict] = {}
    for f in facts:
        row = rows.setdefault(f["area"], {"area": f["area"], "facts": 0, "weak_facts": 0, "weak_figures": 0})
        row["facts"] += 1
        row["weak_facts"] += f["kind"] == "weak"
        if f["kind"] != "weak":  # a weak fact's figures are weak with it
            row["weak_figures"] += sum(1 for w in f["figures"].values() if w["kind"] == "weak")
    for row in rows.values():
        row["weak_share"] = round(row["weak_facts"] / row["facts"], 4) if row["facts"] else 0.0
    return sorted(rows.values(), key=lambda r: (-r["weak_share"], -r["weak_figures"], r["area"]))


def tables(graph: rdflib.Graph) -> dict:
    """Every source and every fact of ``graph``, as the plain data ``summary_from_tables`` and
    ``careerpath sources`` read: ``{"sources": [SourceSummary as a dict, ...], "facts":
    [FactWeight.to_json(), ...]}``, each list in ``list_sources``'s and ``fact_weights``' order.
    Kept in the compiled cache, so that a warm ``careerpath sources`` parses no Turtle."""
    from ..loading.rdf import defining_files

    areas = defining_files()
    return {
        "sources": [asdict(s) for s in list_sources(graph)],
        "facts": [{**f.to_json(), "area": areas.get(f.id, "ontology")} for f in fact_weights(graph)],
    }


def is_tables(value: object) -> bool:
    """Whether ``value`` has the shape ``tables`` returns."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("sources"), list)
        and isinstance(value.get("facts"), list)
        and all(isinstance(s, dict) and "facts" in s and "kind" in s for s in value["sources"])
        and all(isinstance(f, dict) and "figures" in f and "newest" in f and "area" in f for f in value["facts"])
    )


def weak_figures_of(facts: list[dict], under_stronger: bool = False) -> list[tuple[dict, str]]:
    """``weak_figures`` over the facts of ``tables``: ``(fact, figure)`` pairs."""
    return [
        (f, name)
        for f in facts
        for name, w in f["figures"].items()
        if w["kind"] == "weak" and not (under_stronger and f["kind"] == "weak")
    ]


def older_of(facts: list[dict], cutoff: datetime.date) -> list[dict]:
    """``older_facts`` over the facts of ``tables``: those whose newest source ended before ``cutoff``."""
    out = []
    for fact in facts:
        end = source_period_end(fact["newest"])
        if end is not None and end < cutoff:
            out.append(fact)
    return out


def summary_from_tables(
    data: dict, *, weak: bool = False, older_than: float | None = None, as_of: datetime.date | None = None
) -> dict:
    """The ``careerpath sources --json`` shape (see ``summary_json``) from ``tables``' data.

    Examples
    --------
    >>> data = {"sources": [{"id": "s", "kind": "weak", "facts": 1}], "facts": [
    ...     {"id": "f", "kind": "weak", "newest": "2019", "area": "a",
    ...      "figures": {"cost": {"kind": "weak", "note": "n"}}}]}
    >>> out = summary_from_tables(data, weak=True, older_than=5, as_of=datetime.date(2026, 1, 1))
    >>> out["counts"], [f["id"] for f in out["older_than"]["facts"]], out["weak_figures"][0]["figure"]
    ({'primary': 0, 'secondary': 0, 'weak': 1}, ['f'], 'cost')
    """
    day = as_of or datetime.date.today()
    counts = {kind: 0 for kind in KINDS}
    for s in data["sources"]:
        counts[s["kind"] or "unknown"] = counts.get(s["kind"] or "unknown", 0) + 1
    out: dict = {"as_of": day.isoformat(), "counts": counts, "sources": [dict(s) for s in data["sources"]]}
    facts = data["facts"]
    if weak:
        out["weak_facts"] = [dict(f) for f in facts if f["kind"] == "weak"]
        out["weak_figures"] = [{**f, "figure": name} for f, name in weak_figures_of(facts)]
        out["weak_by_area"] = weak_by_area_of(facts)
    if older_than is not None:
        cutoff = cutoff_date(older_than, day)
        out["older_than"] = {
            "years": older_than,
            "before": cutoff.isoformat(),
            "facts": [dict(f) for f in older_of(facts, cutoff)],
            "undated": [dict(f) for f in facts if f["newest"] is None],
        }
    return out


def summary_json(
    graph: rdflib.Graph, *, weak: bool = False, older_than: float | None = None, as_of: datetime.date | None = None
) -> dict:
    """The ``careerpath sources --json`` shape.

    ``{"as_of", "counts": {kind: sources}, "sources": [{"id", "label", "kind", "rank", "date",
    "publisher", "url", "read_at", "facts"}]}``, plus ``"weak_facts": [fact]`` and
    ``"weak_figures": [fact + "figure"]`` and ``"weak_by_area": [{"area", "facts", "weak_facts",
    "weak_figures", "weak_share"}]`` (counts per data file) with ``weak`` and ``"older_than": {"years", "before",
    "facts": [fact], "undated": [fact]}`` with ``older_than``; each fact is ``{"id", "label",
    "types", "kind", "note", "newest", "sources", "figures"}``.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> out = summary_json(load_graph(), weak=True)
    >>> sorted(out)
    ['as_of', 'counts', 'sources', 'weak_by_area', 'weak_facts', 'weak_figures']
    >>> sum(out["counts"].values()) == len(out["sources"])
    True
    """
    if older_than is not None:
        cutoff_date(older_than)  # a bad number of years is refused before any work
    data = tables(graph) if weak or older_than is not None else {"sources": [asdict(s) for s in list_sources(graph)]}
    data.setdefault("facts", [])
    return summary_from_tables(data, weak=weak, older_than=older_than, as_of=as_of)
