"""The documented front cache (docs/nginx.conf's proxy cache) in front of Masthead, as readers see
it: shared pages come from nginx, for readers with a session too; a publish and a newly approved
comment show through it within the promised time; nothing personal is ever served to another.

nginx runs from a temporary config that keeps docs/nginx.conf's cache directives verbatim, in
front of the test server. Without nginx (apt-get install nginx) the test is skipped, outside CI.
"""

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing

from masthead.comments.identity import GUEST_COOKIE
from masthead.comments.models import Comment, Status
from masthead.newsroom.services import home_ensure
from masthead.newsroom.tests.factories import article_make

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "nginx.conf"
# What the docs promise: X-Accel-Expires (2 s) plus one background refresh.
PROMISED_SECONDS = settings.PAGE_CACHE_FRONT_SECONDS + 3

pytestmark = pytest.mark.django_db(transaction=True)


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


@pytest.fixture
def front(live_server, tmp_path):
    if not os.path.exists(NGINX):
        if os.environ.get("CI"):
            pytest.fail("nginx not found: CI must run the front-cache test")
        pytest.skip("nginx not found (apt-get install nginx)")
    port = _free_port()
    upstream = live_server.url.removeprefix("http://")
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
    server {{
        listen 127.0.0.1:{port};
        location / {{
            {_cache_directives()}
            proxy_pass http://{upstream};
            proxy_http_version 1.1;
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


@pytest.fixture
def story(settings):
    settings.PAGE_CACHE_SECONDS = 300
    home = home_ensure(title="The Riverside Ledger")[0]
    return article_make(home=home, title="Bridge reopens")


def _session_cookie(client) -> dict:
    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw", is_staff=True)
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def test_readers_with_and_without_a_session_share_the_front_caches_copy(front, story, client):
    url = front + story.url
    _get(url)
    headers, anonymous = _get(url)
    assert headers["X-Front-Cache"] == "HIT"

    headers, signed_in = _get(url, _session_cookie(client))
    assert headers["X-Front-Cache"] in ("HIT", "UPDATING", "STALE", "REVALIDATED")
    assert signed_in == anonymous and "editor" not in signed_in


def test_a_published_change_shows_through_the_front_cache_within_the_promised_time(front, story):
    url = front + story.url
    _get(url), _get(url)
    story.title = "Bridge reopens to buses"
    revision = story.save_revision()
    revision.publish()

    took = _until(lambda: "Bridge reopens to buses" in _get(url)[1], PROMISED_SECONDS)
    assert took <= PROMISED_SECONDS


def test_a_newly_approved_comment_shows_through_the_front_cache(front, story, settings):
    from masthead.comments.identity import Reader
    from masthead.comments.services import Posting, comment_create
    from masthead.moderation.services import comments_moderate

    settings.COMMENTS_SCREEN = "masthead.moderation.pipeline.comment_screen"
    url = front + story.url
    guest = Reader(user=None, guest_id="guest-ruth")
    data = {"body": "The buses are back, at last.", "author_name": "Ruth", "author_email": "r@example.org"}
    comment, _ = comment_create(page=story, data=data, posting=Posting(reader=guest, network="n1"))
    assert comment.status == Status.PENDING
    _get(url), _get(url)

    comments_moderate(comments=[comment], status=Status.APPROVED, actor=None)

    _until(lambda: "The buses are back" in _get(url)[1], PROMISED_SECONDS)


def test_nothing_personal_is_served_from_the_front_cache_to_another_reader(front, story, settings):
    from masthead.comments.identity import Reader
    from masthead.comments.services import Posting, comment_create

    settings.COMMENTS_SCREEN = "masthead.moderation.pipeline.comment_screen"
    guest = Reader(user=None, guest_id="guest-ruth")
    data = {"body": "Held words of my own.", "author_name": "Ruth", "author_email": "r@example.org"}
    comment, _ = comment_create(page=story, data=data, posting=Posting(reader=guest, network="n1"))
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING
    mine = {GUEST_COOKIE: signing.Signer(salt="masthead.comments.guest").sign("guest-ruth")}

    for path in (f"/comments/{story.pk}/me/", f"/comments/c/{comment.pk}/edit/"):
        for _ in range(2):
            headers, body = _get(front + path, mine)
            assert "Held words of my own." in body
            assert headers["X-Front-Cache"] != "HIT"
            assert "no-store" in headers["Cache-Control"]
    _, theirs = _get(front + f"/comments/{story.pk}/me/")
    assert "Held words" not in theirs
    with pytest.raises(urllib.error.HTTPError) as refused:  # another reader may not open the edit page
        _get(front + f"/comments/c/{comment.pk}/edit/")
    assert refused.value.code == 403
    assert "Held words" not in refused.value.read().decode()
    assert not re.search("Held words", _get(front + story.url)[1])
