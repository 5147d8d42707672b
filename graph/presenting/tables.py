"""Query answers as a table a person reads in a terminal: IRIs by label with their short name
(``National Healthcareer Association (org:nha)``), long cells wrapped at whole words, never cut.

Plain Python, no RDF library: the cells are text by the time they get here.

Examples
--------
>>> print(table(["role", "median"], [["Medical assistant", "$44,200"], ["Phlebotomist", "$43,660"]]))
role               median
-----------------  -------
Medical assistant  $44,200
Phlebotomist       $43,660
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

__all__ = ["MAX_WIDTH", "iri_cell", "table"]

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
