"""No import cycles between the modules of newscrawl/ and pipelines/, and each package in its layer.

Every import statement counts, also those inside functions (a cycle hidden
in a function is still two modules that need each other); only imports under
``if TYPE_CHECKING:`` are left out, since they never run. The layer table is
the one docs/architecture.md explains.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("newscrawl", "pipelines")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    """Return every module of the project packages by dotted name."""
    return {module_name(p): p for pkg in PACKAGES for p in sorted((REPO / pkg).rglob("*.py"))}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for child in node.body for n in ast.walk(child)}
    return skipped


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Return the project modules ``name`` imports (a package's submodule when one is named)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: drop one package per extra dot
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    # Importing a submodule first runs the __init__ of each package above it that
    # is not already running: those that do not contain the importing module.
    parents = {m.rsplit(".", i)[0] for m in set(found) for i in range(1, m.count(".") + 1)}
    found |= {p for p in parents if not f"{name}.".startswith(f"{p}.")}
    return {m for m in found if m in modules and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_has_no_cycle():
    modules = project_modules()
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    assert sum(map(len, graph.values())) > 100, "the walk found too few imports to mean anything"
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


#: What each part may import from the project (docs/architecture.md, "Packages").
#: Parts not named here (cli, commands, demo, __main__) sit on top and may import any.
MAY_IMPORT = {
    "errors": set(), "exits": set(), "slugs": set(), "ids": set(), "items": set(), "signals": set(),
    "mirrors": set(), "logs": {"errors"},
    "extract": set(),
    "archive": {"extract"},
    "state": {"archive", "exits"},
    "render": {"extract"},
    "modes": {"extract", "state", "errors", "ids", "slugs"},
    "profiles": {"modes", "extract", "render", "errors", "slugs"},
    "extensions": {"state", "archive", "extract", "items", "signals", "errors"},
    "downloader": {"mirrors"},
    "spiders": {"modes", "profiles", "extract", "extensions", "items", "ids", "mirrors", "signals", "downloader", "logs",
                "state"},
    "pipelines": {"archive", "state", "extensions", "extract", "items", "signals", "errors", "logs"},
    "runner": {"spiders", "extensions", "state", "exits"},
    "check": {"runner", "spiders", "modes", "profiles", "items"},
    "distributed": {"archive", "state", "extensions", "items", "modes", "profiles", "exits", "signals", "mirrors"},
    "adopt": {"extract", "modes", "state"},
    "warc": {"mirrors", "render", "state", "modes", "extensions", "adopt", "signals"},
    "preflight": {"archive", "modes", "profiles", "spiders", "settings_registry", "mirrors"},
    "settings": {"settings_registry"},
    "settings_registry": set(),
}


def part(module: str) -> str | None:
    """Return the layer-table name of a module (its package under newscrawl/, or pipelines)."""
    names = module.split(".")
    if names[0] == "pipelines":
        return "pipelines"
    return names[1] if len(names) > 1 else None  # None: the root package (its version only)


def test_each_package_imports_only_its_lower_layers():
    modules = project_modules()
    wrong = set()
    for name, path in modules.items():
        own = part(name)
        if own not in MAY_IMPORT:
            continue
        for imported in imports_of(name, path, modules):
            other = part(imported)
            if other not in (None, own) and other not in MAY_IMPORT[own]:
                wrong.add(f"{name} imports {imported}")
    assert sorted(wrong) == []
