"""What every command shares: loading the graph, reading a profile and dates from the command
line, argument types, and the one error a bad argument raises."""

from __future__ import annotations

import argparse
import datetime
import re
from collections.abc import Sequence

from ..errors import CareerPathError

__all__ = [
    "EXIT_OK",
    "EXIT_DATA",
    "EXIT_USAGE",
    "EXIT_NO_ROUTE",
    "UsageError",
    "load",
    "parse_date",
    "profile_of",
    "profile_options",
    "positive_int",
    "port_in_use",
    "print_json",
]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_NO_ROUTE = 0, 1, 2, 3

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class UsageError(CareerPathError):
    """A command-line argument that cannot be used."""


def print_json(value) -> None:
    """Print ``value`` as indented JSON, non-ASCII kept."""
    import json

    print(json.dumps(value, indent=2, ensure_ascii=False))


def load():
    from ..core import CareerGraph

    return CareerGraph.load()


def parse_date(text: str) -> datetime.date:
    match = _DATE.match(text.strip())
    if not match:
        raise UsageError(f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    try:
        return datetime.date(year, month, day)
    except ValueError as err:
        raise UsageError(f"{text!r} is not a date: {err}") from err


def _split_have(values: Sequence[str]) -> tuple[list[str], dict[str, datetime.date]]:
    names, dates = [], {}
    for value in values:
        name, sep, when = value.rpartition("@")
        if sep and _DATE.match(when.strip()):
            names.append(name)
            dates[name] = parse_date(when)
        else:
            names.append(value)
    return names, dates


def _split_experience(values: Sequence[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for value in values:
        name, sep, years = value.rpartition("=")
        if not sep or not name.strip():
            raise UsageError(f"--experience takes NAME=YEARS, not {value!r}")
        try:
            number = float(years)
        except ValueError:
            raise UsageError(f"years of experience must be a number, not {years!r} (in {value!r})") from None
        if number != number or number in (float("inf"), float("-inf")) or number < 0:
            raise UsageError(f"years of experience must be zero or more, not {years!r} (in {value!r})")
        out[name.strip()] = number
    return out


def profile_of(cg, args):
    names, dates = _split_have(args.have or [])
    experience = _split_experience(args.experience or [])
    as_of = parse_date(args.as_of) if getattr(args, "as_of", None) else None
    state = getattr(args, "state", None)
    if state is not None and not re.fullmatch(r"[A-Za-z]{2}", state.strip()):
        raise UsageError(f"--state takes a two-letter state code such as WA, not {state!r}")
    enrolled_names, enrolled_dates = _split_have(getattr(args, "enrolled", None) or [])
    missing = [n for n in enrolled_names if n not in enrolled_dates]
    if missing:
        raise UsageError(f"--enrolled takes NAME@DATE, the date you expect to finish, not {missing[0]!r}")
    return cg.profile(
        have=names,
        experience=experience,
        dates=dates,
        as_of=as_of,
        state=state,
        enrolled=enrolled_dates,
        school_age=bool(getattr(args, "school_age", False)),
    )


def profile_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--have",
        action="append",
        metavar="NAME[@DATE]",
        help="a role, certification, program or credential you hold (repeatable); add @YYYY[-MM[-DD]] for when"
        " you reached it",
    )
    parser.add_argument(
        "--experience", action="append", metavar="NAME=YEARS", help="years of experience in a role (repeatable)"
    )
    parser.add_argument("--as-of", metavar="DATE", help="use the rules in force on this date (default: current rules)")
    parser.add_argument("--state", metavar="XX", help="a US state's code (WA, SD, CA...): add its practice rules")
    parser.add_argument(
        "--enrolled",
        action="append",
        metavar="NAME@DATE",
        help="a program you are enrolled in and the date you expect to finish it (repeatable)",
    )
    parser.add_argument(
        "--school-age",
        action="store_true",
        help="you are of high school age: plan four years of high school (default: an adult, who takes a GED or HiSET)",
    )


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def port_in_use(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on, or None when it can."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        return f"cannot resolve host {host!r}: {err.strerror}"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is no obstacle
        try:
            probe.bind(address)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is already in use; choose another with --port"
            return f"cannot listen on {host}:{port}: {err.strerror}"
    return None
