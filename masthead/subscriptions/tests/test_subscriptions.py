"""Following a discussion (services/subscriptions.py): a request waits for its own confirmation
link, the link works once, the reader chooses how often, and staff switch moderator alerts."""

import pytest

from masthead.core.refusal import Refusal
from masthead.subscriptions.models import Scope, Subscriber, Subscription, SubscriptionStatus
from masthead.subscriptions.services.subscriptions import (
    Target,
    moderator_alert_set,
    subscriber_frequency_set,
    subscription_confirm,
    subscription_preview,
    subscription_request,
)
from masthead.subscriptions.tokens import TokenInvalid

from .helpers import follower, link_in


@pytest.fixture
def request_(django_capture_on_commit_callbacks, discussion_article):
    """Asks to follow the discussion story; the confirmation mail goes out as on a real commit."""

    def ask(email: str, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return subscription_request(
                email=email, target=Target(Scope.PAGE, page_id=discussion_article.pk), language="en", **fields
            )

    return ask


def token_of(message) -> str:
    return link_in(message).rstrip("/").rsplit("/", 1)[1]


def test_a_request_is_pending_until_its_link_is_used(request_, smtp):
    subscription = request_("Ruth@Example.org", name="Ruth Penhaligon")
    assert subscription.status == SubscriptionStatus.PENDING
    assert (
        subscription.subscriber.email == "ruth@example.org" and subscription.subscriber.confirmed_at is None
    )
    (message,) = smtp.to("ruth@example.org")
    assert "Confirm your subscription" in message["Subject"]


def test_asking_again_keeps_one_subscription_and_mails_within_the_limit(request_, smtp, settings):
    settings.SUBSCRIPTIONS_CONFIRM_RATE_ADDRESS = "2/86400"
    first = [request_("ruth@example.org") for _ in range(3)]
    assert {s.pk for s in first} == {Subscription.objects.get().pk}
    assert len(smtp.to("ruth@example.org")) == 2  # the third answer is the same, with no mail


def test_a_request_changes_nothing_about_an_address_it_does_not_own(request_, smtp):
    request_("ruth@example.org", name="Ruth", frequency="daily")
    request_("ruth@example.org", name="Mallory", frequency="instant")  # anyone may type the address
    subscriber = Subscriber.objects.get()
    assert (subscriber.name, subscriber.frequency) == ("Ruth", "daily")


def test_the_account_linked_to_the_address_follows_at_once_without_a_mail(
    request_, smtp, discussion_article, editor
):
    follower("editor@ledger.example", discussion_article, scope="replies", user=editor)
    subscription = request_("editor@ledger.example", user=editor, frequency="daily")
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert Subscriber.objects.get().frequency == "daily"  # its owner may change its choices
    assert smtp.messages == []


@pytest.mark.parametrize(
    "email",
    ["not an address", "ruth@example.org\r\nBcc: x@example.org", ""],
    ids=["malformed", "header-injection", "empty"],
)
def test_a_bad_address_is_refused_and_nothing_is_stored(request_, smtp, email):
    with pytest.raises(Refusal) as refusal:
        request_(email)
    assert refusal.value.field == "email"
    assert not Subscriber.objects.exists() and smtp.messages == []


def test_the_link_confirms_the_address_and_the_subscription_once(request_, smtp):
    request_("ruth@example.org")
    token = token_of(smtp.messages[0])
    assert subscription_preview(token=token).status == SubscriptionStatus.PENDING  # reading changes nothing
    confirmed = subscription_confirm(token=token)
    assert confirmed.status == SubscriptionStatus.ACTIVE and confirmed.subscriber.confirmed_at is not None
    with pytest.raises(TokenInvalid):
        subscription_confirm(token=token)
    with pytest.raises(TokenInvalid):
        subscription_preview(token=token)


@pytest.mark.parametrize("token", ["forged", "1:abc", ""])
def test_a_forged_link_confirms_nothing(request_, smtp, token):
    request_("ruth@example.org")
    with pytest.raises(TokenInvalid):
        subscription_confirm(token=token)
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING


def test_a_signed_in_reader_confirming_their_accounts_address_links_it(request_, smtp, editor):
    request_("editor@ledger.example")
    subscription_confirm(token=token_of(smtp.messages[0]), user=editor)
    assert Subscriber.objects.get().user == editor


def test_another_account_confirming_the_link_is_not_linked(request_, smtp, staff):
    request_("ruth@example.org")
    subscription_confirm(token=token_of(smtp.messages[0]), user=staff)  # ines@ledger.example
    assert Subscriber.objects.get().user is None


def test_the_reader_chooses_how_often(request_, smtp):
    subscriber = request_("ruth@example.org").subscriber
    subscriber_frequency_set(subscriber_id=subscriber.pk, frequency="daily")
    subscriber.refresh_from_db()
    assert subscriber.frequency == "daily"


def test_an_unknown_frequency_is_refused(request_, smtp):
    subscriber = request_("ruth@example.org").subscriber
    with pytest.raises(Refusal) as refusal:
        subscriber_frequency_set(subscriber_id=subscriber.pk, frequency="hourly")
    assert (refusal.value.field, refusal.value.message) == ("frequency", "Choose how often to be notified.")
    subscriber.refresh_from_db()
    assert subscriber.frequency == "instant"


def test_staff_switch_the_alert_for_held_comments_on_and_off(discussion_article, editor, smtp):
    follower("editor@ledger.example", discussion_article, user=editor)  # the address is the editor's
    moderator_alert_set(user=editor, enabled=True)
    held = Subscription.objects.get(key="held")
    assert held.status == SubscriptionStatus.ACTIVE and smtp.messages == []
    moderator_alert_set(user=editor, enabled=False)
    held.refresh_from_db()
    assert held.status == SubscriptionStatus.ENDED
