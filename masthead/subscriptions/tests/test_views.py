"""Subscribing from the article: double opt-in, GET-does-nothing, bad input, no address oracle."""

import pytest

from masthead.subscriptions.models import Subscriber, Subscription, SubscriptionStatus

from .helpers import follower, link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """Posts the Subscribe box; after-commit work (the confirmation mail) runs as on a real commit."""

    def _subscribe(page, email, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/subscriptions/",
                {"page": page.pk, "scope": "all", "email": email, "frequency": "instant", **extra},
            )

    return _subscribe


def test_new_address_gets_one_confirmation_mail_and_is_pending(client, subscribe, discussion_article, smtp):
    response = subscribe(discussion_article, "Ana@Example.org")
    assert response.status_code == 200
    assert "we have sent it a link" in response.content.decode()
    [message] = smtp.to("ana@example.org")
    assert "Confirm your subscription" in message["Subject"]
    assert message.get_body(preferencelist=("html",)) is not None
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING


def test_opening_the_link_changes_nothing_and_the_post_confirms(client, subscribe, discussion_article, smtp):
    subscribe(discussion_article, "ana@example.org")
    path = link_in(smtp.messages[0])
    page = client.get(path)
    assert page.status_code == 200
    assert 'type="submit">Confirm</button>' in page.content.decode()
    assert client.head(path).status_code == 200
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING
    assert client.post(path).status_code == 200
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE


def test_a_used_link_gets_a_clear_page_and_changes_nothing(client, subscribe, discussion_article, smtp):
    subscribe(discussion_article, "ana@example.org")
    path = link_in(smtp.messages[0])
    client.post(path)
    Subscription.objects.update(status=SubscriptionStatus.ENDED)
    again = client.post(path)
    assert again.status_code == 400
    assert "expired or has already been used" in again.content.decode()
    assert client.get(path).status_code == 400
    assert Subscription.objects.get().status == SubscriptionStatus.ENDED


def test_an_expired_or_forged_link_changes_nothing(client, subscribe, discussion_article, smtp, settings):
    subscribe(discussion_article, "ana@example.org")
    path = link_in(smtp.messages[0])
    settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE = -1
    assert client.post(path).status_code == 400
    settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE = 3600
    assert client.post(path[:-3] + "xx/").status_code == 400
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING


def test_every_new_subscription_of_a_confirmed_address_needs_its_own_confirmation(
    client, subscribe, discussion_article, quiet_article, smtp
):
    follower("ana@example.org", discussion_article)  # Ana confirmed once, for the first article

    assert subscribe(quiet_article, "ana@example.org").status_code == 200  # anyone may ask

    assert Subscription.objects.get(page=quiet_article).status == SubscriptionStatus.PENDING
    [message] = smtp.to("ana@example.org")
    client.post(link_in(message))  # only Ana, who holds the link, can start it
    assert Subscription.objects.get(page=quiet_article).status == SubscriptionStatus.ACTIVE


def test_an_unauthenticated_request_changes_nothing_about_a_subscriber(
    client, subscribe, discussion_article, quiet_article, smtp, django_capture_on_commit_callbacks
):
    mine = follower("ana@example.org", discussion_article, frequency="instant", language="en")

    subscribe(discussion_article, "ana@example.org", frequency="daily", scope="replies")
    subscribe(quiet_article, "ana@example.org", frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/ar/subscriptions/",
            {"page": discussion_article.pk, "scope": "all", "email": "ana@example.org", "frequency": "daily"},
        )

    subscriber = Subscriber.objects.get(email="ana@example.org")
    assert (subscriber.frequency, subscriber.language) == ("instant", "en")
    assert Subscription.objects.get(pk=mine.pk).status == SubscriptionStatus.ACTIVE  # not paused
    assert {s.status for s in Subscription.objects.exclude(pk=mine.pk)} == {SubscriptionStatus.PENDING}


def test_the_answer_is_the_same_whether_or_not_the_address_is_known(
    client, subscribe, discussion_article, smtp
):
    follower("known@example.org", discussion_article)
    known = subscribe(discussion_article, "known@example.org").content
    unknown = subscribe(discussion_article, "unknown@example.org").content
    assert known == unknown


def test_a_malformed_address_gets_a_form_error(client, subscribe, discussion_article, smtp):
    response = subscribe(discussion_article, "not-an-address")
    assert response.status_code == 400
    assert "valid email address" in response.content.decode()
    assert 'value="not-an-address"' in response.content.decode()
    assert Subscription.objects.count() == 0 and smtp.messages == []


def test_confirmation_mails_are_limited_per_address(client, subscribe, discussion_article, smtp, settings):
    settings.SUBSCRIPTIONS_CONFIRM_RATE_ADDRESS = "2/3600"
    answers = {subscribe(discussion_article, "ana@example.org").status_code for _ in range(5)}
    assert answers == {200}
    assert len(smtp.to("ana@example.org")) == 2


def test_subscribe_requests_are_limited_per_network(client, subscribe, discussion_article, smtp, settings):
    settings.SUBSCRIPTIONS_RATE_NETWORK = "3/3600"
    codes = [subscribe(discussion_article, f"r{i}@example.org").status_code for i in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert len(smtp.messages) == 3


def test_a_post_from_another_site_is_refused(client, subscribe, discussion_article, smtp):
    response = client.post(
        "/subscriptions/",
        {"page": discussion_article.pk, "scope": "all", "email": "ana@example.org", "frequency": "instant"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert Subscription.objects.count() == 0


def test_the_subscribe_box_works_without_javascript(client, subscribe, discussion_article):
    from django.template.loader import render_to_string

    html = render_to_string("subscriptions/subscribe_box.html", {"page": discussion_article})
    assert 'action="/subscriptions/"' in html and 'name="email"' in html
    assert ">new follow-up comments<" in html and ">new replies to my comments<" in html
