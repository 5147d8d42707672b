"""Where a person stands, as the pages ask for it: the names each control offers, the "what I
hold" and experience widgets that Plan and Where can I go share, and a name typed to add.

A page keeps its own widget keys (``prefix``), so each page's form and address stay its own.
"""

from __future__ import annotations

import streamlit as st

from careerpath.app.shared import career_graph, plain
from careerpath.app.url_params import MAX_YEARS, find
from careerpath.graph.loading.namespaces import CP

#: The experience role a form opens on when the address names none.
MA_ROLE = "https://w3id.org/careerpath/data/role/medical-assistant"


@st.cache_resource  # read-only: shared, not copied on every run as st.cache_data would
def choices(*kinds: str) -> dict[str, str]:
    """Label by IRI of every entity of the careerpath classes named (``"Role"``,
    ``"Credential"``...), sorted by label."""
    cg = career_graph()
    keep = {str(getattr(CP, k)) for k in kinds}
    found = {i: lab for i, lab in cg.names.labels.items() if cg.names.types.get(i, frozenset()) & keep}
    return dict(sorted(found.items(), key=lambda kv: kv[1].lower()))


def holdable() -> dict[str, str]:
    """What a person can say they hold: credentials, finished programs, roles."""
    return choices("Credential", "EducationProgram", "Role")


def roles() -> dict[str, str]:
    return choices("Role")


def take_pending(prefix: str) -> None:
    """A milestone added by name in the last run joins the "what I hold" list, and the name box
    empties (set before the widgets are drawn, as Streamlit asks)."""
    pending = f"{prefix}_have_pending"
    if pending in st.session_state:
        st.session_state[f"{prefix}_have"] = st.session_state.pop(pending)
        st.session_state[f"{prefix}_add"] = ""


def profile_widgets(
    prefix: str,
    labels: dict[str, str],
    have_default: list[str],
    exp_role_default: str,
    exp_years_default: float,
    have_help: str | None = None,
) -> tuple[list[str], str, str, float]:
    """The "what I hold" list, the box to add by name, the experience role and its years, drawn
    in the current column; returns their values."""
    have_keys, role_keys = list(holdable()), list(roles())
    have = st.multiselect(
        "What I hold",
        have_keys,
        default=None if f"{prefix}_have" in st.session_state else have_default,
        format_func=labels.get,
        key=f"{prefix}_have",
        help=have_help,
    )
    add_text = st.text_input(
        "Add what I hold by name or abbreviation",
        key=f"{prefix}_add",
        max_chars=200,
        placeholder="GED, CMA, phlebotomist...",
        help="Ranked as the command line ranks names: exact names and abbreviations first.",
    )
    exp_role = st.selectbox(
        "Experience in a role",
        role_keys,
        format_func=labels.get,
        key=f"{prefix}_exp_role",
        index=role_keys.index(exp_role_default),
    )
    exp_years = st.number_input(
        "Years of experience in that role",
        min_value=0.0,
        max_value=MAX_YEARS,
        step=0.5,
        value=float(exp_years_default),
        key=f"{prefix}_exp_years",
    )
    return have, add_text, exp_role, exp_years


def add_by_name(prefix: str, add_text: str, have: list[str]) -> None:
    """Resolve a name typed to add: a warning when it names nothing (with the closest names), or
    the milestone added to the list and the address, and the page run again."""
    if not add_text.strip():
        return
    added, problem = find(career_graph(), add_text, holdable(), "milestone")
    if problem:
        st.warning(plain(problem))
    elif added not in have:
        st.session_state[f"{prefix}_have_pending"] = [*have, added]
        st.query_params["have"] = [*have, added]
        st.rerun()
