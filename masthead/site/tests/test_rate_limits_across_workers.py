"""Rate limits hold across every process of the site (#13.3), measured from outside: `masthead
run` with several gunicorn workers on the embedded defaults (SQLite, no Redis), 20 comments
posted at once from one network against a limit of 5 a minute."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest

from conftest import migrated_copy

from .test_cli import ROOT, _env, _free_port, _wait_for_page

pytestmark = pytest.mark.once  # its own processes on the embedded defaults

WORKERS = 3
POSTS = 20
LIMIT = 5


def _manage(*args: str, env: dict) -> str:
    """The last line `masthead manage …` printed."""
    result = subprocess.run(
        [sys.executable, "-m", "masthead.site.cli", "manage", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


@pytest.fixture(scope="module")
def site(tmp_path_factory, migrated_database):
    """A migrated data dir with one article, served by `masthead run` with WORKERS workers."""
    data_dir = tmp_path_factory.mktemp("masthead-limits")
    env = _env() | {
        "MASTHEAD_DATA_DIR": str(data_dir),
        "MASTHEAD_WEB_WORKERS": str(WORKERS),
        "MASTHEAD_WEB_THREADS": "4",
        "MASTHEAD_RATE_LIMIT_NETWORK": f"{LIMIT}/60",
    }
    migrated_copy(migrated_database, data_dir)
    page_id = _manage(
        "shell",
        "-c",
        "from masthead.newsroom.services import home_ensure\n"
        "from masthead.newsroom.tests.factories import article_make\n"
        "print(article_make(home=home_ensure(title='Limits')[0], title='Bridge reopens').pk)",
        env=env,
    )
    log = data_dir / "run.log"
    with serving(env, data_dir, log) as base:
        yield base, int(page_id), log


@contextlib.contextmanager
def serving(env: dict, data_dir, log, *args: str):
    """`masthead run` on a free port until the block ends (then SIGTERM); yields its base URL."""
    port = _free_port()
    process = _masthead_with(
        env, "run", *args, "--data", str(data_dir), "--addr", f"127.0.0.1:{port}", log=log
    )
    try:
        assert _wait_for_page(f"http://127.0.0.1:{port}/", process, log) == 200
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _masthead_with(env: dict, *args: str, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "masthead.site.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _post_comment(base: str, page_id: int, n: int) -> int:
    body = json.dumps(
        {
            "body": f"Comment number {n} on the bridge.",
            "author_name": f"Reader {n}",
            "author_email": f"r{n}@example.org",
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/api/comments/pages/{page_id}/comments",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_twenty_parallel_comments_from_one_network_get_exactly_the_limit(site):
    base, page_id, log = site
    start = Barrier(POSTS)

    def post(n: int) -> int:
        start.wait()
        return _post_comment(base, page_id, n)

    with ThreadPoolExecutor(POSTS) as pool:
        statuses = list(pool.map(post, range(POSTS)))

    accepted, refused = statuses.count(201), statuses.count(429)
    assert (accepted, refused) == (LIMIT, POSTS - LIMIT), (
        f"{accepted} accepted, {refused} refused: {statuses}"
    )
