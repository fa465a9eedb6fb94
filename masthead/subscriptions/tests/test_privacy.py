"""A commenter's privacy request (moderation's export and erasure) reaches their subscriptions."""

import json

import pytest
from django.apps import apps
from django.db.models import CharField, Q, TextField

from masthead.moderation.privacy import commenter_erase, commenter_export
from masthead.subscriptions.models import Delivery, Subscriber, Subscription, SubscriptionStatus
from masthead.subscriptions.services.privacy import extension as subscriber_privacy
from masthead.subscriptions.services.subscriptions import Target, subscription_request

from .helpers import follower

pytestmark = pytest.mark.django_db

MINA = "mina.okafor@example.org"


@pytest.fixture
def minas_subscriptions(discussion_article, quiet_article):
    """Mina follows one article (typed in capitals) and replies on another; Tom follows the first."""
    subscription_request(
        email="Mina.Okafor@Example.org",
        name="Mina Okafor",
        language="fr",
        target=Target("page", page_id=discussion_article.pk),
    )
    follower(MINA, discussion_article, language="fr")  # she confirmed
    follower(MINA, quiet_article, scope="replies", language="fr")
    follower("tom@example.org", discussion_article)


def _models_holding(text: str) -> list[str]:
    """The subscriptions models with a row whose text fields contain `text`, whatever the case."""
    found = []
    for model in apps.get_app_config("subscriptions").get_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, CharField | TextField)]
        query = Q()
        for name in fields:
            query |= Q(**{f"{name}__icontains": text})
        if fields and model.objects.filter(query).exists():
            found.append(model.__name__)
    return found


def test_export_lists_the_subscriptions_of_that_address_only(
    minas_subscriptions, staff, discussion_article, quiet_article
):
    data = commenter_export(email="MINA.Okafor@example.org", actor=staff)
    mine = data["subscriptions"]
    assert (mine["email"], mine["name"], mine["language"], mine["frequency"]) == (
        MINA,
        "Mina Okafor",
        "fr",
        "instant",
    )
    assert mine["confirmed_at"] and mine["suppressed_at"] is None
    assert [(s["scope"], s["page_title"], s["page_url"], s["status"]) for s in mine["subscriptions"]] == [
        ("page", discussion_article.title, discussion_article.url, "active"),
        ("replies", quiet_article.title, quiet_article.url, "active"),
    ]
    assert "tom@example.org" not in json.dumps(data)  # and the whole export is JSON-ready


def test_export_of_an_address_without_subscriptions_says_so(minas_subscriptions, staff):
    assert commenter_export(email="nobody@example.org", actor=staff)["subscriptions"] is None


def test_erasure_leaves_no_row_with_the_address(minas_subscriptions, staff, discussion_article, post):
    post(discussion_article, name="Bo", email="bo@example.org", body="A new comment for both followers")
    assert Delivery.objects.filter(subscriber__email=MINA).exists()
    commenter_erase(email="Mina.OKAFOR@example.org", actor=staff)
    assert _models_holding(MINA) == []
    assert _models_holding("Mina Okafor") == []
    assert commenter_export(email=MINA, actor=staff)["subscriptions"] is None
    tom = Subscriber.objects.get(email="tom@example.org")
    assert tom.subscriptions.get().status == SubscriptionStatus.ACTIVE
    assert tom.deliveries.exists()


def test_after_erasure_no_mail_goes_out_until_the_person_confirms_again(
    discussion_article, post, staff, smtp, queue, clock, settings, django_capture_on_commit_callbacks
):
    settings.SUBSCRIPTIONS_GATHER_SECONDS = 30
    follower(MINA, discussion_article)
    post(discussion_article, name="Bo", email="bo@example.org", body="Waiting for the next mail")
    queue.run()  # the comment's mail to Mina now waits for the gather delay
    commenter_erase(email=MINA, actor=staff)
    clock.advance(seconds=60)
    queue.run()
    assert smtp.to(MINA) == []
    with django_capture_on_commit_callbacks(execute=True):
        again = subscription_request(
            email=MINA, target=Target("page", page_id=discussion_article.pk), language="en"
        )
    queue.run()
    assert Subscription.objects.get(pk=again.pk).status == SubscriptionStatus.PENDING
    [message] = smtp.to(MINA)
    assert "Confirm your subscription" in message["Subject"]


def test_the_subscriptions_extension_exports_and_erases_an_address(minas_subscriptions):
    """The part moderation's request calls (services/privacy.py), asked directly."""
    exported = subscriber_privacy.export(email=MINA)["subscriptions"]
    assert exported["email"] == MINA and len(exported["subscriptions"]) == 2
    subscriber_privacy.erase(email=MINA)
    assert subscriber_privacy.export(email=MINA) == {"subscriptions": None}
    assert Subscriber.objects.filter(email="tom@example.org").exists()
