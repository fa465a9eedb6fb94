"""Benchmark: one approved comment on an article with 10,000 confirmed followers.

Measures (1) the fan-out: from the comment's approval to every notification written and queued,
and (2) delivery: one real task worker (`db_worker`) sending them all to a local SMTP server
(aiosmtpd in its own process), in messages per second, and the worker's CPU time per message
(what bounds the rate on a machine that is not shared). Prints the figures.

    uv run python bench/notifications.py [--followers 10000] [--port 8331]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mh_subscriptions uv run python bench/notifications.py
"""

import multiprocessing
import os
import subprocess
import sys
import tempfile
import time

from _common import bench_parser  # bench/ is the script's directory


def smtp_server(port: int, counter, ready) -> None:
    """A counting SMTP server (accepts everything), run in a separate process."""
    from aiosmtpd.controller import Controller

    class Counter:
        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += 1
            return "250 OK"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def configure(args) -> None:
    data = tempfile.mkdtemp(prefix="bench-", dir="/tmp/mh-subscriptions")
    os.environ.update(
        {
            "MASTHEAD_DATA_DIR": data,
            "DJANGO_SETTINGS_MODULE": "masthead.site.settings",
            "EMAIL_URL": f"smtp://127.0.0.1:{args.port}",
            "MASTHEAD_NOTIFY_GATHER_SECONDS": "0",
            "MASTHEAD_LOG_LEVEL": "WARNING",
        }
    )
    if os.environ.get("DATABASE_URL"):
        import psycopg

        # A fresh database for each run (the name comes from DATABASE_URL).
        url, name = os.environ["DATABASE_URL"].rsplit("/", 1)
        with psycopg.connect(url + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def followers_create(*, article, count: int) -> None:
    from django.utils import timezone

    from masthead.subscriptions.models import Scope, Subscriber, Subscription, SubscriptionStatus

    now = timezone.now()
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"reader{i}@example.org", confirmed_at=now) for i in range(count)], batch_size=2000
    )
    ids = Subscriber.objects.values_list("pk", flat=True)
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber_id=pk,
                scope=Scope.PAGE,
                page_id=article.pk,
                key=f"page:{article.pk}",
                status=SubscriptionStatus.ACTIVE,
                confirmed_at=now,
            )
            for pk in ids
        ],
        batch_size=2000,
    )


def comment_approved_now(*, article):
    """A held comment, then approved by a moderator: the moment the fan-out starts."""
    from django.db import transaction

    from masthead.comments.models import Comment, Status
    from masthead.comments.services import comment_status_set

    comment = Comment.objects.create(
        page=article,
        author_name="Bench",
        author_email="bench@example.org",
        body="A comment *everyone* follows.",
        body_html="<p>A comment <em>everyone</em> follows.</p>",
        status=Status.PENDING,
    )
    with transaction.atomic():
        comment_status_set(comment=comment, status=Status.APPROVED)
    return comment


def main() -> None:
    parser = bench_parser(__doc__)
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=8331)
    args = parser.parse_args()
    configure(args)

    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from masthead.newsroom.services import article_publish, home_ensure
    from masthead.subscriptions.models import Delivery, DeliveryStatus
    from masthead.subscriptions.tasks import comment_notify

    home, _ = home_ensure(title="Bench")
    article = article_publish(
        home=home, title="Council budget", slug="budget", standfirst="", body=[], authors=[], topics=[]
    )
    followers_create(article=article, count=args.followers)
    DBTaskResult.objects.all().delete()
    print(f"database: {connection.vendor}; followers: {args.followers}")

    started = time.perf_counter()
    comment = comment_approved_now(article=article)  # the signal queues comment_notify
    queued = time.perf_counter()
    job = DBTaskResult.objects.get(task_path=comment_notify.module_path)
    comment_notify.call(**job.task_result.kwargs)  # the fan-out, as the worker runs it
    DBTaskResult.objects.filter(pk=job.pk).delete()
    fanned = time.perf_counter()
    rows = Delivery.objects.filter(comment=comment).count()
    tasks = DBTaskResult.objects.count()
    print(f"approval -> notify task queued: {1000 * (queued - started):.0f} ms")
    print(
        f"fan-out: {rows} deliveries written and {tasks} flush tasks queued in "
        f"{fanned - queued:.2f} s (total from approval {fanned - started:.2f} s; target < 2 s)"
    )

    counter, ready = multiprocessing.Value("i", 0), multiprocessing.Event()
    server = multiprocessing.Process(target=smtp_server, args=(args.port, counter, ready), daemon=True)
    server.start()
    ready.wait(10)
    connection.close()
    begin = time.perf_counter()
    worker = [
        sys.executable,
        "-m",
        "masthead.site.cli",
        "manage",
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0",
        "--no-reload",
        "--skip-checks",
    ]
    before = os.times()
    subprocess.run(worker, check=True, env=os.environ)
    elapsed = time.perf_counter() - begin
    after = os.times()
    worker_cpu = sum(after[2:4]) - sum(before[2:4])  # children's user + system time
    sent = Delivery.objects.filter(comment=comment, status=DeliveryStatus.SENT).count()
    print(
        f"delivery: one worker sent {sent} mails ({counter.value} received by SMTP) in {elapsed:.1f} s "
        f"= {counter.value / elapsed:.0f} messages/s (target >= 200)"
    )
    print(
        f"worker CPU: {worker_cpu:.1f} s = {1000 * worker_cpu / max(sent, 1):.1f} ms per message "
        f"(a worker with a core to itself: about {sent / max(worker_cpu, 0.001):.0f} messages/s); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    server.terminate()


if __name__ == "__main__":
    main()
