"""A compiled cache of what the planner and the name lookup need, so commands start quickly.

Parsing the Turtle files, indexing names and projecting the graph cost a few hundred
milliseconds and import rdflib and NetworkX; ``careerpath route`` needs neither once they are
done. The result is kept in the user's cache folder (``$XDG_CACHE_HOME/careerpath``, else
``~/.cache/careerpath``; ``CAREERPATH_CACHE`` names another folder, or ``off``), never next
to the data.

The key is a hash of everything the result depends on: the content of the ontology and of
every data file (the ``CAREERPATH_DATA`` folders included), their paths, careerpath's own
code and the Python version. A change to any of them makes a new key.

The cache holds data only, never code: JSON, written and read by explicit encoders
(``encode``, ``decode``) for the few kinds of value the compiled graph holds (strings,
numbers, tuples, sets, dates, dictionaries, ``LiteDiGraph`` and careerpath's own dataclasses,
read field by field with ``dataclasses.fields`` and rebuilt by keyword, so fields can be added).
A class is found only among ``careerpath.graph``'s dataclasses, and only if its fields are the
ones written. Reading never runs anything a file names. A file that fails its SHA-256, does
not decode, names other fields than the classes have now, or does not hold what the caller
checks for (``is_compiled``) is removed and rebuilt, never trusted and never an error. The
folder is also refused (neither read nor written) when another user owns it or others may
write to it, as pip refuses its cache. Writes are atomic (a temporary file, then a rename).

Examples
--------
>>> import tempfile, os
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> answer = lambda payload: isinstance(payload, dict) and "answer" in payload
>>> write("k1", {"answer": (42, frozenset({"a"}))}, folder)
True
>>> read("k1", folder, check=answer)
{'answer': (42, frozenset({'a'}))}
>>> write("k1", {"x": 1}, folder)  # well formed, but not what the caller needs: rebuilt
True
>>> read("k1", folder, check=answer) is None, (folder / "k1.json").exists()
(True, False)
>>> (folder / "k1.json").write_bytes(b"not a cache")  # corrupt: rebuilt, not trusted
11
>>> read("k1", folder, check=answer) is None, (folder / "k1.json").exists()
(True, False)
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import importlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "CACHE_ENV",
    "SUFFIX",
    "LiteDiGraph",
    "CacheShapeError",
    "cache_dir",
    "cache_key",
    "decode",
    "encode",
    "is_compiled",
    "read",
    "write",
]

CACHE_ENV = "CAREERPATH_CACHE"
FORMAT = b"careerpath-cache 2 json\n"
SUFFIX = ".json"
_CODE = Path(__file__).resolve().parents[1]  # careerpath.graph: every subpackage
_PACKAGE = "careerpath.graph."


class CacheShapeError(ValueError):
    """A cache entry that does not hold what it should (it is then rebuilt)."""


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off (``CAREERPATH_CACHE=off``).

    Examples
    --------
    >>> os.environ[CACHE_ENV] = "off"; cache_dir() is None
    True
    >>> del os.environ[CACHE_ENV]; cache_dir().name
    'careerpath'
    """
    setting = os.environ.get(CACHE_ENV)
    if setting is not None:
        if setting.strip().lower() in ("", "0", "off", "no", "false"):
            return None
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "careerpath"


def cache_key(files: Iterable[Path]) -> str:
    """A hash of the data files' paths and contents, careerpath's code and the Python version.

    Examples
    --------
    >>> from careerpath import ontology
    >>> key = cache_key([ontology.ONTOLOGY_FILE])
    >>> len(key), key == cache_key([ontology.ONTOLOGY_FILE])
    (64, True)
    """
    digest = hashlib.sha256(FORMAT)
    digest.update(sys.version.encode())
    digest.update(os.environ.get("CAREERPATH_DATA", "").encode())
    for path in sorted(_CODE.rglob("*.py")):
        digest.update(path.relative_to(_CODE).as_posix().encode())
        digest.update(path.read_bytes())
    for path in files:
        path = Path(path)
        digest.update(str(path.resolve()).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------------- data-only encoding
def encode(value: Any) -> tuple[dict, Any]:
    """``(classes, body)``: ``value`` as JSON-ready data, and the dataclasses it names with
    their fields. Every JSON object in ``body`` is one tag: ``{"t": [...]}`` a tuple, ``"f"``
    a frozenset, ``"s"`` a set, ``"d"`` a dict as ``[key, value, ...]``, ``"date"`` a date,
    ``"g"`` a ``LiteDiGraph``, ``"c"`` a dataclass as ``[class number, field values...]``.

    Raises
    ------
    TypeError
        A value of another kind (then nothing is cached).
    """
    classes: dict[type, int] = {}

    def enc(v: Any) -> Any:
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, list):
            return [enc(x) for x in v]
        if isinstance(v, tuple):
            return {"t": [enc(x) for x in v]}
        if isinstance(v, frozenset):
            return {"f": [enc(x) for x in v]}
        if isinstance(v, set):
            return {"s": [enc(x) for x in v]}
        if isinstance(v, dict):
            return {"d": [y for k, x in v.items() for y in (enc(k), enc(x))]}
        if isinstance(v, datetime.datetime):
            raise TypeError("datetimes are not cached")
        if isinstance(v, datetime.date):
            return {"date": v.isoformat()}
        if isinstance(v, LiteDiGraph):
            return {"g": [enc(v._node_data), enc(v._succ_data), enc(v._pred_data)]}
        kind = type(v)
        if dataclasses.is_dataclass(v) and kind.__module__.startswith(_PACKAGE):
            number = classes.setdefault(kind, len(classes))
            return {"c": [number, *(enc(getattr(v, f.name)) for f in dataclasses.fields(v))]}
        raise TypeError(f"the cache cannot hold a {kind.__qualname__}")

    body = enc(value)
    table = {
        str(n): [k.__module__, k.__qualname__, [f.name for f in dataclasses.fields(k)]] for k, n in classes.items()
    }
    return table, body


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
    if [f.name for f in dataclasses.fields(kind)] != names:
        raise CacheShapeError(f"{module}.{name} has other fields now")
    return kind


