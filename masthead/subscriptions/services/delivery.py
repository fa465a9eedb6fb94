"""The delivery pipeline: fan a comment out to Delivery rows, then flush them in batched mails.

Exactly once: a Delivery row (unique per address, comment and kind) is written when a comment is
fanned out. A flush claims an address's waiting rows ("sending", services/claims.py), sends one
mail, then marks them "sent". SMTP refusing for now puts them back with a backoff. A worker that
dies after the claim leaves them "sending": once the claim is stale, the task queued again or the
scheduler's sweep (`stale_claims_flush`) sends them, with the Message-ID the lost mail had, so the
one copy possible (a death after the server accepted the mail, before "sent") can be recognised.

Batching: an address gets at most one mail per SUBSCRIPTIONS_WINDOW_SECONDS (readers who chose a
daily digest, one a day at SUBSCRIPTIONS_DIGEST_HOUR); what arrives meanwhile waits for the next.
"""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    DateTimeField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from masthead.comments.models import Comment, Status
from masthead.core.refusal import Refusal

from .. import mail, selectors, sending
from ..models import Delivery, DeliveryStatus, Kind, Scope, Subscriber, Subscription
from .batching import due_at
from .claims import Claim, claim_stale_before, claims_take
from .leaving import subscriber_suppress

log = logging.getLogger("masthead.subscriptions")
CHUNK = 500  # addresses per flush task: one SMTP connection each
STALE = timedelta(minutes=15)  # a flush queued this long ago and not done is presumed lost
# Queues a flush of these addresses at that time: tasks.flush_later, passed in by the task that runs
# this code, so that the work does not import the queue that runs it (no import cycle).
FlushLater = Callable[[datetime, list[int]], None]
# An address to flush: its id, frequency and when it was last mailed.
FlushRow = tuple[int, str, datetime | None]


def comment_fan_out(*, comment_id: int, kind: str = Kind.COMMENT, flush_later: FlushLater) -> int:
    """Writes a Delivery for everyone owed a mail about this comment and queues their flushes.
    Idempotent: a second call for the same comment adds nothing. Returns the flushes queued."""
    comment = Comment.objects.select_related("user").filter(pk=comment_id).first()
    wanted_status = Status.APPROVED if kind == Kind.COMMENT else Status.PENDING
    if comment is None or comment.status != wanted_status:
        return 0
    if kind == Kind.COMMENT:
        subscriptions = selectors.recipients_for_comment(comment=comment)
    else:
        subscriptions = selectors.moderators_for_held(comment=comment)
    with transaction.atomic():
        _deliveries_insert(subscriptions=subscriptions, comment_id=comment_id, kind=kind)
    now = timezone.now()
    waiting = (
        Subscriber.objects.filter(
            deliveries__comment_id=comment_id,
            deliveries__kind=kind,
            deliveries__status=DeliveryStatus.PENDING,
        )
        .filter(Q(flush_due_at__isnull=True) | Q(flush_due_at__lt=now - STALE))
        .values_list("pk", "frequency", "last_mailed_at")
    )
    return _flushes_queue(rows=list(waiting), now=now, flush_later=flush_later)


def _deliveries_insert(*, subscriptions: QuerySet[Subscription], comment_id: int, kind: str) -> None:
    """INSERT … SELECT in the database: 10,000 followers cost one statement, not 10,000 objects.
    Rows come most specific scope first, so the unique key keeps that one for each address."""
    rank = Case(
        When(scope=Scope.COMMENT, then=Value(0)),
        When(scope=Scope.REPLIES, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    rows = (
        subscriptions.annotate(
            d_comment=Value(comment_id, output_field=BigIntegerField()),
            d_kind=Value(kind, output_field=CharField()),
            d_status=Value(DeliveryStatus.PENDING.value, output_field=CharField()),
            d_attempts=Value(0, output_field=IntegerField()),
            d_created=Value(timezone.now(), output_field=DateTimeField()),
            d_error=Value("", output_field=CharField()),
            d_rank=rank,
        )
        .order_by("d_rank", "pk")
        .values_list(
            "subscriber_id", "pk", "d_comment", "d_kind", "d_status", "d_attempts", "d_created", "d_error"
        )
    )
    select, params = rows.query.sql_with_params()
    columns = "subscriber_id, subscription_id, comment_id, kind, status, attempts, created_at, last_error"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Delivery._meta.db_table} ({columns}) {select} "  # noqa: S608
            "ON CONFLICT DO NOTHING",
            params,
        )


