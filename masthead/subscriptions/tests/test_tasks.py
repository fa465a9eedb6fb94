"""The confirmation task run twice, or cut short by a dying worker, sends one link (#16)."""

import pytest

from masthead.core.dkim import SigningEmailBackend
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.subscriptions.tasks import confirmation_send

from .helpers import link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(client, discussion_article, django_capture_on_commit_callbacks, smtp):
    """A pending subscription whose confirmation task has run once (one mail)."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/subscriptions/",
            {
                "page": discussion_article.pk,
                "scope": "all",
                "email": "ana@example.org",
                "frequency": "instant",
            },
        )
    return Subscription.objects.get()


def test_the_same_confirmation_task_run_again_sends_nothing(pending, smtp):
    assert len(smtp.to("ana@example.org")) == 1

    assert confirmation_send.call(subscription_id=pending.pk, after="") == "already sent"

    assert len(smtp.to("ana@example.org")) == 1


def test_a_worker_dying_while_sending_leaves_the_link_for_the_task_run_again(
    client, discussion_article, smtp, monkeypatch
):
    client.post(
        "/subscriptions/",
        {"page": discussion_article.pk, "scope": "all", "email": "bo@example.org", "frequency": "instant"},
    )  # the task waits for a commit that never comes in a test: it is run by hand below
    subscription = Subscription.objects.get()

    def killed(self, messages):
        raise SystemExit(1)

    monkeypatch.setattr("masthead.core.dkim.SigningEmailBackend.send_messages", killed)
    with pytest.raises(SystemExit):
        confirmation_send.call(subscription_id=subscription.pk, after="")
    monkeypatch.undo()
    assert smtp.to("bo@example.org") == []

    assert confirmation_send.call(subscription_id=subscription.pk, after="") == "sent"
    assert confirmation_send.call(subscription_id=subscription.pk, after="") == "already sent"
    assert len(smtp.to("bo@example.org")) == 1


def test_a_worker_killed_as_the_server_accepted_the_link_sends_it_again_as_the_same_mail(
    client, discussion_article, smtp, monkeypatch
):
    """Killed between the server's "250" and the commit: the nonce of the link that went out was
    never stored, so the task run again sends a link that works, under the same Message-ID, which
    lets a mail client show one mail (#16)."""
    client.post(
        "/subscriptions/",
        {"page": discussion_article.pk, "scope": "all", "email": "cy@example.org", "frequency": "instant"},
    )
    subscription = Subscription.objects.get()
    real = SigningEmailBackend.send_messages

    def accepted_then_killed(self, messages):
        real(self, messages)
        raise SystemExit(9)

    monkeypatch.setattr(SigningEmailBackend, "send_messages", accepted_then_killed)
    with pytest.raises(SystemExit):
        confirmation_send.call(subscription_id=subscription.pk, after="")
    monkeypatch.setattr(SigningEmailBackend, "send_messages", real)
    assert confirmation_send.call(subscription_id=subscription.pk, after="") == "sent"

    first, second = smtp.to("cy@example.org")
    assert first["Message-ID"] == second["Message-ID"] == f"<confirm-{subscription.pk}-first@127.0.0.1>"
    assert client.post(link_in(first)).status_code == 400
    assert client.post(link_in(second)).status_code == 200
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE
