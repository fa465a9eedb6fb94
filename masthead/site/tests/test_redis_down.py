"""Redis stopped under a running site, seen from outside (#16): `masthead run` (web server and
task worker) on the embedded database with REDIS_URL pointing at a Redis of the test's own,
which the test kills and starts again. Pages keep being served, comments accepted up to the
rate limit (counted in the database meanwhile), a payment's webhook answered 200 with its
receipt sent, and the page cache is used again once Redis is back."""

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import migrated_copy
from masthead.core.tests.redis_server import RedisServer
from masthead.funding.signatures import signature_header

from .test_cli import _env
from .test_rate_limits_across_workers import _manage, _post_comment, serving

pytestmark = pytest.mark.once  # its own processes on the embedded defaults

LIMIT = 5
WEBHOOK_SECRET = "whsec_redis_down"


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _webhook(base: str, event: dict, secret: str = WEBHOOK_SECRET) -> int:
    body = json.dumps(event).encode()
    request = urllib.request.Request(
        f"{base}/webhooks/stripe/",
        data=body,
        headers={
            "Content-Type": "application/json",
            "Stripe-Signature": signature_header(payload=body, secret=secret),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _payment(event_id: str) -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": "checkout.session.completed",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": "cs_redis_down",
                "object": "checkout.session",
                "mode": "payment",
                "payment_intent": "pi_redis_down",
                "payment_status": "paid",
                "amount_total": 2500,
                "currency": "usd",
                "customer_details": {"email": "donor@example.org"},
                "metadata": {"campaign": "support", "period": ""},
            }
        },
    }


def _receipts(data_dir: Path) -> int:
    return sum(
        path.read_text().count("X-Masthead-Mail: receipt") for path in (data_dir / "outbox").glob("*.log")
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory, migrated_database):
    folder = tmp_path_factory.mktemp("masthead-redis-down")
    data_dir = folder / "data"
    redis_server = RedisServer(folder)
    redis_server.start()
    env = _env() | {
        "MASTHEAD_DATA_DIR": str(data_dir),
        "REDIS_URL": redis_server.url(0),
        "MASTHEAD_RATE_LIMIT_NETWORK": f"{LIMIT}/60",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    migrated_copy(migrated_database, data_dir)
    page_url = _manage(
        "shell",
        "-c",
        "from masthead.newsroom.services import home_ensure\n"
        "from masthead.newsroom.tests.factories import article_make\n"
        "from masthead.funding.models import Campaign\n"
        "Campaign.objects.create(name='Support', slug='support', currency='USD', goal_minor=500000,"
        " presets_minor=[500], custom_min_minor=300, custom_max_minor=1000000)\n"
        "page = article_make(home=home_ensure(title='Redis down')[0], title='Bridge reopens')\n"
        "print(page.pk, page.url)",
        env=env,
    )
    page_id, path = page_url.split()
    try:
        with serving(env, data_dir, folder / "run.log") as base:
            yield base, int(page_id), path, data_dir, redis_server, folder / "run.log"
    finally:
        redis_server.kill()


def test_the_site_serves_accepts_and_limits_while_redis_is_down(site):
    base, page_id, path, data_dir, redis_server, log = site
    _get(f"{base}{path}")
    status, headers, _ = _get(f"{base}{path}")
    assert (status, headers.get("X-Page-Cache")) == (200, "hit")

    redis_server.kill()

    pages = [_get(f"{base}{path}") for _ in range(5)]
    assert [status for status, _, _ in pages] == [200] * 5, log.read_text()[-3000:]
    assert all("Bridge reopens" in body for _, _, body in pages)
    assert all(headers.get("X-Page-Cache") != "hit" for _, headers, _ in pages)
    assert _get(f"{base}/readyz")[0] == 200

    statuses = [_post_comment(base, page_id, n) for n in range(LIMIT + 2)]
    assert statuses == [201] * LIMIT + [429, 429], log.read_text()[-3000:]

    assert _webhook(base, _payment("evt_redis_down_1")) == 200
    assert _webhook(base, _payment("evt_redis_down_1")) == 200  # Stripe's retry: a duplicate
    deadline = time.monotonic() + 60
    while _receipts(data_dir) == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(2)  # a second receipt, if one were coming, would be written by now
    assert _receipts(data_dir) == 1, log.read_text()[-3000:]
    assert "Traceback" not in log.read_text()

    redis_server.start()
    time.sleep(3)  # the breaker tries Redis again after RETRY_SECONDS
    _get(f"{base}{path}")
    _get(f"{base}{path}")
    status, headers, _ = _get(f"{base}{path}")
    assert (status, headers.get("X-Page-Cache")) == (200, "hit")
