"""The Nu Html Checker (vnu-jar, pinned in package.json) finds no error on the reader's pages."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [pytest.mark.conformance, pytest.mark.xdist_group("conformance")]

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = {
    "home": "/",
    "topic": "/topics/council-politics/",
    "author": "/authors/maren-okafor/",
    "discussion article": "/council-budget-vote/",
    "arabic article": "/ar/council-budget-vote/",
    "search": "/search/?q=council",
    "donate": "/donate/support-the-riverside-ledger/",
    "subscribe": "/subscriptions/?page={article_id}",
    "unsubscribe link (expired)": "/subscriptions/leave/expired/",
    "confirm link (expired)": "/subscriptions/confirm/expired/",
}


def _article_id(demo) -> int:
    html = demo.body("/council-budget-vote/").decode()
    return int(re.search(r"/comments/(\d+)/", html).group(1))


def test_the_nu_checker_finds_no_error(demo, tmp_path):
    assert VNU.exists(), "run `npm ci` (package.json pins vnu-jar)"
    assert shutil.which("java"), "the Nu checker needs a Java runtime"
    article_id = _article_id(demo)
    files = {}
    for name, path in PAGES.items():
        status, _headers, body = demo.get(path.format(article_id=article_id))
        assert status < 500, f"{name}: {status}"
        file = tmp_path / (re.sub(r"\W+", "-", name) + ".html")
        file.write_bytes(body)
        files[file.name] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", *[tmp_path / f for f in files]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{files[m['url'].rsplit('/', 1)[-1]]}:{m.get('lastLine')}: {m['message']} | {m.get('extract', '')!r}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors[:20])