def decode(classes: dict, body_json: bytes | str) -> Any:
    """The value ``encode`` wrote. Raises ``CacheShapeError`` (or ``ValueError``,
    ``TypeError``) on anything it did not write."""
    if not isinstance(classes, dict):
        raise CacheShapeError("no class table")
    table: dict[int, tuple[type, list[str]]] = {}
    for number, entry in classes.items():
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[2], list)):
            raise CacheShapeError("a malformed class entry")
        table[int(number)] = (_class(str(entry[0]), str(entry[1]), entry[2]), entry[2])

    def hook(obj: dict) -> Any:
        if len(obj) != 1:
            raise CacheShapeError("an object that is not a tag")
        ((tag, v),) = obj.items()
        if tag == "t":
            return tuple(v)
        if tag == "f":
            return frozenset(v)
        if tag == "s":
            return set(v)
        if tag == "d":
            return dict(zip(v[::2], v[1::2], strict=True))
        if tag == "date":
            return datetime.date.fromisoformat(v)
        if tag == "g":
            nodes, succ, pred = v
            if not (isinstance(nodes, dict) and isinstance(succ, dict) and isinstance(pred, dict)):
                raise CacheShapeError("a malformed graph")
            return LiteDiGraph(nodes, succ, pred)
        if tag == "c":
            kind, names = table[v[0]]
            if len(v) != len(names) + 1:
                raise CacheShapeError(f"{kind.__qualname__} with {len(v) - 1} fields")
            return kind(**dict(zip(names, v[1:], strict=True)))
        raise CacheShapeError(f"an unknown tag {tag!r}")

    return json.loads(body_json, object_hook=hook)


def is_compiled(payload: Any) -> bool:
    """Whether ``payload`` is what ``CareerGraph.compiled()`` writes: the name index, the
    projection (its graph a ``LiteDiGraph``), the sources and the labour market."""
    if not isinstance(payload, dict) or not {"names", "projection", "sources"} <= payload.keys():
        return False
    names, projection = payload["names"], payload["projection"]
    return (
        type(names).__name__ == "NameIndex"
        and isinstance(getattr(names, "keys", None), dict)
        and isinstance(getattr(names, "labels", None), dict)
        and type(projection).__name__ == "Projection"
        and isinstance(getattr(projection, "graph", None), LiteDiGraph)
        and isinstance(getattr(projection, "steps", None), dict)
        and isinstance(payload["sources"], dict)
        and all(isinstance(v, dict) for v in payload["sources"].values())
        and isinstance(payload.get("market", {}), dict)
    )


def _safe_folder(folder: Path) -> bool:
    """Whether the folder is ours alone: owned by this user, not writable by others."""
    try:
        info = folder.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(key: str, folder: Path | None = None, check: Callable[[Any], bool] = is_compiled) -> Any | None:
    """The cached payload for ``key``, or None: no cache, a folder others can write to, or an
    entry that is corrupt or fails ``check`` (which is removed, to be rebuilt)."""
    folder = folder if folder is not None else cache_dir()
    if folder is None or not _safe_folder(folder):
        return None
    path = folder / f"{key}{SUFFIX}"
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head, _, rest = blob.partition(b"\n")
    checksum, _, body = rest.partition(b"\n")
    try:
        if head + b"\n" != FORMAT or hashlib.sha256(body).hexdigest().encode() != checksum:
            raise CacheShapeError("checksum")
        classes, _, data = body.partition(b"\n")
        payload = decode(json.loads(classes), data)
        if not check(payload):
            raise CacheShapeError("not what was expected")
        return payload
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):  # rebuild, never trust
        try:
            path.unlink()
        except OSError:
            pass
        return None


