"""A compiled cache of what the planner and the name lookup need, so commands start quickly.

Parsing the Turtle files, indexing names and projecting the graph cost a few hundred
milliseconds and import rdflib and NetworkX; ``careerpath route`` needs neither once they are
done. The result is kept in the user's cache folder (``$XDG_CACHE_HOME/careerpath``, else
``~/.cache/careerpath``; ``CAREERPATH_CACHE`` names another folder, or ``off``), never next
to the data.

The key is a hash of everything the result depends on: the content of the ontology and of
every data file (the ``CAREERPATH_DATA`` folders included), their paths, careerpath's own
code and the Python version. A change to any of them makes a new key. Each file carries a
SHA-256 of its payload: a file that fails it, or does not unpickle, is removed and rebuilt,
never trusted. Writes are atomic (a temporary file, then a rename).

Examples
--------
>>> import tempfile, os
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> write("k1", {"answer": 42}, folder)
True
>>> read("k1", folder)
{'answer': 42}
>>> (folder / "k1.pickle").write_bytes(b"not a cache")  # corrupt: rebuilt, not trusted
11
>>> read("k1", folder) is None, (folder / "k1.pickle").exists()
(True, False)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["CACHE_ENV", "LiteDiGraph", "cache_dir", "cache_key", "read", "write"]

CACHE_ENV = "CAREERPATH_CACHE"
FORMAT = b"careerpath-cache 1\n"
_CODE = Path(__file__).resolve().parents[1]  # careerpath.graph: every subpackage


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


def read(key: str, folder: Path | None = None) -> Any | None:
    """The cached payload for ``key``, or None (no cache, or a corrupt one, which is removed)."""
    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return None
    path = folder / f"{key}.pickle"
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head, _, rest = blob.partition(b"\n")
    checksum, _, body = rest.partition(b"\n")
    try:
        if head + b"\n" != FORMAT or hashlib.sha256(body).hexdigest().encode() != checksum:
            raise ValueError("checksum")
        return pickle.loads(body)
    except Exception:  # corrupt, truncated or from an incompatible version: rebuild
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
        body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as out:
            out.write(FORMAT + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(tmp, folder / f"{key}.pickle")
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return False
    for old in folder.glob("*.pickle"):  # keep the folder small: drop entries of older data
        if old.name != f"{key}.pickle":
            try:
                if old.stat().st_mtime < (folder / f"{key}.pickle").stat().st_mtime - 7 * 86400:
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
