"""Fixtures shared by every test: the named demo newsroom, Wagtail's tree roots, an SMTP server,
an S3 server."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """CI runs `once` tests only in its SQLite run and `postgres` tests only in its PostgreSQL run
    (.ci/run), so a test marked both would never run there."""
    both = [
        item.nodeid
        for item in items
        if item.get_closest_marker("once") and item.get_closest_marker("postgres")
    ]
    if both:
        raise pytest.UsageError(f"marked both once and postgres, so CI would run them nowhere: {both}")


def _wagtail_roots_ensure() -> None:
    """Puts back the locale, root page and root collection that Wagtail's migrations create.

    Transactional (live-server) tests flush every table when they end, these rows included,
    so any later test would find no root to build its pages on.
    """
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture(autouse=True)
def _wagtail_roots(request):
    """For every test that uses the database, whatever ran before it."""
    uses_db = request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    if uses_db:
        request.getfixturevalue(
            "transactional_db"
            if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
            else "db"
        )
        _wagtail_roots_ensure()


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Each test starts and ends in the default language with empty caches, whatever ran before
    it (a test that activated Arabic, or left a cached campaign bar, article text or page behind;
    the cache outlives a test's database transaction, and ids are reused after a rollback). The
    one place that clears them: no app's conftest repeats it."""
    from django.conf import settings
    from django.core.cache import cache, caches
    from django.utils import translation

    cache.clear()
    caches["pages"].clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    caches["pages"].clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def newsroom(db):
    """The demo newsroom (home page, authors, topics, articles), as `masthead demo` loads it."""
    from masthead.newsroom.services import home_ensure
    from masthead.site.setup import demo_load

    home, _ = home_ensure(title="The Riverside Ledger")
    demo_load(home=home)
    return home


@pytest.fixture
def live_newsroom(transactional_db, live_server):
    """The demo newsroom behind the live server (for browser tests); returns the server's URL."""
    from masthead.newsroom.services import home_ensure
    from masthead.site.setup import demo_load

    home, _ = home_ensure(title="The Riverside Ledger")
    demo_load(home=home)
    return live_server.url


# The named newsroom: the demo's own people and stories (masthead/newsroom/demo_content.py and the
# discussion in masthead/comments/demo.py), each built alone through the services, so a test reads
# as the demo does ("Maren's budget story", "Ruth, a guest") without loading the whole demo (the
# `newsroom` fixture above does that, for the tests that need all of it).


def _story(slug: str):
    from masthead.newsroom.demo_content import STORIES

    return next(story for story in STORIES if story.slug == slug)


def _story_publish(*, home, slug: str, authors: list):
    """A demo story with its words (paragraphs, headings, quotes) and no pictures."""
    from masthead.newsroom.demo import story_blocks
    from masthead.newsroom.services import article_publish

    story = _story(slug)
    return article_publish(
        home=home,
        title=story.title,
        slug=story.slug,
        standfirst=story.standfirst,
        body=story_blocks(story, seed=0, pictures=False),
        authors=authors,
        topics=[],
    )


@pytest.fixture
def home(db):
    """The newsroom's home page, empty: "The Riverside Ledger"."""
    from masthead.newsroom.services import home_ensure

    return home_ensure(title="The Riverside Ledger")[0]


@pytest.fixture
def reporter(db):
    """Maren Okafor, the demo's local government reporter (the budget story's byline)."""
    from masthead.newsroom.demo_content import AUTHORS
    from masthead.newsroom.services import author_create

    maren = next(author for author in AUTHORS if author.slug == "maren-okafor")
    return author_create(name=maren.name, slug=maren.slug, role=maren.role, bio=maren.bio)


@pytest.fixture
def discussion_article(home, reporter):
    """The demo's discussion story, "Council passes $48 million budget…", by Maren Okafor."""
    return _story_publish(home=home, slug="council-budget-vote", authors=[reporter])


@pytest.fixture
def quiet_article(home):
    """Another demo story ("Central Library to open on Sunday afternoons…"), without a byline."""
    return _story_publish(home=home, slug="library-hours", authors=[])


@pytest.fixture
def guest_commenter():
    """Ruth Penhaligon, who opens the demo's discussion as a guest (no account, a cookie)."""
    from masthead.comments.identity import Reader

    return Reader(user=None, guest_id="guest-ruth")


@pytest.fixture
def other_commenter():
    """Colm Ferris, a second guest of the demo's discussion, who answers Ruth."""
    from masthead.comments.identity import Reader

    return Reader(user=None, guest_id="guest-colm")


@pytest.fixture
def editor(django_user_model):
    """Jonah Whitcombe, the demo's city editor, as the site's superuser `editor`."""
    return django_user_model.objects.create_superuser(
        "editor", "editor@ledger.example", "the-right-one", first_name="Jonah", last_name="Whitcombe"
    )


@pytest.fixture
def editor_client(client, editor):
    """A browser signed in as the editor (Jonah Whitcombe), for the admin's pages."""
    client.force_login(editor)
    return client


@pytest.fixture
def staff(db):
    """A staff member without superuser rights (moderators, editors acting on requests)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("ines", "ines@ledger.example", "pw", is_staff=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts, parsed; it can answer 451 first."""

    def __init__(self):
        self.messages = []
        self.refuse_next = 0  # how many DATA commands to answer with 451
        self.on_quit = None  # called when a client says QUIT: what it had done by then
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse_next:
                self.refuse_next -= 1
                return "451 4.3.0 Try again later"
            message = message_from_bytes(envelope.content, policy=policy.default)
            message.envelope_to = list(envelope.rcpt_tos)
            message.raw = envelope.content
            message.received = time.monotonic()  # the moment before the "250" (the soak's timeline)
            self.messages.append(message)
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):
        if self.on_quit is not None:
            await asyncio.to_thread(self.on_quit)  # off the event loop: it may wait for a database
        return "221 Bye"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m.envelope_to]


