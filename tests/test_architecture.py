"""The package layout holds: components import downwards only, no cycles, small modules.

Run alone with `pytest tests/test_architecture.py`; ARCHITECTURE.md names the layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ssg"

# Bottom to top; a component may import from its own layer and below. The config sits above
# the three subjects because the typed site.yaml is composed of their sections (cadence rules).
LAYERS = ["core", "content", "communities", "cadence", "config", "output", "lint", "engine"]
LAYERS += ["build"]
LAYERS += ["serve", "cli"]


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every ssg module a file imports, at any depth of the file (late imports count)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in names if n in modules and n != "ssg"}


def _component(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


GRAPH = {name: _imports(path, _modules()) for name, path in _modules().items()}


def test_every_component_has_a_layer() -> None:
    components = {_component(m) for m in GRAPH} - {"", "__main__"}
    assert components <= set(LAYERS), components - set(LAYERS)


def upward_imports(module: str, graph: dict[str, set[str]]) -> list[str]:
    own = _component(module)
    if own not in LAYERS:
        return []
    return sorted(
        target
        for target in graph[module]
        if _component(target) in LAYERS and LAYERS.index(_component(target)) > LAYERS.index(own)
    )


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_import_from_a_layer_above(module: str) -> None:
    assert upward_imports(module, GRAPH) == [], f"{module} imports from a layer above it"


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(GRAPH[node]):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_layer_check_sees_a_violation() -> None:
    """The check itself can fail: the model importing the build, or content importing output."""
    graph = {**GRAPH, "ssg.core.model": {"ssg.build", "ssg.core.urls"}}
    graph["ssg.content.markup"] = {"ssg.output.render", "ssg.cadence.check"}
    assert upward_imports("ssg.core.model", graph) == ["ssg.build"]
    assert upward_imports("ssg.content.markup", graph) == ["ssg.cadence.check", "ssg.output.render"]
    assert "ssg.core.diagnostics" in GRAPH["ssg.content.load"]  # real imports are read


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_modules_stay_small(module: str) -> None:
    lines = _modules()[module].read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{module} has {lines} lines; split it by job"
