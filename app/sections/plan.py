"""Plan a route: from what I hold to a target, best by months, cost or steps, drawn as a
timeline; alternatives beside it; a printable plan."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from careerpath.app.shared import career_graph, timed
from careerpath.app.timeline import cards_html, gantt_html
from careerpath.app.url_params import MAX_YEARS, alternatives_of, find, read_profile, shorten
from careerpath.graph.errors import CareerPathError, NoRouteError, UnknownNameError
from careerpath.graph.loading.namespaces import CP
from careerpath.graph.planning import state_rules
from careerpath.graph.presenting.formats import money, range_text
from careerpath.graph.presenting.printable import plan_html
from careerpath.graph.presenting.route_view import route_answer
from careerpath.graph.presenting.text import route_markdown

MA_ROLE = "https://w3id.org/careerpath/data/role/medical-assistant"
CMA = "https://w3id.org/careerpath/data/cert/cma"
METRICS = ["months", "cost", "steps"]

cg = career_graph()
params = st.query_params

st.title("Plan a route")
st.caption("Tell careerpath what you hold; it finds the fastest, cheapest or shortest honest route to a target.")


@st.cache_resource  # read-only: shared, not copied on every run as st.cache_data would
def _choices() -> tuple[dict[str, str], dict[str, str], dict[str, str], list[str]]:
    def of(*classes) -> dict[str, str]:
        keep = {str(c) for c in classes}
        found = {i: lab for i, lab in cg.names.labels.items() if cg.names.types.get(i, frozenset()) & keep}
        return dict(sorted(found.items(), key=lambda kv: kv[1].lower()))

    return (
        of(CP.Credential, CP.EducationProgram, CP.Role),
        of(CP.Role),
        of(CP.Role, CP.Certification, CP.EducationProgram),
        sorted(cg.projection.jurisdictions),
    )


holdable, roles, targets, known_states = _choices()
labels = {**holdable, **roles, **targets}

# ------------------------------------------------------------------ the URL (a plan can be shared)
url = read_profile(
    cg, params.get_all("have"), params.get_all("exp"), params.get("state"), holdable, roles, known_states
)
problems = list(url.problems)
k_default, note = alternatives_of(params.get("k"))
if note:
    problems.append(note)
by_default = params.get("by", "months")
if by_default not in METRICS:
    problems.append(f"'{shorten(by_default)}' is not a way to rank routes (months, cost or steps); using months.")
    by_default = "months"
to_param = params.get("to")
to_text_default = labels.get(to_param, to_param) if to_param else labels[CMA]
for problem in problems:
    st.warning(problem)

exp_role_default, exp_years_default = next(iter(url.experience.items()), (MA_ROLE, 0.0))
if "plan_have_pending" in st.session_state:  # a milestone added by name in the last run joins the list
    st.session_state["plan_have"] = st.session_state.pop("plan_have_pending")
    st.session_state["plan_add"] = ""
with st.form("plan_form", border=True):
    c1, c2 = st.columns(2)
    with c1:
        have = st.multiselect(
            "What I hold",
            list(holdable),
            default=None if "plan_have" in st.session_state else url.have,
            format_func=labels.get,
            key="plan_have",
            help="Credentials, finished programs, certifications, roles.",
        )
        add_text = st.text_input(
            "Add what I hold by name or abbreviation",
            key="plan_add",
            max_chars=200,
            placeholder="GED, CMA, phlebotomist...",
            help="Ranked as the command line ranks names: exact names and abbreviations first.",
        )
        exp_role = st.selectbox(
            "Experience in a role",
            list(roles),
            format_func=labels.get,
            key="plan_exp_role",
            index=list(roles).index(exp_role_default),
        )
        exp_years = st.number_input(
            "Years of experience in that role",
            min_value=0.0,
            max_value=MAX_YEARS,
            step=0.5,
            value=float(exp_years_default),
            key="plan_exp_years",
        )
    with c2:
        target_text = st.text_input(
            "Target",
            value=shorten(to_text_default, 120),
            key="plan_target",
            max_chars=200,
            help="A role, certification or program: its name or abbreviation (CMA, RMA, phlebotomist...).",
        )
        by = st.radio("Best by", METRICS, horizontal=True, key="plan_by", index=METRICS.index(by_default))
        states = ["", *known_states]
        state = st.selectbox(
            "State (its rules join the route)",
            states,
            key="plan_state",
            index=states.index(url.state) if url.state in states else 0,
            format_func=lambda c: c or "no state",
        )
        k = st.slider("Alternatives", 1, 5, value=k_default, key="plan_k")
    st.form_submit_button("Plan my route", type="primary")

if add_text.strip():
    added, add_problem = find(cg, add_text, holdable, "milestone")
    if add_problem:
        st.warning(add_problem)
    elif added not in have:
        st.session_state["plan_have_pending"] = [*have, added]
        st.query_params["have"] = [*have, added]
        st.rerun()

target, target_problem = find(cg, target_text, targets, "target") if target_text.strip() else (None, None)
if not target_text.strip():
    target_problem = "Choose a target: a role, certification or program."

experience = {exp_role: exp_years} if exp_years else {}
shared = {"have": have, "to": target or target_text, "by": by, "k": str(k)}
shared["exp"] = [f"{exp_role}={exp_years:g}"] if exp_years else []
shared["state"] = state or []
st.query_params.update(shared)

if target_problem:
    st.error(target_problem)
    st.stop()

try:
    with timed("plan: plan"):
        profile = cg.profile(have=have, experience=experience, state=state or None)
        routes = cg.plan(profile, target, by=by, k=k)
        answer = route_answer(cg, target, by, profile, routes)
        eligibility = cg.eligible(profile)
except NoRouteError as err:
    st.error(
        f"No route to {err.target_label} from this profile. It needs: "
        + "; ".join(label for _, label in err.unmet)
        + ", which nothing in the data leads to from here."
    )
    st.stop()
except UnknownNameError as err:
    st.error(f"Couldn't find '{shorten(err.name)}'. Closest: " + ", ".join(label for _, label in err.matches))
    st.stop()
except CareerPathError as err:
    st.error(str(err))
    st.stop()

best = routes[0]
target_label = labels.get(target, cg.label(target))

# ------------------------------------------------------------------ what one can already do
eligible_ids = {e.id for e in eligibility.eligible}
if target in eligible_ids:
    via = next(e.via[1] for e in eligibility.eligible if e.id == target)
    st.success(f"**You can already sit for {target_label}**, via {via}.")
elif eligibility.eligible:
    st.success(
        "**You can already sit for** "
        + ", ".join(f"**{e.label}** (via {e.via[1]})" for e in eligibility.eligible)
        + "."
    )
if not best.steps:
    st.success(f"You already hold {target_label}.")

# ------------------------------------------------------------------ state rules, only as they touch this route
state_notes: list[str] = []
if state:

    def meets(held: str, milestone: str) -> bool:  # held is milestone, or counts as it (a member of its group)
        seen, todo = {held}, [held]
        while todo:
            m = todo.pop()
            if m == milestone:
                return True
            for group in cg.projection.counts_as.get(m, ()):
                if group not in seen:
                    seen.add(group)
                    todo.append(group)
        return False

    untouched = []
    in_force = state_rules(cg.projection, state, profile.as_of)
    lapsed = [r.label for r in state_rules(cg.projection, state, every=True) if r not in in_force]
    if lapsed:
        st.caption(f"{state} rules no longer (or not yet) in force: " + "; ".join(lapsed))
    for rule in in_force:
        by_route = [s.achieves[0] for s in best.steps if meets(s.achieves[0], rule.milestone)]
        held = [m for m in profile.have if meets(m, rule.milestone)]
        if by_route:
            state_notes.append(f"{rule.label}: this route includes {cg.label(by_route[0])}.")
        elif held:
            state_notes.append(f"{rule.label}: you hold {cg.label(held[0])}.")
        else:
            untouched.append(rule.label)
    for note in state_notes:
        st.info(note)
    if untouched:
        st.caption(f"{state} rules that this route does not touch: " + "; ".join(untouched))

# ------------------------------------------------------------------ the best route as a timeline
if best.steps:
    plan = answer.routes[0]
    st.subheader(f"Best route to {target_label}")
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Months", f"{best.months:g}", help=f"Range: {range_text(plan.months_range, 'months')}")
    m2.metric("Cost", money(best.cost), help=f"Range: {range_text(plan.cost_range, 'cost')}")
    m3.metric("Steps", len(best.steps))
    m4.metric("Start to end", f"{plan.elapsed_months:g} months")
    unknown_months, unknown_cost = len(plan.unknown_months), len(plan.unknown_cost)
    st.caption(
        f"Ranges: {range_text(plan.months_range, 'months')}, {range_text(plan.cost_range, 'cost')}."
        + (
            f" Unknown: duration of {unknown_months} step(s), cost of {unknown_cost}; not in the totals."
            if unknown_months or unknown_cost
            else ""
        )
    )
    st.markdown(gantt_html(plan), unsafe_allow_html=True)
    st.markdown(cards_html(plan), unsafe_allow_html=True)
    with st.expander("Each step: what it requires and its sources"):
        blocks = []  # one element for all steps: fewer elements, a faster page
        for step in plan.steps:
            lines = [f"**{step.number}. {step.label}**" + (" :orange-badge[estimate]" if step.estimate else "")]
            if step.requires:
                lines.append(":gray[Requires: " + "; ".join(r.label for r in step.requires) + "]")
            refs = step.sources
            if refs:
                lines.append(
                    ":gray[Sources: "
                    + "; ".join(f"[{r['label']}]({r['url']})" if r["url"] else r["label"] for r in refs)
                    + "]"
                )
            blocks.append("  \n".join(lines))
        st.markdown("\n\n".join(blocks))

# ------------------------------------------------------------------ alternatives beside it, differences marked
if len(routes) > 1:
    st.subheader("Alternatives")
    st.caption("Steps the best route does not take are outlined and marked ★; totals are compared with the best.")
    columns = st.columns(len(routes) - 1)
    for n, (route, column, alt) in enumerate(zip(routes[1:], columns, answer.routes[1:], strict=True), 1):
        differs = alt.differs
        with column:
            dm, dc = route.months - best.months, route.cost - best.cost
            st.markdown(
                f"**Alternative {n}**: {route.months:g} months ({dm:+g}), {money(route.cost)} "
                f"({'+' if dc >= 0 else '-'}{money(abs(dc))}), {len(route.steps)} step(s)"
            )
            st.markdown(gantt_html(alt, differs), unsafe_allow_html=True)
            lines = []
            for s in alt.steps:
                mark = "★ " if s.id in differs else ""
                badge = " :orange-badge[estimate]" if s.estimate else ""
                text = f"{mark}{s.number}. {s.label}"
                lines.append(f"{':orange[**' + text + '**]' if mark else text}{badge}")
            st.markdown("\n\n".join(lines))

# ------------------------------------------------------------------ printable plan and downloads
link = "/plan?" + urlencode(
    [("have", h) for h in have]
    + [("to", target), ("by", by), ("k", str(k))]
    + ([("exp", f"{exp_role}={exp_years:g}")] if exp_years else [])
    + ([("state", state)] if state else [])
)
base = (st.context.url or "").split("/plan")[0].rstrip("/") if getattr(st.context, "url", None) else ""


def printable() -> str:  # made when the button is clicked, not on every run
    notes = state_notes
    return plan_html(answer, eligibility=eligibility, link=base + link, state_notes=notes)


def markdown() -> str:
    return route_markdown(answer)


d1, d2 = st.columns(2)
d1.download_button(
    "Printable plan (HTML, one page)",
    printable,
    file_name="careerpath-plan.html",
    mime="text/html",
    key="plan_download_html",
    type="primary",
)
d2.download_button(
    "Plan as Markdown",
    markdown,
    file_name="careerpath-plan.md",
    mime="text/markdown",
    key="plan_download",
)

st.subheader("What can I sit for now?")
if eligibility.eligible:
    st.markdown("\n".join(f"- :material/check_circle: **{e.label}**, via {e.via[1]}" for e in eligibility.eligible))
else:
    st.markdown("Nothing yet, with this profile.")
with st.expander("Not yet, and what each still needs"):
    st.markdown(
        "\n".join(
            f"- **{n.label}**: closest is {n.via[1]}, which still needs " + "; ".join(lab for _, lab in n.missing)
            for n in eligibility.not_yet
        )
    )
