"""What a web process carries: each is forked from `masthead run` after Django and the URLs are
loaded, so whatever that process imported stays in every web worker's memory, and whatever its
requests leave behind stays too (#14: at most 150 MiB RSS each after serving every kind of page;
bench/comments_thread.py --readers measures it under load)."""

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import migrated_copy

from .test_cli import _env
from .test_rate_limits_across_workers import _manage, serving

pytestmark = pytest.mark.once  # its own processes on the embedded defaults

ROOT = Path(__file__).resolve().parents[3]
# Imported only where they are needed: fpdf (with fontTools, about 45 MiB) by the view that makes a
# donor's yearly PDF, dkim by the mail backend in the task worker.
HEAVY = ("fpdf", "fontTools", "dkim")

SCRIPT = """
import json, sys
import django; django.setup()
from django.urls import get_resolver; get_resolver().url_patterns
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[1:]))))
"""

RSS_LIMIT_MIB = 150
# Measured on the 2-core development machine: 135 MiB each after this test's requests (228 and
# 248 MiB before the web processes shared one malloc arena, masthead/core/malloc.py).
THREAD = 1_000

# A migrated data dir with the demo newsroom, a 1,000-comment thread, a guest who commented and a
# signed-in editor, made in one process before the site starts; prints what the requests need.
SITE = """
import json
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from django.contrib.auth import get_user_model
from django.test import Client
from masthead.comments.synthetic_threads import thread_fill
from masthead.funding.models import Campaign
from masthead.newsroom.models import ArticlePage, Topic
from masthead.newsroom.services import home_ensure
from masthead.site.setup import demo_load
demo_load(home=home_ensure(title="The Riverside Ledger")[0])
page = ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk").first()
thread_fill(page=page, count=THREAD)
guest = Client(HTTP_SEC_FETCH_SITE="same-origin")
guest.post(f"/comments/{page.pk}/post/", {"body": "I was there too.", "author_name": "Ruth",
           "author_email": "ruth@example.org"})
staff = Client()
staff.force_login(get_user_model().objects.create_user("editor", "e@example.org", "pw", is_staff=True))
print(json.dumps({
    "article": page.url, "pk": page.pk,
    "arabic": ArticlePage.objects.live().filter(locale__language_code="ar").first().url,
    "topic": Topic.objects.order_by("pk").first().slug,
    "campaign": Campaign.objects.get().slug,
    "guest": "; ".join(f"{k}={v.value}" for k, v in guest.cookies.items()),
    "staff": "; ".join(f"{k}={v.value}" for k, v in staff.cookies.items()),
}))
""".replace("THREAD", str(THREAD))


def test_a_web_process_does_not_import_what_only_a_rare_view_needs(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DJANGO_", "DATABASE_URL"))}
    env |= {"DJANGO_SETTINGS_MODULE": "masthead.site.settings", "MASTHEAD_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *HEAVY],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def _pages(site: dict) -> list[tuple[str, str]]:
    """(who, path): every kind of page a web process serves."""
    article, pk = site["article"], site["pk"]
    return [
        ("anonymous", "/"),
        ("anonymous", article),
        ("guest", article),
        ("staff", article),
        ("guest", f"/comments/{pk}/me/"),
        ("anonymous", f"/api/comments/pages/{pk}/thread"),
        ("anonymous", f"/api/comments/pages/{pk}/thread?sort=newest"),
        ("anonymous", site["arabic"]),
        ("anonymous", f"/topics/{site['topic']}/"),
        ("anonymous", "/feed/"),
        ("anonymous", "/sitemap.xml"),
        ("anonymous", "/news-sitemap.xml"),
        ("anonymous", "/search/?q=bridge"),
        ("anonymous", f"/donate/{site['campaign']}/"),
        ("staff", "/admin/"),
    ]


def _get(base: str, site: dict, who: str, path: str) -> tuple[str, int]:
    headers = {"Accept-Encoding": "gzip, deflate, br"}  # as a browser asks
    if who in ("guest", "staff"):
        headers["Cookie"] = site[who]
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=120) as r:
            r.read()
            return path, r.status
    except urllib.error.HTTPError as error:
        return path, error.code


def _web_workers(base: str) -> dict[int, float]:
    """VmRSS in MiB of each gunicorn worker: `masthead run` forks the gunicorn master, which forks
    the workers, so they are the processes of that command line two forks below another."""
    addr = base.removeprefix("http://").encode()
    site, rss = {}, {}
    for status_file in Path("/proc").glob("[0-9]*/status"):
        try:
            if addr not in (status_file.parent / "cmdline").read_bytes():
                continue
            status = status_file.read_text()
        except OSError:
            continue
        pid = int(status_file.parent.name)
        site[pid] = int(re.search(r"PPid:\s+(\d+)", status).group(1))
        rss[pid] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    return {pid: rss[pid] for pid, parent in site.items() if site.get(parent) in site}


@pytest.fixture(scope="module")
def served(tmp_path_factory, migrated_database):
    """`masthead run` (2 web workers of the default 4 threads) on the embedded defaults, after
    every kind of page was asked for several times at once, so each worker served most of them."""
    data_dir = tmp_path_factory.mktemp("masthead-memory")
    env = {k: v for k, v in _env().items() if k != "MASTHEAD_WEB_THREADS"}
    env |= {"MASTHEAD_DATA_DIR": str(data_dir), "MASTHEAD_WEB_WORKERS": "2"}
    migrated_copy(migrated_database, data_dir)
    site = json.loads(_manage("shell", "-c", SITE, env=env))
    with serving(env, data_dir, data_dir / "run.log") as base:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda item: _get(base, site, *item), _pages(site) * 4))
        yield answers, _web_workers(base)


def test_every_kind_of_page_was_served(served):
    answers, _workers = served
    assert [(path, status) for path, status in answers if status != 200] == []


def test_each_web_process_stays_under_150_mib_after_serving_every_kind_of_page(served):
    _answers, workers = served
    assert len(workers) == 2, workers
    assert max(workers.values()) <= RSS_LIMIT_MIB, workers
