"""Plan a route: from what I hold to a target, best by months, cost or steps. Once planned, the
answer comes first: a one-line summary, the form folded under it, then what careerpath assumed,
the best route as a timeline, the routes that trade time for money, the alternatives, and a
printable plan. Opens on the target last explored when the address names none."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import streamlit as st

from careerpath.app import profile_form
from careerpath.app.figures import dollars, dollars_range, month, months_range
from careerpath.app.plan_parts import assumption_text, phone_ready, sit_for_now, state_lines, step_details
from careerpath.app.profile_form import MA_ROLE
from careerpath.app.shared import career_graph, plain, timed
from careerpath.app.timeline import cards_html, figures_html, gantt_html
from careerpath.app.url_params import alternatives_of, find, read_profile, shorten
from careerpath.graph.errors import CareerPathError, NoRouteError, UnknownNameError
from careerpath.graph.presenting.printable import plan_html
from careerpath.graph.presenting.route_view import route_answer
from careerpath.graph.presenting.text import route_markdown

CMA = "https://w3id.org/careerpath/data/cert/cma"
METRICS = ["months", "cost", "steps"]
BEST = {"months": "fastest", "cost": "cheapest", "steps": "fewest steps"}

cg = career_graph()
params = st.query_params

st.title("Plan a route")


holdable, roles = profile_form.holdable(), profile_form.roles()
targets = profile_form.choices("Role", "Certification", "EducationProgram")
known_states = sorted(cg.projection.jurisdictions)
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
explored = st.session_state.get("explored")
to_param = params.get("to") or (explored if explored in targets else None)  # the target just explored
to_text_default = labels.get(to_param, to_param) if to_param else labels[CMA]
for problem in problems:
    st.warning(plain(problem))

summary = st.container()  # the one-line answer, filled in once planned
exp_role_default, exp_years_default = next(iter(url.experience.items()), (MA_ROLE, 0.0))
profile_form.take_pending("plan")


def commit() -> None:
    """ "Plan my route": the form's values go to the address and the form folds away, so the new
    answer comes first (a name typed to add is resolved by the run that follows, the form open)."""
    ss = st.session_state
    if str(ss.get("plan_add", "")).strip():
        return
    years = float(ss.get("plan_exp_years") or 0.0)
    st.query_params.update(
        {
            "have": list(ss.get("plan_have", [])),
            "to": str(ss.get("plan_target", "")),
            "by": ss.get("plan_by", "months"),
            "k": str(ss.get("plan_k", 1)),
            "exp": [f"{ss.get('plan_exp_role', MA_ROLE)}={years:g}"] if years else [],
            "state": ss.get("plan_state") or [],
        }
    )
    ss["plan_change"] = False


# Folded, the form is not drawn (its widgets' code need not load): opening it asks for a run.
form_open = bool(st.session_state.get("plan_change"))
with st.expander(
    "Change what you hold, the target or the ranking", key="plan_change", icon=":material/tune:", on_change="rerun"
):
    if form_open:
        with st.form("plan_form", border=False):
            c1, c2 = st.columns(2)
            with c1:
                have, add_text, exp_role, exp_years = profile_form.profile_widgets(
                    "plan",
                    labels,
                    url.have,
                    exp_role_default,
                    exp_years_default,
                    have_help="Credentials, finished programs, certifications, roles.",
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
            st.form_submit_button("Plan my route", type="primary", on_click=commit)
if not form_open:  # the address holds what the form would show
    have, add_text, exp_role, exp_years = list(url.have), "", exp_role_default, float(exp_years_default)
    target_text, by, state, k = shorten(to_text_default, 120), by_default, url.state, k_default

profile_form.add_by_name("plan", add_text, have)

target, target_problem = find(cg, target_text, targets, "target") if target_text.strip() else (None, None)
if not target_text.strip():
    target_problem = "Choose a target: a role, certification or program."

experience = {exp_role: exp_years} if exp_years else {}
shared = {"have": have, "to": target or target_text, "by": by, "k": str(k)}
shared["exp"] = [f"{exp_role}={exp_years:g}"] if exp_years else []
shared["state"] = state or []
st.query_params.update(shared)

if target_problem:
    st.error(plain(target_problem))
    st.stop()


@st.cache_resource(max_entries=256, show_spinner=False)
def _eligible(have: tuple[str, ...], experience: tuple[tuple[str, float], ...], state: str, today: datetime.date):
    """What one profile can sit for now, and what each certification not yet open still needs
    (about 40 plans, 85% of a plan's run): the same for every target, so a new target, a new
    ranking or a return to a profile finds it done. Read-only, shared between sessions."""
    return cg.eligible(cg.profile(have=have, experience=dict(experience), state=state or None), today=today)


try:
    with timed("plan: plan"):
        profile = cg.profile(have=have, experience=experience, state=state or None)
        routes = cg.plan(profile, target, by=by, k=k)
        answer = route_answer(cg, target, by, profile, routes, tradeoffs=cg.tradeoffs(profile, target, by, routes))
        eligibility = _eligible(tuple(have), tuple(experience.items()), state or "", datetime.date.today())
except NoRouteError as err:
    st.error(
        plain(
            f"No route to {err.target_label} from this profile. It needs: "
            + "; ".join(label for _, label in err.unmet)
            + ", which nothing in the data leads to from here."
        )
    )
    st.stop()
except UnknownNameError as err:
    st.error(plain(f"Couldn't find '{shorten(err.name)}'. Closest: " + ", ".join(label for _, label in err.matches)))
    st.stop()
except CareerPathError as err:
    st.error(plain(str(err)))
    st.stop()

best = routes[0]
target_label = labels.get(target, cg.label(target))
plan = answer.routes[0]

# ------------------------------------------------------------------ the answer first: one line on top
with summary:
    start = answer.profile.text
    if best.steps:
        st.markdown(
            f"**{plain(target_label)}** from {plain(start)}: **{month(plan.elapsed_months)} months** start to end, "
            f"**{dollars(best.cost, 'cost unknown')}**, {len(best.steps)} step{'s' if len(best.steps) != 1 else ''} "
            f"({BEST[by]} route)",
            help="Change what you hold, the target or the ranking below.",
        )
    else:
        st.markdown(f"**{plain(target_label)}** from {plain(start)}: you already hold it.")

with st.container(key="plan_answer"):
    # ------------------------------------------------------------------ what one can already do
    eligible_ids = {e.id for e in eligibility.eligible}
    if target in eligible_ids:
        via = next(e.via[1] for e in eligibility.eligible if e.id == target)
        st.success(f"**You can already sit for {plain(target_label)}**, via {plain(via)}.")
    elif eligibility.eligible:
        st.success(
            "**You can already sit for** "
            + ", ".join(f"**{plain(e.label)}** (via {plain(e.via[1])})" for e in eligibility.eligible)
            + "."
        )
    if not best.steps:
        st.success(f"You already hold {plain(target_label)}.")

    # ------------------------------------------------------------------ what careerpath assumed
    if answer.assumptions:
        st.info(
            "**What careerpath assumed**\n\n" + "\n".join(f"- {plain(assumption_text(a))}" for a in answer.assumptions)
        )
    if answer.caveat:
        st.warning(plain(answer.caveat))
    notes, untouched, lapsed = state_lines(answer.state)
    for line in notes:
        st.info(plain(line))
    if untouched:
        st.caption(plain(f"{state} rules that this route does not touch: " + "; ".join(untouched)))
    if lapsed:
        st.caption(plain(f"{state} rules no longer (or not yet) in force: " + "; ".join(lapsed)))

    # ------------------------------------------------------------------ the best route as a timeline
    if best.steps:
        st.subheader(f"Best route to {target_label}")
        unknown_months, unknown_cost = len(plan.unknown_months), len(plan.unknown_cost)
        figures = [
            ("Months", month(best.months), f"of steps; {months_range(plan.months_range)}"),
            ("Cost", dollars(best.cost, "unknown"), dollars_range(plan.cost_range)),
            ("Steps", str(len(best.steps)), ""),
            ("Start to end", f"{month(plan.elapsed_months)} months", "steps may overlap"),
        ]
        st.markdown(figures_html(figures), unsafe_allow_html=True)  # two by two on a phone
        if unknown_months or unknown_cost:
            st.caption(f"Unknown: duration of {unknown_months} step(s), cost of {unknown_cost}; not in the totals.")
        st.markdown(gantt_html(plan), unsafe_allow_html=True)
        st.markdown(cards_html(plan), unsafe_allow_html=True)
        with st.expander("Each step: what it requires and its sources"):
            st.markdown(step_details(plan))

    # ------------------------------------------------------------------ trade-offs: better on the other measure
    if answer.tradeoffs:
        other = "cost" if by != "cost" else "time"
        st.subheader("Trade-offs")
        st.caption(f"Routes that beat the best route on {other}, and what they give up for it.")
        for trade in answer.tradeoffs:
            route = trade.route
            st.markdown(
                f"**{plain(trade.difference[:1].upper() + trade.difference[1:])}**: {month(route.elapsed_months)} "
                f"months, {dollars(route.cost, 'cost unknown')}, {len(route.steps)} step(s)"
            )
            st.markdown(
                gantt_html(route, route.differs, label=f"the trade-off that {trade.difference}"), unsafe_allow_html=True
            )

    # ------------------------------------------------------------------ alternatives, differences marked
    if len(routes) > 1:
        st.subheader("Alternatives")
        st.caption("Steps the best route does not take are marked ★; totals are compared with the best.")
        for n, (route, alt) in enumerate(zip(routes[1:], answer.routes[1:], strict=True), 1):
            differs = alt.differs
            dm, dc = route.months - best.months, route.cost - best.cost
            st.markdown(
                f"**Alternative {n}**: {month(route.months)} months ({dm:+.3g}), {dollars(route.cost)} "
                f"({'+' if dc >= 0 else '−'}{dollars(abs(dc))}), {len(route.steps)} step(s)"
            )
            st.markdown(gantt_html(alt, differs, label=f"alternative {n}"), unsafe_allow_html=True)

# ------------------------------------------------------------------ printable plan and downloads
link = "/plan?" + urlencode(
    [("have", h) for h in have]
    + [("to", target), ("by", by), ("k", str(k))]
    + ([("exp", f"{exp_role}={exp_years:g}")] if exp_years else [])
    + ([("state", state)] if state else [])
)
base = (st.context.url or "").split("/plan")[0].rstrip("/") if getattr(st.context, "url", None) else ""


def printable() -> str:  # made when the button is clicked, not on every run
    return phone_ready(plan_html(answer, eligibility=eligibility, link=base + link, state_notes=notes))


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
    on_click="ignore",  # a download needs no script run (and a run could drop the file it fetches)
)
d2.download_button(
    "Plan as Markdown",
    markdown,
    file_name="careerpath-plan.md",
    mime="text/markdown",
    key="plan_download",
    on_click="ignore",
)

sit_for_now(eligibility)
