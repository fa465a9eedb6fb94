"""The cluster under test, on one machine: a PostgreSQL and a Redis of its own, two web-only
`masthead run` processes, two `masthead worker`, one `masthead scheduler` and an SMTP server
that keeps every message (docs/scaling.md, "Proven under faults")."""

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from aiosmtpd.controller import Controller

from conftest import Inbox
from masthead.core.tests.redis_server import RedisServer, free_port
from masthead.site.tests.test_cli import _env, _wait_for_page
from masthead.site.tests.test_rate_limits_across_workers import _manage, _masthead_with

from .postgres_server import PostgresServer

SECRET_KEY = "soak-secret-key-not-for-production-0123456789abcdef"
WEBHOOK_SECRET = "whsec_soak"
SUBSCRIBERS = ("ada@soak.example", "bo@soak.example", "cy@soak.example")
UNLIMITED = "1000000/60"

# The seed: one article, the campaign the webhooks pay into, and readers who follow the article
# (confirmed), so that every approved comment owes each of them a notification.
SEED = f"""
import json
from django.utils import timezone
from masthead.newsroom.services import home_ensure
from masthead.newsroom.tests.factories import article_make
from masthead.funding.models import Campaign
from masthead.subscriptions.models import Subscriber, Subscription
Campaign.objects.create(name='Support', slug='support', currency='USD', goal_minor=10**9,
    presets_minor=[500], custom_min_minor=300, custom_max_minor=1000000)
page = article_make(home=home_ensure(title='The Soak Ledger')[0], title='Bridge reopens after the flood')
for email in {SUBSCRIBERS!r}:
    subscriber = Subscriber.objects.create(email=email, confirmed_at=timezone.now())
    Subscription.objects.create(subscriber=subscriber, scope='page', page_id=page.pk,
        key=f'page:{{page.pk}}', status='active', confirmed_at=timezone.now())
print(json.dumps({{'page_id': page.pk, 'path': page.url}}))
"""


@dataclass
class Cluster:
    folder: Path
    postgres: PostgresServer
    redis: RedisServer
    inbox: Inbox
    env: dict
    page_id: int = 0
    path: str = ""
    web: list = field(default_factory=list)  # [(port, process)]
    workers: list = field(default_factory=list)
    others: list = field(default_factory=list)  # the scheduler, killed workers
    smtp: Controller | None = None
    started: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds it took

    @property
    def ports(self) -> list[int]:
        return [port for port, _ in self.web]

    def _start(self, name: str, *args: str) -> subprocess.Popen:
        self.started += 1
        return _masthead_with(self.env, *args, log=self.folder / f"{name}-{self.started}.log")

    def start(self) -> None:
        began = time.monotonic()
        for _ in range(2):
            port = free_port()
            process = self._start("web", "run", "--web-only", "--addr", f"127.0.0.1:{port}")
            self.web.append((port, process))
        self.workers = [self._start("worker", "worker") for _ in range(2)]
        self.others.append(self._start("scheduler", "scheduler"))
        for port, process in self.web:
            log = self.folder / "web-start.log"
            assert _wait_for_page(f"http://127.0.0.1:{port}{self.path}", process, log) == 200, self.logs()
        self.timings["start"] = time.monotonic() - began

    def worker_kill_and_restart(self, n: int) -> None:
        """SIGKILL, as the OOM killer or a lost machine: no chance to give anything back."""
        os.killpg(self.workers[n].pid, signal.SIGKILL)
        self.workers[n].wait(10)
        self.others.append(self.workers[n])
        self.workers[n] = self._start("worker", "worker")

    def web_kill(self, n: int) -> None:
        os.killpg(self.web[n][1].pid, signal.SIGKILL)
        self.web[n][1].wait(10)

    def stop(self) -> None:
        processes = [p for _, p in self.web] + self.workers + self.others
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def sql(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(self.postgres.url("masthead"), connect_timeout=10) as db:
            return db.execute(query, params).fetchall()

    def unfinished(self) -> int:
        """Tasks queued or running, and notifications not yet sent (a claim left by a killed
        worker is retaken by the scheduler's periodic job, which queues a task only then)."""
        tasks = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
        mails = "SELECT count(*) FROM subscriptions_delivery WHERE status IN ('pending', 'sending')"
        return self.sql(tasks)[0][0] + self.sql(mails)[0][0]

    def drain(self, seconds: float) -> float:
        """Waits until nothing is left to do (bounded); returns how long it took."""
        began = time.monotonic()
        while self.unfinished() and time.monotonic() - began < seconds:
            time.sleep(1)
        return time.monotonic() - began

    def logs(self, tail: int = 4000) -> str:
        text = "".join(f"--- {p.name}\n{p.read_text()[-tail:]}" for p in sorted(self.folder.glob("*.log")))
        return text[-tail * 3 :]


def cluster_env(*, folder: Path, postgres: PostgresServer, redis: RedisServer, smtp_port: int) -> dict:
    limits = ("NETWORK", "EMAIL", "SESSION", "VOTES")
    return (
        _env()
        | {f"MASTHEAD_RATE_LIMIT_{name}": UNLIMITED for name in limits}
        | {
            "DATABASE_URL": postgres.url("masthead"),
            "REDIS_URL": redis.url(9),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "MASTHEAD_DATA_DIR": str(folder / "data"),
            "MASTHEAD_SECRET_KEY": SECRET_KEY,
            "MASTHEAD_BASE_URL": "http://soak.example",
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "MASTHEAD_SUBSCRIBE_RATE_NETWORK": UNLIMITED,
            "MASTHEAD_WEB_THREADS": "4",
            # Every comment approved at once, so that each owes its followers a notification.
            "MASTHEAD_MODERATION_HOLD_FIRST_COMMENT": "0",
            "MASTHEAD_MODERATION_MIN_SECONDS": "0",
            # Notifications within seconds, not minutes, so that all are due before the end.
            "MASTHEAD_NOTIFY_WINDOW_SECONDS": "5",
            "MASTHEAD_NOTIFY_GATHER_SECONDS": "1",
            "MASTHEAD_NOTIFY_RETRY_SECONDS": "2",
            # Tasks of a killed worker are queued again after this long (default 60), and its
            # notifications claimed but not sent are retaken after this long (default 600).
            "MASTHEAD_TASK_WORKER_DEAD_SECONDS": "15",
            "MASTHEAD_NOTIFY_CLAIM_STALE_SECONDS": "20",
        }
    )


def cluster_create(folder: Path) -> Cluster:
    began = time.monotonic()
    postgres = PostgresServer()
    postgres.create()
    postgres.database_create("masthead")
    redis = RedisServer(folder)
    redis.start()
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = cluster_env(folder=folder, postgres=postgres, redis=redis, smtp_port=smtp.port)
    cluster = Cluster(folder, postgres, redis, inbox, env, smtp=smtp)
    cluster.timings["engines"] = time.monotonic() - began
    _manage("migrate", "--verbosity", "0", env=env)
    cluster.timings["migrate"] = time.monotonic() - began - cluster.timings["engines"]
    seeded = json.loads(_manage("shell", "-c", SEED, env=env))
    cluster.page_id, cluster.path = seeded["page_id"], seeded["path"]
    return cluster
