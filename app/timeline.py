"""The route as a timeline: a Gantt-style bar per step over a month axis, then labelled
cards left to right with start and end months, durations, costs and their ranges, and
estimates marked. Pure HTML strings (every text escaped), drawn with ``st.markdown``."""

from __future__ import annotations

from collections.abc import Collection
from html import escape

from careerpath.graph.presenting.formats import money, months, range_text
from careerpath.graph.presenting.route_view import RouteView

KIND_COLOURS = {"route": "#7b3fb5", "work": "#2f7d32", "step": "#1565c0"}


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
    """``'months 0-12'``, or ``'from month 12'`` when the step's duration is unknown.

    >>> when_text(0.0, 12.0, False), when_text(12.0, None, False), when_text(3.0, 4.0, True)
    ('months 0-12', 'from month 12', 'months 3-4 or later')
    """
    later = " or later" if after_unknown else ""
    if end is None:
        return f"from month {start or 0:g}{later}"
    return f"months {start or 0:g}-{end:g}{later}"


def gantt_html(plan: RouteView, differs: Collection[str] = ()) -> str:
    """One bar per step, placed at its start month, as long as its duration."""
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
        rows.append(
            "<div style='display:flex;align-items:center;gap:8px;margin:3px 0'>"
            f"<div style='flex:0 0 34%;font-size:0.85rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap'"
            f" title='{escape(s.label, quote=True)}'>{mark}{s.number}. {escape(s.label)}</div>"
            "<div style='flex:1;position:relative;height:18px;background:rgba(128,128,128,0.12);border-radius:3px'>"
            f"<div class='cp-bar' data-step='{s.number}' style='position:absolute;top:2px;bottom:2px;"
            f"border-radius:3px;{style}'></div></div></div>"
        )
    ticks = "".join(
        f"<span style='position:absolute;left:{100 * t / total:.2f}%;transform:translateX(-50%)'>{t:g}</span>"
        for t in _ticks(total)
    )
    axis = (
        "<div style='display:flex;gap:8px'><div style='flex:0 0 34%'></div>"
        "<div style='flex:1;position:relative;height:1.2em;font-size:0.75rem;opacity:0.8'>"
        f"{ticks}</div></div>"
        "<div style='text-align:right;font-size:0.75rem;opacity:0.8'>months from today</div>"
    )
    return "<div class='cp-gantt'>" + "".join(rows) + axis + "</div>"


def cards_html(plan: RouteView, differs: Collection[str] = ()) -> str:
    """Labelled cards left to right: what each step achieves, when, how long, what it costs."""
    cards = []
    for s in plan.steps:
        step = s
        colour = KIND_COLOURS.get(step.kind, "#1565c0")
        badge = (
            " <span style='font-size:0.7rem;border:1px solid #c77800;color:#c77800;border-radius:4px;"
            "padding:0 4px'>estimate</span>"
            if step.estimate
            else ""
        )
        border = "3px solid #e6a700" if step.id in differs else f"1px solid {colour}"
        differ = (
            "<div style='font-size:0.7rem;font-weight:600;color:#b37f00'>differs from the best route</div>"
            if step.id in differs
            else ""
        )
        notes = []
        if getattr(step, "months_estimate", False) or getattr(step, "cost_estimate", False):
            which = [w for w, on in (("time", step.months_estimate), ("cost", step.cost_estimate)) if on]
            notes.append(f"{' and '.join(which)} estimated by careerpath")
        weight = getattr(step, "source_weight", None)
        if weight:
            notes.append(f"{weight} source" if weight in ("primary", "secondary", "weak") else str(weight))
        figures = (("time", getattr(step, "months_weight", None)), ("cost", getattr(step, "cost_weight", None)))
        for figure, figure_weight in figures:
            if figure_weight and figure_weight != weight:  # a figure with its own source, weighed apart
                notes.append(f"{figure}: {figure_weight} source")
        if getattr(step, "must_be_current", False):
            notes.append("must be current: taken as late as it can be")
        if getattr(step, "date_note", None):
            notes.append(f"in force? {step.date_note}")
        note = (
            f"<div style='font-size:0.7rem;opacity:0.75;margin-top:3px'>{escape('; '.join(notes))}</div>"
            if notes
            else ""
        )
        cards.append(
            f"<div class='cp-card' style='flex:0 0 220px;border:{border};border-top:6px solid {colour};"
            "border-radius:8px;padding:8px 10px;font-size:0.85rem;line-height:1.35'>"
            f"{differ}<div style='font-size:0.75rem;opacity:0.75'>Step {s.number} · "
            f"{escape(when_text(s.start_month, s.end_month, s.after_unknown))}</div>"
            f"<div style='font-weight:600;margin:2px 0 4px'>{escape(step.label)}{badge}</div>"
            f"<div>{escape(months(step.months))} <span style='opacity:0.75'>"
            f"({escape(range_text(s.months_range, 'months'))})</span></div>"
            f"<div>{escape(money(step.cost))} <span style='opacity:0.75'>"
            f"({escape(range_text(s.cost_range, 'cost'))})</span></div>"
            f"<div style='font-size:0.75rem;opacity:0.8;margin-top:4px'>→ {escape(step.achieves.label)}</div>"
            f"{note}</div>"
        )
        if s.number < len(plan.steps):
            cards.append("<div style='align-self:center;font-size:1.2rem;opacity:0.6'>→</div>")
    row = "<div class='cp-cards' style='display:flex;gap:6px;overflow-x:auto;padding:4px 0 10px'>"
    return row + "".join(cards) + "</div>"
