"""The details panel of one entity: facts with units, routes, wages, sources, disagreements."""

from __future__ import annotations

from collections.abc import Callable

import rdflib
import streamlit as st
from rdflib.namespace import RDF

from careerpath.app.figures import dollars
from careerpath.app.shared import plain
from careerpath.graph.loading.namespaces import CP
from careerpath.graph.presenting.describe import describe
from careerpath.graph.presenting.pathway import KINDS, kind_of


def _link(ref: dict) -> str:
    weight = f"weight: {ref['evidence']}" if ref.get("evidence") else None
    extra = ", ".join(plain(x) for x in (ref.get("publisher"), ref.get("date"), weight) if x)
    title = f"[{plain(ref['label'])}]({ref['url']})" if ref.get("url") else plain(ref["label"])
    return f"{title} ({extra})" if extra else title


def kind_name(cg, iri: str) -> str:
    """What ``iri`` is, in words: its kind (Certification, Role...), else its types."""
    if iri in cg.projection.experience_of:
        return "Experience"
    if iri in cg.projection.steps:
        return "Eligibility route" if cg.projection.steps[iri].kind == "route" else "Step"
    kind = kind_of(cg.rdf, rdflib.URIRef(iri))
    if kind is not None and rdflib.URIRef(iri) not in set(cg.rdf.subjects(RDF.type, CP.AnyOf)):
        return KINDS[kind][0]
    if kind is not None:
        return "Any one of a group"
    types = sorted({cg.label(str(t)) for t in cg.rdf.objects(rdflib.URIRef(iri), RDF.type)})
    return ", ".join(types) or "Entity"


def _experience(cg, iri: str) -> None:
    role, years = cg.projection.experience_of[iri]
    st.subheader(f"{years:g} year{'s' if years != 1 else ''} of experience as {cg.label(role).lower()}")
    st.caption("Experience")
    st.markdown(
        f"Held after working as **{cg.label(role)}** for {years:g} year{'s' if years != 1 else ''}. "
        "Eligibility routes that ask for it may also ask for hours, a time window or supervision: "
        "see the route."
    )


def _table(rows: list[dict]) -> None:
    """A small table as Markdown (no toolbar to cover anything, no widget code to load, whole on a
    phone); every cell escaped."""
    if not rows:
        return
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(plain(r[h]).replace("\n", " ") for h in head) + " |" for r in rows]
    st.markdown("\n".join(lines))


def show_details(cg, iri: str, actions: Callable[[], None] | None = None) -> None:
    """Everything careerpath knows about ``iri``, as a page section; ``actions`` (links, buttons)
    are drawn just under its heading."""
    if iri in cg.projection.experience_of:
        _experience(cg, iri)
        if actions:
            actions()
        return
    info = describe(cg.rdf, iri)
    if not info.types and not info.facts:
        st.warning(f"careerpath knows nothing about {iri[:120]!r}.")
        return
    st.subheader(info.label)
    weight = getattr(info, "weight", None)
    note = f" · {weight.note}" if weight is not None and getattr(weight, "note", None) else ""
    for figure, figure_weight in getattr(info, "figure_weights", {}).items():  # a figure weighed by its own source
        if weight is None or figure_weight.kind != weight.kind:
            note += f" · its {figure} {figure_weight.note}"
    st.caption(f"{kind_name(cg, iri)}{note}")
    if actions:
        actions()
    if info.estimate:
        st.warning("This is careerpath's estimate, not a sourced figure: see the rationale below.")
    _table([{"fact": f.property, "value": f.value} for f in info.facts])
    node = rdflib.URIRef(iri)
    routes = sorted(cg.rdf.subjects(CP.qualifiesFor, node), key=str)
    if routes:  # one block of Markdown: each element costs the page a little to draw
        lines = ["**Eligibility routes** (any one; every condition of a route must hold)", ""]
        superseded = {str(old) for old in cg.rdf.objects(None, CP.supersedes)}
        for route in routes:
            step = cg.projection.steps.get(str(route))
            mark = " · *superseded*" if str(route) in superseded else ""
            money = dollars(step.cost) if step and step.cost is not None else "fee unknown"
            lines.append(f"- **{plain(cg.label(str(route)))}**{mark} ({money})")
            for cond in step.conditions if step else ():
                numbers = []
                if cond.years:
                    numbers.append(f"{cond.years:g} years")
                if cond.hours:
                    numbers.append(f"{cond.hours:,} hours")
                if cond.within_years:
                    numbers.append(f"within {cond.within_years:g} years")
                if cond.within_months:
                    numbers.append(f"within {cond.within_months} months")
                lines.append(f"    - {plain(cond.label)}" + (f" ({', '.join(numbers)})" if numbers else ""))
        st.markdown("\n".join(lines))
    wages = sorted(cg.rdf.subjects(CP.ofOccupation, node), key=str)
    rows = []
    for stat in wages:
        amount = cg.rdf.value(stat, CP.amountUSD)
        if amount is None:
            continue
        setting = cg.rdf.value(stat, CP.inSetting)
        rows.append(
            {
                "statistic": cg.label(str(cg.rdf.value(stat, CP.statisticKind))),
                "per": cg.label(str(cg.rdf.value(stat, CP.payPeriod))),
                "amount": dollars(float(amount)),
                "setting": cg.label(str(setting)) if setting else "all",
                "date": str(cg.rdf.value(stat, CP.referenceDate)),
                "current": not any(True for _ in cg.rdf.subjects(CP.supersedes, stat)),
            }
        )
    if rows:
        st.markdown("**Wages**")
        for row in rows:
            row["current"] = "yes" if row["current"] else "no (superseded)"
        _table(sorted(rows, key=lambda r: (r["date"], r["setting"]), reverse=True))
    for d in cg.disagreements(iri):
        with st.expander(f"Sources disagree: {d['label']}"):
            st.markdown(
                "\n\n".join(
                    ("**current** · " if claim["current"] else "not used · ") + plain(claim["says"])
                    for claim in d["claims"]
                )
            )
            if d["resolution"]:
                st.caption(plain(d["resolution"]))
    if info.sources:
        st.markdown(
            "**Sources** (with the weight of their evidence)\n\n"
            + "\n".join(f"- {_link(r.__dict__)}" for r in info.sources)
        )
    if info.linked_from:
        with st.expander("Linked from"):
            st.markdown("\n".join(f"- {plain(fact.property)}: {plain(fact.value)}" for fact in info.linked_from))
    st.caption(f"Its address in the data: {plain(iri)}")
