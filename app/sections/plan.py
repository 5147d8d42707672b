"""Plan a route: from what I hold to a target, best by months, cost or steps."""

from __future__ import annotations

import streamlit as st

from careerpath.app.shared import career_graph, draw, full_view, legend, timed
from careerpath.graph.errors import CareerPathError, NoRouteError, UnknownNameError
from careerpath.graph.namespaces import CP
from careerpath.graph.report import money, months, route_markdown

cg = career_graph()
params = st.query_params

st.title("Plan a route")
st.caption("Tell careerpath what you hold; it finds the fastest, cheapest or shortest honest route to a target.")


def _options(*classes) -> dict[str, str]:
    keep = {str(c) for c in classes}
    out = {iri: label for iri, label in cg.names.labels.items() if cg.names.types.get(iri, frozenset()) & keep}
    return dict(sorted(out.items(), key=lambda kv: kv[1].lower()))


holdable = _options(CP.Credential, CP.EducationProgram, CP.Role)
roles = _options(CP.Role)
targets = _options(CP.Role, CP.Certification, CP.EducationProgram)
labels = {**holdable, **roles, **targets}

# state from the URL, so a plan can be shared
have_default = [m for m in params.get_all("have") if m in holdable]
exp_default = {}
for item in params.get_all("exp"):
    role, _, years = item.rpartition("=")
    try:
        if role in roles:
            exp_default[role] = float(years)
    except ValueError:
        pass
to_default = params.get("to")
if to_default and to_default not in targets:
    try:
        to_default = cg.resolve(to_default)
    except CareerPathError:
        to_default = None
to_default = to_default or "https://w3id.org/careerpath/data/cert/cma"

with st.form("plan_form", border=True):
    c1, c2 = st.columns(2)
    with c1:
        have = st.multiselect(
            "What I hold",
            list(holdable),
            default=have_default,
            format_func=labels.get,
            key="plan_have",
            help="Credentials, finished programs, certifications, roles.",
        )
        exp_role = st.selectbox(
            "Experience in a role",
            list(roles),
            format_func=labels.get,
            key="plan_exp_role",
            index=list(roles).index(next(iter(exp_default), "https://w3id.org/careerpath/data/role/medical-assistant")),
        )
        exp_years = st.number_input(
            "Years of experience in that role",
            min_value=0.0,
            max_value=60.0,
            step=0.5,
            value=float(next(iter(exp_default.values()), 0.0)),
            key="plan_exp_years",
        )
    with c2:
        target = st.selectbox(
            "Target",
            list(targets),
            index=list(targets).index(to_default) if to_default in targets else 0,
            format_func=labels.get,
            key="plan_target",
        )
        by = st.radio(
            "Best by",
            ["months", "cost", "steps"],
            horizontal=True,
            key="plan_by",
            index=["months", "cost", "steps"].index(params.get("by", "months"))
            if params.get("by", "months") in ("months", "cost", "steps")
            else 0,
        )
        states = ["", *sorted(cg.projection.jurisdictions)]
        state = st.selectbox(
            "State (its rules join the route)",
            states,
            key="plan_state",
            index=states.index(params.get("state", "")) if params.get("state", "") in states else 0,
            format_func=lambda c: c or "no state",
        )
        k = st.slider(
            "Alternatives",
            1,
            5,
            value=min(5, max(1, int(params.get("k", 1)) if str(params.get("k", "1")).isdigit() else 1)),
            key="plan_k",
        )
    st.form_submit_button("Plan my route", type="primary")

st.query_params.update(
    {"have": have, "to": target, "by": by, "k": str(k), "exp": [f"{exp_role}={exp_years:g}"] if exp_years else []}
)

experience = {exp_role: exp_years} if exp_years else {}
try:
    with timed("plan: plan"):
        profile = cg.profile(have=have, experience=experience, state=state or None)
        routes = cg.plan(profile, target, by=by, k=k)
        eligibility = cg.eligible(profile)
except NoRouteError as err:
    st.error(
        f"No route to {err.target_label} from this profile. It needs: "
        + "; ".join(label for _, label in err.unmet)
        + ", which nothing in the data leads to from here."
    )
    st.stop()
except UnknownNameError as err:
    st.error(f"Unknown name {err.name!r}. Closest: " + ", ".join(label for _, label in err.matches))
    st.stop()
except CareerPathError as err:
    st.error(str(err))
    st.stop()

best = routes[0]
if state:
    from careerpath.graph.planner import state_rules

    for rule in state_rules(cg.projection, state):
        st.info(f"{rule.label}: the route includes {cg.label(rule.milestone)}.")
if not best.steps:
    st.success(f"You already hold {labels.get(target, cg.label(target))}.")

# the best route on the graph, everything else dimmed
on_route = {s.achieves[0] for s in best.steps} | {r for s in best.steps for r, _ in s.requires} | set(have)
view = full_view(tuple(sorted(["education", "program", "certification", "role", "advancement", "adjacent"])))
with st.expander("The best route on the graph", expanded=True):
    legend(["education", "program", "certification", "role", "advancement"])
    draw(view, key="plan_graph", highlight=on_route, height=420)

st.subheader("Routes")
columns = st.columns(len(routes))
for n, (route, column) in enumerate(zip(routes, columns, strict=True), 1):
    with column:
        st.markdown(f"#### {'Best route' if n == 1 else f'Alternative {n - 1}'}")
        m1, m2, m3 = st.columns(3)
        m1.metric("Months", f"{route.months:g}")
        m2.metric("Cost", money(route.cost))
        m3.metric("Steps", len(route.steps))
        if route.unknown_months or route.unknown_cost:
            st.caption(
                f"Unknown: duration of {len(route.unknown_months)} step(s), cost of {len(route.unknown_cost)}; "
                "counted as 0 in the totals."
            )
        for i, step in enumerate(route.steps, 1):
            badge = " :orange-badge[estimate]" if step.estimate else ""
            st.markdown(f"**{i}. {step.label}**{badge}  \n{months(step.months)} · {money(step.cost)}")
            if step.requires:
                st.caption("Requires: " + "; ".join(label for _, label in step.requires))
            refs = cg.source_refs(step.sources)
            if refs:
                st.caption(
                    "Sources: " + "; ".join(f"[{r['label']}]({r['url']})" if r["url"] else r["label"] for r in refs)
                )

st.download_button(
    "Download this plan (Markdown)",
    route_markdown(cg, target, by, profile, routes),
    file_name="careerpath-plan.md",
    mime="text/markdown",
    key="plan_download",
)

st.subheader("What can I sit for now?")
if eligibility.eligible:
    for e in eligibility.eligible:
        st.markdown(f"- :material/check_circle: **{e.label}**, via {e.via[1]}")
else:
    st.markdown("Nothing yet, with this profile.")
with st.expander("Not yet, and what each still needs"):
    for n in eligibility.not_yet:
        st.markdown(
            f"- **{n.label}**: closest is {n.via[1]}, which still needs " + "; ".join(lab for _, lab in n.missing)
        )
