"""How figures and tables read: money, months, ranges and the weight of a step's sources, in
words; and query answers as a table a person reads in a terminal (``table``): IRIs by label with
their short name (``National Healthcareer Association (org:nha)``), long cells wrapped at whole
words, never cut. Plain Python, no RDF library: the cells are text by the time they get here.

Examples
--------
>>> money(1234.5), months(1.0), range_text((12.0, 24.0), "months")
('$1,234.50', '1 month', '12-24 months')
>>> print(table(["role", "median"], [["Medical assistant", "$44,200"], ["Phlebotomist", "$43,660"]]))
role               median
-----------------  -------
Medical assistant  $44,200
Phlebotomist       $43,660
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..planning import Profile, RouteStep
    from ..planning.projection import Condition, Projection
    from ..planning.schedule import Range

__all__ = [
    "HIGH_SCHOOL_OR_EQUIVALENT",
    "assumed_lines",
    "in_sentence",
    "profile_assumptions",
    "money",
    "months",
    "years",
    "span",
    "range_text",
    "weight_note",
    "condition_text",
    "area_wage_text",
    "MAX_WIDTH",
    "iri_cell",
    "table",
]


def money(value: float | None) -> str:
    """``125.0`` -> ``'$125'``; ``None`` -> ``'cost unknown'``.

    Examples
    --------
    >>> money(125.0), money(None)
    ('$125', 'cost unknown')
    """
    if value is None:
        return "cost unknown"
    return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"


def months(value: float | None) -> str:
    """``12.0`` -> ``'12 months'``; ``None`` -> ``'duration unknown'``.

    Examples
    --------
    >>> months(12.0), months(1.0), months(None)
    ('12 months', '1 month', 'duration unknown')
    """
    if value is None:
        return "duration unknown"
    return f"{value:g} month" + ("" if value == 1 else "s")


def span(typical: float | None, bounds: tuple[float, float] | None, unit: str) -> str:
    """A typical figure with its range: ``'12 months (9 to 24)'``, ``'$3,860 ($1,430 to $20,000)'``.

    Examples
    --------
    >>> span(12.0, (9.0, 24.0), "months"), span(125.0, (125.0, 125.0), "cost"), span(None, None, "cost")
    ('12 months (9 to 24)', '$125', 'cost unknown')
    """
    text = months(typical) if unit == "months" else money(typical)
    if typical is None or bounds is None or bounds[0] == bounds[1]:
        return text
    if unit == "months":
        return f"{text} ({bounds[0]:g} to {bounds[1]:g})"
    return f"{text} ({money(bounds[0])} to {money(bounds[1])})"


def weight_note(step: RouteStep) -> str:
    """``'rests only on weak sources'`` (or secondary), and what a figure with its own weaker
    source rests on (``'its cost rests only on weak sources'``); ``''`` when primary sources back all.

    Examples
    --------
    >>> from careerpath.graph.planning import RouteStep
    >>> s = RouteStep("s", "x", "step", ("m", "m"), (), 1.0, 0.0, False, (), source_weight="weak")
    >>> weight_note(s)
    'rests only on weak sources'
    >>> s = RouteStep(
    ...     "s", "x", "step", ("m", "m"), (), 1.0, 425.0, False, (), source_weight="primary", cost_weight="weak"
    ... )
    >>> weight_note(s)
    'its cost rests only on weak sources'
    """
    rank = {"primary": 1, "secondary": 2, "weak": 3}
    notes = []
    if step.source_weight in ("weak", "secondary"):
        notes.append(f"rests only on {step.source_weight} sources")
    for figure, weight in (("duration", step.months_weight), ("cost", step.cost_weight)):
        if weight in ("weak", "secondary") and rank[weight] > rank.get(step.source_weight or "", 0):
            notes.append(f"its {figure} rests only on {weight} sources")
    return "; ".join(notes)


def range_text(value: Range | None, what: str) -> str:
    """A range as words: ``(12, 24)`` months -> ``'12-24 months'``; one value -> ``'12 months'``.

    Examples
    --------
    >>> range_text((12.0, 24.0), "months"), range_text((125.0, 125.0), "cost"), range_text(None, "cost")
    ('12-24 months', '$125', 'cost unknown')
    """
    if value is None:
        return "duration unknown" if what == "months" else "cost unknown"
    low, high = value

    def one(x: float) -> str:
        if what == "months":
            return f"{x:g}"
        return f"${x:,.0f}" if x == int(x) else f"${x:,.2f}"

    text = one(low) if low == high else f"{one(low)}-{one(high)}"
    if what == "months":
        return text + (" month" if low == high == 1 else " months")
    return text


def years(value: float) -> str:
    """``1.0`` -> ``'1 year'``, ``2.5`` -> ``'2.5 years'``.

    >>> years(1.0), years(2.5)
    ('1 year', '2.5 years')
    """
    return f"{value:g} year" + ("" if value == 1 else "s")


def condition_text(cond: Condition, label: Callable[[str], str]) -> str:
    """A condition in full words, with every detail the data gives: ``'2 years (4,160 hours) of
    supervised full-time work as a medical assistant within the last 5 years'``; the condition's
    own label where it has no structured detail; its note after it.

    Examples
    --------
    >>> from careerpath.graph.planning.projection import Condition
    >>> c = Condition("c", "Experience", role="r", years=2.0, hours=4160, within_years=5.0, supervised=True,
    ...               full_time=True)
    >>> condition_text(c, lambda iri: "Medical assistant")
    '2 years (4,160 hours) of supervised full-time work as medical assistant within the last 5 years'
    >>> condition_text(Condition("e", "A program, with 10 EKGs", note="10 EKGs."), str)  # said once
    'A program, with 10 EKGs'
    """
    if cond.role is not None and cond.years is not None:
        hours = f" ({cond.hours:,} hours)" if cond.hours else ""
        kind = " ".join(w for w, on in (("supervised", cond.supervised), ("full-time", cond.full_time)) if on)
        roles = " or ".join(in_sentence(label(r)) for r in (cond.role, *cond.accepts))
        text = f"{years(cond.years)}{hours} of {kind + ' ' if kind else ''}work as {roles}"
    else:
        text = cond.label
    window = cond.window_months
    if window is not None and "within" not in text:
        text += f" within the last {years(window / 12) if window % 12 == 0 else f'{window:g} months'}"
    if cond.completing_days and cond.completing_applies_only:
        text += f"; a student may apply up to {cond.completing_days} days before finishing and sits the exam after"
    elif cond.completing_days:
        text += f"; a student may test up to {cond.completing_days} days before finishing"
    if cond.note and cond.note.rstrip(".").casefold() not in text.casefold():  # a note the label says is not said twice
        text += f" ({cond.note.rstrip('.')})"
    return text


def area_wage_text(area: str, wage) -> str:
    """One area's OEWS estimate in words: ``'WA: median $59,290 (10th to 90th percentile
    $45,000 to $75,000), 22,110 jobs, May 2025'``; a top-coded figure reads "at least"."""
    if wage is None:
        return f"{area}: not published"

    def fig(name: str, value) -> str:
        return ("at least " if name in wage.at_least else "") + money(value) if value is not None else "not published"

    parts = [f"median {fig('median', wage.median)}"]
    if wage.p10 is not None and wage.p90 is not None:
        parts.append(f"10th to 90th percentile {fig('p10', wage.p10)} to {fig('p90', wage.p90)}")
    text = f"{area}: " + ", ".join(parts)
    if wage.employment is not None:
        text += f", {wage.employment:,} jobs"
    return text + (f" ({wage.date})" if wage.date else "")


