"""The details panel of one entity: facts with units, routes, wages, sources, disagreements."""

from __future__ import annotations

import rdflib
import streamlit as st

from careerpath.graph.describe import describe
from careerpath.graph.namespaces import CP


def _link(ref: dict) -> str:
    extra = ", ".join(x for x in (ref.get("publisher"), ref.get("date"), ref.get("evidence")) if x)
    title = f"[{ref['label']}]({ref['url']})" if ref.get("url") else ref["label"]
    return f"{title} ({extra})" if extra else title


def show_details(cg, iri: str) -> None:
    """Everything careerpath knows about ``iri``, as a page section."""
    info = describe(cg.rdf, iri)
    st.subheader(info.label)
    st.caption(f"{', '.join(info.types)} · `{iri}`")
    if info.estimate:
        st.warning("This is careerpath's estimate, not a sourced figure: see the rationale below.")
    facts = [{"fact": f.property, "value": f.value} for f in info.facts]
    if facts:
        st.dataframe(facts, hide_index=True, width="stretch")
    node = rdflib.URIRef(iri)
    routes = sorted(cg.rdf.subjects(CP.qualifiesFor, node), key=str)
    if routes:
        st.markdown("**Eligibility routes** (any one; every condition of a route must hold)")
        superseded = {str(old) for old in cg.rdf.objects(None, CP.supersedes)}
        for route in routes:
            step = cg.projection.steps.get(str(route))
            mark = " · *superseded*" if str(route) in superseded else ""
            money = f"${step.cost:,.0f}" if step and step.cost is not None else "fee unknown"
            st.markdown(f"- **{cg.label(str(route))}**{mark} ({money})")
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
                st.markdown(f"    - {cond.label}" + (f" ({', '.join(numbers)})" if numbers else ""))
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
                "amount (USD)": float(amount),
                "setting": cg.label(str(setting)) if setting else "all",
                "date": str(cg.rdf.value(stat, CP.referenceDate)),
                "current": not any(True for _ in cg.rdf.subjects(CP.supersedes, stat)),
            }
        )
    if rows:
        st.markdown("**Wages**")
        st.dataframe(
            sorted(rows, key=lambda r: (r["date"], r["setting"]), reverse=True),
            hide_index=True,
            width="stretch",
            column_config={"amount (USD)": st.column_config.NumberColumn(format="$%d")},
        )
    for d in cg.disagreements(iri):
        with st.expander(f"Sources disagree: {d['label']}"):
            for claim in d["claims"]:
                st.markdown(("**current** · " if claim["current"] else "not used · ") + claim["says"])
            if d["resolution"]:
                st.caption(d["resolution"])
    if info.sources:
        st.markdown("**Sources**")
        for ref in info.sources:
            st.markdown(f"- {_link(ref.__dict__)}")
    if info.linked_from:
        with st.expander("Linked from"):
            for fact in info.linked_from:
                st.markdown(f"- {fact.property}: {fact.value}")
