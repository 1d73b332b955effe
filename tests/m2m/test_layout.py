"""The code's shape: the tooling's packages import only downwards, the grading runtime stands
alone, and no function outside the tests is longer than a screen."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
M2M = REPO / "m2m"
MAX_FUNCTION_LINES = 60
MAX_TOP_LEVEL_MODULES = 12
# The parts of m2m/, lowest first: each may import only itself and the parts before it.
# "base" is the top-level modules every package may use; "apps" the top-level modules
# that stand beside the command line (the pytest plugin, doctor, tour, the P11 wheel).
LAYERS = ["runtime", "base", "opchecks", "release", "grading", "nbgrader", "apps", "cli"]
BASE = {"impl", "projects", "timings", "testing"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The m2m modules ``path`` imports (relative imports resolved)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in found if m == "m2m" or m.startswith("m2m.")}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in M2M.rglob("*.py")}
    return {name: {m for m in _imports(p) if m in modules} - {name} for name, p in modules.items()}


def _layer(module: str) -> int:
    """The index in LAYERS of the part ``module`` belongs to."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in BASE:
        return LAYERS.index("base")
    if parts[1] == "__main__":
        return len(LAYERS)
    return LAYERS.index(parts[1] if parts[1] in LAYERS else "apps")


def test_m2m_has_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])


def test_m2m_imports_only_go_down():
    upward = []
    for module, targets in _graph().items():
        for target in targets:
            if target == "m2m":
                continue
            if _layer(target) > _layer(module):
                upward.append(f"{module} imports {target}")
    assert not upward, "\n".join(sorted(upward))


def test_the_grading_runtime_imports_nothing_outside_itself():
    for path in (M2M / "runtime").glob("*.py"):
        outside = {m for m in _imports(path) if not m.startswith("m2m.runtime")}
        assert not outside, f"{path.name} imports {sorted(outside)}"


def test_m2m_is_a_few_packages_with_a_stated_purpose():
    top = sorted(p.name for p in M2M.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
    for package in (p for p in LAYERS if (M2M / p).is_dir()):
        init = M2M / package / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "import" in doc.lower(), f"m2m/{package}/__init__.py must say what it may import"


def _long_functions(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.relative_to(REPO).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                lines = node.end_lineno - start + 1
                if lines > MAX_FUNCTION_LINES:
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({lines})")
    return found


@pytest.mark.parametrize("folder", ["m2m", "solutions", "braininabox", "bench"])
def test_no_function_is_longer_than_a_screen(folder: str):
    """A long function becomes steps with names (docstring included in the count)."""
    if not (REPO / folder).is_dir():
        pytest.skip(f"no {folder}/ in this checkout")
    long = _long_functions(REPO / folder)
    assert not long, f"over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(long)
