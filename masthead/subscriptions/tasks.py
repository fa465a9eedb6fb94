"""Background work of subscriptions: fan-out, batched delivery and confirmation mails, with retries,
and the sweep of deliveries left claimed by a dead worker.

Django's tasks have no automatic retry: a task that meets a temporary SMTP failure queues itself
again with run_after (exponential backoff, SUBSCRIPTIONS_MAX_ATTEMPTS at most).
"""

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task, task_backends
from django.utils import timezone

from masthead.core.mail import sent_after_commit

from . import mail, tokens
from .models import Kind, Subscription, SubscriptionStatus
from .services import delivery

log = logging.getLogger("masthead.subscriptions")


def enqueue_at(task_obj, when: datetime, **kwargs) -> None:
    """Enqueues now, or at `when` on a queue that can wait (the database queue can). A queue
    that cannot (the immediate one of unit tests) skips future work rather than doing it early."""
    backend = task_backends[task_obj.backend]
    if when <= timezone.now():
        task_obj.enqueue(**kwargs)
    elif backend.supports_defer:
        task_obj.using(run_after=when).enqueue(**kwargs)
    else:
        log.info("queue %s cannot defer; %s at %s skipped", task_obj.backend, task_obj.name, when)


def flush_later(due: datetime, subscriber_ids: list[int]) -> None:
    """How the delivery services queue a flush of these addresses at `due`."""
    enqueue_at(deliveries_flush, due, subscriber_ids=subscriber_ids)


@task()
def comment_notify(*, comment_id: int) -> int:
    return delivery.comment_fan_out(comment_id=comment_id, flush_later=flush_later)


@task()
def comment_held_notify(*, comment_id: int) -> int:
    return delivery.comment_fan_out(comment_id=comment_id, kind=Kind.HELD, flush_later=flush_later)


@task()
def deliveries_flush(*, subscriber_ids: list[int]) -> dict:
    return delivery.deliveries_flush(subscriber_ids=subscriber_ids, flush_later=flush_later)


def stale_claims_flush() -> int:
    """A periodic job of the scheduler (site/scheduler.py): notifications whose worker died after
    claiming them are flushed again."""
    return delivery.stale_claims_flush(flush_later=flush_later)


@task()
def confirmation_send(*, subscription_id: int, attempt: int = 1, after: str | None = None) -> str:
    """Mails a fresh single-use confirmation link (the nonce is made here, so no secret waits in
    the queue; a newer link replaces an older one).

    Once per request: `after` is the link's hash when it was asked for. The new hash is stored
    and the mail sent in one transaction holding the row, so a second run of the same task finds
    the hash changed and sends nothing, and a worker that dies before the commit changes nothing
    (the task, queued again, sends the link)."""
    try:
        with sent_after_commit() as send, transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update(of=("self",))
                .select_related("subscriber", "page")
                .filter(pk=subscription_id, status=SubscriptionStatus.PENDING)
                .first()
            )
            if subscription is None:
                return "not pending"
            if after is not None and subscription.confirm_nonce_hash != after:
                return "already sent"
            nonce, nonce_hash = tokens.nonce_new()
            Subscription.objects.filter(pk=subscription.pk).update(confirm_nonce_hash=nonce_hash)
            message = mail.confirmation_message(
                subscription=subscription,
                token=tokens.confirm_token(subscription_id=subscription.pk, nonce=nonce),
                request=after or "first",
            )
            send(message)
    except (smtplib.SMTPException, OSError) as error:
        permanent = isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500
        if permanent or attempt >= settings.SUBSCRIPTIONS_MAX_ATTEMPTS:
            log.warning("confirmation to subscription %s not sent: %s", subscription_id, error)
            return "failed"
        due = timezone.now() + timedelta(seconds=settings.SUBSCRIPTIONS_RETRY_SECONDS * 2 ** (attempt - 1))
        enqueue_at(confirmation_send, due, subscription_id=subscription_id, attempt=attempt + 1, after=after)
        return "retry"
    return "sent"
