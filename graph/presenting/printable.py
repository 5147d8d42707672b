"""A plan on one printed page: an HTML document with print styles, holding the date, the
profile and state, each route's steps with months, dollars and their ranges, what the
person can sit for now, the sources by name, and a link back to the plan in the app.

Every text from the data or the person is HTML-escaped, so a ``|`` or ``<`` in a source's
title is shown as written and never breaks the page.

Examples
--------
>>> from careerpath.graph.core import CareerGraph
>>> cg = CareerGraph.load()
>>> profile = cg.profile(have=["high school diploma"])
>>> routes = cg.plan(profile, "CMA")
>>> page = plan_html(cg, "https://w3id.org/careerpath/data/cert/cma", "months", profile, routes,
...                  link="http://127.0.0.1:8501/plan?to=cma", today=datetime.date(2026, 1, 2))
>>> "<h1>Route to Certified Medical Assistant</h1>" in page, "2026-01-02" in page
(True, True)
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from ..planning.schedule import range_text, schedule
from .text import money, months, weight_note

if TYPE_CHECKING:
    from ..core import CareerGraph
    from ..planning import Eligibility, Profile, Route

__all__ = ["plan_html"]

_STYLE = """
body { font: 11pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 1.5em; }
h1 { font-size: 17pt; margin: 0 0 .2em; } h2 { font-size: 13pt; margin: 1em 0 .3em; }
.meta { color: #333; margin: 0 0 .6em; } .meta dt { font-weight: 600; float: left; width: 7.5em; }
.meta dd { margin: 0 0 .1em 8em; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #eee; } td.num { white-space: nowrap; }
.estimate { font-size: 8pt; border: 1px solid #b26a00; color: #b26a00; border-radius: 3px; padding: 0 3px; }
.now { background: #eef7ee; border: 1px solid #6a6; padding: .4em .6em; margin: .6em 0; }
.total { margin: .3em 0 0; font-weight: 600; } .note { color: #444; font-size: 9pt; }
ol.sources { font-size: 8.5pt; padding-left: 1.4em; } a { color: #0645ad; }
@page { size: letter; margin: 12mm; }
@media print {
  body { margin: 0; } a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 7.5pt; color: #444; word-break: break-all; }
  table, .now { break-inside: avoid; } h2 { break-after: avoid; }
}
"""


def _profile_items(cg: CareerGraph, profile: Profile) -> str:
    parts = [escape(cg.label(m)) + (f" (since {d.isoformat()})" if d else "") for m, d in profile.have.items()]
    parts += [f"{y:g} years as {escape(cg.label(r))}" for r, y in profile.experience.items()]
    return ", ".join(parts) or "nothing yet"


def _est(step, what: str) -> str:
    """A mark on a figure that is careerpath's estimate (when the planner says which figure is)."""
    return ' <span class="note">(est.)</span>' if getattr(step, f"{what}_estimate", False) else ""


def plan_html(
    cg: CareerGraph,
    target: str,
    by: str,
    profile: Profile,
    routes: Sequence[Route],
    *,
    eligibility: Eligibility | None = None,
    link: str | None = None,
    state_notes: Sequence[str] = (),
    today: datetime.date | None = None,
) -> str:
    """The printable plan as a complete HTML document.

    Parameters
    ----------
    cg : CareerGraph
        The graph the routes come from (labels and sources).
    target : str
        The target's IRI.
    by : str
        The metric the routes minimise.
    profile : Profile
        What the person holds; its state is shown.
    routes : sequence of Route
        Best first; an empty route means the target is already held.
    eligibility : Eligibility, optional
        What the profile can sit for now.
    link : str, optional
        The plan's address in the app, printed as a link back.
    state_notes : sequence of str
        Sentences about the state's rules, as the app shows them.
    today : date, optional
        The date printed on the plan (default: today).

    Returns
    -------
    str
        A UTF-8 HTML document; every text from the data is escaped.
    """
    today = today or datetime.date.today()
    title = f"Route to {cg.label(target)}"
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        '<dl class="meta">',
        f"<dt>Date</dt><dd>{today.isoformat()}</dd>",
        f"<dt>I hold</dt><dd>{_profile_items(cg, profile)}</dd>",
        f"<dt>State</dt><dd>{escape(profile.state) if profile.state else 'none chosen'}</dd>",
        f"<dt>Best by</dt><dd>{escape(by)}</dd>",
    ]
    if profile.as_of:
        out.append(f"<dt>Rules as of</dt><dd>{profile.as_of.isoformat()}</dd>")
    if link:
        out.append(f'<dt>Online</dt><dd><a href="{escape(link, quote=True)}">{escape(link)}</a></dd>')
    out.append("</dl>")
    for note in state_notes:
        out.append(f'<p class="note">{escape(note)}</p>')
    if eligibility is not None and eligibility.eligible:
        items = "".join(f"<li><b>{escape(e.label)}</b>, via {escape(e.via[1])}</li>" for e in eligibility.eligible)
        out.append(f'<div class="now"><b>You can already sit for:</b><ul>{items}</ul></div>')
    cited: dict[str, dict] = {}
    for n, route in enumerate(routes, 1):
        heading = "Route" if len(routes) == 1 else ("Best route" if n == 1 else f"Alternative {n - 1}")
        out.append(f"<h2>{heading}</h2>")
        if not route.steps:
            out.append("<p>You already hold it.</p>")
            continue
        out.append(
            "<table><thead><tr><th>#</th><th>Step</th><th>Months (range)</th><th>When</th>"
            "<th>Cost (range)</th><th>Requires</th><th>Sources</th></tr></thead><tbody>"
        )
        plan = schedule(route)
        for s in plan.steps:
            step = s.step
            refs = cg.source_refs(step.sources)
            numbers = []
            for ref in refs:
                cited.setdefault(ref["id"], ref)
                numbers.append(str(list(cited).index(ref["id"]) + 1))
            badge = ' <span class="estimate">estimate</span>' if step.estimate else ""
            if s.end_month is None:
                when = f"from month {s.start_month:g}" + (" or later" if s.after_unknown else "")
            else:
                when = f"months {s.start_month:g}-{s.end_month:g}" + (" or later" if s.after_unknown else "")
            requires = "; ".join(escape(label) for _, label in step.requires) or "&mdash;"
            out.append(
                f"<tr><td>{s.number}</td><td>{escape(step.label)}{badge}<br>"
                f'<span class="note">achieves {escape(step.achieves[1])}</span>'
                + (f'<br><span class="note">in force? {escape(step.date_note)}</span>' if step.date_note else "")
                + (f'<br><span class="note">{escape(note)}</span>' if (note := weight_note(step)) else "")
                + "</td>"
                f'<td class="num">{escape(months(step.months))}{_est(step, "months")}<br><span class="note">'
                f"{escape(range_text(s.months_range, 'months'))}</span></td>"
                f'<td class="num">{escape(when)}</td>'
                f'<td class="num">{escape(money(step.cost))}{_est(step, "cost")}<br><span class="note">'
                f"{escape(range_text(s.cost_range, 'cost'))}</span></td>"
                f"<td>{requires}</td><td>{', '.join(f'[{x}]' for x in numbers) or '&mdash;'}</td></tr>"
            )
        out.append("</tbody></table>")
        total = (
            f"Total: {len(route.steps)} step(s), {months(route.months)} "
            f"({range_text(plan.months_range, 'months')}), about {plan.elapsed_months:g} months from start to end, "
            f"{money(route.cost)} ({range_text(plan.cost_range, 'cost')})"
        )
        out.append(f'<p class="total">{escape(total)}</p>')
        unknown = []
        if plan.unknown_months:
            unknown.append(f"the duration of {plan.unknown_months} step(s)")
        if plan.unknown_cost:
            unknown.append(f"the cost of {plan.unknown_cost} step(s)")
        if unknown:
            out.append(f'<p class="note">Not known: {" and ".join(unknown)}; not counted in the totals.</p>')
    if cited:
        out.append('<h2>Sources</h2><ol class="sources">')
        for ref in cited.values():
            name = escape(ref["label"])
            if ref.get("url"):
                name = f'<a href="{escape(ref["url"], quote=True)}">{name}</a>'
            who = ", ".join(escape(str(x)) for x in (ref.get("publisher"), ref.get("date"), ref.get("evidence")) if x)
            out.append(f"<li>{name}{f' ({who})' if who else ''}</li>")
        out.append("</ol>")
    out.append(
        '<p class="note">Made with careerpath. Figures marked <span class="estimate">estimate</span> are '
        "careerpath's, not the sources'; check fees and rules with the certifying body before you pay.</p>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"