# ---------------------------------------------------------------------- query tables
MAX_WIDTH = 60  # a column wider than this wraps its cells (a single longer word widens it instead)


def iri_cell(iri: str, label: str | None, short: Callable[[str], str]) -> str:
    """An IRI as a cell: its label and its short name, or the short name alone when the label
    says no more than it.

    Examples
    --------
    >>> iri_cell("https://w3id.org/careerpath/data/org/nha", "National Healthcareer Association", lambda i: "org:nha")
    'National Healthcareer Association (org:nha)'
    >>> iri_cell("https://w3id.org/careerpath/data/org/nha", "nha", lambda i: "org:nha")
    'org:nha'
    """
    name = short(iri)
    if not label or label == name.rsplit(":", 1)[-1] or label == iri:
        return name
    return f"{label} ({name})"


def _wrap(text: str, width: int) -> list[str]:
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return lines or [""]


def table(header: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = MAX_WIDTH) -> str:
    """Rows under a header, columns two spaces apart. A column is as wide as its widest cell up
    to ``max_width``, and never narrower than its longest word: longer cells wrap onto more
    lines at whole words, so no word is ever cut.

    Examples
    --------
    >>> print(table(["note"], [["certification exam for assistants in dental offices"]], max_width=20))
    note
    --------------------
    certification exam
    for assistants in
    dental offices
    >>> print(table(["x"], [["see https://example.org/a-very-long-address-that-no-column-would-hold"]], max_width=20))
    x
    -----------------------------------------------------------------
    see
    https://example.org/a-very-long-address-that-no-column-would-hold
    """
    columns = len(header)
    widths = []
    for i, name in enumerate(header):
        cells = [row[i] for row in rows if i < len(row)]
        widest = max([len(name)] + [len(c) for c in cells])
        longest_word = max([len(name)] + [len(w) for c in cells for w in c.split()])
        widths.append(max(min(widest, max_width), longest_word))
    out = [_line(header, widths), _line(["-" * w for w in widths], widths)]
    for row in rows:
        wrapped = [_wrap(row[i] if i < len(row) else "", widths[i]) for i in range(columns)]
        for n in range(max(len(w) for w in wrapped)):
            out.append(_line([w[n] if n < len(w) else "" for w in wrapped], widths))
    return "\n".join(out)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def in_sentence(label: str) -> str:
    """A label inside a sentence: its first letter in lower case, unless it opens an abbreviation.

    >>> in_sentence("Medical assistant"), in_sentence("EKG technician"), in_sentence("OB-GYN medical assistant")
    ('medical assistant', 'EKG technician', 'OB-GYN medical assistant')
    """
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


