"""Read the RDF graph into the planner's projection (``projection.Projection``).

One reader per loaded graph: the labels, the source weights, then the steps and eligibility
routes with their figures and conditions, the any-of groups and counts-as rules, the
experience levels (work steps), the state practice rules, and what lapses (validity periods
and renewals). ``project`` is the entry; each kind of fact has its own small method.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..loading.litegraph import ancestors
from .projection import (
    EVIDENCE_RANK,
    Condition,
    PracticeRule,
    Projection,
    StepInfo,
    Validity,
    build_projection,
    experience_node,
    held_once_node,
    num,
    to_date,
    years_text,
)

if TYPE_CHECKING:
    import rdflib

__all__ = ["project"]

_CP = "https://w3id.org/careerpath/ontology#"
_KIND = "https://w3id.org/careerpath/data/kind/"
# What a milestone is, by its most specific class: a step into it is full time by default when
# it is a program or a degree (the data says otherwise where a step is part time).
_MILESTONE_KINDS = {
    _CP + "EducationProgram": "program",
    _CP + "EducationCredential": "education",
    _CP + "Certification": "certification",
    _CP + "StateCredential": "licence",
    _CP + "Credential": "credential",
    _CP + "Role": "role",
    _CP + "AnyOf": "group",
}


def _lower(text: str) -> str:
    """A label inside a sentence: its first letter lower case, unless it starts an abbreviation
    (the rule of ``presenting.formats.in_sentence``, which planning may not import).

    >>> _lower("Medical coder"), _lower("EKG technician")
    ('medical coder', 'EKG technician')
    """
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _years(years: float) -> str:
    return f"{years_text(years)} year" + ("" if years == 1 else "s")


class _Reader:
    """Reads one graph; each method adds one kind of fact to the tables the projection is built from."""

    def __init__(self, graph: rdflib.Graph) -> None:
        import rdflib
        from rdflib.namespace import RDFS

        from ..loading.namespaces import CP

        self.graph, self.CP, self.rdflib = graph, CP, rdflib
        self.labels: dict[str, str] = {}
        for subject, text in graph.subject_objects(RDFS.label):
            if isinstance(text, rdflib.Literal) and text.language in ("en", None):
                self.labels.setdefault(str(subject), str(text))
        self.steps: dict[str, StepInfo] = {}
        self.groups: dict[str, set[str]] = defaultdict(set)
        self.parents: dict[str, set[str]] = defaultdict(set)  # counts-as rules: holder -> what it counts as
        self.caveats: dict[tuple[str, str], str] = {}
        self.certifications: set[str] = set()
        self.supersedes: dict[str, set[str]] = defaultdict(set)
        for new, old in graph.subject_objects(CP.supersedes):
            self.supersedes[str(old)].add(str(new))
        self.level_rank: dict[str, tuple[int, str]] = {}  # source -> (rank, evidence level name)
        for source, level in graph.subject_objects(CP.evidenceLevel):
            name = str(level).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            rank = num(graph.value(level, CP.rank))
            self.level_rank[str(source)] = (int(rank) if rank is not None else EVIDENCE_RANK.get(name, 9), name)
        self.kinds = self._milestone_kinds()

    # ------------------------------------------------------------------ helpers
    def lab(self, node) -> str:
        from ..loading.labels import label_of

        key = str(node)
        if key not in self.labels:
            self.labels[key] = label_of(self.graph, node)
        return self.labels[key]

    def weight(self, sources: Iterable[str]) -> str | None:
        ranked = [self.level_rank[s] for s in sources if s in self.level_rank]
        return min(ranked)[1] if ranked else None

    def flag(self, node, prop) -> bool | None:
        value = self.graph.value(node, prop)
        if value is None:
            return None
        return bool(value.toPython() if isinstance(value, self.rdflib.Literal) else value)

    def strings(self, node, prop) -> tuple[str, ...]:
        return tuple(sorted(str(v) for v in self.graph.objects(node, prop)))

    def _milestone_kinds(self) -> dict[str, str]:
        from rdflib.namespace import RDF, RDFS

        graph = self.graph
        supers: dict[str, set[str]] = defaultdict(set)
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            supers[str(sub)].add(str(sup))
        out: dict[str, str] = {}
        for node, cls in graph.subject_objects(RDF.type):
            for c in (str(cls), *sorted(ancestors(supers.get(str(cls), ()), supers))):
                if c in _MILESTONE_KINDS:
                    kind = _MILESTONE_KINDS[c]
                    order = list(_MILESTONE_KINDS.values())
                    if str(node) not in out or order.index(kind) < order.index(out[str(node)]):
                        out[str(node)] = kind
                    break
        return out

    # ------------------------------------------------------------------ steps and routes
    def figures(self, node) -> dict:
        """A step's or route's figures, their sources and weights, dates and notes."""
        graph, CP = self.graph, self.CP
        own = {str(s) for s in graph.objects(node, CP.source)}
        months_sources = {str(s) for s in graph.objects(node, CP.durationSource)}
        cost_sources = {str(s) for s in graph.objects(node, CP.costSource)}
        sources = own | months_sources | cost_sources
        commitment = graph.value(node, CP.timeCommitment)
        return {
            "months": num(graph.value(node, CP.durationMonths)),
            "cost": num(graph.value(node, CP.costUSD)),
            "months_low": num(graph.value(node, CP.durationMonthsLow)),
            "months_high": num(graph.value(node, CP.durationMonthsHigh)),
            "cost_low": num(graph.value(node, CP.costUSDLow)),
            "cost_high": num(graph.value(node, CP.costUSDHigh)),
            "months_estimate": self.flag(node, CP.durationIsEstimate),
            "cost_estimate": self.flag(node, CP.costIsEstimate),
            "estimate": bool(graph.value(node, CP.isEstimate))
            or bool(graph.value(node, CP.durationIsEstimate))
            or bool(graph.value(node, CP.costIsEstimate)),
            "sources": tuple(sorted(sources)),
            # a figure's source weighs the figure, not the step (a BLS duration does not make a
            # job step primary); a step with figure sources only is weighed by them
            "source_weight": self.weight(own or sources),
            "months_weight": self.weight(months_sources),
            "cost_weight": self.weight(cost_sources),
            "valid_from": to_date(graph.value(node, CP.validFrom)),
            "valid_until": to_date(graph.value(node, CP.validUntil)),
            "evidenced_from": to_date(graph.value(node, CP.evidencedFrom)),
            "evidenced_until": to_date(graph.value(node, CP.evidencedUntil)),
            "superseded_by": frozenset(self.supersedes.get(str(node), ())),
            "commitment": str(commitment).rsplit("/", 1)[-1] if commitment is not None else None,
            "commitment_note": str(graph.value(node, CP.timeCommitmentNote) or "") or None,
            "availability": str(graph.value(node, CP.availabilityNote) or "") or None,
            "availability_sources": self.strings(node, CP.availabilitySource),
            "school_age": bool(self.flag(node, CP.forSchoolAge)),
            "on_request": bool(self.flag(node, CP.onlyOnRequest)),
            "jurisdiction": str(j) if (j := graph.value(node, CP.jurisdiction)) is not None else None,
        }

    def conditions(self, subject) -> tuple[Condition, ...]:
        graph, CP = self.graph, self.CP
        out = []
        for cond in sorted(graph.objects(subject, CP.hasCondition), key=str):
            role = graph.value(cond, CP.inRole)
            milestone = graph.value(cond, CP.requiresMilestone)
            hours, within = num(graph.value(cond, CP.minimumHours)), num(graph.value(cond, CP.withinMonths))
            days = num(graph.value(cond, CP.completingStudentDays))
            out.append(
                Condition(
                    id=str(cond),
                    label=self.lab(cond),
                    milestone=str(milestone) if milestone is not None and role is None else None,
                    role=str(role) if role is not None else None,
                    years=num(graph.value(cond, CP.minimumYears)),
                    hours=int(hours) if hours is not None else None,
                    within_years=num(graph.value(cond, CP.withinYears)),
                    within_months=int(within) if within is not None else None,
                    estimate=bool(graph.value(cond, CP.isEstimate)),
                    accepts=self.strings(cond, CP.acceptsExperienceIn) if role is not None else (),
                    accepts_lapsed=bool(self.flag(cond, CP.acceptsLapsed)),
                    completing_days=int(days) if days is not None else None,
                    completing_applies_only=bool(self.flag(cond, CP.completingStudentAppliesOnly)),
                    note=str(graph.value(cond, CP.conditionNote) or "") or None,
                    supervised=bool(self.flag(cond, CP.isSupervised)),
                    full_time=bool(self.flag(cond, CP.isFullTime)),
                )
            )
        return tuple(out)

    def read_steps(self) -> None:
        from rdflib.namespace import RDF

        graph, CP = self.graph, self.CP
        for step in graph.subjects(RDF.type, CP.Step):
            achieves = graph.value(step, CP.achieves)
            if achieves is None:
                continue
            conds = self.conditions(step)
            lapsed = {held_once_node(str(m)) for m in graph.objects(step, CP.requiresLapsed)}
            requires = {str(m) for m in graph.objects(step, CP.requires)} | {c.requirement for c in conds} | lapsed
            info = self.figures(step)
            info["estimate"] = info["estimate"] or any(c.estimate for c in conds)
            self.steps[str(step)] = StepInfo(
                id=str(step),
                label=self.lab(step),
                kind="step",
                achieves=str(achieves),
                requires=frozenset(requires),
                conditions=conds,
                **info,
            )
            self.lab(achieves)
        for route in graph.subjects(RDF.type, CP.EligibilityRoute):
            cert = graph.value(route, CP.qualifiesFor)
            if cert is None:
                continue
            self.certifications.add(str(cert))
            conds = self.conditions(route)
            self.steps[str(route)] = StepInfo(
                id=str(route),
                label=self.lab(route),
                kind="route",
                achieves=str(cert),
                requires=frozenset(c.requirement for c in conds),
                conditions=conds,
                **self.figures(route),
            )
            self.lab(cert)

    # ------------------------------------------------------------------ groups and counts-as
    def read_groups(self) -> None:
        from rdflib.namespace import RDF

        graph, CP = self.graph, self.CP
        for group, member in graph.subject_objects(CP.member):
            self.groups[str(group)].add(str(member))
            self.lab(group)
            self.lab(member)
        # Explicit counts-as rules: holding A satisfies any requirement for B. (cp:specializes is
        # a browsing hierarchy and is not read here.)
        for rule in graph.subjects(RDF.type, CP.Equivalence):
            holder, counts = graph.value(rule, CP.holder), graph.value(rule, CP.countsAs)
            if holder is None or counts is None:
                continue
            self.groups[str(counts)].add(str(holder))
            self.parents[str(holder)].add(str(counts))
            caveat = graph.value(rule, CP.caveat)
            if caveat is not None:
                self.caveats[(str(holder), str(counts))] = str(caveat)
            self.lab(holder)
            self.lab(counts)

    # ------------------------------------------------------------------ experience
    def read_experience(self) -> dict[str, frozenset[str]]:
        """Experience levels: one chain of work steps per role. A condition accepting experience
        in further roles needs an any-of group of the same level in each; a role that counts as
        another (an equivalence) gets the other's levels, each counting as the other's."""
        rdflib, labels = self.rdflib, self.labels
        levels: dict[str, set[float]] = defaultdict(set)
        for info in list(self.steps.values()):
            for cond in info.conditions:
                if cond.role is None or cond.years is None:
                    continue
                levels[cond.role].add(cond.years)
                if cond.accepts:
                    roles = [cond.role, *cond.accepts]
                    names = " or ".join(_lower(self.lab(rdflib.URIRef(r))) for r in roles)
                    labels[cond.requirement] = f"{_years(cond.years)} as {names}"
                    for r in roles:
                        levels[r].add(cond.years)
                        self.groups[cond.requirement].add(experience_node(r, cond.years))
        parents = self.parents
        role_counts_as = {r: ancestors(parents[r], parents, include_start=False) for r in list(parents)}
        for role in list(levels):
            for other, targets in role_counts_as.items():
                if role in targets:
                    levels[other] |= levels[role]
        for other, targets in role_counts_as.items():
            for role in targets:
                for level in levels.get(role, ()):
                    self.groups[experience_node(role, level)].add(experience_node(other, level))
        for role, years in levels.items():
            self._work_chain(role, sorted(years))
        return {r: frozenset(found) for r, found in role_counts_as.items()}

    def _work_chain(self, role: str, years: list[float]) -> None:
        previous = 0.0
        role_label = _lower(self.lab(self.rdflib.URIRef(role)))
        for level in years:
            node = experience_node(role, level)
            self.labels[node] = f"{_years(level)} as {role_label}"
            step_id = f"{node}/work"
            self.steps[step_id] = StepInfo(
                id=step_id,
                label=f"Work as {role_label} until you have {_years(level)} of experience",
                kind="work",
                achieves=node,
                requires=frozenset({role} | ({experience_node(role, previous)} if previous else set())),
                months=(level - previous) * 12,
                cost=0.0,
                estimate=False,
                sources=(),
                role=role,
                from_years=previous,
                commitment="full-time",
            )
            previous = level

    # ------------------------------------------------------------------ states and validity
    def read_rules(self) -> list[PracticeRule]:
        from rdflib.namespace import RDF

        graph, CP = self.graph, self.CP
        rules = []
        for rule in graph.subjects(RDF.type, CP.PracticeRule):
            jurisdiction, role = graph.value(rule, CP.jurisdiction), graph.value(rule, CP.appliesToRole)
            milestone = graph.value(rule, CP.requiresMilestone)
            if jurisdiction is None or role is None or milestone is None:
                continue
            rules.append(
                PracticeRule(
                    str(rule),
                    self.lab(rule),
                    str(jurisdiction),
                    str(role),
                    str(milestone),
                    valid_from=to_date(graph.value(rule, CP.validFrom)),
                    valid_until=to_date(graph.value(rule, CP.validUntil)),
                )
            )
            self.lab(milestone)
        return sorted(rules, key=lambda r: r.id)

    def read_apprenticeships(self) -> dict[str, frozenset[str]]:
        """Which role each apprenticeship trains for: the program and the role share a RAPIDS code
        (the Department of Labor's registered apprenticeship occupation code)."""
        graph, CP = self.graph, self.CP
        by_code: dict[str, set[str]] = defaultdict(set)
        for node, code in graph.subject_objects(CP.rapidsCode):
            by_code[str(code)].add(str(node))
        out: dict[str, set[str]] = defaultdict(set)
        for nodes in by_code.values():
            roles = {n for n in nodes if self.kinds.get(n) == "role"}
            for n in nodes - roles:
                out[n] |= roles
        return {k: frozenset(v) for k, v in out.items() if v}

    def read_pathway_roles(self) -> dict[str, frozenset[str]]:
        """The roles whose pathway (``cp:leadsTo``) has each milestone at one of its stages
        (``cp:hasStage`` / ``cp:realizedBy``): the CMA is a stage of the medical assistant's.
        A step at a stage stands for what it achieves."""
        graph, CP = self.graph, self.CP
        out: dict[str, set[str]] = defaultdict(set)
        for pathway, role in graph.subject_objects(CP.leadsTo):
            for stage in graph.objects(pathway, CP.hasStage):
                for node in graph.objects(stage, CP.realizedBy):
                    out[str(node)].add(str(role))
        return {k: frozenset(v) for k, v in out.items()}

    def read_validity(self) -> dict[str, Validity]:
        """What lapses: every milestone with a validity period, and how it is renewed."""
        graph, CP = self.graph, self.CP
        out = {}
        for node, months in graph.subject_objects(CP.renewalPeriodMonths):
            period = num(months)
            if period is None or period <= 0:
                continue
            renewal_sources = self.strings(node, CP.renewalSource)
            out[str(node)] = Validity(
                months=period,
                fee=num(graph.value(node, CP.renewalFeeUSD)),
                ce_units=num(graph.value(node, CP.continuingEducationUnits)),
                ce_kind=str(graph.value(node, CP.continuingEducationKind) or "") or None,
                note=str(graph.value(node, CP.renewalNote) or "") or None,
                sources=renewal_sources or self.strings(node, CP.source),
                reinstate_months=num(graph.value(node, CP.reinstatementMonths)),
                reinstate_fee=num(graph.value(node, CP.reinstatementFeeUSD)),
            )
        return out


def _reinstatements(reader: _Reader, validity: dict[str, Validity], current: frozenset[str]) -> None:
    """A credential that lapses, where the data gives no way back for a lapsed holder (a
    recertification route), gets one: reinstate it, at its renewal fee, as careerpath's estimate.
    A lapsed holder is never sent back to school for want of a rule in the data."""
    back = {r for s in reader.steps.values() for r in s.requires if r.endswith("#held-once")}
    for milestone, v in sorted(validity.items()):
        once = held_once_node(milestone)
        if once in back or milestone in current:
            continue  # a recertification route exists, or renewing means taking it again (CPR, a membership)
        label = reader.lab(reader.rdflib.URIRef(milestone))
        ce = f", with {v.ce_units:g} {v.ce_kind or 'units'} of continuing education" if v.ce_units else ""
        fee = v.reinstate_fee if v.reinstate_fee is not None else v.fee
        window = ()
        if v.reinstate_months is not None:  # dated from when it was earned or last renewed: period + window
            window = (
                Condition(
                    id=milestone + "#reinstatement-window",
                    label=f"{label}, lapsed less than {v.reinstate_months:g} months ago",
                    milestone=milestone,
                    accepts_lapsed=True,
                    within_months=int(v.months + v.reinstate_months),
                ),
            )
        known = v.reinstate_months is not None and v.reinstate_fee is not None
        reader.steps[milestone + "#reinstate"] = StepInfo(
            id=milestone + "#reinstate",
            label=f"Reinstate your lapsed {label}",
            kind="step",
            achieves=milestone,
            requires=frozenset({once}),
            conditions=window,
            months=1.0,
            months_low=0.5,
            months_high=3.0,
            cost=fee,
            cost_low=fee,
            cost_high=fee,
            estimate=True,
            months_estimate=True,
            cost_estimate=not known,
            sources=v.sources,
            commitment="part-time",
            commitment_note=(
                f"reinstated within {v.reinstate_months:g} months of lapsing, at the reinstatement fee{ce}"
                if known
                else f"careerpath's estimate: reinstated on paying the renewal fee{ce}, as a renewal is; the body's"
                " own rules for a lapsed credential (a late fee, a deadline, an exam) are not in the data: check them"
            ),
        )


def project(graph: rdflib.Graph) -> Projection:
    """Build the AND/OR projection of ``graph``.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> p = project(load_graph())
    >>> cma = "https://w3id.org/careerpath/data/cert/cma"
    >>> sorted(s.rsplit("/", 1)[-1] for s in p.achievers(cma))
    ['cma-category-1', 'cma-category-2', 'cma-category-3', 'cma-category-4']

    Notes
    -----
    Building costs O(T) in the number of triples; it is done once per loaded graph.
    """
    reader = _Reader(graph)
    reader.read_steps()
    reader.read_groups()
    role_ancestors = reader.read_experience()
    rules = reader.read_rules()
    validity = reader.read_validity()
    CP = reader.CP
    current = frozenset(
        str(m)
        for m, value in graph.subject_objects(CP.mustBeCurrent)
        if isinstance(value, reader.rdflib.Literal) and value.toPython() is True
    )
    _reinstatements(reader, validity, current)
    # Holding a milestone now counts as having held it once; a lapsed one is held once only.
    once = {r for s in reader.steps.values() for r in s.requires if r.endswith("#held-once")}
    for node in once | {held_once_node(m) for m in validity}:
        milestone = node.removesuffix("#held-once")
        reader.groups[node].add(milestone)
        reader.labels[node] = f"{reader.lab(reader.rdflib.URIRef(milestone))}, current or lapsed"
    jurisdictions = {str(code).upper(): str(j) for j, code in graph.subject_objects(CP.stateCode)}
    projection = build_projection(
        reader.steps.values(),
        {k: frozenset(v) for k, v in reader.groups.items()},
        reader.labels,
        certifications=sorted(reader.certifications),
        role_ancestors=role_ancestors,
    )
    projection = replace(
        projection,
        rules=tuple(rules),
        jurisdictions=jurisdictions,
        current=current,
        validity=validity,
        kinds={k: v for k, v in reader.kinds.items() if k in projection.graph or k in validity},
        caveats=dict(reader.caveats),
        trains_for=reader.read_apprenticeships(),
        pathway_roles=_by_milestone(reader.read_pathway_roles(), projection),
    )
    return replace(projection, steps=_committed(projection))


def _committed(projection: Projection) -> dict[str, StepInfo]:
    """The steps, each with its time commitment (``problem.commitment_of``) set: worked out once
    here and kept with the projection, not once per profile when a planner takes the step."""
    from .problem import commitment_of

    return {
        sid: step if step.commitment else replace(step, commitment=commitment_of(projection, step))
        for sid, step in projection.steps.items()
    }


def _by_milestone(found: dict[str, frozenset[str]], projection: Projection) -> dict[str, frozenset[str]]:
    """``found`` with each step's roles under the milestone it achieves."""
    out: dict[str, set[str]] = defaultdict(set)
    for node, roles in found.items():
        step = projection.steps.get(node)
        out[step.achieves if step is not None else node] |= roles
    return {k: frozenset(v) for k, v in out.items()}
