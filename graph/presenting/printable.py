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
>>> from careerpath.graph.presenting.route_view import route_answer
>>> answer = route_answer(cg, cg.resolve("CMA"), "months", profile, cg.plan(profile, "CMA"))
>>> page = plan_html(answer, link="http://127.0.0.1:8501/plan?to=cma", today=datetime.date(2026, 1, 2))
>>> "<h1>Route to Certified Medical Assistant</h1>" in page, "2026-01-02" in page
(True, True)
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from .formats import money, months, range_text
from .route_view import RouteAnswer, RouteView, StepView

if TYPE_CHECKING:
    from ..planning import Eligibility

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


def _est(step: StepView, what: str) -> str:
    """A mark on a figure that is careerpath's estimate."""
    return ' <span class="note">(est.)</span>' if getattr(step, f"{what}_estimate", False) else ""


def _head(answer: RouteAnswer, link: str | None, today: datetime.date) -> list[str]:
    title = f"Route to {answer.target.label}"
    profile = answer.profile
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        '<dl class="meta">',
        f"<dt>Date</dt><dd>{today.isoformat()}</dd>",
        f"<dt>I hold</dt><dd>{escape(profile.text)}</dd>",
        f"<dt>State</dt><dd>{escape(profile.state) if profile.state else 'none chosen'}</dd>",
        f"<dt>Best by</dt><dd>{escape(answer.by)}</dd>",
    ]
    if profile.as_of:
        out.append(f"<dt>Rules as of</dt><dd>{profile.as_of.isoformat()}</dd>")
    if link:
        out.append(f'<dt>Online</dt><dd><a href="{escape(link, quote=True)}">{escape(link)}</a></dd>')
    out.append("</dl>")
    return out


def _step_row(step: StepView, numbers: list[str]) -> str:
    badge = ' <span class="estimate">estimate</span>' if step.estimate else ""
    requires = "; ".join(escape(r.label) for r in step.requires) or "&mdash;"
    notes = "".join(
        f'<br><span class="note">{escape(note)}</span>'
        for note in (f"in force? {step.date_note}" if step.date_note else "", step.weight_note)
        if note
    )
    when = step.when.replace(" to ", "-")
    return (
        f"<tr><td>{step.number}</td><td>{escape(step.label)}{badge}<br>"
        f'<span class="note">achieves {escape(step.achieves.label)}</span>{notes}</td>'
        f'<td class="num">{escape(months(step.months))}{_est(step, "months")}<br><span class="note">'
        f"{escape(range_text(step.months_range, 'months'))}</span></td>"
        f'<td class="num">{escape(when)}</td>'
        f'<td class="num">{escape(money(step.cost))}{_est(step, "cost")}<br><span class="note">'
        f"{escape(range_text(step.cost_range, 'cost'))}</span></td>"
        f"<td>{requires}</td><td>{', '.join(f'[{x}]' for x in numbers) or '&mdash;'}</td></tr>"
    )


def _route_section(route: RouteView, heading: str, cited: dict[str, dict]) -> list[str]:
    out = [f"<h2>{heading}</h2>"]
    if not route.steps:
        return out + ["<p>You already hold it.</p>"]
    out.append(
        "<table><thead><tr><th>#</th><th>Step</th><th>Months (range)</th><th>When</th>"
        "<th>Cost (range)</th><th>Requires</th><th>Sources</th></tr></thead><tbody>"
    )
    for step in route.steps:
        numbers = []
        for ref in step.sources:
            cited.setdefault(ref["id"], ref)
            numbers.append(str(list(cited).index(ref["id"]) + 1))
        out.append(_step_row(step, numbers))
    out.append("</tbody></table>")
    total = (
        f"Total: {len(route.steps)} step(s), {months(route.months)} "
        f"({range_text(route.months_range, 'months')}), about {route.elapsed_months:g} months from start to end, "
        f"{money(route.cost)} ({range_text(route.cost_range, 'cost')})"
    )
    out.append(f'<p class="total">{escape(total)}</p>')
    unknown = []
    if route.unknown_months:
        unknown.append(f"the duration of {len(route.unknown_months)} step(s)")
    if route.unknown_cost:
        unknown.append(f"the cost of {len(route.unknown_cost)} step(s)")
    if unknown:
        out.append(f'<p class="note">Not known: {" and ".join(unknown)}; not counted in the totals.</p>')
    return out


def _sources(cited: dict[str, dict]) -> list[str]:
    if not cited:
        return []
    out = ['<h2>Sources</h2><ol class="sources">']
    for ref in cited.values():
        name = escape(ref["label"])
        if ref.get("url"):
            name = f'<a href="{escape(ref["url"], quote=True)}">{name}</a>'
        who = ", ".join(escape(str(x)) for x in (ref.get("publisher"), ref.get("date"), ref.get("evidence")) if x)
        out.append(f"<li>{name}{f' ({who})' if who else ''}</li>")
    out.append("</ol>")
    return out


def plan_html(
    answer: RouteAnswer,
    *,
    eligibility: Eligibility | None = None,
    link: str | None = None,
    state_notes: Sequence[str] = (),
    today: datetime.date | None = None,
) -> str:
    """The printable plan as a complete HTML document.

    Parameters
    ----------
    answer : RouteAnswer
        The route answer (``presenting.route_view.route_answer``): target, profile, routes.
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
    out = _head(answer, link, today or datetime.date.today())
    for note in state_notes:
        out.append(f'<p class="note">{escape(note)}</p>')
    if eligibility is not None and eligibility.eligible:
        items = "".join(f"<li><b>{escape(e.label)}</b>, via {escape(e.via[1])}</li>" for e in eligibility.eligible)
        out.append(f'<div class="now"><b>You can already sit for:</b><ul>{items}</ul></div>')
    cited: dict[str, dict] = {}
    for route in answer.routes:
        n = route.number
        heading = "Route" if len(answer.routes) == 1 else ("Best route" if n == 1 else f"Alternative {n - 1}")
        out += _route_section(route, heading, cited)
    out += _sources(cited)
    out.append(
        '<p class="note">Made with careerpath. Figures marked <span class="estimate">estimate</span> are '
        "careerpath's, not the sources'; check fees and rules with the certifying body before you pay.</p>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"