@pytest.fixture
def smtp(settings):
    """A real SMTP server in a thread; Django sends to it over the network, through the site's
    own backend (masthead/core/dkim.py: unsigned unless a test sets DKIM_KEY_FILE)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "masthead.core.dkim.SigningEmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
        }
    }
    yield inbox
    controller.stop()


# --- S3: moto's S3 server (dev dependency `moto[server]`), as a bucket's owner sees it ----------

S3_KEYS = {"AWS_ACCESS_KEY_ID": "masthead-test", "AWS_SECRET_ACCESS_KEY": "masthead-test-secret"}


def _http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except urllib.error.URLError:  # nothing listens there (yet)
        return 0


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """moto's S3 server in a child process on a free port, once per test process; its URL.
    It accepts any keys until a test asks it to check them (S3Bucket.keys_checked)."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("moto") / "moto.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90  # ~2 s on an idle machine
    while _http_status(f"{endpoint}/moto-api/") != 200:
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"moto's S3 server did not start: see {log_path}")
        time.sleep(0.1)
    yield endpoint
    server.terminate()
    server.wait(10)


def s3_public_images_policy(bucket: str) -> dict:
    """docs/scaling.md's bucket policy: anyone may read images, nobody but the site documents."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/images/*", f"arn:aws:s3:::{bucket}/original_images/*"],
            }
        ],
    }


class S3Bucket:
    """A fresh bucket of the test's own on the moto server, and the AWS_* environment naming it."""

    def __init__(self, endpoint: str, name: str):
        import boto3

        self.endpoint, self.name = endpoint, name
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        )
        self.env = {
            "AWS_STORAGE_BUCKET_NAME": name,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            **S3_KEYS,
        }

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return [item["Key"] for item in listing.get("Contents", [])]

    def keys_checked(self, checked: bool) -> None:
        """moto checks keys (every request needs keys it issued) or accepts any (its default)."""
        request = urllib.request.Request(  # noqa: S310 - a local test server
            f"{self.endpoint}/moto-api/reset-auth",
            data=b"0" if checked else b"inf",
            headers={"Content-Type": "text/plain"},
        )
        with urllib.request.urlopen(request, timeout=10):  # noqa: S310 - a local test server
            pass


@pytest.fixture
def s3_bucket(s3_server, monkeypatch, request):
    """An empty bucket with docs/scaling.md's policy; its AWS_* variables are in os.environ."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    bucket = S3Bucket(s3_server, name)
    bucket.client.create_bucket(Bucket=name)
    bucket.client.put_bucket_policy(Bucket=name, Policy=json.dumps(s3_public_images_policy(name)))
    for variable, value in bucket.env.items():
        monkeypatch.setenv(variable, value)
    yield bucket
    bucket.keys_checked(False)


@pytest.fixture
def s3_media(s3_bucket, settings):
    """This process's site with its media in `s3_bucket`, configured as settings.py does it."""
    from masthead.site.s3 import s3_storage_options

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options(os.environ)},
    }
    return s3_bucket


@pytest.fixture
def pages_cache_bounded(settings):
    """The embedded site's pages cache, bounded to a few pages' worth of bytes (with REDIS_URL in
    the environment, the tests' own settings would put it in Redis, bounded by maxmemory)."""

    def bound(max_bytes: int):
        from django.core.cache import caches

        settings.CACHES = {
            **settings.CACHES,
            "pages": {
                "BACKEND": "masthead.core.boundedcache.BoundedMemoryCache",
                "LOCATION": f"bounded-{max_bytes}",
                "OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": 1_000_000},
            },
        }
        pages = caches["pages"]
        pages.clear()  # local-memory caches of one LOCATION share their entries across instances
        return pages

    return bound


# --- A migrated embedded database, made once per test run --------------------------------------
# A fresh `migrate` of the embedded database costs ~24 s of CPU (241 migrations, Wagtail's most of
# them), and several process tests each need a migrated data dir of their own. They copy this one.

EMBEDDED_FOREIGN = ("MASTHEAD_", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_")


def embedded_env(data_dir=None, **extra: str) -> dict:
    """The environment of a fresh install on the embedded defaults: nothing of the caller's
    PostgreSQL, Redis or mail server; its data in `data_dir` when given."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(EMBEDDED_FOREIGN)}
    where = {"MASTHEAD_DATA_DIR": str(data_dir)} if data_dir is not None else {}
    return env | where | {"PYTHONUNBUFFERED": "1"} | extra


def _migrations_key() -> str:
    """Changes with any migration or locked package, so a stale template is never used."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256((root / "uv.lock").read_bytes())
    for path in sorted(root.glob("masthead/*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory, worker_id):
    """The path of an embedded database with every migration applied. The xdist workers of one
    run share it: the first makes it under a file lock, the others wait for it."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base
    folder = shared / f"migrated-{_migrations_key()}"
    database = folder / "data" / "masthead.sqlite3"
    with (shared / "migrated.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not database.exists():
            building = shared / f"migrating-{uuid.uuid4().hex}"
            subprocess.run(
                [sys.executable, "-m", "masthead.site.cli", "manage", "migrate", "--verbosity", "0"],
                cwd=os.path.dirname(os.path.abspath(__file__)),
                env=embedded_env(building / "data"),
                check=True,
                timeout=600,
            )
            building.rename(folder)
    return database


def migrated_copy(database, data_dir) -> None:
    """Puts a copy of the migrated database in `data_dir` (made owner-only, as masthead makes it)."""
    import shutil

    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(database, data_dir / "masthead.sqlite3")
