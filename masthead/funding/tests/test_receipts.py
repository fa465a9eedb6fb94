"""The donor's receipt (services/receipts.py): sent once per paid gift, with the links a donor
needs, also when its task runs twice or its worker dies mid-send."""

import re

import pytest
from django.core import mail
from django.db import connections

from masthead.funding.models import Gift
from masthead.funding.services.receipts import receipt_send
from masthead.funding.tokens import donor_token_read

from .conftest import gift

LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


def test_a_paid_gift_gets_one_receipt_with_its_amount_thanks_and_donor_page(campaign):
    paid = gift(campaign, amount=2500)
    assert receipt_send(gift_id=paid.pk) is True
    (message,) = mail.outbox
    assert message.to == ["hala@example.org"]
    assert message.subject == "Thank you for supporting The Riverside Ledger"
    assert "25 $" in message.body and "Thanks for keeping local news free." in message.body
    # The link is signed when the mail is sent (a timestamp inside): read it back.
    (token,) = set(re.findall(r"/donor/([^/\s]+)/", message.body))
    assert donor_token_read(token=token) == "hala@example.org"
    assert "/donate/cancel/" not in message.body  # a one-off gift has nothing to stop
    paid.refresh_from_db()
    assert paid.receipt_sent_at is not None
    assert receipt_send(gift_id=paid.pk) is False  # a second run sends nothing
    assert len(mail.outbox) == 1


def test_a_monthly_gift_receipt_links_to_stopping_it(campaign):
    month = gift(campaign, kind=Gift.Kind.MONTHLY, subscription_id="sub_hala", invoice_id="in_1")
    assert receipt_send(gift_id=month.pk) is True
    assert "(monthly)" in mail.outbox[0].body and "/donate/cancel/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Gift.Status.PENDING},
        {"status": Gift.Status.FAILED},
        {"email": ""},
    ],
    ids=["pending", "failed", "no-address"],
)
def test_no_receipt_for_an_unpaid_or_addressless_gift(campaign, fields):
    assert receipt_send(gift_id=gift(campaign, **fields).pk) is False
    assert mail.outbox == []


def test_no_receipt_for_a_gift_that_does_not_exist(db):
    assert receipt_send(gift_id=404) is False
    assert mail.outbox == []


def test_a_failed_send_gives_the_claim_back_for_the_retry(campaign, monkeypatch):
    paid = gift(campaign)
    monkeypatch.setattr(LOCMEM_SEND, lambda self, messages: 1 / 0)
    with pytest.raises(ZeroDivisionError):  # the failure reaches the task runner, which retries
        receipt_send(gift_id=paid.pk)
    paid.refresh_from_db()
    assert paid.receipt_sent_at is None
    monkeypatch.undo()
    assert receipt_send(gift_id=paid.pk) is True and len(mail.outbox) == 1


def test_a_worker_killed_while_sending_leaves_the_receipt_for_the_recovered_task(campaign, monkeypatch):
    """The worker dies during the send (here SystemExit, which no `except Exception` catches):
    nothing says "sent", so the task queued again after the worker's death sends it, once (#16)."""
    paid = gift(campaign)

    def killed(self, messages):
        raise SystemExit(1)

    monkeypatch.setattr(LOCMEM_SEND, killed)
    with pytest.raises(SystemExit):
        receipt_send(gift_id=paid.pk)
    monkeypatch.undo()

    assert receipt_send(gift_id=paid.pk) is True
    assert receipt_send(gift_id=paid.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<receipt-{paid.pk}@127.0.0.1>"


@pytest.mark.django_db(transaction=True)
def test_the_mark_is_committed_before_the_mail_server_is_left(campaign, smtp):
    """After the server's "250" only the commit is left: the mark is written before the mail and
    the connection is closed after the commit. A worker killed between the two is the one way a
    receipt goes out twice; the QUIT used to come first, widening that instant (#16)."""
    paid = gift(campaign)
    seen_at_quit = []

    def quit_seen() -> None:  # another connection, as a recovering worker would look
        seen_at_quit.append(Gift.objects.get(pk=paid.pk).receipt_sent_at)
        connections.close_all()

    smtp.on_quit = quit_seen
    assert receipt_send(gift_id=paid.pk) is True
    (message,) = smtp.messages
    assert message["Message-ID"] == f"<receipt-{paid.pk}@127.0.0.1>"
    assert len(seen_at_quit) == 1 and seen_at_quit[0] is not None
