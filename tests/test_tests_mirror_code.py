"""Tests mirror the code: every services and selectors module has a test module of its own that
imports it, so someone changing a write or a read knows which file says what it promises.

The rule, for each app (a folder of masthead/ with a tests/ beside its code):
  <app>/services.py         -> <app>/tests/test_services.py
  <app>/selectors.py        -> <app>/tests/test_selectors.py
  <app>/services/ledger.py  -> <app>/tests/test_ledger.py or <app>/tests/services/test_ledger.py
A package's __init__.py that defines no function (a docstring, re-exports) needs no test module.

A test (not a CI script) so that it runs wherever the suite runs (pre-commit, ./scripts/test,
CI) and says which module is missing in pytest's own words; it reads files only, in milliseconds.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "masthead"
KINDS = ("services", "selectors")


def _business_modules() -> list[Path]:
    """Every services/selectors module of every app (nested apps such as migration/comments too)."""
    found: set[Path] = set()
    for kind in KINDS:
        found.update(PACKAGE.rglob(f"{kind}.py"))
        found.update(PACKAGE.rglob(f"{kind}/*.py"))
    return sorted(path for path in found if "tests" not in path.relative_to(PACKAGE).parts)


def _defines_functions(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) for node in tree.body)


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _mirrors(module: Path) -> list[Path]:
    """Where the module's test module may live."""
    if module.parent.name in KINDS:  # services/ledger.py
        tests = module.parent.parent / "tests"
        name = "test_services.py" if module.stem == "__init__" else f"test_{module.stem}.py"
        return [tests / name, tests / module.parent.name / name]
    return [module.parent / "tests" / f"test_{module.stem}.py"]


def _mirrored(module: Path) -> str:
    """Why the module is not mirrored yet, or "" when it is."""
    mirrors = _mirrors(module)
    existing = [path for path in mirrors if path.exists()]
    if not existing:
        wanted = " or ".join(str(path.relative_to(ROOT)) for path in mirrors)
        return f"{module.relative_to(ROOT)} has no test module: write {wanted}"
    dotted = _dotted(module)
    if not any(dotted in _imported(path) for path in existing):
        test_module = existing[0].relative_to(ROOT)
        return f"{test_module} does not import {dotted}: its tests should call the module they mirror"
    return ""


def _imported(test_module: Path) -> set[str]:
    """The dotted names a test module imports (relative imports resolved), and their parents."""
    package = _dotted(test_module).rsplit(".", 1)[0].split(".")
    names: set[str] = set()
    for node in ast.walk(ast.parse(test_module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return names


def test_the_rule_finds_the_modules_it_is_about():
    """The check cannot pass by finding nothing: it sees the modules named in STYLE.md's shape."""
    found = {_dotted(path) for path in _business_modules()}
    assert {"masthead.comments.services", "masthead.newsroom.selectors"} <= found
    assert "masthead.funding.services.ledger" in found


MODULES = [path for path in _business_modules() if _defines_functions(path)]


@pytest.mark.parametrize(
    "module",
    MODULES,
    ids=lambda path: str(path.relative_to(PACKAGE)),
)
def test_each_services_and_selectors_module_has_a_test_module_that_imports_it(module: Path):
    assert not (missing := _mirrored(module)), missing
