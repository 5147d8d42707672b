"""The labour market of each occupation: its current median annual wage and outlook, as the
data states them (BLS's figures, each with its sources and reference date).

Computed once from the RDF graph and kept in the compiled cache, so a planning command reads
it without parsing the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import rdflib

__all__ = ["Market", "labour_market"]


@dataclass(frozen=True)
class Market:
    """The current labour-market figures of one occupation (any of them may be unknown)."""

    median_wage: float | None = None  # US dollars a year
    wage_date: str | None = None  # the reference date, e.g. "2024-05"
    wage_sources: tuple[str, ...] = ()
    growth_percent: float | None = None
    growth_period: str | None = None  # e.g. "2024-2034"
    openings_per_year: int | None = None
    outlook_sources: tuple[str, ...] = ()


def _current(graph: rdflib.Graph, cls, newer_pred) -> list:
    from rdflib.namespace import RDF

    superseded = set(graph.objects(None, newer_pred))
    return [s for s in graph.subjects(RDF.type, cls) if s not in superseded]


def labour_market(graph: rdflib.Graph) -> dict[str, Market]:
    """The current median annual wage and outlook of every occupation that has them.

    A wage figure counts when it is a median, per year, for the occupation as a whole (not
    one work setting) and no newer figure supersedes it. Among those, the best-evidenced
    wins (a primary source over a secondary one: BLS's May 2024 median over a later,
    unverified secondary copy), then the latest reference date.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> m = labour_market(load_graph())["https://w3id.org/careerpath/data/role/medical-assistant"]
    >>> m.median_wage, m.wage_date, m.growth_percent, m.growth_period, m.openings_per_year
    (44200.0, '2024-05', 12.0, '2024-2034', 112300)
    """
    from ..loading.namespaces import CP, CPD

    median, annual = CPD["kind/median"], CPD["kind/annual"]

    def evidence(node) -> float:  # the strongest source's rank: 1 primary, 2 secondary, 3 weak
        ranks = [graph.value(graph.value(src, CP.evidenceLevel), CP.rank) for src in graph.objects(node, CP.source)]
        known = [float(r.toPython()) for r in ranks if r is not None]
        return min(known) if known else 9.0

    wages: dict[str, tuple[tuple[float, str], float, tuple[str, ...]]] = {}
    for w in _current(graph, CP.WageStatistic, CP.supersedes):
        if (w, CP.inSetting, None) in graph:
            continue
        if graph.value(w, CP.statisticKind) != median or graph.value(w, CP.payPeriod) != annual:
            continue
        occ, amount = graph.value(w, CP.ofOccupation), graph.value(w, CP.amountUSD)
        if occ is None or amount is None:
            continue
        date = str(graph.value(w, CP.referenceDate) or "")
        rank = (-evidence(w), date)
        if str(occ) not in wages or rank > wages[str(occ)][0]:
            sources = tuple(sorted(str(s) for s in graph.objects(w, CP.source)))
            wages[str(occ)] = (rank, float(amount.toPython()), sources)
    outlooks: dict[str, tuple[str, float, int | None, tuple[str, ...]]] = {}
    for o in _current(graph, CP.Outlook, CP.supersedes):
        occ, growth = graph.value(o, CP.ofOccupation), graph.value(o, CP.growthPercent)
        if occ is None or growth is None:
            continue
        period = f"{graph.value(o, CP.periodStart) or ''}-{graph.value(o, CP.periodEnd) or ''}"
        if str(occ) not in outlooks or period > outlooks[str(occ)][0]:
            openings = graph.value(o, CP.openingsPerYear)
            sources = tuple(sorted(str(s) for s in graph.objects(o, CP.source)))
            outlooks[str(occ)] = (
                period,
                float(growth.toPython()),
                int(openings.toPython()) if openings is not None else None,
                sources,
            )
    out: dict[str, Market] = {}
    for occ in set(wages) | set(outlooks):
        w, o = wages.get(occ), outlooks.get(occ)
        out[occ] = Market(
            median_wage=w[1] if w else None,
            wage_date=(w[0][1] or None) if w else None,
            wage_sources=w[2] if w else (),
            growth_percent=o[1] if o else None,
            growth_period=o[0] if o else None,
            openings_per_year=o[2] if o else None,
            outlook_sources=o[3] if o else (),
        )
    return out
