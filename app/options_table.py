"""Where can I go?'s table: every reachable target as a row whose name is a real link to its plan
(``<a href>``: a keyboard stop, and a screen reader hears the target's name), money one way
(``$105,106``), an empty cell where a figure is missing; on a phone each row is a card. Pure HTML
(every text escaped); its styles are ``CSS``.

A new sort moves the rows the browser already holds (``reorder_script``) instead of sending and
drawing the table again: each row carries its place in the unsorted list (``data-i``), the table
a fingerprint of that list (``data-set``), so the script never reorders another profile's table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
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


def _direction(sort: str) -> str:
    """The ``aria-sort`` of the column sorted by ``sort`` (times and costs lowest first)."""
    return {"months": "ascending", "cost": "ascending"}.get(sort, "descending")


def fingerprint(everyone: Sequence[Option]) -> str:
    """A short name for the unsorted list of targets (the rows' ``data-i`` count in it)."""
    return hashlib.sha1("\n".join(o.id for o in everyone).encode("utf-8")).hexdigest()[:12]


def options_html(
    options: Iterable[Option], link: Callable[[str], str], sort: str, everyone: Sequence[Option] | None = None
) -> str:
    """The table: a header row, then a row per target (its name a link to ``link(target id)``).

    Parameters
    ----------
    options : iterable of Option
        The rows, in the order shown.
    link : callable
        A target's id to the address its name links to.
    sort : str
        The sort key the rows are in (its column says so with ``aria-sort``).
    everyone : sequence of Option, optional
        The unsorted list ``options`` comes from (``options`` itself by default): each row's
        ``data-i`` is its place there, for ``reorder_script``.

    Returns
    -------
    str
        The table's HTML, every text escaped.
    """
    options = list(options)
    everyone = list(options if everyone is None else everyone)
    place = {o.id: i for i, o in enumerate(everyone)}
    head = "".join(
        f"<th scope='col' data-k='{key}'"
        + (f" aria-sort='{_direction(sort)}'" if key == sort else "")
        + f">{escape(title)}</th>"
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
            f"<tr><th scope='row' class='cp-opt-target' data-i='{place[o.id]}'>"
            f"<a href='{escape(link(o.id))}'>{escape(o.label)}</a>"
            f"<span class='cp-sr-only'>: plan a route</span><small>{kind}</small></th>{''.join(tds)}</tr>"
        )
    caption = "<caption class='cp-sr-only'>Roles and certifications within reach; each name opens its plan</caption>"
    return (
        f"<div class='cp-opt-wrap'><table class='cp-opt' data-set='{fingerprint(everyone)}'>{caption}"
        f"<thead><tr><th scope='col'>Target</th>{head}"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


_REORDER_JS = """(() => {
  const want = %s;
  const table = document.querySelector("table.cp-opt[data-set='" + want.set + "']");
  if (!table) return;  /* not drawn yet, or another profile's: the table drawn next is sorted already */
  const body = table.tBodies[0];
  const rows = new Map([...body.rows].map((r) => [r.querySelector("th[data-i]").dataset.i, r]));
  if (rows.size !== want.order.length || !want.order.every((i) => rows.has(String(i)))) return;
  const now = [...body.rows].map((r) => r.querySelector("th[data-i]").dataset.i).join(" ");
  if (now !== want.order.join(" ")) want.order.forEach((i) => body.appendChild(rows.get(String(i))));
  table.querySelectorAll("thead th[data-k]").forEach((th) => {
    if (th.dataset.k === want.key) th.setAttribute("aria-sort", want.direction);
    else th.removeAttribute("aria-sort");
  });
})();"""


def reorder_script(sorted_options: Iterable[Option], everyone: Sequence[Option], sort: str) -> str:
    """A script that puts the table of ``everyone`` (``options_html``), already in the browser, in
    the order of ``sorted_options`` (sorted by ``sort``): the same rows moved, nothing drawn anew.

    It does nothing when that table is not on the page (not drawn yet, or another profile's; the
    table drawn with the run that follows is in this order already).

    Parameters
    ----------
    sorted_options : iterable of Option
        ``everyone``, sorted.
    everyone : sequence of Option
        The unsorted list the table's rows count in.
    sort : str
        The sort key (its column gets ``aria-sort``).

    Returns
    -------
    str
        A ``<script>`` element (no text from the data: only numbers and known keys).

    >>> from types import SimpleNamespace as O
    >>> a, b = O(id="a"), O(id="b")
    >>> '"order": [1, 0]' in reorder_script([b, a], [a, b], "wage")
    True
    """
    place = {o.id: i for i, o in enumerate(everyone)}
    want = {
        "set": fingerprint(everyone),
        "order": [place[o.id] for o in sorted_options],
        "key": sort,
        "direction": _direction(sort),
    }
    return f"<script>{_REORDER_JS % json.dumps(want)}</script>"


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
    padding: 8px 10px; border: 1px solid rgba(128,128,128,.35); border-radius: 8px;
    content-visibility: auto; contain-intrinsic-size: auto 150px; }
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
