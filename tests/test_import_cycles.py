"""No two lmstudio_app modules import each other, directly or round a longer loop.

Every import counts, the ones inside functions and under TYPE_CHECKING too: a loop that only works
because one side imports late is still a loop a reader has to untangle.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lmstudio_app"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The lmstudio_app modules one file imports anywhere in its body, and the packages its module-level imports
    run through: importing a.b.c runs a/__init__ and a/b/__init__ first, while the file itself is still loading
    (an import inside a function runs them later, when they are whole). A package's own modules are what its
    __init__ gathers, not a loop."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    at_load = {id(node) for node in _loading_statements(tree.body)}
    found = set()
    for node in ast.walk(tree):
        names = set()
        if isinstance(node, ast.Import):
            names = {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names}
        found |= names
        if id(node) in at_load:
            found |= {parent for name in names for parent in _parents(name) if not here.startswith(parent + ".")}
    return {name for name in found if name in known and name != here}


def _loading_statements(body: list[ast.stmt]):
    """The statements that run while a module loads: not function or class bodies' functions, not
    ``if TYPE_CHECKING:``."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from _loading_statements(node.orelse)
            continue
        yield node
        for field in ("body", "orelse", "finalbody", "handlers"):
            yield from _loading_statements(getattr(node, field, []) or [])


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def import_graph() -> dict[str, set[str]]:
    paths = list(PACKAGE.rglob("*.py"))
    known = {module_name(path) for path in paths}
    return {module_name(path): imported_modules(path, known) for path in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One loop of imports, as the modules along it, or None."""
    done: set[str] = set()
    for start in sorted(graph):
        path, on_path, stack = [], set(), [(start, iter(sorted(graph[start])))]
        if start in done:
            continue
        path.append(start)
        on_path.add(start)
        while stack:
            node, following = stack[-1]
            step = next(following, None)
            if step is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif step in on_path:
                return path[path.index(step):] + [step]
            elif step not in done:
                path.append(step)
                on_path.add(step)
                stack.append((step, iter(sorted(graph[step]))))
    return None


def test_the_cycle_finder_finds_a_loop_of_three():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_the_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert "lmstudio_app.engine.train.trainer" in graph["lmstudio_app.engine.application.training"]


def test_the_graph_counts_the_packages_an_import_runs_through():
    """engine/objectives/causal.py imported engine.model.transformer, which runs engine/model/__init__.py, which
    imported the builder, which imported engine.objectives: a loop no module-to-module edge showed, and an
    ImportError whenever engine.objectives was imported first."""
    graph = import_graph()
    assert "lmstudio_app.engine.model" in graph["lmstudio_app.engine.objectives.causal"]
    assert "lmstudio_app.engine.objectives" not in graph["lmstudio_app.engine.objectives.causal"]


def test_no_lmstudio_app_modules_import_each_other():
    assert find_cycle(import_graph()) is None
