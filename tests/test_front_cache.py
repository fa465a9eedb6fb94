"""The documented front cache (docs/nginx.conf's proxy cache) in front of `masthead run`, as
readers see it: shared pages come from nginx, for readers with a session too; a publish and a newly
approved comment show through it within the promised time; nothing personal is ever served to
another reader.

The site is the real command (`masthead run`, 2 gunicorn workers, on a temporary data dir with the
embedded defaults), as an operator runs it; nginx runs from a temporary config that keeps
docs/nginx.conf's cache directives verbatim. Content changes are made by a separate process on
the same data dir (as the admin or the task worker would), so what the test proves includes the
page cache being retired across processes. Without nginx (apt-get install nginx) the test is
skipped, outside CI.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import embedded_env, migrated_copy

pytestmark = pytest.mark.once  # its own processes on the embedded defaults

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DOCS = ROOT / "docs" / "nginx.conf"
FRONT_SECONDS = 2  # MASTHEAD_PAGE_CACHE_FRONT_SECONDS' default, what docs/nginx.conf promises
# What the docs promise: X-Accel-Expires (2 s) plus one background refresh.
PROMISED_SECONDS = FRONT_SECONDS + 3
START_SECONDS = 300  # a first start migrates an empty data dir on a loaded 2-core machine

# Run in a separate process on the site's data dir: each prints one JSON line.
ACTIONS = r"""
import json, sys
import django; django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.utils.text import slugify
from masthead.comments.identity import GUEST_COOKIE, Reader
from masthead.comments.models import Comment, Status
from masthead.comments.services import Posting, comment_create
from masthead.moderation.services import comments_moderate
from masthead.newsroom.models import ArticlePage
from masthead.newsroom.services import home_ensure
from masthead.newsroom.tests.factories import article_make

action, argument = sys.argv[1], sys.argv[2]
if action == "story":
    home = home_ensure(title="The Riverside Ledger")[0]
    story = article_make(home=home, title=argument, slug=slugify(argument))
    editor, _ = get_user_model().objects.get_or_create(username="editor", defaults={"is_staff": True})
    staff = Client()
    staff.force_login(editor)
    cookie = staff.cookies[settings.SESSION_COOKIE_NAME].value
    print(json.dumps({"url": story.url, "pk": story.pk, "staff": {settings.SESSION_COOKIE_NAME: cookie}}))
elif action == "publish":
    story = ArticlePage.objects.get(pk=int(sys.argv[3]))
    story.title = argument
    story.save_revision().publish()
    print(json.dumps({}))
elif action == "comment":  # a guest's first comment: the real screening pipeline holds it
    guest = Reader(user=None, guest_id="guest-ruth")
    data = {"body": argument, "author_name": "Ruth", "author_email": "r@example.org"}
    page = ArticlePage.objects.get(pk=int(sys.argv[3]))
    comment, _ = comment_create(page=page, data=data, posting=Posting(reader=guest, network="n1"))
    cookie = signing.Signer(salt="masthead.comments.guest").sign("guest-ruth")
    print(json.dumps({"pk": comment.pk, "status": comment.status, "guest": {GUEST_COOKIE: cookie}}))
