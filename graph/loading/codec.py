"""The compiled cache's data-only encoding: ``encode`` turns the few kinds of value the compiled
graph holds (strings, numbers, tuples, sets, dates, dictionaries, ``LiteDiGraph`` and
careerpath's own dataclasses, field by field) into JSON-ready data, ``decode`` reads them back.

A class is found only among ``careerpath.graph``'s dataclasses, and only if its fields are the
ones written; decoding never runs anything the data names (``graph.loading.cache`` keeps the
files, their checksums and keys).

Examples
--------
>>> classes, (row,) = encode([{"a": (1, frozenset({"b"})), "plain": {"x": [1]}}])
>>> decode(classes, json.dumps(row)) == {"a": (1, frozenset({"b"})), "plain": {"x": [1]}}
True
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
import importlib
import json
from typing import Any

from .litegraph import LiteDiGraph

__all__ = ["CacheShapeError", "decode", "encode"]

_PACKAGE = "careerpath.graph."
_COLLECTIONS: dict[str, type] = {"t": tuple, "f": frozenset, "s": set}  # tags read as ``kind(list)``


class CacheShapeError(ValueError):
    """A cache entry that does not hold what it should (it is then rebuilt)."""


def encode(value: Any, *, rows: bool = False) -> tuple[dict, Any]:
    """``(classes, body)``: ``value`` as JSON-ready data, and the dataclasses it names with
    their fields. Every JSON object in ``body`` is one tag: ``{"t": [...]}`` a tuple, ``"f"``
    a frozenset, ``"s"`` a set, ``"d"`` a dict as ``[key, value, ...]``, ``"j"`` a dict or list
    that is plain JSON (text keys; text, numbers, lists and such dicts inside; ``"jf"`` such a
    dict of frozensets), one JSON text read back by the C decoder, ``"date"`` a date, ``"g"`` a
    ``LiteDiGraph``, ``"c"`` a dataclass as ``[class number, field values...]``.

    With ``rows``, ``value`` is a list of rows and ``body`` a list of ``(row, texts)``: each
    row's plain JSON texts are not inside it as strings but apart (``"J"``, ``"JF"``: the
    number of the text in ``texts``), so that ``write`` puts them on the row's line as they
    are and ``decode`` reads each once (a text inside a JSON string is escaped, and would be
    scanned twice: 0.6 MB of the projection's 1 MB).

    Raises
    ------
    TypeError
        A value of another kind (then nothing is cached).
    """
    classes: dict[type, int] = {}
    texts: list[str] | None = None  # with ``rows``: the texts of the row being encoded

    def text(tag: str, plain: Any) -> dict:
        dumped = json.dumps(plain, separators=(",", ":"), ensure_ascii=False)
        if texts is None:
            return {tag: dumped}
        texts.append(dumped)
        return {tag.upper(): len(texts) - 1}

    def enc(v: Any) -> Any:
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, list):  # a plain list, like a plain dict, is one JSON text (read by C alone)
            return text("j", v) if _plain(v) else [enc(x) for x in v]
        if isinstance(v, tuple):
            return {"t": [enc(x) for x in v]}
        if isinstance(v, frozenset):
            return {"f": [enc(x) for x in v]}
        if isinstance(v, set):
            return {"s": [enc(x) for x in v]}
        if isinstance(v, dict):
            if _plain(v):
                return text("j", v)
            if all(isinstance(k, str) and type(x) is frozenset and _plain(list(x)) for k, x in v.items()):
                return text("jf", {k: list(x) for k, x in v.items()})
            return {"d": [y for k, x in v.items() for y in (enc(k), enc(x))]}
        if isinstance(v, datetime.datetime):
            raise TypeError("datetimes are not cached")
        if isinstance(v, datetime.date):
            return {"date": v.isoformat()}
        if isinstance(v, LiteDiGraph):
            return {"g": [enc(v._node_data), enc(v._succ_data), enc(v._pred_data)]}
        kind = type(v)
        if dataclasses.is_dataclass(v) and kind.__module__.startswith(_PACKAGE):
            if kind not in classes and any(f.kw_only or not f.init for f in dataclasses.fields(kind)):
                raise TypeError(f"the cache reads {kind.__qualname__} back by position: no keyword-only fields")
            number = classes.setdefault(kind, len(classes))
            return {"c": [number, *(enc(getattr(v, f.name)) for f in dataclasses.fields(v))]}
        raise TypeError(f"the cache cannot hold a {kind.__qualname__}")

    if rows:
        body = []
        for x in value:
            texts = []
            body.append((enc(x), texts))
    else:
        body = [enc(x) for x in value] if isinstance(value, list) else enc(value)  # a list on top: an entry's rows
    table = {
        str(n): [k.__module__, k.__qualname__, [f.name for f in dataclasses.fields(k)]] for k, n in classes.items()
    }
    return table, body


def _plain(value: Any) -> bool:
    """Whether ``value`` reads back from JSON as itself: text, numbers, booleans, None, lists
    and dicts with text keys of those (no tuples, sets, dates or dataclasses)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _class(module: str, name: str, names: list[str]) -> type:
    """One of careerpath's dataclasses, by module and name, whose fields are ``names`` now."""
    if not module.startswith(_PACKAGE) or not all(p.isidentifier() for p in module.split(".")):
        raise CacheShapeError(f"{module} is not a careerpath module")
    if not name.isidentifier():
        raise CacheShapeError(f"{name!r} is not a class name")
    try:
        kind = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        raise CacheShapeError(f"no class {module}.{name}") from None
    if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
        raise CacheShapeError(f"{module}.{name} is not a dataclass")
    fields = dataclasses.fields(kind)
    if [f.name for f in fields] != names:
        raise CacheShapeError(f"{module}.{name} has other fields now")
    if any(f.kw_only or not f.init for f in fields):
        raise CacheShapeError(f"{module}.{name} has fields not given in order")
    return kind


def decode(classes: dict, body_json: bytes | str) -> Any:
    """The value ``encode`` wrote. Raises ``CacheShapeError`` (or ``ValueError``,
    ``TypeError``) on anything it did not write.

    Every entry of the class table must name a careerpath module; each class is imported and
    its fields checked when the value first names it, so a row that holds a name index does not
    import the planner's modules."""
    if body_json[:1] in (b"=", "="):  # a row that is plain JSON (``write``): one pass of the C decoder
        return json.loads(body_json[1:])
    # A row's plain JSON texts follow it, each after a tab (no JSON text holds a raw tab): ``encode``.
    line, tab = body_json, b"\t" if isinstance(body_json, bytes) else "\t"
    texts, at = [], line.find(tab)
    if at >= 0:  # each tab found by memchr (a split looks at every byte)
        body_json, start = line[:at], at + 1
        while (at := line.find(tab, start)) >= 0:
            texts.append(line[start:at])
            start = at + 1
        texts.append(line[start:])
    if not isinstance(classes, dict):
        raise CacheShapeError("no class table")
    for entry in classes.values():
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[2], list)):
            raise CacheShapeError("a malformed class entry")
        if not str(entry[0]).startswith(_PACKAGE):
            raise CacheShapeError(f"{entry[0]} is not a careerpath module")
    table: dict[int, tuple[type, list[str], bool]] = {}

    def cls(number: object) -> tuple[type, list[str], bool]:
        if number not in table:
            entry = classes.get(str(number)) if isinstance(number, int) else None
            if entry is None:
                raise CacheShapeError(f"no class numbered {number!r}")
            kind = _class(str(entry[0]), str(entry[1]), entry[2])  # type: ignore[index]
            plain = not hasattr(kind, "__post_init__") and "__slots__" not in kind.__dict__  # __init__ only sets fields
            table[number] = (kind, entry[2], plain)  # type: ignore[index]
        return table[number]  # type: ignore[index]

    def hook(obj: dict) -> Any:
        if len(obj) != 1:
            raise CacheShapeError("an object that is not a tag")
        ((tag, v),) = obj.items()
        if tag in _COLLECTIONS:
            return _COLLECTIONS[tag](v)
        if tag == "d":
            return dict(zip(v[::2], v[1::2], strict=True))
        if tag == "J" or tag == "JF":  # a text apart, by its number
            if type(v) is not int or not 0 <= v < len(texts):
                raise CacheShapeError("a malformed JSON text")
            tag, v = tag.lower(), texts[v]
        if tag == "j" or tag == "jf":
            if not isinstance(v, (str, bytes)):
                raise CacheShapeError("a malformed JSON text")
            return json.loads(v) if tag == "j" else {k: frozenset(x) for k, x in json.loads(v).items()}
        if tag == "date":
            return datetime.date.fromisoformat(v)
        if tag == "g":
            nodes, succ, pred = v
            if not (isinstance(nodes, dict) and isinstance(succ, dict) and isinstance(pred, dict)):
                raise CacheShapeError("a malformed graph")
            return LiteDiGraph(nodes, succ, pred)
        if tag == "c":
            kind, names, plain = cls(v[0])
            if len(v) != len(names) + 1:
                raise CacheShapeError(f"{kind.__qualname__} with {len(v) - 1} fields")
            if not plain:  # the fields in order, as _class checked (none is keyword-only)
                return kind(*v[1:])
            made = object.__new__(kind)  # its __dict__ at once, not field by field (frozen: by object.__setattr__)
            made.__dict__.update(zip(names, v[1:], strict=True))
            return made
        raise CacheShapeError(f"an unknown tag {tag!r}")

    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of new containers, none cyclic: no collection pass over them
    try:
        return json.loads(body_json, object_hook=hook)
    finally:
        if enabled:
            gc.enable()