#: The any-of group "high school diploma or equivalent", whose holding the assumptions are about.
HIGH_SCHOOL_OR_EQUIVALENT = "https://w3id.org/careerpath/data/group/high-school-or-equivalent"


def assumed_lines(assumptions: Iterable[str]) -> list[str]:
    """Each assumption as the line ``route``, ``eligible`` and ``options`` print.

    >>> assumed_lines(["You gave no date"])
    ['Assumed: You gave no date.']
    """
    return [f"Assumed: {a}." for a in assumptions]


def profile_assumptions(
    projection: Projection, profile: Profile, label: Callable[[str], str], *, equivalency: bool = True
) -> list[str]:
    """What careerpath assumes of ``profile``, in words, with how to say otherwise: an adult who
    did not say they hold a diploma passes an equivalency test first; a dated credential past its
    validity has lapsed. ``route``, ``eligible`` and ``options`` all say it, since most of their
    months count from there; without ``equivalency`` (a route that plans no equivalency test,
    as a CPC's need not), the first is left out.

    Examples
    --------
    >>> from careerpath.graph.core import CareerGraph
    >>> cg = CareerGraph.load()
    >>> profile_assumptions(cg.projection, cg.profile(), cg.label)[0][:44]
    'You did not say you hold a high school diplo'
    >>> profile_assumptions(cg.projection, cg.profile(have=["high school diploma"]), cg.label)
    []
    """
    from ..planning.holdings import holdings

    held = holdings(projection, profile)
    out = []
    hs = HIGH_SCHOOL_OR_EQUIVALENT
    holds = any(hs in projection.counts_as.get(m, ()) or m == hs for m in held.origin)
    if equivalency and not profile.school_age and not holds:
        out.append(
            "You did not say you hold a high school diploma or equivalent: careerpath takes you as an adult"
            " without one, who passes a high school equivalency test rather than four years of high school"
            ' (add --have "high school diploma" if you hold one; if you are in high school, --enrolled'
            ' "high school diploma@YYYY-MM")'
        )
    for m, when in sorted(held.lapsed.items()):
        validity = projection.validity[m]
        out.append(
            f"Your {label(m)} lapsed on {when.isoformat()} ({validity.months:g}-month validity, counted from"
            " the date you gave): it is not held now, and the route renews or recertifies it"
        )
    return out