def flushes_schedule(*, subscriber_ids: list[int], flush_later: FlushLater) -> None:
    """Queues a flush for each address that has none queued yet, at the time it may be mailed."""
    now = timezone.now()
    rows: list[FlushRow] = []
    for start in range(0, len(subscriber_ids), 5000):
        rows += (
            Subscriber.objects.filter(pk__in=subscriber_ids[start : start + 5000])
            .filter(Q(flush_due_at__isnull=True) | Q(flush_due_at__lt=now - STALE))
            .values_list("pk", "frequency", "last_mailed_at")
        )
    _flushes_queue(rows=rows, now=now, flush_later=flush_later)


def _flushes_queue(*, rows: list[FlushRow], now: datetime, flush_later: FlushLater) -> int:
    """Groups addresses by the time each may be mailed; one task per group of CHUNK addresses."""
    by_due: dict[datetime, list[int]] = {}
    for pk, frequency, last in rows:
        due = due_at(frequency=frequency, last_mailed_at=last, now=now)
        by_due.setdefault(due.replace(microsecond=0), []).append(pk)
    queued = 0
    for due, ids in by_due.items():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            Subscriber.objects.filter(pk__in=chunk).update(flush_due_at=due)
            flush_later(due, chunk)
            queued += 1
    return queued


def stale_claims_flush(*, flush_later: FlushLater) -> int:
    """The scheduler's sweep: queues a flush now for every address holding a claim that a dead
    worker left (the flush takes it again). Returns how many addresses."""
    now = timezone.now()
    ids = selectors.stale_claim_subscriber_ids(before=claim_stale_before(now=now))
    for start in range(0, len(ids), CHUNK):
        flush_later(now, ids[start : start + CHUNK])
    if ids:
        log.warning("%s addresses hold deliveries claimed by a dead worker; flushing them again", len(ids))
    return len(ids)


def _still_wanted(delivery: Delivery) -> bool:
    wanted = Status.APPROVED if delivery.kind == Kind.COMMENT else Status.PENDING
    return delivery.comment.status == wanted


CommentKey = tuple[int, str]  # a comment and the kind of mail about it


@dataclass
class _Renders:
    """What one flush has rendered, shared by every mail that needs it."""

    page_urls: dict[int, str] = field(default_factory=dict)
    parts: dict[CommentKey, mail.CommentPart] = field(default_factory=dict)
    bodies: dict[tuple[tuple[CommentKey, ...], str], mail.Rendered] = field(default_factory=dict)


def _message(claim: Claim, renders: _Renders) -> EmailMultiAlternatives | None:
    """The mail for one claim (None when nothing is left to say); skips comments that a
    moderator has since rejected, and subscriptions the reader has since left. Comments and
    whole bodies are rendered once per flush and shared."""
    live = selectors.live_subscription_ids(ids={d.subscription_id for d in claim.deliveries})
    keep: list[Delivery] = []
    drop: list[Delivery] = []
    for d in claim.deliveries:
        (keep if _still_wanted(d) and d.subscription_id in live else drop).append(d)
    _mark(drop, DeliveryStatus.SKIPPED, "no longer wanted")
    claim.deliveries = keep
    if not keep:
        return None
    keys = tuple((d.comment_id, d.kind) for d in keep)
    for key, d in zip(keys, keep, strict=True):
        if key not in renders.parts:
            renders.parts[key] = mail.comment_part(
                comment=d.comment, kind=d.kind, page_urls=renders.page_urls
            )
    language = claim.subscriber.language
    if (keys, language) not in renders.bodies:
        renders.bodies[keys, language] = mail.notification_render(
            parts=[renders.parts[k] for k in keys], language=language
        )
    return mail.notification_message(
        subscriber=claim.subscriber,
        rendered=renders.bodies[keys, language],
        subscription_ids=sorted({d.subscription_id for d in keep if d.subscription_id is not None}),
        delivery_ids=[d.pk for d in keep],
    )


