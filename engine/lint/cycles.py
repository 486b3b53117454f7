"""Cycles in a graph of claims that read each other's outcome."""

from collections import deque
from collections.abc import Iterator
from typing import Any


def cycles(edges: dict[str, dict[str, Any]]) -> list[set[str]]:
    """Strongly connected components that contain a cycle (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []

    def open_(node: str) -> tuple[str, Iterator[str]]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        return node, iter(sorted(edges.get(node, {})))

    for root in sorted(edges):
        if root in index:
            continue
        work = [open_(root)]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    work.append(open_(child))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = _pop_component(node, stack, on_stack)
                if len(component) > 1 or node in edges.get(node, {}):
                    found.append(component)
    return sorted(found, key=min)


def _pop_component(node: str, stack: list[str], on_stack: set[str]) -> set[str]:
    component: set[str] = set()
    while True:
        member = stack.pop()
        on_stack.discard(member)
        component.add(member)
        if member == node:
            return component


def path_back(start: str, edges: dict[str, dict[str, Any]], within: set[str]) -> list[str]:
    """The shortest walk from ``start`` back to itself inside one component."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(edges.get(node, {})):
            if child == start:
                walk = [node]
                while walk[-1] != start:
                    walk.append(previous[walk[-1]])
                return [*reversed(walk), start]
            if child in within and child not in previous:
                previous[child] = node
                queue.append(child)
    return [start, start]