def write(key: str, payload: Any, folder: Path | None = None) -> bool:
    """Store ``payload`` under ``key``; False (and nothing written) when that is not possible."""
    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return False
    try:
        classes, data = encode(payload)
        body = json.dumps(classes).encode() + b"\n" + json.dumps(data, separators=(",", ":")).encode()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _safe_folder(folder):
            return False
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=SUFFIX)
        with os.fdopen(fd, "wb") as out:
            out.write(FORMAT + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(tmp, folder / f"{key}{SUFFIX}")
    except (OSError, TypeError, ValueError, RecursionError):
        return False
    for old in [*folder.glob(f"*{SUFFIX}"), *folder.glob("*.pickle")]:  # drop entries of older data
        if old.name != f"{key}{SUFFIX}":
            try:
                if (
                    old.suffix == ".pickle"
                    or old.stat().st_mtime < (folder / f"{key}{SUFFIX}").stat().st_mtime - 7 * 86400
                ):
                    old.unlink()
            except OSError:
                pass
    return True


class LiteDiGraph:
    """A directed graph read from the cache without importing NetworkX.

    It answers the planner's questions (membership, predecessors, successors, node data)
    from plain dictionaries; anything else builds the real ``networkx.DiGraph`` once and
    hands the call to it, so callers that need NetworkX still get it.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph(); g.add_edge("a", "s", relation="is required by"); g.nodes["a"]["kind"] = "milestone"
    >>> lite = LiteDiGraph.from_networkx(g)
    >>> "a" in lite, list(lite.predecessors("s")), lite.nodes["a"]["kind"]
    (True, ['a'], 'milestone')
    >>> sorted(lite.edges(data="relation"))  # handed to NetworkX
    [('a', 's', 'is required by')]
    """

    def __init__(self, nodes: dict, succ: dict, pred: dict) -> None:
        self._node_data, self._succ_data, self._pred_data = nodes, succ, pred

    @classmethod
    def from_networkx(cls, graph) -> LiteDiGraph:
        """Copy a ``networkx.DiGraph`` (nodes, edges and their attributes)."""
        return cls(
            {n: dict(d) for n, d in graph.nodes(data=True)},
            {u: {v: dict(d) for v, d in nbrs.items()} for u, nbrs in graph.adj.items()},
            {v: list(graph.predecessors(v)) for v in graph.nodes},
        )

    def __contains__(self, node: object) -> bool:
        try:
            return node in self._node_data
        except TypeError:
            return False

    def __iter__(self) -> Iterator:
        return iter(self._node_data)

    def __len__(self) -> int:
        return len(self._node_data)

    def has_node(self, node: object) -> bool:
        """Whether ``node`` is in the graph."""
        return node in self

    def predecessors(self, node):
        """Nodes with an edge into ``node``."""
        return iter(self._pred_data[node])

    def successors(self, node):
        """Nodes ``node`` has an edge to."""
        return iter(self._succ_data[node])

    @property
    def nodes(self) -> _NodeView:
        """Nodes, as NetworkX's view: ``g.nodes[n]`` is a node's data; ``g.nodes(data="kind")`` pairs."""
        return _NodeView(self._node_data)

    def to_networkx(self):
        """The real ``networkx.DiGraph`` (built once)."""
        real = self.__dict__.get("_real")
        if real is None:
            import networkx as nx

            real = nx.DiGraph()
            real.add_nodes_from((n, dict(d)) for n, d in self._node_data.items())
            real.add_edges_from((u, v, dict(d)) for u, nbrs in self._succ_data.items() for v, d in nbrs.items())
            self.__dict__["_real"] = real
        return real

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_node_data", "_succ_data", "_pred_data", "_real", "nodes"):
            raise AttributeError(name)
        return getattr(self.to_networkx(), name)

    def __getstate__(self) -> dict:
        return {"nodes": self._node_data, "succ": self._succ_data, "pred": self._pred_data}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(_node_data=state["nodes"], _succ_data=state["succ"], _pred_data=state["pred"])


class _NodeView:
    """The part of NetworkX's NodeView the planner uses, over a plain dictionary."""

    def __init__(self, data: dict) -> None:
        self._data = data

    def __getitem__(self, node):
        return self._data[node]

    def __contains__(self, node: object) -> bool:
        return node in self._data

    def __iter__(self) -> Iterator:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __call__(self, data: bool | str = False, default=None):
        if data is False:
            return iter(self._data)
        if data is True:
            return iter(self._data.items())
        return ((n, d.get(data, default)) for n, d in self._data.items())
