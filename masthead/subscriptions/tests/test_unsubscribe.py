"""Leaving: RFC 8058 one-click without cookies, one thread or everything, suppression."""

import pytest
from django.test import Client

from masthead.subscriptions.models import Subscriber, Subscription, SubscriptionStatus
from masthead.subscriptions.tokens import leave_token

from .helpers import follower, link_in

pytestmark = pytest.mark.django_db


def _leave_path(subscription) -> str:
    token = leave_token(subscriber_id=subscription.subscriber_id, subscription_ids=[subscription.pk])
    return f"/subscriptions/leave/{token}/"


def test_one_click_post_replayed_ten_times_changes_state_once(discussion_article, quiet_article):
    leaving = follower("ana@example.org", discussion_article)
    staying = follower("ana@example.org", quiet_article)
    # A mail provider's POST: no cookies, no session, no CSRF token, from another origin.
    provider = Client(enforce_csrf_checks=True)
    path = _leave_path(leaving)
    first = provider.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert first.status_code == 200 and not first.cookies
    ended_at = Subscription.objects.get(pk=leaving.pk).ended_at
    assert ended_at is not None
    for _ in range(10):
        again = provider.post(
            path,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
            headers={"Origin": "https://mail.example"},
        )
        assert again.status_code == 200
    assert Subscription.objects.get(pk=leaving.pk).ended_at == ended_at
    assert Subscription.objects.get(pk=staying.pk).status == SubscriptionStatus.ACTIVE
    assert Subscriber.objects.get().suppressed_at is None


def test_opening_the_unsubscribe_link_changes_nothing(client, discussion_article):
    subscription = follower("ana@example.org", discussion_article)
    page = client.get(_leave_path(subscription))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Leave this thread" in html and "Leave everything" in html and discussion_article.title in html
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE


def test_leave_one_thread_from_the_page(client, discussion_article):
    subscription = follower("ana@example.org", discussion_article)
    client.post(_leave_path(subscription), {"action": "one", "subscription": subscription.pk})
    assert Subscription.objects.get().status == SubscriptionStatus.ENDED


def test_a_token_cannot_leave_someone_elses_subscription(client, discussion_article):
    mine = follower("ana@example.org", discussion_article)
    theirs = follower("bo@example.org", discussion_article)
    client.post(_leave_path(mine), {"action": "one", "subscription": theirs.pk})
    assert Subscription.objects.get(pk=theirs.pk).status == SubscriptionStatus.ACTIVE


def test_leaving_everything_suppresses_and_requires_a_new_confirmation(
    client, discussion_article, quiet_article, smtp, django_capture_on_commit_callbacks
):
    subscription = follower("ana@example.org", discussion_article)
    follower("ana@example.org", quiet_article)
    client.post(_leave_path(subscription), {"action": "all"})
    assert set(Subscription.objects.values_list("status", flat=True)) == {SubscriptionStatus.ENDED}
    subscriber = Subscriber.objects.get()
    assert subscriber.suppressed_reason == "unsubscribed" and subscriber.confirmed_at is None
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
    assert Subscription.objects.get(page=discussion_article).status == SubscriptionStatus.PENDING
    client.post(link_in(smtp.to("ana@example.org")[0]))
    assert Subscription.objects.get(page=discussion_article).status == SubscriptionStatus.ACTIVE
    assert Subscriber.objects.get().suppressed_at is None


def test_a_forged_unsubscribe_token_is_refused(client, discussion_article):
    follower("ana@example.org", discussion_article)
    assert client.post("/subscriptions/leave/forged/", {"action": "all"}).status_code == 400
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE


def test_a_bounced_address_is_suppressed(discussion_article):
    from masthead.subscriptions.services.leaving import subscriber_bounce

    follower("ana@example.org", discussion_article)
    assert subscriber_bounce(email="ANA@example.org")
    assert Subscriber.objects.get().suppressed_reason == "bounced"
    assert Subscription.objects.get().status == SubscriptionStatus.ENDED
