"""Leaving: some subscriptions of an address, or all of them (unsubscribed, bounced)."""

import pytest

from masthead.subscriptions.models import Scope, Subscriber, Subscription, SubscriptionStatus
from masthead.subscriptions.services.leaving import (
    subscriber_bounce,
    subscriber_suppress,
    subscriptions_leave,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ruth(discussion_article, quiet_article):
    """Ruth follows both demo stories."""
    subscriber = Subscriber.objects.create(email="ruth@example.org", name="Ruth Penhaligon")
    for page in (discussion_article, quiet_article):
        Subscription.objects.create(
            subscriber=subscriber, scope=Scope.PAGE, page=page, key=f"page:{page.pk}", status="active"
        )
    return subscriber


def _statuses(subscriber):
    return sorted(subscriber.subscriptions.values_list("page__slug", "status"))


def test_leaving_one_story_ends_only_that_one_and_twice_changes_nothing(ruth, discussion_article):
    chosen = list(ruth.subscriptions.filter(page=discussion_article).values_list("pk", flat=True))
    assert subscriptions_leave(subscriber_id=ruth.pk, subscription_ids=chosen) == 1
    assert subscriptions_leave(subscriber_id=ruth.pk, subscription_ids=chosen) == 0
    assert _statuses(ruth) == [
        ("council-budget-vote", SubscriptionStatus.ENDED),
        ("library-hours", SubscriptionStatus.ACTIVE),
    ]


def test_another_address_cannot_end_ruths_subscriptions(ruth):
    colm = Subscriber.objects.create(email="colm@example.org")
    ids = list(ruth.subscriptions.values_list("pk", flat=True))
    assert subscriptions_leave(subscriber_id=colm.pk, subscription_ids=ids) == 0
    assert {status for _slug, status in _statuses(ruth)} == {SubscriptionStatus.ACTIVE}


def test_unsubscribing_ends_everything_and_asks_for_a_new_confirmation(ruth):
    assert subscriber_suppress(subscriber_id=ruth.pk, reason="unsubscribed") is True
    ruth.refresh_from_db()
    assert ruth.suppressed_reason == "unsubscribed" and ruth.confirmed_at is None
    assert {status for _slug, status in _statuses(ruth)} == {SubscriptionStatus.ENDED}
    assert subscriber_suppress(subscriber_id=ruth.pk, reason="unsubscribed") is False


def test_a_bounce_suppresses_the_address_however_it_is_spelled(ruth):
    assert subscriber_bounce(email="  Ruth@Example.org ") is True
    ruth.refresh_from_db()
    assert ruth.suppressed_reason == "bounced"
    assert subscriber_bounce(email="nobody@example.org") is False