def _mark(deliveries: list[Delivery], status: str, error: str = "") -> None:
    if deliveries:
        fields: dict[str, Any] = {"status": status, "last_error": error[:200]}
        if status == DeliveryStatus.SENT:
            fields["sent_at"] = timezone.now()
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(**fields)


def deliveries_flush(*, subscriber_ids: list[int], flush_later: FlushLater) -> dict[str, int]:
    """Sends each due address one mail with its waiting comments (and again, as it was, each
    mail whose worker died after claiming it)."""
    claims, later = claims_take(subscriber_ids=subscriber_ids, now=timezone.now())
    if later:
        flushes_schedule(subscriber_ids=later, flush_later=flush_later)
    outcome = {"sent": 0, "retry": 0, "failed": 0, "refused": 0}
    prepared = _messages_prepare(claims, outcome)

    def accepted(i: int) -> None:  # marked at the server's "250", not after the whole batch
        _mark(prepared[i][0].deliveries, DeliveryStatus.SENT)

    refusals = sending.messages_send([message for _claim, message in prepared], accepted)
    for (claim, _message), refusal in zip(prepared, refusals, strict=True):
        if refusal is None:
            outcome["sent"] += 1
        else:
            outcome[_failure(claim, refusal, flush_later)] += 1
    return outcome


def _messages_prepare(
    claims: list[Claim], outcome: dict[str, int]
) -> list[tuple[Claim, EmailMultiAlternatives]]:
    """The mail of each claim; a claim whose mail would carry a line break in a header is refused."""
    renders = _Renders()
    prepared = []
    for claim in claims:
        try:
            message = _message(claim, renders)
        except (Refusal, ValueError) as error:  # a line break bound for a header
            _mark(claim.deliveries, DeliveryStatus.REFUSED, str(error))
            outcome["refused"] += 1
            continue
        if message is not None:
            prepared.append((claim, message))
    return prepared


def _failure(claim: Claim, error: Exception, flush_later: FlushLater) -> str:
    """What a refusal means: retry later (4xx, network), a bounce (5xx), or a refused header."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _permanent(claim, error)
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500:
        return _permanent(claim, error)
    if isinstance(error, ValueError):
        _mark(claim.deliveries, DeliveryStatus.REFUSED, str(error))
        return "refused"
    return _retry_later(claim, error, flush_later)


def _permanent(claim: Claim, error: Exception) -> str:
    """The server refused the address for good: a bounce, so the address is suppressed."""
    _mark(claim.deliveries, DeliveryStatus.FAILED, repr(error))
    subscriber_suppress(subscriber_id=claim.subscriber.pk, reason="bounced")
    return "failed"


def _retry_later(claim: Claim, error: Exception, flush_later: FlushLater) -> str:
    """Puts the claim back, undoes "mailed", and queues a retry with exponential backoff."""
    attempts = max(d.attempts for d in claim.deliveries) + 1
    ids = [d.pk for d in claim.deliveries]
    if attempts >= settings.SUBSCRIPTIONS_MAX_ATTEMPTS:
        Delivery.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.FAILED, attempts=attempts, last_error=repr(error)[:200]
        )
        log.warning("giving up on %s after %s attempts: %s", claim.subscriber.email, attempts, error)
        return "failed"
    delay = timedelta(seconds=settings.SUBSCRIPTIONS_RETRY_SECONDS * 2 ** (attempts - 1))
    due = timezone.now() + delay
    with transaction.atomic():
        Delivery.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.PENDING, claimed_at=None, attempts=attempts, last_error=repr(error)[:200]
        )
        Subscriber.objects.filter(pk=claim.subscriber.pk).update(
            last_mailed_at=claim.previous_mailed_at, flush_due_at=due
        )
    flush_later(due, [claim.subscriber.pk])
    return "retry"
