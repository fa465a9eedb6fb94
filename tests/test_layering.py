"""Views read through selectors: no module that answers a request (views, forms, API routers,
template tags, feeds, sitemaps, admin hooks and viewsets) queries a model itself.

A view that calls `Model.objects…` or `get_object_or_404(Model, …)` hides a read that a test of
the app's selectors never sees and that the next view writes again slightly differently. The
read belongs in the app's selectors.py (another app's models through that app's selectors); the
view raises Http404 when a selector finds nothing (docs/style.md, "Reads"). A test rather than a
lint rule: it runs wherever the suite runs and reads files only, in milliseconds.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "masthead"
REQUEST_MODULES = (
    "views.py",
    "*_views.py",
    "forms.py",
    "*_forms.py",
    "api.py",
    "feeds.py",
    "sitemaps.py",
    "exports.py",
    "viewsets.py",
    "wagtail_hooks.py",
    "templatetags/*.py",
)
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}
# Exceptions, each with its reason. Empty today: a module that must query a model itself names
# itself here, with the line's reason, rather than hiding from the test.
ALLOWED: dict[str, str] = {}


def _request_modules() -> list[Path]:
    found: set[Path] = set()
    for pattern in REQUEST_MODULES:
        found.update(PACKAGE.rglob(pattern))
    return sorted(
        path for path in found if not {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts)
    )


def _direct_reads(path: Path) -> list[str]:
    """Each `….objects` and each get_object_or_404 of the module, as `line: source`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hits = []
    for node in ast.walk(tree):
        is_manager = isinstance(node, ast.Attribute) and node.attr == "objects"
        is_shortcut = isinstance(node, ast.Name | ast.alias) and (
            getattr(node, "id", None) in SHORTCUTS or getattr(node, "name", None) in SHORTCUTS
        )
        if is_manager or is_shortcut:
            hits.append(f"{node.lineno}: {ast.unparse(node) if is_manager else 'get_object_or_404'}")
    return hits


MODULES = _request_modules()


def test_the_request_modules_are_found():
    """The patterns still match the tree (a rename would otherwise leave nothing to check)."""
    names = {str(path.relative_to(PACKAGE)) for path in MODULES}
    assert {"comments/views.py", "funding/forms.py", "inline/api.py", "newsroom/feeds.py"} <= names
    assert "inline/templatetags/inline_feedback.py" in names


@pytest.mark.parametrize(
    "module",
    [path for path in MODULES if str(path.relative_to(PACKAGE)) not in ALLOWED],
    ids=lambda path: str(path.relative_to(PACKAGE)),
)
def test_request_modules_read_through_selectors(module: Path):
    assert not (reads := _direct_reads(module)), f"move these reads into a selector: {reads}"


def test_the_allowed_modules_still_need_it():
    """An exception whose module no longer queries a model leaves ALLOWED, so the list only shrinks."""
    stale = [name for name in ALLOWED if not _direct_reads(PACKAGE / name)]
    assert not stale, f"no longer reads models itself, remove from ALLOWED: {stale}"
