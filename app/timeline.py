"""The route as a timeline, drawn from the route's view (``RouteView``): a Gantt-style bar per step
over a month axis, then a card per step with its start and end months, durations, costs and their
ranges, full or part time, and what to know (estimates, when it is available, what can stand in
for it, when it must be renewed). Both are ordered lists (a screen reader hears "list, 3 items"),
every step's name whole; on a phone the cards stand one above the other. Pure HTML strings (every
text escaped); their styles are in ``style.py``."""

from __future__ import annotations

from collections.abc import Collection
from html import escape

from careerpath.app.figures import dollars, dollars_range, month, months_range
from careerpath.graph.presenting.route_view import RouteView, StepView

KIND_COLOURS = {"route": "#7b3fb5", "work": "#2f7d32", "step": "#1565c0"}
COMMITMENT = {"full-time": "Full time", "part-time": "Part time", "work-and-study": "Work and study"}


def _ticks(total: float) -> list[float]:
    if total <= 0:
        return [0.0]
    for step in (1, 2, 3, 6, 12, 24, 60):
        if total / step <= 8:
            break
    ticks, t = [], 0.0
    while t <= total + 1e-9:
        ticks.append(t)
        t += step
    return ticks


def when_text(start: float | None, end: float | None, after_unknown: bool) -> str:
    """``'months 0–12'``, ``'month 3'``, or ``'from month 12'`` when the step's duration is unknown.

    >>> when_text(0.0, 12.0, False), when_text(12.0, None, False), when_text(3.0, 4.0, True)
    ('months 0–12', 'from month 12', 'months 3–4 or later')
    >>> when_text(14.0145, 15.0145, False)
    'months 14–15'
    """
    later = " or later" if after_unknown else ""
    first = month(start or 0.0)
    if end is None:
        return f"from month {first}{later}"
    if month(end) == first:
        return f"month {first}{later}"
    return f"months {first}–{month(end)}{later}"


def step_notes(step: StepView) -> list[str]:
    """What to know about a step, in the order a person needs it: when it is available, what can
    stand in for it, a renewal's details, what its figures rest on."""
    notes = []
    if step.availability:
        notes.append(step.availability)
    if step.alternatives:
        notes.append("or " + ", or ".join(r.label for r in step.alternatives))
    if step.note:
        notes.append(step.note)
    if step.commitment_note:
        notes.append(step.commitment_note)
    if step.months_estimate or step.cost_estimate:
        which = [w for w, on in (("time", step.months_estimate), ("cost", step.cost_estimate)) if on]
        notes.append(f"{' and '.join(which)} estimated by careerpath")
    if step.weight_note:
        notes.append(step.weight_note)
    if step.must_be_current:
        notes.append("must be current: taken as late as it can be")
    if step.date_note:
        notes.append(f"in force? {step.date_note}")
    return notes


def figures_html(figures: list[tuple[str, str, str]]) -> str:
    """The route's totals as a list of figures (label, value, a note under it): four in a row on a
    desktop, two by two on a phone. Plain HTML, so no widget code loads for them.

    >>> figures_html([("Months", "13", "9.5–15 months")]).count("class='cp-figure'")
    1
    """
    items = "".join(
        f"<li class='cp-figure'><span class='cp-figure-label'>{escape(label)}</span>"
        f"<span class='cp-figure-value'>{escape(value)}</span>"
        + (f"<span class='cp-figure-note'>{escape(note)}</span>" if note else "")
        + "</li>"
        for label, value, note in figures
    )
    return f"<ul class='cp-figures' aria-label='The route in figures'>{items}</ul>"


def gantt_html(plan: RouteView, differs: Collection[str] = (), label: str = "the best route") -> str:
    """One bar per step, placed at its start month, as long as its duration; the step's name whole
    beside it (above it on a phone). ``label`` names the route for a screen reader."""
    total = max(plan.elapsed_months, max((s.start_month or 0.0 for s in plan.steps), default=0.0), 1.0)
    rows = []
    for s in plan.steps:
        start = s.start_month or 0.0
        length = (s.end_month - start) if s.end_month is not None else None
        left = 100 * start / total
        width = max(100 * (length or 0.0) / total, 1.5)
        colour = KIND_COLOURS.get(s.kind, "#1565c0")
        style = f"left:{left:.2f}%;width:{min(width, 100 - left):.2f}%;background:{colour};"
        if length is None:  # unknown duration: an open-ended, hatched bar
            style += (
                "background:repeating-linear-gradient(45deg,#999 0 6px,transparent 6px 12px);"
                "width:8%;border:1px dashed #777;"
            )
        mark = "★ " if s.id in differs else ""
        when = when_text(s.start_month, s.end_month, s.after_unknown)
        rows.append(
            f"<li class='cp-gantt-row'><span class='cp-gantt-label'>{mark}{s.number}. {escape(s.label)}"
            f"<span class='cp-sr-only'>, {escape(when)}</span></span>"
            f"<span class='cp-gantt-track' aria-hidden='true'><span class='cp-bar' data-step='{s.number}' "
            f"style='{style}'></span></span></li>"
        )
    marks = [t for t in _ticks(total) if t < total - 1e-9]
    if not marks or (total - marks[-1]) / total >= 0.12:  # the end, unless it would crowd the last tick
        marks.append(total)
    ticks = "".join(f"<span style='left:{100 * t / total:.2f}%'>{month(t)}</span>" for t in marks)
    axis = (
        "<div class='cp-gantt-axis' aria-hidden='true'><span class='cp-gantt-label'></span>"
        f"<span class='cp-gantt-ticks'>{ticks}</span></div>"
        "<div class='cp-gantt-unit' aria-hidden='true'>months from today</div>"
    )
    name = escape(f"Timeline of {label}: when each step runs", quote=True)
    return f"<div class='cp-gantt'><ol aria-label='{name}'>{''.join(rows)}</ol>{axis}</div>"


