"""Where-can-I-go answers as JSON and text: ``careerpath options`` (the app's table reads the same
``Options``); and the atlas (``atlas``): every occupation by its typical entry education, with its
wage, jobs and growth and, given a profile, whether ``options`` can reach it. The atlas lives here,
beside the options it reads, because it is the same answer seen whole: every occupation, reachable or
not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import record
from .formats import money, range_text

if TYPE_CHECKING:
    from ..core import CareerGraph
    from ..planning import Profile
    from ..planning.options import Options
    from ..planning.schedule import Range

__all__ = ["options_json", "options_text", "Atlas", "AtlasGroup", "AtlasEntry", "EDUCATION_GROUPS", "atlas", "matches"]


def options_json(cg: CareerGraph, result: Options, profile: Profile) -> dict:
    """The JSON shape of ``careerpath options --json`` (documented in the README)."""

    def rng(r: Range | None) -> list[float] | None:
        return None if r is None else [round(r[0], 2), round(r[1], 2)]

    def plan_query(target: str) -> str:
        from urllib.parse import urlencode

        pairs = [("have", m) for m in profile.have] + [("to", target), ("by", result.by)]
        pairs += [("exp", f"{r}={y:g}") for r, y in profile.experience.items()]
        if profile.state:
            pairs.append(("state", profile.state))
        return "/plan?" + urlencode(pairs)

    return {
        "by": result.by,
        "profile": {
            "have": [{"id": m, "label": cg.label(m)} for m in profile.have],
            "experience": [{"id": r, "label": cg.label(r), "years": y} for r, y in profile.experience.items()],
            "state": profile.state,
        },
        "current_role": None
        if result.current_role is None
        else {
            "id": result.current_role.id,
            "label": result.current_role.label,
            "median_wage_usd": result.current_role.median_wage,
        },
        "options": [
            {
                "id": o.id,
                "label": o.label,
                "kind": o.kind,
                "steps": o.steps,
                "months": round(o.months, 2),
                "months_range": rng(o.months_range),
                "cost_usd": round(o.cost, 2),
                "cost_range": rng(o.cost_range),
                "elapsed_months": round(o.elapsed_months, 2),
                "unknown_months": o.unknown_months,
                "unknown_cost": o.unknown_cost,
                "estimate": o.estimate,
                "median_wage_usd": o.market.median_wage,
                "wage_date": o.market.wage_date,
                "wage_change_usd": o.wage_change,
                "growth_percent": o.market.growth_percent,
                "growth_period": o.market.growth_period,
                "openings_per_year": o.market.openings_per_year,
                "state_median_wage_usd": o.state_wage,
                "national_oews_median_wage_usd": o.market.median_in("US"),
                "wage_of": None if o.market.exact else {"id": o.market.of, "label": o.market.of_label},
                "median_wage_at_least": o.market.at_least,
                "reached_as": o.reached_as,
                "caveat": o.caveat,
                "sources": cg.source_refs(sorted(set(o.market.wage_sources) | set(o.market.outlook_sources))),
                "plan": plan_query(o.id),
            }
            for o in result.options
        ],
        "held": [{"id": i, "label": lab} for i, lab in result.held],
        "unreachable": [{"id": i, "label": lab} for i, lab in result.unreachable],
        "as_of": profile.as_of.isoformat() if profile.as_of else None,
    }


def options_text(result: Options, by: str, sort: str | None = None) -> str:
    """The text of ``careerpath options``: one line per target with its time, cost and market."""
    lines = []
    current = result.current_role
    if current is not None:
        wage = money(current.median_wage) if current.median_wage is not None else "median wage unknown"
        lines.append(f"Current role: {current.label} ({wage} a year)")
    order = {"wage": "median wage", "wage_change": "wage change", "label": "name"}.get(sort or by, sort or by)
    lines.append(
        f"{len(result.options)} role(s) and certification(s) within reach (best route by {by}; sorted by {order}"
        + (
            "; a broader group's figures after the occupation's own"
            if sort in ("wage", "wage_change", "growth", "openings")
            else ""
        )
        + "):"
    )
    for o in result.options:
        m = o.market
        ends = f"ends in month {o.elapsed_months:g} ({range_text(o.months_range, 'months')} of steps)"
        facts = [ends, range_text(o.cost_range, "cost"), f"{o.steps} step(s)"]
        if o.unknown_months:
            facts[0] += f" + {o.unknown_months} step(s) of unknown duration"
        if o.unknown_cost:
            facts[1] += f" + {o.unknown_cost} step(s) of unknown cost"
        line = f"  - {o.label} [{o.kind}]: " + ", ".join(facts)
        if o.reached_as:
            line += f" (as {o.reached_as})"
        if o.state:
            state = money(o.state_wage) if o.state_wage is not None else "not published"
            nation = m.median_in("US")
            nation_text = money(nation) if nation else "not published"
            line += f"; median in {o.state} {state} (OEWS May 2025; nationally {nation_text})"
        if m.median_wage is not None:
            at_least = "at least " if m.at_least else ""
            line += f"; median {at_least}{money(m.median_wage)} a year ({m.wage_date}"
            line += f"; of {m.of_label}, a broader group)" if not m.exact else ")"
            if o.wage_change is not None:
                where = f" in {o.state}" if o.state else ""
                line += f", {'+' if o.wage_change >= 0 else '-'}{money(abs(o.wage_change))} over now{where}"
        if m.growth_percent is not None:
            line += f"; growth {m.growth_percent:g}% ({m.growth_period})"
        if m.openings_per_year is not None:
            line += f", {m.openings_per_year:,} openings a year"
        lines.append(line)
        if o.caveat:
            lines.append(f"      note: {o.caveat}")
    if result.held:
        lines.append("Already held: " + ", ".join(label for _, label in result.held))
    if result.unreachable:
        lines.append("No route from here: " + ", ".join(label for _, label in result.unreachable))
    return "\n".join(lines)


# BLS's typical entry education, grouped for the atlas (in order); any other value, or none, is "other".
EDUCATION_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "none",
        "No formal credential or high school",
        ("No formal educational credential", "High school diploma or equivalent"),
    ),
    (
        "certificate",
        "Certificate (postsecondary nondegree award)",
        ("Postsecondary nondegree award", "Postsecondary certificate"),
    ),
    ("associate", "Associate's degree", ("Associate's degree",)),
    ("bachelor", "Bachelor's degree", ("Bachelor's degree",)),
    (
        "graduate",
        "Graduate (master's, doctoral or professional)",
        ("Master's degree", "Doctoral or professional degree"),
    ),
    ("other", "Other / not profiled by BLS", ()),
)


@record
class AtlasEntry:
    """One occupation in the atlas; every unknown figure is None (never 0)."""

    id: str
    label: str
    alt_labels: tuple[str, ...]  # skos:altLabel and abbreviations
    soc_code: str | None
    education: str | None  # BLS's words (cp:typicalEntryEducation), None when not profiled
    median_wage: float | None  # US dollars a year, in ``wage_area``
    wage_area: str  # "US" or the state's code: where ``median_wage`` and ``jobs`` are from
    wage_date: str | None  # e.g. "2025-05"
    wage_of: str | None  # the label of the broader group the wage and jobs belong to, or None: its own
    wage_at_least: bool  # BLS publishes the median only as "at least" this
    jobs: int | None  # employment in ``wage_area``
    growth_percent: float | None  # national projection
    growth_period: str | None  # e.g. "2024-2034"
    has_pathway: bool  # Explore can centre a pathway on it
    reachable: bool | None = None  # None without a profile; held counts as reachable
    held: bool = False
    months: float | None = None  # the best route's months (0 when held), None when unknown or unreachable


@record
class AtlasGroup:
    """One education group, its occupations by label."""

    key: str
    title: str
    entries: tuple[AtlasEntry, ...]


@record
class Atlas:
    """Every occupation, in education groups (``EDUCATION_GROUPS`` order; empty groups left out)."""

    state: str | None
    profiled: bool  # a profile was given: ``reachable`` is filled
    groups: tuple[AtlasGroup, ...]

    @property
    def entries(self) -> list[AtlasEntry]:
        """All occupations, group by group."""
        return [e for g in self.groups for e in g.entries]


def _group_of(education: str | None) -> str:
    for key, _, values in EDUCATION_GROUPS:
        if education in values:
            return key
    return "other"


def _wage(market, area: str) -> tuple[float | None, str | None, bool, int | None]:
    """(median, date, at least, jobs) of ``area``; nationally, the best-evidenced median when OEWS has none."""
    found = market.areas.get(area) if market is not None else None
    if found is not None and found.median is not None:
        return found.median, found.date, "median" in found.at_least, found.employment
    if area == "US" and market is not None and market.median_wage is not None:
        return market.median_wage, market.wage_date, market.at_least, found.employment if found else None
    return None, found.date if found else None, False, found.employment if found else None


def atlas(cg: CareerGraph, state: str | None = None, profile: Profile | None = None) -> Atlas:
    """Every occupation (``cp:Role``) grouped by its typical entry education.

    Parameters
    ----------
    cg : CareerGraph
        The loaded graph.
    state : str, optional
        A two-letter state code: wages and jobs are that state's OEWS figures (None where BLS
        publishes none); without it, the nation's. Growth is always the national projection.
    profile : Profile, optional
        What a person holds: each entry says whether ``options`` reaches it, and in how many months.

    Returns
    -------
    Atlas
        The groups in education order, each occupation's figures and reachability.

    Examples
    --------
    >>> from careerpath.graph.core import CareerGraph
    >>> cg = CareerGraph.load()
    >>> a = atlas(cg)
    >>> [g.key for g in a.groups]
    ['none', 'certificate', 'associate', 'bachelor', 'graduate', 'other']
    >>> rt = next(e for e in a.entries if e.label.startswith("Radiologic"))
    >>> rt.education, rt.wage_area, "Radiographer" in rt.alt_labels
    ("Associate's degree", 'US', True)
    """
    import rdflib
    from rdflib.namespace import SKOS

    from ..loading.namespaces import CP
    from ..planning.options import options

    area = (state or "US").upper()
    reach: dict[str, float | None] = {}
    held: set[str] = set()
    if profile is not None:
        found = options(cg, profile)
        reach = {o.id: (None if o.unknown_months else o.months) for o in found.options}
        held = {iri for iri, _ in found.held}
    role = str(CP.Role)
    graph, market = cg.rdf, cg.market
    grouped: dict[str, list[AtlasEntry]] = {key: [] for key, _, _ in EDUCATION_GROUPS}
    for iri, classes in cg.names.types.items():
        if role not in classes:
            continue
        node = rdflib.URIRef(iri)
        education = graph.value(node, CP.typicalEntryEducation)
        m = market.get(iri)
        wage, date, at_least, jobs = _wage(m, area)
        names = [str(v) for p in (SKOS.altLabel, CP.abbreviation) for v in graph.objects(node, p)]
        soc = graph.value(node, CP.socCode)
        entry = AtlasEntry(
            id=iri,
            label=cg.label(iri),
            alt_labels=tuple(sorted(set(names), key=str.casefold)),
            soc_code=str(soc) if soc is not None else None,
            education=str(education) if education is not None else None,
            median_wage=wage,
            wage_area=area,
            wage_date=date,
            wage_of=(m.of_label or m.of) if m is not None and not m.exact else None,
            wage_at_least=at_least,
            jobs=jobs,
            growth_percent=m.growth_percent if m is not None else None,
            growth_period=m.growth_period if m is not None else None,
            has_pathway=iri in cg.projection.graph,
            reachable=(iri in reach or iri in held) if profile is not None else None,
            held=iri in held,
            months=0.0 if iri in held else reach.get(iri),
        )
        grouped[_group_of(entry.education)].append(entry)
    groups = tuple(
        AtlasGroup(key, title, tuple(sorted(grouped[key], key=lambda e: e.label.casefold())))
        for key, title, _ in EDUCATION_GROUPS
        if grouped[key]
    )
    return Atlas(state=state.upper() if state else None, profiled=profile is not None, groups=groups)


def matches(entry: AtlasEntry, text: str) -> bool:
    """Whether ``text`` finds ``entry``: every word typed begins a word of its title or of one
    alternate title (case and punctuation aside); empty text finds everything.

    >>> e = AtlasEntry("x", "Licensed practical nurse", ("LVN", "Licensed vocational nurse"), None, None,
    ...                None, "US", None, None, False, None, None, None, True)
    >>> matches(e, "LVN"), matches(e, "vocational nur"), matches(e, "x-ray")
    (True, True, False)
    """
    from ..loading.lookup import normalize

    typed = normalize(text).split()
    if not typed:
        return True
    for name in (entry.label, *entry.alt_labels):
        words = normalize(name).split()
        if all(any(w.startswith(t) for w in words) for t in typed):
            return True
    return False
