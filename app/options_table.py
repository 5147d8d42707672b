"""Where can I go?'s table: every reachable target as a row whose name is a real link to its plan
(``<a href>``: a keyboard stop, and a screen reader hears the target's name), money one way
(``$105,106``), an empty cell where a figure is missing; on a phone each row is a card. Pure HTML
(every text escaped); its styles are ``CSS``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from careerpath.app.figures import dollars, dollars_range, month, months_range, signed_dollars
from careerpath.graph.planning.options import Option

COLUMNS = [
    ("months", "Time"),
    ("cost", "Cost"),
    ("steps", "Steps"),
    ("wage", "Median wage"),
    ("wage_change", "Wage change"),
    ("growth", "Growth"),
    ("openings", "Openings a year"),
    ("dates", "Figures of"),
]


def _cells(o: Option) -> dict[str, tuple[str, str]]:
    """Each column's (main text, small text under it)."""
    m = o.market
    months_note = months_range(o.months_range)
    if o.unknown_months:
        months_note += f" + {o.unknown_months} unknown"
    cost_note = dollars_range(o.cost_range)
    if o.unknown_cost:
        cost_note += f" + {o.unknown_cost} unknown"
    wage_date = f"wage {m.wage_date}" if m.wage_date else ""
    outlook = f"outlook {m.growth_period}" if m.growth_period else ""
    dates = "; ".join(x for x in (wage_date, outlook) if x)
    return {
        "months": ("" if o.unknown_months else f"{month(o.months)} mo", months_note),
        "cost": ("" if o.unknown_cost else dollars(o.cost), cost_note),
        "steps": (str(o.steps), ""),
        "wage": (dollars(m.median_wage), ""),
        "wage_change": (signed_dollars(o.wage_change), ""),
        "growth": ("" if m.growth_percent is None else f"{m.growth_percent:g}%", ""),
        "openings": ("" if m.openings_per_year is None else f"{m.openings_per_year:,}", ""),
        "dates": (dates, ""),
    }


def options_html(options: Iterable[Option], link: Callable[[str], str], sort: str) -> str:
    """The table: a header row, then a row per target (its name a link to ``link(target id)``)."""
    order = {"months": "ascending", "cost": "ascending"}.get(sort, "descending")
    head = "".join(
        f"<th scope='col' aria-sort='{order}'>{escape(title)}</th>" if key == sort else f"<th scope='col'>{title}</th>"
        for key, title in COLUMNS
    )
    rows = []
    for o in options:
        cells = _cells(o)
        tds = []
        for key, title in COLUMNS:
            main, small = cells[key]
            extra = f"<small>{escape(small)}</small>" if small else ""
            empty = " cp-empty" if not main and not small else ""
            tds.append(f"<td class='cp-opt-{key}{empty}' data-label='{escape(title)}'>{escape(main)}{extra}</td>")
        kind = "Certification" if o.kind == "certification" else "Role"
        rows.append(
            f"<tr><th scope='row' class='cp-opt-target'><a href='{escape(link(o.id))}'>{escape(o.label)}</a>"
            f"<span class='cp-sr-only'>: plan a route</span><small>{kind}</small></th>{''.join(tds)}</tr>"
        )
    caption = "<caption class='cp-sr-only'>Roles and certifications within reach; each name opens its plan</caption>"
    return (
        f"<div class='cp-opt-wrap'><table class='cp-opt'>{caption}<thead><tr><th scope='col'>Target</th>{head}"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


CSS = """
.cp-opt-wrap { width: 100%; font-family: "Source Sans", "Source Sans Pro", sans-serif; }
.cp-opt { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
.cp-opt th, .cp-opt td { text-align: left; padding: 6px 8px; border-bottom: 1px solid rgba(128,128,128,.25);
  vertical-align: top; }
.cp-opt thead th { font-weight: 600; font-size: 0.9rem; border-bottom: 2px solid rgba(128,128,128,.45);
  white-space: nowrap; }
.cp-opt thead th[aria-sort] { text-decoration: underline; }
.cp-opt td small, .cp-opt th small { display: block; font-size: 0.8rem; opacity: .75; font-weight: 400; }
.cp-opt td { font-variant-numeric: tabular-nums; }
.cp-opt-target a { font-weight: 600; color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.cp-opt td.cp-opt-dates { font-size: 0.85rem; opacity: .8; }
@media (max-width: 640px) {
  .cp-opt thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0,0,0,0); }
  .cp-opt, .cp-opt tbody { display: block; }
  .cp-opt tr { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 2px 10px; margin: 0 0 10px 0;
    padding: 8px 10px; border: 1px solid rgba(128,128,128,.35); border-radius: 8px; }
  .cp-opt th, .cp-opt td { border: 0; padding: 2px 0; }
  .cp-opt th.cp-opt-target { grid-column: 1 / -1; font-size: 1.05rem; }
  .cp-opt td::before { content: attr(data-label); display: block; font-size: 0.75rem; opacity: .7; }
  .cp-opt td.cp-empty { display: none; }
  .cp-opt td.cp-opt-wage { order: -1; font-weight: 600; }
  .cp-opt td.cp-opt-wage_change { order: -1; }
  .cp-opt th.cp-opt-target { order: -2; }
  .cp-opt td.cp-opt-dates { grid-column: 1 / -1; }
}
"""
