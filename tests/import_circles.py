"""Print, as JSON, the circles of imports between the modules of a package (the strongly
connected components of its import graph with more than one module).  A package's __init__
importing its own modules, or a module importing its parent package, is not a circle: Python
runs the package first.  Used by tests/test_house.py:  python tests/import_circles.py form4gen
"""

from __future__ import annotations

import json
import sys


def circles(package: str) -> list[list[str]]:
    import grimp

    graph = grimp.build_graph(package, cache_dir=None)

    def edges(module: str) -> list[str]:
        return sorted(
            m
            for m in graph.find_modules_directly_imported_by(module)
            if m in graph.modules and not module.startswith(m + ".") and not m.startswith(module + ".")
        )

    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return sorted(found)


if __name__ == "__main__":
    print(json.dumps(circles(sys.argv[1])))
