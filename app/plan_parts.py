"""Parts of the Plan page drawn from the route's view (``RouteAnswer``): the state's rules as they
touch the route, each step's requirements and sources, what careerpath assumed (in the app's own
words), and what the profile can sit for now. Every text from the data or the URL goes through
``plain`` (Markdown that shows it as it is)."""

from __future__ import annotations

import re

import streamlit as st

from careerpath.app.shared import plain
from careerpath.graph.presenting.route_view import RouteView, StateView

_CLI_HINT = re.compile(r"\s*\((?=[^()]*(--|@YYYY))[^()]*(\([^()]*\)[^()]*)*\)")


def assumption_text(assumption: object) -> str:
    """An assumption as the app says it: the view's sentence without the command line's way to
    change it (``--have ...``), since the form above is the app's way; a view that gives the app
    its own words (``.app`` or ``.text``) is used as it is.

    >>> assumption_text('You did not say X: careerpath takes Y (add --have "x" if you hold one)')
    'You did not say X: careerpath takes Y. If you hold one, add it under What I hold.'
    >>> assumption_text("You gave no date for your CMA: it is taken as current (give CMA@YYYY-MM, ...)")
    'You gave no date for your CMA: it is taken as current.'
    """
    for attribute in ("app", "text"):
        if isinstance(getattr(assumption, attribute, None), str):
            return getattr(assumption, attribute)
    text = str(assumption)
    stripped = _CLI_HINT.sub("", text).rstrip(". ") + "."
    if stripped != text and "--have" in text:
        stripped += " If you hold one, add it under What I hold."
    return stripped


def state_lines(state: StateView | None) -> tuple[list[str], list[str], list[str]]:
    """(sentences for the rules the route includes or the profile meets, labels of the rules it does
    not touch, labels of the rules not in force on the date)."""
    if state is None:
        return [], [], []
    notes = [f"Note: {state.note}." for _ in [0] if state.note]
    for rule in state.rules:
        met = rule["met_by"]
        what = "you hold" if met["how"] == "held" else "this route includes"
        notes.append(f"{rule['label']}: {what} {met['label']}.")
    return notes, [r["label"] for r in state.other_rules], [r["label"] for r in state.not_in_force]


def step_details(plan: RouteView) -> str:
    """Markdown: each step's name, what it requires (in full words) and its sources as links."""
    blocks = []
    for step in plan.steps:
        lines = [f"**{step.number}. {plain(step.label)}**" + (" :orange-badge[estimate]" if step.estimate else "")]
        conditions = [c.text for c in step.conditions if c.text]
        if conditions:
            lines.append(":gray[Requires: " + "; ".join(plain(c) for c in conditions) + "]")
        elif step.requires:
            lines.append(":gray[Requires: " + "; ".join(plain(r.label) for r in step.requires) + "]")
        if step.sources:
            refs = "; ".join(
                f"[{plain(r['label'])}]({r['url']})" if r.get("url") else plain(r["label"]) for r in step.sources
            )
            lines.append(f":gray[Sources: {refs}]")
        if step.availability_sources:
            refs = "; ".join(
                f"[{plain(r['label'])}]({r['url']})" if r.get("url") else plain(r["label"])
                for r in step.availability_sources
            )
            lines.append(f":gray[When it is available: {refs}]")
        blocks.append("  \n".join(lines))
    return "\n\n".join(blocks)


def sit_for_now(eligibility) -> None:
    """What the profile can sit for now, and what each certification not yet open still needs."""
    st.subheader("What can I sit for now?")
    if eligibility.eligible:
        st.markdown(
            "\n".join(
                f"- :material/check_circle: **{plain(e.label)}**, via {plain(e.via[1])}" for e in eligibility.eligible
            )
        )
    else:
        st.markdown("Nothing yet, with this profile.")
    # drawn only when opened (a long list: drawing it hidden on every run slowed each plan)
    opened = bool(st.session_state.get("plan_not_yet"))
    with st.expander(
        f"Not yet ({len(eligibility.not_yet)}), and what each still needs", key="plan_not_yet", on_change="rerun"
    ):
        if opened:
            st.markdown(
                "\n".join(
                    f"- **{plain(n.label)}**: closest is {plain(n.via[1])}, which still needs "
                    + "; ".join(plain(lab) for _, lab in n.missing)
                    for n in eligibility.not_yet
                )
            )


_PHONE_PRINTABLE = """@media screen and (max-width: 640px) {
  body { margin: .75em; font-size: 16px; }
  .meta dt { float: none; width: auto; } .meta dd { margin: 0 0 .3em 0; }
  a { overflow-wrap: anywhere; }
  table, thead, tbody, tr, th, td { display: block; width: auto; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border: 1px solid #999; margin: 0 0 .6em 0; padding: .3em .5em; }
  th, td { border: 0; padding: 2px 0; font-size: 15px; } td.num { white-space: normal; }
  td::before { font-weight: 600; } %s
  .estimate, .note, ol.sources { font-size: 13px; }
}"""


def phone_ready(html: str) -> str:
    """The printable plan, readable on a phone's screen too: below 640 px each table row becomes
    a card whose cells are labelled with their column's heading (the printed page is unchanged).

    >>> page = "<style>x</style><table><thead><tr><th>#</th><th>Step</th></tr></thead></table>"
    >>> "td:nth-child(2)::before { content: 'Step: '; }" in phone_ready(page)
    True
    """
    head = re.search(r"<thead>(.*?)</thead>", html, re.S)
    titles = re.findall(r"<th>(.*?)</th>", head.group(1)) if head else []
    labels = " ".join(
        f"td:nth-child({i})::before {{ content: '{re.sub(r'[^A-Za-z0-9 ()#-]', '', t)}: '; }}"
        for i, t in enumerate(titles, 1)
    )
    return html.replace("</style>", _PHONE_PRINTABLE % labels + "</style>", 1)
