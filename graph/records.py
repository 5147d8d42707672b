"""``record``: a dataclass whose class is cheap to make, for the classes a command imports.

``dataclasses.dataclass`` writes each method it adds as Python source and compiles it
(``exec``): six compilations for a frozen class (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__``, ``__delattr__``). A command that plans imports about thirty such
classes, and compiling their methods was about a sixth of a first-time ``careerpath route``'s
instructions (2026-12-03). ``record`` lets ``dataclass`` compile ``__init__`` (the one method
whose speed matters: the planner and the cache make many records) and, for a frozen class,
``__setattr__`` and ``__delattr__``; it gives the class ``__repr__``, ``__eq__`` and
``__hash__`` ready made, which behave as ``dataclass``'s own: the same ``repr`` text, the same
equality and hash (a tuple of the compared fields, so sets and dicts of records iterate as
before; a mutable record is unhashable).

A record is a dataclass (``dataclasses.fields``, ``replace``, ``asdict`` and the cache's encoder
see its fields as before); its ``__dataclass_params__`` say ``repr`` and ``eq`` are False, since
``dataclass`` did not add those methods. A class that defines one of them itself keeps its own,
as with ``dataclass``.

Examples
--------
>>> @record
... class Point:
...     x: int
...     y: int = 0
>>> p = Point(1)
>>> p, p == Point(1, 0), p != Point(2), hash(p) == hash((1, 0))
(Point(x=1, y=0), True, True, True)
>>> p.x = 3
Traceback (most recent call last):
    ...
dataclasses.FrozenInstanceError: cannot assign to field 'x'
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar

__all__ = ["record"]

T = TypeVar("T", bound=type)


def _values(names: tuple[str, ...]):
    """A function giving an object's values of ``names`` as a tuple (the one ``dataclass``'s
    methods build), in C when there are two or more."""
    if len(names) >= 2:
        return attrgetter(*names)
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _methods(cls: type, frozen: bool) -> dict[str, Any]:
    """``__repr__``, ``__eq__`` and ``__hash__`` as ``dataclass(frozen=frozen)`` makes them for ``cls``."""
    fields = dataclasses.fields(cls)
    shown = [f.name for f in fields if f.repr]
    compared = _values(tuple(f.name for f in fields if f.compare))
    hashed = _values(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))

    @recursive_repr()
    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in shown) + ")"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(hashed(self))

    # mutable and compared by value: unhashable, as dataclass makes it
    return {"__repr__": __repr__, "__eq__": __eq__, "__hash__": __hash__ if frozen else None}


def record(cls: T | None = None, /, *, frozen: bool = True):
    """``dataclass(cls, frozen=frozen)``, with only ``__init__`` compiled (see the module).

    Parameters
    ----------
    cls : type, optional
        The class (``@record``); without it, a decorator (``@record(frozen=False)``).
    frozen : bool
        Whether assigning to a field raises ``FrozenInstanceError`` (and records hash by value).

    Returns
    -------
    type
        ``cls``, made a dataclass.
    """

    def wrap(cls: T) -> T:
        own = cls.__dict__
        explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
        cls = dataclasses.dataclass(cls, repr=False, eq=False, frozen=frozen)
        for name, method in _methods(cls, frozen).items():
            if name in own and not (name == "__hash__" and not explicit_hash):
                continue
            if callable(method):
                method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
        return cls

    return wrap if cls is None else wrap(cls)
