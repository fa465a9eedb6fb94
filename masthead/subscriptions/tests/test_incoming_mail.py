"""The List-Unsubscribe mailto and bounce reports, as piped in by the mail server."""

import io
import time

import pytest
from django.core.management import call_command

from masthead.subscriptions.bounce_proof import HEADER, bounce_header
from masthead.subscriptions.models import Subscriber, Subscription, SubscriptionStatus
from masthead.subscriptions.services.incoming_mail import mail_in_handle
from masthead.subscriptions.tokens import leave_token

from .helpers import follower

pytestmark = pytest.mark.django_db


def test_a_mail_to_the_unsubscribe_address_leaves_the_thread(discussion_article):
    subscription = follower("ana@example.org", discussion_article)
    token = leave_token(subscriber_id=subscription.subscriber_id, subscription_ids=[subscription.pk])
    raw = f"From: ana@example.org\r\nTo: unsubscribe@example.org\r\nSubject: unsubscribe {token}\r\n\r\n"
    assert mail_in_handle(raw=raw.encode()) == "unsubscribed"
    assert mail_in_handle(raw=raw.encode()) == "unsubscribed"  # a second copy changes nothing
    assert Subscription.objects.get().status == SubscriptionStatus.ENDED


def test_a_forged_token_changes_nothing(discussion_article):
    follower("ana@example.org", discussion_article)
    raw = b"From: x@example.org\r\nSubject: unsubscribe forged\r\n\r\n"
    assert mail_in_handle(raw=raw) == "invalid token"
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE


def _report(recipient: str, returned: bytes = b"", *, whole: bool = False) -> bytes:
    """A delivery status notification (RFC 3464) as a mail server sends it back."""
    kind = b"message/rfc822" if whole else b"text/rfc822-headers"
    returned_part = b"--b\r\nContent-Type: " + kind + b"\r\n\r\n" + returned + b"\r\n" if returned else b""
    return (
        b"From: MAILER-DAEMON@example.net\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/plain\r\n\r\nSorry.\r\n"
        b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n"
        b"Final-Recipient: rfc822; "
        + recipient.encode()
        + b"\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        + returned_part
        + b"--b--\r\n"
    )


def _pipe(raw: bytes, monkeypatch) -> str:
    """What the mail server does: `masthead manage subscriptions_mail_in` with the mail on stdin."""
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    call_command("subscriptions_mail_in", stdout=out)
    return out.getvalue().strip()


def _mail_to(address: str, discussion_article, post, smtp, queue, clock) -> bytes:
    """A real notification, as our SMTP server received it."""
    post(discussion_article, name="Bo", email="bo@example.org", body="A new comment")
    queue.run()
    clock.advance(seconds=60)
    queue.run()
    [message] = smtp.to(address)
    return message.raw


@pytest.mark.parametrize("whole", [False, True], ids=["headers returned", "message returned"])
def test_a_bounce_of_our_own_mail_suppresses_the_address(
    whole, discussion_article, post, smtp, queue, clock, monkeypatch
):
    follower("ana@example.org", discussion_article)
    sent = _mail_to("ana@example.org", discussion_article, post, smtp, queue, clock)
    returned = sent if whole else sent.split(b"\r\n\r\n", 1)[0]

    assert _pipe(_report("ana@example.org", returned, whole=whole), monkeypatch) == "bounced: 1, ignored: 0"
    assert Subscriber.objects.get(email="ana@example.org").suppressed_reason == "bounced"


def test_a_forged_bounce_changes_nothing_and_is_logged(discussion_article, caplog, monkeypatch):
    follower("ana@example.org", discussion_article)

    with caplog.at_level("WARNING", logger="masthead.subscriptions"):
        assert _pipe(_report("ana@example.org"), monkeypatch) == "bounced: 0, ignored: 1"

    assert Subscriber.objects.get().suppressed_at is None
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE
    assert "bounce ignored" in caplog.text


def test_the_proof_of_one_address_does_not_bounce_another(
    discussion_article, post, smtp, queue, clock, monkeypatch
):
    """The attacker follows the article with their own address, receives a mail, and returns
    its headers in a report naming their victim."""
    follower("ana@example.org", discussion_article)
    follower("mallory@example.net", discussion_article)
    sent = _mail_to("mallory@example.net", discussion_article, post, smtp, queue, clock)
    headers = sent.split(b"\r\n\r\n", 1)[0]

    assert _pipe(_report("ana@example.org", headers), monkeypatch) == "bounced: 0, ignored: 1"
    assert Subscriber.objects.get(email="ana@example.org").suppressed_at is None


def test_an_old_proof_no_longer_counts(discussion_article, settings, monkeypatch):
    follower("ana@example.org", discussion_article)
    long_ago = time.time() - settings.SUBSCRIPTIONS_BOUNCE_MAX_AGE - 60
    header = f"{HEADER}: {bounce_header(email='ana@example.org', now=long_ago)}".encode()

    assert _pipe(_report("ana@example.org", b"To: ana@example.org\r\n" + header), monkeypatch) == (
        "bounced: 0, ignored: 1"
    )
    fresh = f"{HEADER}: {bounce_header(email='ANA@example.org')}".encode()
    assert _pipe(_report("ana@example.org", fresh), monkeypatch) == "bounced: 1, ignored: 0"


def test_a_permanent_smtp_refusal_suppresses_the_address(discussion_article, post, smtp, queue, clock):
    follower("ana@example.org", discussion_article)
    smtp.refuse_next = 0

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such user"

    smtp.handle_RCPT = refuse
    post(discussion_article, name="Bo", email="bo@example.org", body="Bounce")
    queue.run()
    clock.advance(seconds=60)
    queue.run()
    assert Subscriber.objects.get(email="ana@example.org").suppressed_reason == "bounced"
