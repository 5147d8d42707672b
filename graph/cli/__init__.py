"""The ``careerpath`` command line: a module per group of commands (``facts``, ``plans``,
``sparql``, ``app``), each adding its parsers and handlers; this module only finds them, runs
the one asked for and turns errors into messages.

Every command reads the data and never writes it. Errors are messages on stderr with an
exit code, never a traceback: 0 success; 1 invalid or malformed data (or failed query);
2 a bad argument, or an unknown or ambiguous name (stderr lists the closest labels);
3 no route from this profile (stderr names the requirement that cannot be met).

May import every other part of ``careerpath.graph``; nothing imports it but ``__main__``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..errors import (
    AmbiguousNameError,
    CareerPathError,
    DataSyntaxError,
    NoRouteError,
    ProfileError,
    UnknownNameError,
)
from .common import EXIT_DATA, EXIT_NO_ROUTE, EXIT_OK, EXIT_USAGE, UsageError

__all__ = ["main", "build_parser", "run"]

# Each group's module and the commands it adds (its COMMANDS, which a test checks against this):
# only the module of the command run is imported (``sparql`` alone imports the RDF helpers).
GROUPS = {
    "facts": ("validate", "show", "list", "sources", "export"),
    "plans": ("route", "eligible", "options"),
    "sparql": ("query", "queries", "serve", "load"),
    "app": ("app",),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, each group adding its own; given the ``command`` about
    to run, only its group's parsers (what that command parses, prints in its help and its
    errors is the same, and the other groups' dozens of options are not built at start-up).

    Examples
    --------
    >>> sorted(build_parser("route")._subparsers._group_actions[0].choices)
    ['eligible', 'options', 'route']
    >>> len(build_parser("no-such-command")._subparsers._group_actions[0].choices) > 10
    True
    """
    parser = argparse.ArgumentParser(
        prog="careerpath", description="Explore, query and plan routes through careerpath's knowledge graph."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = [name for name, commands in GROUPS.items() if command in commands] or list(GROUPS)
    for name in names:
        importlib.import_module(f".{name}", __name__).add_commands(sub)
    return parser


_LIST_HINTS = {
    "role": "every role: careerpath list --kind role",
    "curated question": "every curated question: careerpath queries",
    None: "what exists: careerpath list [--kind role|certification|program|credential] [WORDS]",
}


def _names(matches) -> None:
    """Entities on stderr, each with the short name that names it exactly (``role:dentist``)."""
    from ..loading.rdf import prefixed

    width = max((len(label) for _, label in matches), default=0)
    for iri, label in matches:
        print(f"  - {label:<{width}}  {prefixed(iri)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if args.command is None:  # no command: the help, not an error
        parser.print_help()
        return EXIT_OK
    try:
        return args.func(args)
    except AmbiguousNameError as err:
        print(
            f"error: {err.name!r} is ambiguous: it could be any of these; give one's label or short name",
            file=sys.stderr,
        )
        _names(err.matches)
        return EXIT_USAGE
    except UnknownNameError as err:
        print(f"error: no {err.what} named {err.name!r}", file=sys.stderr)
        if err.matches:
            print("closest matches:", file=sys.stderr)
            _names(err.matches)
        print(_LIST_HINTS.get(err.what, _LIST_HINTS[None]), file=sys.stderr)
        return EXIT_USAGE
    except NoRouteError as err:
        print(f"error: {err}", file=sys.stderr)
        for iri, label in err.unmet:
            print(f"  cannot meet: {label} <{iri}>", file=sys.stderr)
        if err.related:
            print("careerpath can plan routes to these, named like it:", file=sys.stderr)
            _names(err.related)
        return EXIT_NO_ROUTE
    except (UsageError, ProfileError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except DataSyntaxError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_DATA
    except CareerPathError as err:  # QueryError and the rest
        print(f"error: {err}", file=sys.stderr)
        return EXIT_DATA
    except BrokenPipeError:  # e.g. `careerpath export | head`
        return EXIT_OK


# Commands whose process may end without the interpreter's finalization (``run``): they hold no
# file, store or thread open once ``main`` returns.
QUICK_EXIT = frozenset(GROUPS["plans"])


def run() -> None:
    """The ``careerpath`` program: ``main``, then the process ends with its exit code.

    Python's finalization frees every object one by one: after a first-time ``route``, 33M
    instructions of its 482M (2026-12-03). For the commands of ``QUICK_EXIT``, once the standard
    streams are flushed and when nothing is registered to run at exit (``atexit``: a temporary
    store's clean-up, logging) and no other thread runs, the process ends at once
    (``os._exit``), which loses nothing; otherwise, and for every other command, it exits as usual.
    """
    code = main()
    code = code if isinstance(code, int) else 0
    if sys.argv[1:2] and sys.argv[1] in QUICK_EXIT:
        import atexit
        import os
        import threading

        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe: the usual exit reports it as it always did
            sys.exit(code)
        ncallbacks = getattr(atexit, "_ncallbacks", None)
        if ncallbacks is not None and ncallbacks() == 0 and threading.active_count() == 1:
            os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
