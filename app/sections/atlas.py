"""The atlas: every occupation at once, grouped by the education it typically takes to enter
(BLS), each box with its median wage and growth and opening its pathway on Explore. A state puts
its wages in; "only what I can reach" keeps what the profile (as on Where can I go?) can reach; a
search finds an occupation by its title or an alternate title.

Everything lives in the URL (``state``, ``q``, ``reach``, ``have``, ``exp``), read when the page
opens and written back after each run. The figures come from ``graph.presenting.options_view.atlas``.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

import streamlit as st

from careerpath.app import profile_form
from careerpath.app.figures import dollars, month
from careerpath.app.profile_form import MA_ROLE
from careerpath.app.shared import career_graph, plain, timed
from careerpath.app.url_params import MAX_YEARS, read_profile, shorten
from careerpath.graph.errors import CareerPathError
from careerpath.graph.presenting.options_view import Atlas, AtlasEntry, atlas, matches

cg = career_graph()
params = st.query_params
ss = st.session_state

st.title("Atlas of occupations")
st.caption(
    "Every occupation careerpath knows, by the education it typically takes to enter (BLS), with its median "
    "wage and projected growth (2024-34). Open a box for its pathway."
)


@st.cache_data(max_entries=128, show_spinner=False)
def _atlas(state: str, have: tuple[str, ...], experience: tuple[tuple[str, float], ...], reach: bool) -> Atlas:
    """The atlas of one state (and, for "only what I can reach", one profile's reach)."""
    profile = cg.profile(have=have, experience=dict(experience), state=state or None) if reach else None
    return atlas(cg, state or None, profile)


holdable, roles, known_states = profile_form.holdable(), profile_form.roles(), sorted(cg.projection.jurisdictions)
if "atlas_state" not in ss:  # the URL is read when the page opens; then the widgets hold the state
    url = read_profile(
        cg, params.get_all("have"), params.get_all("exp"), params.get("state"), holdable, roles, known_states
    )
    for problem in url.problems:
        st.warning(plain(problem))
    ss.atlas_state = url.state
    ss.atlas_q = shorten(params.get("q", ""), 100)
    ss.atlas_reach = params.get("reach", "") in ("1", "true", "yes")
    ss.atlas_have = list(url.have)
    ss.atlas_exp_role, ss.atlas_exp_years = next(iter(url.experience.items()), (MA_ROLE, 0.0))

c1, c2, c3 = st.columns([1, 2, 1.4], vertical_alignment="bottom")
state = c1.selectbox("State (its wages)", ["", *known_states], format_func=lambda c: c or "whole US", key="atlas_state")
query = c2.text_input(
    "Find by title or alternate title",
    key="atlas_q",
    max_chars=100,
    placeholder="e.g. radiographer, LVN, sonographer",
)
reach = c3.toggle("Only what I can reach", key="atlas_reach", help="From what you hold and your experience (below).")
held_labels = ", ".join(holdable.get(h, h) for h in ss.atlas_have) or "nothing yet"
with st.expander(f"My profile: {shorten(held_labels, 80)}", icon=":material/person:", expanded=False):
    p1, p2, p3 = st.columns([2, 1.5, 1])
    have = p1.multiselect("What I hold", list(holdable), format_func=holdable.get, key="atlas_have")
    exp_role = p2.selectbox("Experience in a role", list(roles), format_func=roles.get, key="atlas_exp_role")
    exp_years = p3.number_input("Years in that role", 0.0, MAX_YEARS, step=0.5, key="atlas_exp_years")
experience = {exp_role: float(exp_years)} if exp_years else {}

try:
    with timed("atlas: compute"):
        found = _atlas(state or "", tuple(have), tuple(experience.items()), reach)
except CareerPathError as err:
    st.error(plain(str(err)))
    st.stop()


def link(e: AtlasEntry) -> str:
    """Explore on the occupation's pathway (relative, so it works under any base path); one
    without a pathway of its own opens in Explore's inspector."""
    return "explore?" + urlencode({"focus" if e.has_pathway else "node": e.id})


def box(e: AtlasEntry) -> str:
    """One occupation: its name (the link), median wage and growth, and what else is known."""
    wage = dollars(e.median_wage)
    if wage and e.wage_at_least:
        wage = "at least " + wage
    if wage and e.wage_of:
        wage += "*"
    growth = "" if e.growth_percent is None else f"{'+' if e.growth_percent >= 0 else '−'}{abs(e.growth_percent):g}%"
    notes = []
    if e.held:
        notes.append("you hold it")
    elif e.reachable:
        notes.append(f"{month(e.months)} months from you" if e.months is not None else "within your reach")
    if e.jobs is not None:
        notes.append(f"{e.jobs:,} jobs")
    if e.wage_of:
        notes.append(f"*wage of {e.wage_of}")
    if wage and e.wage_date and e.wage_date != "2025-05":  # the page's line says May 2025
        notes.append(f"wage as of {e.wage_date}")
    said = f"{e.label}: median wage {wage or 'unknown'}, growth {growth or 'unknown'}"
    return (
        f"<li><a class='cp-atlas-box' href='{escape(link(e), quote=True)}' data-id='{escape(e.id, quote=True)}'"
        f" aria-label='{escape(said, quote=True)}'><strong>{escape(e.label)}</strong>"
        f"<span class='cp-atlas-figs'><span class='cp-atlas-wage'>{escape(wage)}</span>"
        f"<span class='cp-atlas-growth'>{escape(growth)}</span></span>"
        + (f"<small>{escape(' · '.join(notes))}</small>" if notes else "")
        + "</a></li>"
    )


def atlas_html(a: Atlas, keep) -> tuple[str, int]:
    """The groups (an education group a column on a desktop, all stacked on a phone) and how many boxes."""
    sections, shown, columns = [], 0, 0
    for g in a.groups:
        entries = [e for e in g.entries if keep(e)]
        if not entries:
            continue
        shown += len(entries)
        columns += g.key != "other"
        sections.append(
            f"<section class='cp-atlas-group cp-atlas-{g.key}' aria-labelledby='cp-atlas-h-{g.key}'>"
            f"<h3 id='cp-atlas-h-{g.key}'>{escape(g.title)} <span>({len(entries)})</span></h3>"
            f"<ul>{''.join(box(e) for e in entries)}</ul></section>"
        )
    style = f"<style>{CSS}</style>"
    return f"{style}<div class='cp-atlas' style='--cols:{max(columns, 1)}'>{''.join(sections)}</div>", shown


def keep(e: AtlasEntry) -> bool:
    return matches(e, query) and (not reach or bool(e.reachable))


CSS = """
.cp-atlas { display: grid; grid-template-columns: repeat(var(--cols), minmax(0, 1fr)); gap: 14px;
  font-family: "Source Sans", "Source Sans Pro", sans-serif; }
.cp-atlas-group { min-width: 0; }
.cp-atlas-group.cp-atlas-other { grid-column: 1 / -1; }
.cp-atlas-group h3 { font-size: 1rem; font-weight: 700; margin: 0 0 6px 0; padding: 0 0 4px 0; line-height: 1.25;
  border-bottom: 2px solid rgba(128,128,128,.45); }
.cp-atlas-group h3 span { font-weight: 400; opacity: .75; }
.cp-atlas-group ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; grid-template-columns: 1fr; }
.cp-atlas-other ul { grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); }
.cp-atlas-group li { margin: 0; padding: 0; min-width: 0; }
a.cp-atlas-box { display: block; height: 100%; box-sizing: border-box; padding: 6px 8px; border-radius: 6px;
  border: 1px solid rgba(128,128,128,.4); color: inherit !important; text-decoration: none; overflow-wrap: anywhere; }
a.cp-atlas-box:hover { border-color: #1c4e80; background: rgba(28,78,128,.07); }
a.cp-atlas-box:focus-visible { outline: 3px solid #1c4e80; outline-offset: 1px; }
a.cp-atlas-box strong { display: block; font-size: 0.875rem; line-height: 1.25; text-decoration: underline;
  text-underline-offset: 2px; text-decoration-color: rgba(128,128,128,.6); }
.cp-atlas-figs { display: flex; gap: 10px; font-size: 0.8125rem; font-variant-numeric: tabular-nums; }
.cp-atlas-wage { font-weight: 600; }
a.cp-atlas-box small { display: block; font-size: 0.75rem; opacity: .8; line-height: 1.25; }
@media (max-width: 640px) {
  .cp-atlas { grid-template-columns: minmax(0, 1fr); }
  .cp-atlas-group ul, .cp-atlas-other ul { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
"""

with timed("atlas: draw"):
    html, shown = atlas_html(found, keep)
total = len(found.entries)
where = f"in {state}" if state else "across the US"
if reach and not (have or experience):
    st.info("Nothing held yet: open *My profile* to say what you hold; the atlas shows what you can reach from it.")
st.markdown(
    f"**{shown} of {total} occupations** · median wage {where} "
    "(OEWS May 2025 unless a box says otherwise; blank where BLS publishes none) · "
    "growth nationally, 2024-34" + (f" · matching “{plain(query.strip())}”" if query.strip() else "")
)
if shown:
    st.html(html)
else:
    st.info("No occupation matches; try fewer letters, or turn off *Only what I can reach*.")

st.query_params.update(
    {
        "state": state or [],
        "q": query.strip() or [],
        "reach": "1" if reach else [],
        "have": have,
        "exp": [f"{exp_role}={float(exp_years):g}"] if exp_years else [],
    }
)
