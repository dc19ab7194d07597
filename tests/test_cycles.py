"""No import circles in hgs: every import, also one inside a function, goes one way only.

A circle closed by an import inside a function still ties both modules together (neither can be
read, tested or moved alone), so grimp counts those imports too. Run alone:
`.venv/bin/python tests/test_cycles.py` prints the circles it finds."""

from __future__ import annotations

import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def import_graph() -> dict[str, set[str]]:
    """Each hgs module with the hgs modules it imports (imports for type checking left out)."""
    if str(ROOT) not in sys.path:  # run as a script from tests/
        sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph("hgs", exclude_type_checking_imports=True, cache_dir=None)
    return {module: set(graph.find_modules_directly_imported_by(module))
            for module in graph.modules}


def _re_exports_own_part(module: str, imported: str) -> bool:
    # A package's __init__ may import its own submodules (to re-export them); that is no circle.
    return imported.startswith(module + ".")


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def edges(module: str) -> list[str]:
        return sorted(m for m in graph.get(module, ()) if not _re_exports_own_part(module, m))

    def visit(start: str) -> None:
        # iterative, so a long chain of imports cannot exceed Python's recursion limit
        work = [(start, iter(edges(start)))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, pending = work[-1]
            for nxt in pending:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(edges(nxt))))
                    break
                if nxt in on_stack:
                    low[module] = min(low[module], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def test_cycles_finds_a_circle_and_ignores_a_package_importing_its_own_part():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"p": {"p.x"}, "p.x": {"p"}}) == []
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_hgs_has_no_import_circle():
    assert cycles(import_graph()) == []


if __name__ == "__main__":
    circles = cycles(import_graph())
    for circle in circles:
        print(" <-> ".join(circle))
    sys.exit(1 if circles else 0)
