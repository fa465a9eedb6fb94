"""One mail of each kind the site sends (confirmation, notification, digest, receipt), built by the
site's own builders from the demo newsroom, sent through its SMTP backend to a real SMTP server
(aiosmtpd), and read back by Python's email parser with its strict policy.

Every kind carries Message-ID and Date and a text part with an HTML alternative. Only the mails a
reader keeps getting until they leave, notifications and digests, carry List-Unsubscribe (an https
link and a mailto) and List-Unsubscribe-Post (RFC 8058 one-click). A confirmation answers the
reader's own request and subscribes them to nothing yet; a receipt is the record of a payment,
which a donor must get whatever they chose: neither has a list to leave.
"""

import email.utils
from email import policy
from email.parser import BytesParser

import pytest
from django.utils import timezone

from masthead.comments.models import Comment, Status
from masthead.funding.models import Campaign, Gift
from masthead.funding.services.receipts import receipt_send
from masthead.subscriptions import mail, tokens
from masthead.subscriptions.models import Kind, Subscriber, Subscription
from masthead.subscriptions.services.subscriptions import Target, subscription_request

pytestmark = [pytest.mark.conformance, pytest.mark.xdist_group("conformance"), pytest.mark.django_db]
KINDS = ("confirmation", "notification", "digest", "receipt")
BULK = ("notification", "digest")


def _send(message) -> None:
    from django.core.mail import mailers

    with mailers.default as connection:
        connection.send_messages([message])


def _subscription(page) -> Subscription:
    subscription = subscription_request(
        email="reader@example.org", target=Target("page", page_id=page.pk), language="en"
    )
    Subscriber.objects.filter(pk=subscription.subscriber_id).update(confirmed_at=timezone.now())
    return Subscription.objects.select_related("subscriber", "page").get(pk=subscription.pk)


def _notification(subscription, comments) -> object:
    page_urls: dict = {}
    parts = [mail.comment_part(comment=c, kind=Kind.COMMENT, page_urls=page_urls) for c in comments]
    rendered = mail.notification_render(parts=parts, language="en")
    return mail.notification_message(
        subscriber=subscription.subscriber,
        rendered=rendered,
        subscription_ids=[subscription.pk],
        delivery_ids=[c.pk for c in comments],  # no Delivery rows here: any ids name the mail
    )


def _receipt() -> None:
    gift = Gift.objects.create(
        campaign=Campaign.objects.first(),
        period_start=timezone.localdate().replace(day=1),
        amount_minor=2500,
        currency="USD",
        kind=Gift.Kind.ONE_TIME,
        status=Gift.Status.PAID,
        paid_at=timezone.now(),
        email="donor@example.org",
        language="en",
    )
    assert receipt_send(gift_id=gift.pk)


def _mails(newsroom, smtp) -> dict:
    """The four kinds, as received: kind → raw bytes."""
    from masthead.newsroom.models import ArticlePage

    page = ArticlePage.objects.child_of(newsroom).get(slug="council-budget-vote")
    comments = list(Comment.objects.filter(page=page, status=Status.APPROVED).order_by("pk")[:3])
    subscription = _subscription(page)
    token = tokens.confirm_token(subscription_id=subscription.pk, nonce=tokens.nonce_new()[0])
    _send(mail.confirmation_message(subscription=subscription, token=token, request="first"))
    _send(_notification(subscription, comments[:1]))
    _send(_notification(subscription, comments))  # a daily digest: the day's comments in one mail
    _receipt()
    assert len(smtp.messages) == 4
    return dict(zip(KINDS, [m.raw for m in smtp.messages], strict=True))


def _check(kind: str, raw: bytes) -> None:
    message = BytesParser(policy=policy.strict).parsebytes(raw)
    assert not any(part.defects for part in message.walk()), kind
    assert email.utils.parseaddr(message["Message-ID"])[1].count("@") == 1, kind
    assert message["Date"].datetime.tzinfo is not None, kind
    assert message.get_content_type() == "multipart/alternative", kind
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and html is not None, kind
    assert plain.get_content().strip() and "<html" in html.get_content(), kind
    if kind in BULK:
        links = [link.strip(" <>") for link in message["List-Unsubscribe"].split(",")]
        assert links[0].startswith("https://news.example.org/") and links[1].startswith("mailto:"), kind
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", kind
    else:
        assert message["List-Unsubscribe"] is None and message["List-Unsubscribe-Post"] is None, kind


def test_each_kind_of_mail_parses_strictly_with_its_headers_and_both_alternatives(newsroom, smtp, settings):
    # One test for the four kinds: the demo newsroom is loaded once (it takes most of the time).
    settings.BASE_URL = "https://news.example.org"
    mails = _mails(newsroom, smtp)
    for kind in KINDS:
        _check(kind, mails[kind])
    # The digest is one mail with every comment of its window.
    plain = {k: BytesParser(policy=policy.default).parsebytes(mails[k]).get_body(("plain",)) for k in BULK}
    assert plain["digest"].get_content().count("#comment-") == 3
    assert plain["notification"].get_content().count("#comment-") == 1
