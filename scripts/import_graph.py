"""The import graph of the masthead package: modules, lines, cycles, typed functions.

    python scripts/import_graph.py [ROOT]          # ROOT defaults to this checkout

Reads the source with ast (imports nothing), keeps imports of masthead modules wherever they
stand (top level or inside a function), and prints:
- modules and lines (tests and migrations counted apart);
- cycles between packages (masthead.<app>) and between modules (strongly connected components of
  more than one node);
- the share of functions whose arguments and return are all annotated.
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(root: Path, path: Path, modules: set[str]) -> set[str]:
    module = _module_name(root, path)
    tree = ast.parse(path.read_text(), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path.name == "__init__.py", node)
            names = [f"{target}.{alias.name}" for alias in node.names] + [target]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module and name.startswith("masthead"):
                found.add(name)
    return found


def _typed(tree: ast.AST) -> tuple[int, int]:
    total = typed = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            total += 1
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            args = [a for a in args if a.arg not in {"self", "cls"}]
            extra = [a for a in (node.args.vararg, node.args.kwarg) if a is not None]
            if node.returns is not None and all(a.annotation is not None for a in args + extra):
                typed += 1
    return typed, total


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])
    files = sorted(p for p in (root / "masthead").rglob("*.py") if "migrations" not in p.parts)
    modules = {_module_name(root, p) for p in files}
    graph: dict[str, set[str]] = defaultdict(set)
    counts = {"code": [0, 0], "tests": [0, 0]}
    typed = total = 0
    for path in files:
        kind = "tests" if "tests" in path.parts else "code"
        counts[kind][0] += 1
        counts[kind][1] += len(path.read_text().splitlines())
        if kind == "tests":
            continue
        module = _module_name(root, path)
        graph[module] |= {m for m in _imports(root, path, modules) if ".tests" not in m}
        t, n = _typed(ast.parse(path.read_text()))
        typed, total = typed + t, total + n
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in graph.items():
        packages[_package(module)] |= {_package(t) for t in targets if _package(t) != _package(module)}
    package_cycles, module_cycles = _cycles(packages), _cycles(graph)
    print(
        f"modules: {counts['code'][0]} ({counts['code'][1]} lines); "
        f"test modules: {counts['tests'][0]} ({counts['tests'][1]} lines)"
    )
    print(f"typed functions: {typed}/{total} ({100 * typed / max(total, 1):.0f}%)")
    print(f"package cycles: {len(package_cycles)}")
    for cycle in package_cycles:
        print("  " + " <-> ".join(cycle))
    print(f"module cycles: {len(module_cycles)}")
    for cycle in module_cycles:
        print("  " + " <-> ".join(cycle))


if __name__ == "__main__":
    main()
