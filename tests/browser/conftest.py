"""Browser tests: a real headless Chromium (Debian's) driven by Playwright against the live server.

Outside CI a missing Chromium skips these tests with the reason; in CI (CI=true) it fails them,
since a skipped browser test would hide a broken reader page.
"""

import contextlib
import os
import shutil
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# themselves (fixtures, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("MASTHEAD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must run the browser tests")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def foreign_requests(page, live_server):
    """Every request the page makes to a host other than the live server's, collected."""
    own = urlsplit(live_server.url).netloc
    seen: list[str] = []

    def _record(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            seen.append(request.url)

    page.on("request", _record)
    return seen


_CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture(autouse=True)
def no_content_security_policy_violation(request):
    """Every browser test fails on a Content-Security-Policy violation of the pages it opened: the
    strict policy (site/settings.py SECURE_CSP) must never break a reader's page."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    reported: list[str] = []
    page.add_init_script(_CSP_LISTENER)
    page.on(
        "console",
        lambda message: reported.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield
    with contextlib.suppress(Exception):  # the page was closed or navigated away by the test
        reported += page.evaluate("window.__cspViolations || []")
    assert not reported, f"Content-Security-Policy violations: {reported}"
