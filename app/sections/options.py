"""Where can I go from here? Every role and certification a profile can reach, with time,
cost, wages and outlook, sortable, each row opening its plan."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from careerpath.app.figures import dollars
from careerpath.app.options_table import options_html
from careerpath.app.shared import career_graph, plain, timed
from careerpath.app.url_params import MAX_YEARS, find, read_profile, shorten
from careerpath.graph.errors import CareerPathError
from careerpath.graph.loading.namespaces import CP
from careerpath.graph.planning.options import SORT_KEYS, options, sort_options

MA_ROLE = "https://w3id.org/careerpath/data/role/medical-assistant"
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


@st.cache_resource  # read-only: shared, not copied on every run as st.cache_data would
def _choices() -> tuple[dict[str, str], dict[str, str], list[str]]:
    def of(*classes) -> dict[str, str]:
        keep = {str(c) for c in classes}
        found = {i: lab for i, lab in cg.names.labels.items() if cg.names.types.get(i, frozenset()) & keep}
        return dict(sorted(found.items(), key=lambda kv: kv[1].lower()))

    return of(CP.Credential, CP.EducationProgram, CP.Role), of(CP.Role), sorted(cg.projection.jurisdictions)


holdable, roles, known_states = _choices()
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
if "options_have_pending" in st.session_state:  # a milestone added by name in the last run joins the list
    st.session_state["options_have"] = st.session_state.pop("options_have_pending")
    st.session_state["options_add"] = ""


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
                have = st.multiselect(
                    "What I hold",
                    list(holdable),
                    default=None if "options_have" in st.session_state else url.have,
                    format_func=labels.get,
                    key="options_have",
                )
                add_text = st.text_input(
                    "Add what I hold by name or abbreviation",
                    key="options_add",
                    max_chars=200,
                    placeholder="GED, CMA, phlebotomist...",
                    help="Ranked as the command line ranks names: exact names and abbreviations first.",
                )
                exp_role = st.selectbox(
                    "Experience in a role",
                    list(roles),
                    format_func=labels.get,
                    key="options_exp_role",
                    index=list(roles).index(exp_role_default),
                )
                exp_years = st.number_input(
                    "Years of experience in that role",
                    min_value=0.0,
                    max_value=MAX_YEARS,
                    step=0.5,
                    value=float(exp_years_default),
                    key="options_exp_years",
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

if add_text.strip():
    added, add_problem = find(cg, add_text, holdable, "milestone")
    if add_problem:
        st.warning(plain(add_problem))
    elif added not in have:
        st.session_state["options_have_pending"] = [*have, added]
        st.query_params["have"] = [*have, added]
        st.rerun()

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


def plan_link(target: str) -> str:
    """The target's plan, with this profile (relative, so it works under any base path)."""
    pairs = [("have", h) for h in have] + [("to", target), ("by", by)]
    if exp_years:
        pairs.append(("exp", f"{exp_role}={exp_years:g}"))
    if state:
        pairs.append(("state", state))
    return "plan?" + urlencode(pairs)


with st.container(key="options_answer"):
    h, s = st.columns([3, 2], vertical_alignment="bottom")
    h.subheader(f"{len(found.options)} role(s) and certification(s) within reach")
    if "options_sort" not in st.session_state:
        st.session_state["options_sort"] = sort_default
    sort = s.selectbox("Sort", list(SORTS), format_func=SORTS.get, key="options_sort")
    st.html(options_html(sort_options(found.options, sort), plan_link, sort))
    st.caption(
        "Time and cost: the best route's typical total, its range below. Wages and outlook are the occupation's "
        "own current figures (BLS); a certification or a specialised role has none of its own, so those cells are "
        "empty rather than borrowed, as are a time or cost when a step's figure is unknown."
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
        "sort": sort,
    }
)
