"""Small graphs without NetworkX: ``LiteDiGraph``, the planner's directed graph as the compiled
cache keeps it, answered from plain dictionaries so that a planning command imports no
NetworkX (see ``cache``); and ``ancestors``, the transitive closure over a parent map (class
hierarchies, specialised roles)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

__all__ = ["LiteDiGraph", "ancestors"]

T = TypeVar("T", bound=Hashable)


def ancestors(start: Iterable[T], parents: Mapping[T, Iterable[T]], *, include_start: bool = True) -> set[T]:
    """Everything reachable from ``start`` through ``parents`` (cycles are fine).

    Examples
    --------
    >>> sorted(ancestors(["c"], {"c": ["b"], "b": ["a", "c"]}))
    ['a', 'b', 'c']
    >>> sorted(ancestors(["c"], {"c": ["b"], "b": ["a"]}, include_start=False))
    ['a', 'b']
    """
    seen: set[T] = set()
    todo = list(start)
    origin = set(todo)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        todo.extend(parents.get(node, ()))
    return seen if include_start else seen - origin


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
