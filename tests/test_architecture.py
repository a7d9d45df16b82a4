"""The package's shape: stage packages import downwards only, with no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import legidiff

PACKAGE = Path(legidiff.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    """Every legidiff module and the legidiff modules it imports, at any depth of the
    file (an import inside a function is still a dependency)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
                targets += [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle() -> None:
    graph = _imports()
    # the package's __init__ re-exports the public API: it imports everything, and no
    # module may import it back (the version is in legidiff._version)
    importers = sorted(m for m, deps in graph.items() if m != "legidiff" and "legidiff" in deps)
    assert importers == []
    graph.pop("legidiff", None)
    for deps in graph.values():
        deps.discard("legidiff")
    cycle = _cycle(graph)
    assert cycle is None, " → ".join(cycle or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


# Each stage may import the stages before it, never one after it.
LAYERS = ["_version diagnostics perf fsio _compiled accelerate", "lang", "document", "formats",
          "bill", "apply", "render", "draft parliament", "cli __main__"]


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    for rank, names in enumerate(LAYERS):
        if top in names.split():
            return rank
    raise AssertionError(f"{module}: no layer (add it to LAYERS)")


def test_stages_import_downwards() -> None:
    wrong = sorted(f"{module} → {dep}" for module, deps in _imports().items()
                   if module != "legidiff"
                   for dep in deps if dep != "legidiff" and _layer(dep) > _layer(module))
    assert wrong == []
