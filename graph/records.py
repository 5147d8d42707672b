"""``record``: a dataclass whose class is cheap to make, for the classes a command imports.

``dataclasses.dataclass`` writes each method it adds as Python source and compiles it
(``exec``): six compilations for a frozen class (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__``, ``__delattr__``). A command that plans imports about thirty such
classes, and compiling their methods was about 30 % of a first-time ``careerpath route``'s
instructions (2026-12-03). ``record`` gives the class these methods ready made (functions made
once, holding the class's field names), which behave as ``dataclass``'s own: ``__init__`` takes
the fields in order or by name, fills in defaults and factories and calls ``__post_init__``, with
the same errors; the same ``repr`` text; the same equality and hash (a tuple of the compared
fields, so sets and dicts of records iterate as before; a mutable record is unhashable); the same
``FrozenInstanceError``. Only a class made by the thousand (``hot``: a route's steps, a plan's
timelines) has ``dataclass`` compile its ``__init__`` (and a frozen one's ``__setattr__`` and
``__delattr__``), which sets a record's fields a little faster.

A record is a dataclass (``dataclasses.fields``, ``replace``, ``asdict`` and the cache's encoder
see its fields as before); its ``__dataclass_params__`` say which methods ``dataclass`` itself
added (``init``, ``repr``, ``eq`` and ``frozen`` False unless ``hot``). A class that defines one
of these methods itself keeps its own, as with ``dataclass``.

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


def _init(cls: type) -> Any:
    """An ``__init__`` taking the fields as ``dataclass``'s does (in order or by name, defaults
    and factories filled in, then ``__post_init__``), setting them at once, not compiled."""
    fields = dataclasses.fields(cls)
    names = tuple(f.name for f in fields if f.init)
    allowed = frozenset(names)
    missing = dataclasses.MISSING
    defaults = {f.name: f.default for f in fields if f.init and f.default is not missing}
    factories = {f.name: f.default_factory for f in fields if f.init and f.default_factory is not missing}
    # fields not given to __init__ with a factory: set from it (one with a default stays a class attribute)
    unset = tuple((f.name, f.default_factory) for f in fields if not f.init and f.default_factory is not missing)
    order = tuple(f.name for f in fields)
    post = hasattr(cls, "__post_init__")
    where = f"{cls.__qualname__}.__init__()"
    required = [name for name in names if name not in defaults and name not in factories]
    if required != list(names[: len(required)]):  # as dataclass refuses to make such an __init__
        raise TypeError(f"non-default argument {required[-1]!r} follows default argument")
    takes = f"{len(names) + 1}" if len(required) == len(names) else f"from {len(required) + 1} to {len(names) + 1}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{where} takes {takes} positional arguments but {len(args) + 1} were given")
        values = dict(zip(names, args, strict=False))
        if kwargs:
            if not kwargs.keys() <= allowed:
                raise TypeError(f"{where} got an unexpected keyword argument {min(kwargs.keys() - allowed)!r}")
            if not kwargs.keys().isdisjoint(values):
                raise TypeError(f"{where} got multiple values for argument {min(kwargs.keys() & values.keys())!r}")
            values.update(kwargs)
        if len(values) < len(names):
            if lacking := [repr(name) for name in required if name not in values]:
                listed = " and ".join(lacking) if len(lacking) < 3 else ", ".join(lacking[:-1]) + ", and " + lacking[-1]
                plural = "s" if len(lacking) > 1 else ""
                raise TypeError(f"{where} missing {len(lacking)} required positional argument{plural}: {listed}")
            for name in names:
                if name not in values:
                    values[name] = defaults[name] if name in defaults else factories[name]()
        for name, factory in unset:
            values[name] = factory()
        self.__dict__.update({name: values[name] for name in order if name in values})  # in field order, as dataclass
        if post:
            self.__post_init__()

    return __init__


def _frozen(cls: type) -> dict[str, Any]:
    """``__setattr__`` and ``__delattr__`` raising ``FrozenInstanceError`` as ``dataclass``'s do."""
    names = frozenset(f.name for f in dataclasses.fields(cls))

    def __setattr__(self, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return {"__setattr__": __setattr__, "__delattr__": __delattr__}


def record(cls: T | None = None, /, *, frozen: bool = True, hot: bool = False):
    """``dataclass(cls, frozen=frozen)``, with nothing compiled, or ``__init__`` alone (see the module).

    Parameters
    ----------
    cls : type, optional
        The class (``@record``); without it, a decorator (``@record(frozen=False)``).
    frozen : bool
        Whether assigning to a field raises ``FrozenInstanceError`` (and records hash by value).
    hot : bool
        Made by the thousand (a route's steps): ``dataclass`` compiles its ``__init__`` (and, when
        frozen, ``__setattr__`` and ``__delattr__``), which sets fields faster than the ready-made one.

    Returns
    -------
    type
        ``cls``, made a dataclass.
    """

    def wrap(cls: T) -> T:
        own = cls.__dict__
        explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
        for name in ("__setattr__", "__delattr__") if frozen else ():
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
        cls = dataclasses.dataclass(cls, init=hot, repr=False, eq=False, frozen=frozen and hot)
        methods = _methods(cls, frozen)
        if not hot:
            methods = {"__init__": _init(cls), **methods, **(_frozen(cls) if frozen else {})}
        for name, method in methods.items():
            if name in own and not (name == "__hash__" and not explicit_hash):
                continue
            if callable(method):
                method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
        return cls

    return wrap if cls is None else wrap(cls)