elif action == "approve":
    comment = Comment.objects.get(pk=int(argument))
    comments_moderate(comments=[comment], status=Status.APPROVED, actor=None)
    print(json.dumps({}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cache_directives() -> str:
    """The proxy_cache lines of docs/nginx.conf's `location /`, so the test runs what we ship."""
    text = DOCS.read_text()
    block = text[text.index("    location / {\n") :]
    lines = [line.strip() for line in block.splitlines()[1:]]
    lines = lines[: lines.index("}")]
    return "\n".join(
        line for line in lines if line.startswith(("proxy_cache", "add_header X-Front-Cache", "gzip"))
    )


def _site_env(data: Path, port: int) -> dict:
    # The embedded defaults (SQLite, local-memory caches), as a fresh install runs.
    return embedded_env(
        data,
        MASTHEAD_BASE_URL=f"http://127.0.0.1:{port}",
        MASTHEAD_WEB_WORKERS="2",
        MASTHEAD_WEB_THREADS="2",
        DJANGO_SETTINGS_MODULE="masthead.site.settings",
    )


def _wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"exited early:\n{log.read_text()}"
        try:
            urllib.request.urlopen(url, timeout=10).close()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {seconds} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def site(tmp_path_factory, migrated_database):
    """`masthead run` on an empty data dir, with `act(action, …)` to change its content from
    another process."""
    if not os.path.exists(NGINX):
        if os.environ.get("CI"):
            pytest.fail("nginx not found: CI must run the front-cache test")
        pytest.skip("nginx not found (apt-get install nginx)")
    tmp = tmp_path_factory.mktemp("front-cache")
    port, log = _free_port(), tmp / "masthead.log"
    env = _site_env(tmp / "data", port)
    migrated_copy(migrated_database, tmp / "data")  # the start's migrate has nothing left to do
    command = [sys.executable, "-m", "masthead.site.cli", "run", "--addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, "--data", str(tmp / "data")],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def act(action: str, argument: str, *more: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", ACTIONS, action, argument, *more],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", process, log, START_SECONDS)
        yield {"port": port, "act": act, "log": log}
    finally:
        _stop(process)


@pytest.fixture
def front(site, tmp_path):
    port = _free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""daemon off;
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    proxy_cache_path {tmp_path}/cache levels=1:2 keys_zone=masthead_pages:1m max_size=16m inactive=10m;
    upstream masthead {{ server 127.0.0.1:{site["port"]}; keepalive 4; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            {_cache_directives()}
            proxy_pass http://masthead;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""
    )
    server = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path)], stderr=subprocess.PIPE)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(20)
    print((tmp_path / "error.log").read_text())  # shown by pytest when the test failed


def _get(url: str, cookies: dict | None = None):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())} if cookies else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as answer:
        return answer.headers, answer.read().decode()


def _until(check, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.25)
    raise AssertionError(f"not visible through the front cache within {seconds} s")


_titles = iter(range(1, 1000))


@pytest.fixture
def story(site):
    """A new story (its own address, so no test sees another's cached copy) and a signed-in
    editor's session cookie."""
    return site["act"]("story", f"Bridge reopens, part {next(_titles)}")


def test_readers_with_and_without_a_session_share_the_front_caches_copy(front, story):
    url = front + story["url"]
    _get(url)
    headers, anonymous = _get(url)
    assert headers["X-Front-Cache"] == "HIT"

    headers, signed_in = _get(url, story["staff"])
    assert headers["X-Front-Cache"] in ("HIT", "UPDATING", "STALE", "REVALIDATED")
    assert signed_in == anonymous and "editor" not in signed_in


def test_a_published_change_shows_through_the_front_cache_within_the_promised_time(front, story, site):
    url = front + story["url"]
    _get(url), _get(url)
    assert _get(url)[0]["X-Front-Cache"] == "HIT"

    site["act"]("publish", "Bridge reopens to buses", str(story["pk"]))

    took = _until(lambda: "Bridge reopens to buses" in _get(url)[1], PROMISED_SECONDS)
    assert took <= PROMISED_SECONDS


def test_a_newly_approved_comment_shows_through_the_front_cache(front, story, site):
    url = front + story["url"]
    comment = site["act"]("comment", "The buses are back, at last.", str(story["pk"]))
    assert comment["status"] == "pending"
    _get(url), _get(url)
    assert "The buses are back" not in _get(url)[1]

    site["act"]("approve", str(comment["pk"]))

    _until(lambda: "The buses are back" in _get(url)[1], PROMISED_SECONDS)


def test_nothing_personal_is_served_from_the_front_cache_to_another_reader(front, story, site):
    comment = site["act"]("comment", "Held words of my own.", str(story["pk"]))
    assert comment["status"] == "pending"
    mine = comment["guest"]

    for path in (f"/comments/{story['pk']}/me/", f"/comments/c/{comment['pk']}/edit/"):
        for _ in range(2):
            headers, body = _get(front + path, mine)
            assert "Held words of my own." in body
            assert headers["X-Front-Cache"] != "HIT"
            assert "no-store" in headers["Cache-Control"]
    _, theirs = _get(front + f"/comments/{story['pk']}/me/")
    assert "Held words" not in theirs
    with pytest.raises(urllib.error.HTTPError) as refused:  # another reader may not open the edit page
        _get(front + f"/comments/c/{comment['pk']}/edit/")
    assert refused.value.code == 403
    assert "Held words" not in refused.value.read().decode()
    assert not re.search("Held words", _get(front + story["url"])[1])
