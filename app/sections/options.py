"""Where can I go from here? Every role and certification a profile can reach, with time,
cost, wages and outlook, sortable, each row opening its plan."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from careerpath.app.shared import career_graph, timed
from careerpath.app.url_params import MAX_YEARS, find, read_profile, shorten
from careerpath.graph.errors import CareerPathError
from careerpath.graph.loading.namespaces import CP
from careerpath.graph.planning.options import SORT_KEYS, options, sort_options
from careerpath.graph.presenting.formats import money, range_text

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
    "route to each, its median wage, growth and openings. Open a row's plan to see the route."
)


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
    st.warning(problem)

exp_role_default, exp_years_default = next(iter(url.experience.items()), (MA_ROLE, 0.0))
if "options_have_pending" in st.session_state:  # a milestone added by name in the last run joins the list
    st.session_state["options_have"] = st.session_state.pop("options_have_pending")
    st.session_state["options_add"] = ""
with st.form("options_form", border=True):
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
            "Each target's best route by", METRICS, horizontal=True, index=METRICS.index(by_default), key="options_by"
        )
        sort = st.selectbox(
            "Sort", list(SORTS), index=list(SORTS).index(sort_default), format_func=SORTS.get, key="options_sort"
        )
    st.form_submit_button("Show where I can go", type="primary")

if add_text.strip():
    added, add_problem = find(cg, add_text, holdable, "milestone")
    if add_problem:
        st.warning(add_problem)
    elif added not in have:
        st.session_state["options_have_pending"] = [*have, added]
        st.query_params["have"] = [*have, added]
        st.rerun()

experience = {exp_role: exp_years} if exp_years else {}
st.query_params.update(
    {
        "have": have,
        "exp": [f"{exp_role}={exp_years:g}"] if exp_years else [],
        "state": state or [],
        "by": by,
        "sort": sort,
    }
)


@st.cache_data(max_entries=256, show_spinner=False)
def _reachable(have: tuple[str, ...], experience: tuple[tuple[str, float], ...], state: str, by: str):
    """One profile's options (about 40 plans), kept so that re-sorting or coming back is instant."""
    profile = cg.profile(have=have, experience=dict(experience), state=state or None)
    return options(cg, profile, by=by)


try:
    with timed("options: compute"):
        found = _reachable(tuple(have), tuple(experience.items()), state, by)
except CareerPathError as err:
    st.error(str(err))
    st.stop()

current = found.current_role
if current is not None:
    wage = f"{money(current.median_wage)} a year" if current.median_wage is not None else "median wage unknown"
    st.markdown(f"Your current role: **{current.label}** ({wage}). *Wage change* compares with it.")
else:
    st.markdown("No current role in this profile: add years of experience in a role to see the wage change.")


def plan_link(target: str) -> str:
    pairs = [("have", h) for h in have] + [("to", target), ("by", by)]
    if exp_years:
        pairs.append(("exp", f"{exp_role}={exp_years:g}"))
    if state:
        pairs.append(("state", state))
    return "/plan?" + urlencode(pairs)


TYPICAL = "Typical total of the best route; empty when a step's figure is unknown"
rows = []
for o in sort_options(found.options, sort):
    m = o.market
    months_text = range_text(o.months_range, "months")
    if o.unknown_months:
        months_text += f" + {o.unknown_months} unknown"
    cost_text = range_text(o.cost_range, "cost")
    if o.unknown_cost:
        cost_text += f" + {o.unknown_cost} unknown"
    rows.append(
        {
            "target": o.label,
            "plan": plan_link(o.id),
            "kind": o.kind,
            "months": o.months if not o.unknown_months else None,
            "months (range)": months_text,
            "cost": o.cost if not o.unknown_cost else None,
            "cost (range)": cost_text,
            "steps": o.steps,
            "median wage": m.median_wage,
            "wage change": o.wage_change,
            "growth %": m.growth_percent,
            "openings a year": m.openings_per_year,
            "figures": f"wage {m.wage_date}, outlook {m.growth_period}"
            if m.wage_date and m.growth_period
            else (f"wage {m.wage_date}" if m.wage_date else (f"outlook {m.growth_period}" if m.growth_period else "")),
        }
    )
st.subheader(f"{len(rows)} role(s) and certification(s) within reach")
st.dataframe(
    rows,
    hide_index=True,
    width="stretch",
    key="options_table",
    column_config={
        "months": st.column_config.NumberColumn(
            "months", format="%.1f", help="Typical total; unknown when a step's is"
        ),
        "cost": st.column_config.NumberColumn("cost", format="$%.0f", help="Typical total; unknown when a step's is"),
        "median wage": st.column_config.NumberColumn("median wage", format="dollar", help="US, a year (BLS)"),
        "wage change": st.column_config.NumberColumn("wage change", format="dollar", help="Over your current role"),
        "growth %": st.column_config.NumberColumn("growth %", format="%.0f%%"),
        "openings a year": st.column_config.NumberColumn("openings a year", format="localized"),
        "plan": st.column_config.LinkColumn("plan", display_text="open plan"),
    },
)
st.caption(
    "Wages and outlook are the occupation's own current figures (BLS); a certification or a specialised role "
    "has none of its own, so those cells are empty rather than borrowed. Empty months or cost: a step's figure "
    "is unknown (see the range column). Click a column heading to sort by it."
)
if found.held:
    st.markdown("**Already held:** " + ", ".join(label for _, label in found.held))
if found.unreachable:
    st.markdown("**No route from here in the data:** " + ", ".join(label for _, label in found.unreachable))
