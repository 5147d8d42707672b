"""The labour market of each occupation, read from the data: its current median annual wage
and outlook (``Market``), and its OEWS estimates by area (``AreaWage``).

A figure counts when no newer figure supersedes it; a role BLS reports under a broader
occupation gets that occupation's figures, marked as the group's. The compiled cache keeps the
table one occupation per row, so a command about one role reads that role's figures alone
(``CareerGraph.market_of``); ``planning.options`` sets them beside each target.
"""

from __future__ import annotations

from dataclasses import field, replace
from typing import TYPE_CHECKING

from ..records import record

if TYPE_CHECKING:
    import rdflib

__all__ = ["AreaWage", "Market", "labour_market"]


@record
class AreaWage:
    """One area's OEWS estimate for an occupation: jobs and the annual wage distribution."""

    employment: int | None = None
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None
    mean: float | None = None
    date: str | None = None  # "2025-05"
    at_least: tuple[str, ...] = ()  # figures published only as "at least" (top-coded)
    source: str | None = None


@record(hot=True)
class Market:
    """The current labour-market figures of one occupation (any of them may be unknown)."""

    median_wage: float | None = None  # US dollars a year
    wage_date: str | None = None  # the reference date, e.g. "2024-05"
    wage_sources: tuple[str, ...] = ()
    growth_percent: float | None = None
    growth_period: str | None = None  # e.g. "2024-2034"
    openings_per_year: int | None = None
    outlook_sources: tuple[str, ...] = ()
    areas: dict[str, AreaWage] = field(default_factory=dict)  # "US" and two-letter state codes -> OEWS estimate
    of: str | None = None  # the broader occupation the figures belong to (cp:reportedUnder), or None: its own
    of_label: str | None = None
    at_least: bool = False  # the median is published only as "at least" this (top-coded)

    @property
    def exact(self) -> bool:
        """Whether the figures are the occupation's own, not a broader group's."""
        return self.of is None

    def median_in(self, area: str | None) -> float | None:
        """The OEWS median annual wage in ``area`` (a state's code, or "US"); None when not published."""
        found = self.areas.get((area or "US").upper())
        return found.median if found is not None else None


def _current(graph: rdflib.Graph, cls, newer_pred) -> list:
    from rdflib.namespace import RDF

    superseded = set(graph.objects(None, newer_pred))
    return [s for s in graph.subjects(RDF.type, cls) if s not in superseded]


def _area_wages(graph: rdflib.Graph) -> dict[str, dict[str, AreaWage]]:
    """Every OEWS estimate (``cp:WageEstimate``) by occupation and area code ("US" for the nation)."""
    from rdflib.namespace import RDF

    from .namespaces import CP

    codes = {str(j): str(code).upper() for j, code in graph.subject_objects(CP.stateCode)}
    out: dict[str, dict[str, AreaWage]] = {}

    def num(node, prop):
        value = graph.value(node, prop)
        return float(value.toPython()) if value is not None else None

    for est in graph.subjects(RDF.type, CP.WageEstimate):
        occ, area = graph.value(est, CP.ofOccupation), graph.value(est, CP.area)
        if occ is None or area is None:
            continue
        code = codes.get(str(area), "US" if str(area).endswith("/us") else None)
        if code is None:
            continue
        employment = graph.value(est, CP.employmentCount)
        out.setdefault(str(occ), {})[code] = AreaWage(
            employment=int(employment.toPython()) if employment is not None else None,
            p10=num(est, CP.wageP10),
            p25=num(est, CP.wageP25),
            median=num(est, CP.wageMedian),
            p75=num(est, CP.wageP75),
            p90=num(est, CP.wageP90),
            mean=num(est, CP.wageMean),
            date=str(graph.value(est, CP.referenceDate) or "") or None,
            at_least=tuple(sorted(str(f) for f in graph.objects(est, CP.topCodedFigure))),
            source=str(graph.value(est, CP.source) or "") or None,
        )
    return out


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
    import rdflib
    from rdflib.namespace import RDFS

    from .namespaces import CP, CPD

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
    areas = _area_wages(graph)
    out: dict[str, Market] = {}
    top_coded = {str(w) for w, flag in graph.subject_objects(CP.topCodedFigure) if str(flag) == "median"}
    for occ in set(wages) | set(outlooks) | set(areas):
        w, o = wages.get(occ), outlooks.get(occ)
        out[occ] = Market(
            median_wage=w[1] if w else None,
            wage_date=(w[0][1] or None) if w else None,
            wage_sources=w[2] if w else (),
            growth_percent=o[1] if o else None,
            growth_period=o[0] if o else None,
            openings_per_year=o[2] if o else None,
            outlook_sources=o[3] if o else (),
            areas=areas.get(occ, {}),
        )
    for w in top_coded:  # BLS gives "equal to or greater than $239,200"
        occ = graph.value(rdflib.URIRef(w), CP.ofOccupation)
        if occ is not None and str(occ) in out:
            out[str(occ)] = replace(out[str(occ)], at_least=True)
    # A role BLS counts in a broader occupation gets that occupation's figures, said to be so.
    for role, broader in graph.subject_objects(CP.reportedUnder):
        base = out.get(str(role)) or out.get(str(broader))
        if base is not None:  # its own figures, where the data gives some, are the group's too
            label = graph.value(broader, RDFS.label)
            group_areas = out[str(broader)].areas if str(broader) in out else {}
            out[str(role)] = replace(
                base, of=str(broader), of_label=str(label) if label else None, areas=base.areas or group_areas
            )
    return out
