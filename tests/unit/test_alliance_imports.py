"""The alliance package is layered: its import graph has no cycle, and no import hides in a function."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "widgets" / "alliance"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The package's modules an import statement names: ``from alliance.x import y`` is ``alliance.x.y``
    when that is a module, else ``alliance.x``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name in MODULES]
    base = node.module or ""
    names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
    return [name for name in dict.fromkeys(names) if name in MODULES]


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges[name] = {target for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)
                       for target in imported(node)} - {name}
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as [a, b, ..., a], or [] if there is none."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(name: str) -> list[str]:
        state[name] = "open"
        trail.append(name)
        for target in sorted(edges.get(name, ())):
            if state.get(target) == "open":
                return [*trail[trail.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[name] = "done"
        trail.pop()
        return []

    for name in sorted(edges):
        if name not in state and (cycle := visit(name)):
            return cycle
    return []


def test_the_package_has_no_import_cycle() -> None:
    edges = graph()
    assert len(edges) > 20 and "alliance.rules.classifier" in edges["alliance.classify"]
    assert find_cycle(edges) == [], " -> ".join(find_cycle(edges))


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_every_import_is_at_the_top_of_its_module() -> None:
    hidden = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in top:
                hidden.append(f"{name}: line {node.lineno}")
    assert hidden == [], "imports inside functions, classes or if-blocks hide the layering"
