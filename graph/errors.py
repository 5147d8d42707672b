"""Typed errors of careerpath's core. The CLI and the app turn them into messages."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "a_or_an",
    "CareerPathError",
    "DataSyntaxError",
    "InvalidDataError",
    "UnknownNameError",
    "AmbiguousNameError",
    "ProfileError",
    "NoRouteError",
    "QueryError",
    "QueryRefused",
    "QuerySyntaxError",
    "QueryTimeout",
    "QueryTooComplex",
]


def a_or_an(word: str) -> str:
    """``word`` with its indefinite article, for messages: "an ASK query", "a SELECT query".

    Examples
    --------
    >>> a_or_an("ASK"), a_or_an("SELECT"), a_or_an("update")
    ('an ASK', 'a SELECT', 'an update')
    """
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


class CareerPathError(Exception):
    """Base class of every error careerpath raises on purpose."""


class DataSyntaxError(CareerPathError):
    """A data file that does not parse.

    Attributes
    ----------
    path : Path
        The file.
    line : int or None
        The line the parser stopped at, when it says.
    detail : str
        What the parser said.
    """

    def __init__(self, path: Path, line: int | None, detail: str) -> None:
        self.path, self.line, self.detail = Path(path), line, detail
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {detail}")


class InvalidDataError(CareerPathError):
    """Data that parses but breaks the SHACL shapes; carries the report."""

    def __init__(self, report: object) -> None:
        self.report = report
        super().__init__(str(report))


class UnknownNameError(CareerPathError, LookupError):
    """A name that matches no entity. ``matches`` holds the closest ``(id, label)`` pairs."""

    def __init__(self, name: str, matches: list[tuple[str, str]] | None = None, *, what: str = "entity") -> None:
        self.name, self.matches, self.what = name, list(matches or []), what
        hint = ""
        if self.matches:
            hint = "; closest: " + ", ".join(f"{label!r}" for _, label in self.matches)
        super().__init__(f"no {what} named {name!r}{hint}")


class AmbiguousNameError(UnknownNameError):
    """A name that matches several entities equally well; ``matches`` lists them."""

    def __init__(self, name: str, matches: list[tuple[str, str]], *, what: str = "entity") -> None:
        self.name, self.matches, self.what = name, list(matches), what
        options = "; ".join(f"{label!r} ({iri})" for iri, label in self.matches)
        CareerPathError.__init__(self, f"{name!r} is ambiguous: it could be {options}")


class ProfileError(CareerPathError, ValueError):
    """A profile that cannot be used as given (negative years, a year that is not a number...)."""


class NoRouteError(CareerPathError, LookupError):
    """No route reaches the target from the profile.

    Attributes
    ----------
    target : str
        The target's IRI.
    unmet : list of (id, label)
        Requirements that no step can meet from this profile, deepest first.
    closed : dict of step id -> reason
        Routes closed to this profile by a time window, each with why in words ("your military
        training is dated 2021-05; ... needs it within 4 years").
    related : list of (id, label)
        When nothing in the data leads to the target, targets named like it that can be
        planned (set by the caller that knows them; empty otherwise).
    """

    related: list[tuple[str, str]]

    def __init__(
        self, target: str, target_label: str, unmet: list[tuple[str, str]], closed: dict[str, str] | None = None
    ) -> None:
        self.target, self.target_label, self.unmet = target, target_label, list(unmet)
        self.closed = dict(closed or {})
        self.related = []
        if [i for i, _ in self.unmet] == [target]:
            why = "no step in the data leads to it yet"
        else:
            why = "cannot meet " + ", ".join(repr(label) for _, label in self.unmet)
        if self.closed:
            why += "; closed by a time window: " + "; ".join(sorted(set(self.closed.values())))
        super().__init__(f"no route to {target_label!r} from this profile: {why}")


class QueryError(CareerPathError):
    """A query that cannot be answered."""


class QuerySyntaxError(QueryError):
    """A query that does not parse; ``line`` and ``column`` say where."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.line, self.column = line, column
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"syntax error{where}: {message}")


class QueryRefused(QueryError):
    """A query that breaks a rule (update, remote access, size)."""


class QueryTooComplex(QueryRefused):
    """A query with more operators or tokens than the parser is allowed to read."""


class QueryTimeout(QueryError):
    """A query stopped at the time limit."""
