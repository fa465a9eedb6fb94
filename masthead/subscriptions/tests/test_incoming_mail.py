"""The List-Unsubscribe mailto and bounce reports, as piped in by the mail server."""

import pytest

from masthead.subscriptions.incoming_mail import mail_in_handle
from masthead.subscriptions.models import Subscriber, Subscription, SubscriptionStatus
from masthead.subscriptions.tokens import leave_token

from .helpers import follower

pytestmark = pytest.mark.django_db


def test_a_mail_to_the_unsubscribe_address_leaves_the_thread(article):
    subscription = follower("ana@example.org", article)
    token = leave_token(subscriber_id=subscription.subscriber_id, subscription_ids=[subscription.pk])
    raw = f"From: ana@example.org\r\nTo: unsubscribe@example.org\r\nSubject: unsubscribe {token}\r\n\r\n"
    assert mail_in_handle(raw=raw.encode()) == "unsubscribed"
    assert mail_in_handle(raw=raw.encode()) == "unsubscribed"  # a second copy changes nothing
    assert Subscription.objects.get().status == SubscriptionStatus.ENDED


def test_a_forged_token_changes_nothing(article):
    follower("ana@example.org", article)
    raw = b"From: x@example.org\r\nSubject: unsubscribe forged\r\n\r\n"
    assert mail_in_handle(raw=raw) == "invalid token"
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE


def test_a_bounce_report_suppresses_the_address(article):
    follower("ana@example.org", article)
    raw = (
        b"From: MAILER-DAEMON@example.net\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/plain\r\n\r\nSorry.\r\n"
        b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n"
        b"Final-Recipient: rfc822; ana@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"--b--\r\n"
    )
    assert mail_in_handle(raw=raw) == "bounced: 1"
    assert Subscriber.objects.get().suppressed_reason == "bounced"


def test_a_permanent_smtp_refusal_suppresses_the_address(article, post, smtp, queue, clock):
    follower("ana@example.org", article)
    smtp.refuse_next = 0

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such user"

    smtp.handle_RCPT = refuse
    post(article, name="Bo", email="bo@example.org", body="Bounce")
    queue.run()
    clock.advance(seconds=60)
    queue.run()
    assert Subscriber.objects.get(email="ana@example.org").suppressed_reason == "bounced"
