"""Reading a profile and a target from the page's URL: every bad value becomes a message
naming it (shortened) with the closest names, and numbers are clamped to what the form
accepts. Plain functions over the graph (no Streamlit), so pages and tests share them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from careerpath.graph.core import CareerGraph
from careerpath.graph.errors import AmbiguousNameError, UnknownNameError

MAX_YEARS = 60.0
MAX_ALTERNATIVES = 5
ECHO_LIMIT = 60


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis.

    >>> shorten("x" * 100, 10)
    'xxxxxxxxx…'
    """
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def find(cg: CareerGraph, value: str, allowed: Mapping[str, str], what: str) -> tuple[str | None, str | None]:
    """The IRI ``value`` names among ``allowed`` (IRI, prefixed name, label, abbreviation), or a message.

    The ranking is the CLI's (``NameIndex``): exact labels and abbreviations first, then
    small typos; a name that fits several equally well is a message listing them.
    """
    text = str(value).strip()
    if text in allowed:
        return text, None
    matches: list[tuple[str, str]] = []
    try:
        iri = cg.resolve(text, what=what)
        if iri in allowed:
            return iri, None
    except AmbiguousNameError as err:
        inside = [(i, lab) for i, lab in err.matches if i in allowed]
        if len(inside) == 1:
            return inside[0][0], None
        if inside:
            names = ", ".join(lab for _, lab in inside[:5])
            return None, f"'{shorten(text)}' could be several {what}s: {names}. Choose one."
    except UnknownNameError:
        pass
    matches = [(i, lab) for i, lab in cg.names.suggest(text, n=20) if i in allowed][:5]
    if matches:
        closest = f" Closest: {', '.join(lab for _, lab in matches)}."
    else:  # nothing is close: name a few that exist, so the person sees what to type
        examples = sorted(allowed.values(), key=lambda lab: (len(lab), lab))[:5]
        closest = f" No name is close; {what}s include: {', '.join(examples)}."
    return None, f"Couldn't find a {what} called '{shorten(text)}'.{closest}"


@dataclass
class ProfileParams:
    """A profile as the URL gives it, with a message for every value that could not be used."""

    have: list[str] = field(default_factory=list)
    experience: dict[str, float] = field(default_factory=dict)
    state: str = ""
    problems: list[str] = field(default_factory=list)


def years_of(text: str) -> tuple[float | None, str | None]:
    """Years from the URL, clamped to 0..60; a message when it was changed or unreadable.

    >>> years_of("-5")
    (0.0, "Years of experience can't be negative: '-5' is read as 0.")
    >>> years_of("2.5")
    (2.5, None)
    """
    try:
        years = float(text)
    except ValueError:
        return None, f"'{shorten(text)}' is not a number of years; it was left out."
    if math.isnan(years):
        return None, f"'{shorten(text)}' is not a number of years; it was left out."
    if years < 0:
        return 0.0, f"Years of experience can't be negative: '{shorten(text)}' is read as 0."
    if years > MAX_YEARS:
        return MAX_YEARS, f"At most {MAX_YEARS:g} years of experience: '{shorten(text)}' is read as {MAX_YEARS:g}."
    return years, None


def read_profile(
    cg: CareerGraph,
    have: Iterable[str],
    exp: Iterable[str],
    state: str | None,
    holdable: Mapping[str, str],
    roles: Mapping[str, str],
    states: Iterable[str],
) -> ProfileParams:
    """Read ``have=``, ``exp=ROLE=YEARS`` and ``state=`` values (each bad one becomes a message)."""
    out = ProfileParams()
    for value in have:
        iri, problem = find(cg, value, holdable, "milestone")
        if iri is not None and iri not in out.have:
            out.have.append(iri)
        if problem:
            out.problems.append(problem)
    for item in exp:
        role, sep, years_text = str(item).rpartition("=")
        if not sep or not role.strip():
            out.problems.append(f"Experience is written ROLE=YEARS, not '{shorten(item)}'; it was left out.")
            continue
        iri, problem = find(cg, role, roles, "role")
        if problem:
            out.problems.append(problem)
            continue
        years, note = years_of(years_text)
        if note:
            out.problems.append(note)
        if iri is not None and years is not None:
            out.experience[iri] = years
    if len(out.experience) > 1:  # the form holds one role's experience
        kept, *dropped = out.experience
        out.problems.append(
            f"The form takes experience in one role: kept {cg.label(kept)}, left out "
            + ", ".join(cg.label(r) for r in dropped)
            + "."
        )
        out.experience = {kept: out.experience[kept]}
    code = (state or "").strip().upper()
    known = set(states)
    if code and code not in known:
        if re.fullmatch(r"[A-Z]{2}", code):
            out.problems.append(
                f"careerpath knows no state rules for {code}; the plan shows no state rules "
                f"(known: {', '.join(sorted(known)) or 'none'})."
            )
        else:
            out.problems.append(f"'{shorten(state or '')}' is not a two-letter state code such as WA; it was left out.")
    elif code:
        out.state = code
    return out


def alternatives_of(text: str | None) -> tuple[int, str | None]:
    """``k=`` from the URL, clamped to 1..5.

    >>> alternatives_of("9")
    (5, "At most 5 routes: '9' is read as 5.")
    """
    if text is None or text == "":
        return 1, None
    try:
        k = int(str(text).strip())
    except ValueError:
        return 1, f"'{shorten(text)}' is not a number of routes; showing 1."
    if k < 1:
        return 1, f"At least 1 route: '{shorten(text)}' is read as 1."
    if k > MAX_ALTERNATIVES:
        return MAX_ALTERNATIVES, f"At most {MAX_ALTERNATIVES} routes: '{shorten(text)}' is read as {MAX_ALTERNATIVES}."
    return k, None
