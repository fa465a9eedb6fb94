"""The confirmation task run twice, or cut short by a dying worker, sends one link (#16)."""

import pytest

from masthead.subscriptions.models import Subscription
from masthead.subscriptions.tasks import confirmation_send

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
