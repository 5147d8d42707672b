"""Where can I go from here? Every role and certification a profile can reach, with time,
cost, wages and outlook, sortable, each row opening its plan."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from careerpath.app import profile_form
from careerpath.app.figures import dollars
from careerpath.app.options_table import options_html, reorder_script
from careerpath.app.plan_parts import assumption_text
from careerpath.app.profile_form import MA_ROLE
from careerpath.app.shared import career_graph, plain, timed
from careerpath.app.url_params import read_profile, shorten
from careerpath.graph.errors import CareerPathError
from careerpath.graph.planning.options import SORT_KEYS, options, sort_options
from careerpath.graph.presenting.formats import profile_assumptions

METRICS = ["months", "cost", "steps"]
SORTS = {
    "months": "fastest first",
    "cost": "cheapest first",
    "wage": "highest median wage first",
    "wage_change": "largest wage gain first",
    "growth": "fastest growth first",
    "openings": "most openings first",
    "label": "by name",
}
assert set(SORTS) <= set(SORT_KEYS)

cg = career_graph()
params = st.query_params

st.title("Where can I go from here?")
st.caption(
    "Every role and certification you can reach from where you stand, with the time and money of the best "
    "route to each, its median wage, growth and openings. A target's name opens its plan."
)
summary = st.container()  # where you stand, in one line (filled once the form is read)


holdable, roles, known_states = profile_form.holdable(), profile_form.roles(), sorted(cg.projection.jurisdictions)
labels = {**holdable, **roles}
url = read_profile(
    cg, params.get_all("have"), params.get_all("exp"), params.get("state"), holdable, roles, known_states
)
problems = list(url.problems)
by_default = params.get("by", "months")
if by_default not in METRICS:
    problems.append(f"'{shorten(by_default)}' is not a way to rank routes (months, cost or steps); using months.")
    by_default = "months"
sort_default = params.get("sort", by_default)
if sort_default not in SORTS:
    problems.append(f"'{shorten(sort_default)}' is not a way to sort; sorting fastest first.")
    sort_default = "months"
for problem in problems:
    st.warning(plain(problem))

exp_role_default, exp_years_default = next(iter(url.experience.items()), (MA_ROLE, 0.0))
profile_form.take_pending("options")


def commit() -> None:
    """ "Show where I can go": the form's values go to the address and the form folds away, so the
    table comes first (a name typed to add is resolved by the run that follows, the form open)."""
    ss = st.session_state
    if str(ss.get("options_add", "")).strip():
        return
    years = float(ss.get("options_exp_years") or 0.0)
    st.query_params.update(
        {
            "have": list(ss.get("options_have", [])),
            "by": ss.get("options_by", "months"),
            "exp": [f"{ss.get('options_exp_role', MA_ROLE)}={years:g}"] if years else [],
            "state": ss.get("options_state") or [],
        }
    )
    ss["options_change"] = False


# Folded, the form is not drawn (its widgets' code need not load): opening it asks for a run.
form_open = bool(st.session_state.get("options_change"))
with st.expander(
    "Change what you hold, your experience or your state",
    key="options_change",
    icon=":material/tune:",
    on_change="rerun",
):
    if form_open:
        with st.form("options_form", border=False):
            c1, c2 = st.columns(2)
            with c1:
                have, add_text, exp_role, exp_years = profile_form.profile_widgets(
                    "options", labels, url.have, exp_role_default, exp_years_default
                )
            with c2:
                states = ["", *known_states]
                state = st.selectbox(
                    "State (its rules join the routes)",
                    states,
                    index=states.index(url.state) if url.state in states else 0,
                    format_func=lambda c: c or "no state",
                    key="options_state",
                )
                by = st.radio(
                    "Each target's best route by",
                    METRICS,
                    horizontal=True,
                    index=METRICS.index(by_default),
                    key="options_by",
                )
            st.form_submit_button("Show where I can go", type="primary", on_click=commit)
if not form_open:  # the address holds what the form would show
    have, add_text, exp_role, exp_years = list(url.have), "", exp_role_default, float(exp_years_default)
    state, by = url.state, by_default

profile_form.add_by_name("options", add_text, have)

experience = {exp_role: exp_years} if exp_years else {}


@st.cache_data(max_entries=256, show_spinner=False)
def _reachable(have: tuple[str, ...], experience: tuple[tuple[str, float], ...], state: str, by: str):
    """One profile's options (about 40 plans), kept so that re-sorting or coming back is instant."""
    profile = cg.profile(have=have, experience=dict(experience), state=state or None)
    return options(cg, profile, by=by)


try:
    with timed("options: compute"):
        found = _reachable(tuple(have), tuple(experience.items()), state, by)
except CareerPathError as err:
    st.error(plain(str(err)))
    st.stop()

current = found.current_role
held_text = ", ".join(labels.get(h, h) for h in have) or "nothing yet"
with summary:
    if current is not None:
        wage = f"{dollars(current.median_wage)} a year" if current.median_wage is not None else "median wage unknown"
        st.markdown(
            f"From **{plain(held_text)}**, working as **{plain(current.label)}** ({wage}; *wage change* compares "
            "with it)."
        )
    else:
        st.markdown(f"From **{plain(held_text)}**. Add years of experience in a role (below) to see the wage change.")
    # every target's months count from what careerpath assumed (an equivalency test first), as a plan says
    assumed = profile_assumptions(cg.projection, cg.profile(have=have, state=state or None), cg.label)
    if assumed:
        st.info("**What careerpath assumed**\n\n" + "\n".join(f"- {plain(assumption_text(a))}" for a in assumed))


def plan_link(target: str) -> str:
    """The target's plan, with this profile (relative, so it works under any base path)."""
    pairs = [("have", h) for h in have] + [("to", target), ("by", by)]
    if exp_years:
        pairs.append(("exp", f"{exp_role}={exp_years:g}"))
    if state:
        pairs.append(("state", state))
    return "plan?" + urlencode(pairs)


@st.fragment
def sort_control(found, sort_default: str) -> None:
    """The heading and the sort: a new sort reruns this part alone (its own run, not the page's),
    writes itself to the address, and moves the rows the browser already holds into the new order
    (a script of a few hundred bytes; the table itself is neither sent nor drawn again)."""
    with st.container(key="options_answer"):
        h, s = st.columns([3, 2], vertical_alignment="bottom")
        h.subheader(f"{len(found.options)} role(s) and certification(s) within reach")
        if "options_sort" not in st.session_state:
            st.session_state["options_sort"] = sort_default
        sort = s.selectbox("Sort", list(SORTS), format_func=SORTS.get, key="options_sort")
        # runs in the browser when the sort changes; it leaves a table already in this order alone
        st.html(reorder_script(sort_options(found.options, sort), found.options, sort), unsafe_allow_javascript=True)
    if st.query_params.get("sort") != sort:
        st.query_params["sort"] = sort


sort_control(found, sort_default)
sort = st.session_state["options_sort"]
# The table stands outside the fragment: a new sort does not send it again (see sort_control).
st.html(options_html(sort_options(found.options, sort), plan_link, sort, found.options))
st.caption(
    "Time and cost: the best route's typical total, its range below. Wages and outlook are the occupation's "
    "own current figures (BLS); a certification or a specialised role has none of its own, so those cells "
    "are empty rather than borrowed, as are a time or cost when a step's figure is unknown."
)
if found.held:
    st.markdown("**Already held:** " + ", ".join(plain(label) for _, label in found.held))
if found.unreachable:
    st.markdown("**No route from here in the data:** " + ", ".join(plain(label) for _, label in found.unreachable))
st.query_params.update(
    {
        "have": have,
        "exp": [f"{exp_role}={exp_years:g}"] if exp_years else [],
        "state": state or [],
        "by": by,
    }
)
