"""The scheduler: periodic jobs (publishing what editors scheduled, …) run by one process at a time.

Any number of processes may run a scheduler (each `masthead run`, or `masthead scheduler` alone
in a cluster); each round runs inside one database transaction that first takes the site-wide
scheduler lock. On PostgreSQL that is a transaction-level advisory lock, skipped (not waited for)
when another node holds it; on SQLite the transaction itself is BEGIN IMMEDIATE, which already
lets one writer in at a time. So two schedulers never run the same job at once, and a round that
finds the work done by another node finds nothing left to do.
"""

import logging
import threading
import zlib

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction
from django.utils.module_loading import import_string

from masthead.core import outbox

log = logging.getLogger("masthead.scheduler")
SCHEDULE_SECONDS = 60
# The advisory lock's number: any constant the site does not use for something else.
LOCK_ID = zlib.crc32(b"masthead.scheduler")

# Dotted paths of the jobs each round runs, in order. Apps add theirs here.
JOBS = [
    "masthead.site.scheduler.scheduled_publish",
    "masthead.site.scheduler.outbox_prune",
    "masthead.subscriptions.tasks.stale_claims_flush",
]


def scheduled_publish() -> None:
    """Publishes what editors scheduled (and unpublishes what expired): Wagtail's command."""
    call_command("publish_scheduled", verbosity=0)


def outbox_prune() -> None:
    """Deletes outbox mails older than OUTBOX_KEEP_DAYS (they hold readers' addresses and links)."""
    outbox.outbox_prune(days=settings.OUTBOX_KEEP_DAYS)


def _lock_taken() -> bool:
    """Takes the scheduler lock for the current transaction; False when another node holds it."""
    if connection.vendor != "postgresql":
        return True  # SQLite: the IMMEDIATE transaction is the lock
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_ID])
        return bool(cursor.fetchone()[0])


def scheduler_round() -> bool:
    """Runs every job once under the lock; False when another scheduler was busy (nothing ran)."""
    for dotted in JOBS:
        with transaction.atomic():
            if not _lock_taken():
                log.info("another scheduler is running this round; skipped")
                return False
            import_string(dotted)()
    return True


def scheduler_loop(stop: threading.Event, *, interval: float = SCHEDULE_SECONDS) -> None:
    """Runs a round now and then every `interval` seconds until `stop` is set."""
    while not stop.is_set():
        try:
            scheduler_round()
        except Exception:  # the scheduler must outlive one bad round (the database restarting, say)
            log.exception("a scheduled job failed; trying again next round")
        finally:
            # This thread serves no requests, so nothing else retires its database connection.
            close_old_connections()
        stop.wait(interval)
