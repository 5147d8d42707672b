"""rdflib's ``REGEX`` and ``REPLACE`` on a regular-expression engine that can be stopped.

rdflib evaluates SPARQL ``REGEX`` and ``REPLACE`` with Python's ``re``. A pattern with nested
quantifiers (``^(a+)+$`` against ``aaaa...a!``) backtracks for an exponential time, inside
one C call that holds the GIL and never returns to the interpreter: the thread cannot be
stopped, and every other thread of the process (an endpoint's event loop included) stands
still until it ends.

``install_regex_guard`` replaces the ``re`` that rdflib's operators module uses with a shim
over the ``regex`` package, which takes a ``timeout`` and releases the GIL while it matches
(``concurrent=True``). Inside ``regex_deadline(deadline)`` each match gets the time left to
the query; a match past it raises ``RegexTimeout``, a ``BaseException`` so that rdflib's
handlers (``except SPARQLError``, bare ``except:`` in FILTER) cannot turn it into false.

``regex`` answers the issue's ``^(a+)+$`` at once (it simplifies the nested quantifier);
``^(a|aa)+$`` still backtracks exponentially there, and is what the timeout stops. The timeout
is checked by the engine as it goes: on a loaded machine it can overrun (up to three times the
time left was seen on 2 busy cores), but it runs without the GIL, so the process answers others
meanwhile and the query's own answer (a 503) goes out at its deadline.

Why not the other two ways: refusing nested quantifiers cannot see a pattern built at run
time (``REGEX(?x, CONCAT("^(a+", ")+$"))``) or read from the data; evaluating each rdflib
query in a process that can be killed would need a second copy of the rdflib graph per
process, and its parse, for the one store that exists to be the in-process model.

Examples
--------
>>> import time
>>> install_regex_guard()
>>> import rdflib
>>> g = rdflib.Graph()
>>> bool(g.query('ASK { BIND("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" AS ?x) FILTER(REGEX(?x, "^(a+)+$")) }').askAnswer)
False
>>> q = 'ASK { BIND("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" AS ?x) FILTER(REGEX(?x, "^(a|aa)+$")) }'
>>> start = time.monotonic()
>>> with regex_deadline(time.monotonic() + 0.2):
...     try:
...         g.query(q).askAnswer
...     except RegexTimeout:
...         print("stopped")
stopped
>>> time.monotonic() - start < 10
True
>>> bool(g.query('ASK { FILTER(REGEX("Medical", "^med", "i")) }').askAnswer)
True
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import regex

__all__ = ["RegexTimeout", "install_regex_guard", "regex_deadline"]

_local = threading.local()


class RegexTimeout(BaseException):  # noqa: N818 - raised through rdflib's handlers, like KeyboardInterrupt
    """A regular expression still matching at its query's deadline."""


def _left() -> float | None:
    deadline = getattr(_local, "deadline", None)
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise RegexTimeout()
    return left


class _GuardedRe:
    """The part of ``re`` that rdflib's operators use, on ``regex`` with a timeout."""

    IGNORECASE = regex.IGNORECASE
    DOTALL = regex.DOTALL
    MULTILINE = regex.MULTILINE
    error = regex.error

    @staticmethod
    def search(pattern: str, string: str, flags: int = 0):
        try:
            return regex.search(pattern, string, flags, timeout=_left(), concurrent=True)
        except TimeoutError:
            raise RegexTimeout() from None

    @staticmethod
    def sub(pattern: str, repl: str, string: str, flags: int = 0) -> str:
        try:
            return regex.sub(pattern, repl, string, flags=flags, timeout=_left(), concurrent=True)
        except TimeoutError:
            raise RegexTimeout() from None

    def __getattr__(self, name: str):  # anything else rdflib may use: the same as re
        import re

        return getattr(re, name)


def install_regex_guard() -> None:
    """Route rdflib's SPARQL ``REGEX`` and ``REPLACE`` through the guarded engine (idempotent)."""
    import rdflib.plugins.sparql.operators as operators

    if not isinstance(operators.re, _GuardedRe):
        operators.re = _GuardedRe()  # type: ignore[assignment]


@contextlib.contextmanager
def regex_deadline(deadline: float | None) -> Iterator[None]:
    """Within the block, this thread's regular expressions stop at ``deadline`` (monotonic)."""
    previous = getattr(_local, "deadline", None)
    _local.deadline = deadline
    try:
        yield
    finally:
        _local.deadline = previous