def cards_html(plan: RouteView, differs: Collection[str] = ()) -> str:
    """A card per step, left to right (one above the other on a phone): when, what it achieves, how
    long and what it costs with their ranges, full or part time, and what to know."""
    cards = []
    for step in plan.steps:
        colour = KIND_COLOURS.get(step.kind, "#1565c0")
        badges = f"<span class='cp-badge'>{escape(COMMITMENT.get(step.commitment, step.commitment))}</span>"
        if step.estimate:
            badges += " <span class='cp-badge cp-badge-estimate'>estimate</span>"
        border = "3px solid #e6a700" if step.id in differs else f"1px solid {colour}"
        differ = "<div class='cp-card-differs'>differs from the best route</div>" if step.id in differs else ""
        notes = step_notes(step)
        note = "".join(f"<li>{escape(n)}</li>" for n in notes)
        note = f"<ul class='cp-card-notes'>{note}</ul>" if notes else ""
        months_figure = (
            f"{month(step.months)} month{'' if month(step.months) == '1' else 's'}"
            if step.months is not None
            else "duration unknown"
        )
        cards.append(
            f"<li class='cp-card' style='border:{border};border-top:6px solid {colour}'>"
            f"{differ}<div class='cp-card-when'>Step {step.number} · "
            f"{escape(when_text(step.start_month, step.end_month, step.after_unknown))}</div>"
            f"<div class='cp-card-name'>{escape(step.label)}</div><div>{badges}</div>"
            f"<div>{escape(months_figure)} <span class='cp-card-range'>"
            f"({escape(months_range(step.months_range, 'range unknown'))})</span></div>"
            f"<div>{escape(dollars(step.cost, 'cost unknown'))} <span class='cp-card-range'>"
            f"({escape(dollars_range(step.cost_range, 'range unknown'))})</span></div>"
            f"<div class='cp-card-to'>→ {escape(step.achieves.label)}</div>{note}</li>"
        )
    return f"<ol class='cp-cards' aria-label='Steps of the route'>{''.join(cards)}</ol>"


CSS = """
ul.cp-figures { list-style: none; display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px 16px;
  margin: 0 0 6px 0 !important; padding: 0 !important; }
.cp-figure { display: flex; flex-direction: column; margin: 0 !important; padding: 0 !important; }
.cp-figure-label { font-size: 0.875rem; }
.cp-figure-value { font-size: 2.1rem; line-height: 1.2; }
.cp-figure-note { font-size: 0.85rem; opacity: 0.8; }
.cp-gantt ol, ol.cp-cards { list-style: none; margin: 0 !important; padding: 0 !important; }
.cp-gantt-row { display: flex; align-items: center; gap: 8px; margin: 4px 0 !important; padding: 0 !important; }
.cp-gantt-label { flex: 0 0 36%; font-size: 0.9rem; line-height: 1.25; }
.cp-gantt-track { flex: 1; position: relative; height: 18px; background: rgba(128,128,128,0.12);
  border-radius: 3px; }
.cp-bar { position: absolute; top: 2px; bottom: 2px; border-radius: 3px; }
.cp-gantt-axis { display: flex; gap: 8px; }
.cp-gantt-ticks { flex: 1; position: relative; height: 1.3em; font-size: 0.8rem; opacity: 0.8; }
.cp-gantt-ticks span { position: absolute; transform: translateX(-50%); }
.cp-gantt-unit { text-align: right; font-size: 0.8rem; opacity: 0.8; }
.cp-cards { list-style: none; display: flex; gap: 8px; overflow-x: auto; padding: 4px 0 10px 0; margin: 0; }
.cp-card { flex: 0 0 230px; border-radius: 8px; padding: 8px 10px !important; font-size: 0.9rem; line-height: 1.35;
  margin: 0 !important; }
.cp-card-when { font-size: 0.8rem; opacity: 0.8; }
.cp-card-name { font-weight: 600; margin: 2px 0 4px 0; }
.cp-card-range { opacity: 0.8; }
.cp-card-to { font-size: 0.85rem; opacity: 0.85; margin-top: 4px; }
.cp-card-differs { font-size: 0.8rem; font-weight: 600; color: #b37f00; }
ul.cp-card-notes { margin: 4px 0 0 0 !important; padding: 0 0 0 1.1em !important; list-style: disc; }
.cp-card-notes li { margin: 2px 0 !important; padding: 0 !important; font-size: 0.85rem; }
.cp-badge { display: inline-block; font-size: 0.8rem; border: 1px solid rgba(128,128,128,.6); border-radius: 4px;
  padding: 0 5px; }
.cp-badge-estimate { border-color: #c77800; color: #c77800; }
@media (max-width: 640px) {
  ul.cp-figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .cp-gantt-row { display: block; margin: 6px 0; }
  .cp-gantt-label { display: block; margin-bottom: 2px; }
  .cp-gantt-track { display: block; }
  .cp-gantt-axis .cp-gantt-label { display: none; }
  .cp-cards { flex-direction: column; overflow-x: visible; }
  .cp-card { flex: 1 1 auto; }
}
"""
