"""Transitive closures over small parent maps (class hierarchies, specialised roles)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

__all__ = ["ancestors"]

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
