""" "Notify of" beside the comment form, and the signed-in reader's page of subscriptions."""

import pytest

from masthead.core.refusal import Refusal
from masthead.subscriptions.models import Scope, Subscriber, Subscription, SubscriptionStatus

from .helpers import follower, link_in

pytestmark = pytest.mark.django_db


def test_notify_of_new_follow_up_comments_from_the_comment_form(discussion_article, post, smtp):
    post(discussion_article, name="Ana", email="Ana@example.org", body="First!", notify_of="all")
    subscription = Subscription.objects.get()
    assert (subscription.scope, subscription.page_id, subscription.status) == (
        Scope.PAGE,
        discussion_article.pk,
        SubscriptionStatus.PENDING,
    )
    assert Subscriber.objects.get().name == "Ana"
    [message] = smtp.to("ana@example.org")
    assert "new follow-up comments" in message.get_body(preferencelist=("plain",)).get_content()


def test_notify_of_replies_to_my_comments(discussion_article, post, smtp):
    post(discussion_article, name="Ana", email="ana@example.org", body="First!", notify_of="replies")
    assert Subscription.objects.get().scope == Scope.REPLIES


def test_notify_of_nothing_subscribes_nothing(discussion_article, post, smtp):
    post(discussion_article, name="Ana", email="ana@example.org", body="First!", notify_of="")
    assert Subscription.objects.count() == 0 and smtp.messages == []


def test_a_line_break_in_the_name_refuses_the_comment_and_stores_nothing(discussion_article, post, smtp):
    from masthead.comments.models import Comment

    with pytest.raises(Refusal) as refused:
        post(
            discussion_article,
            name="Ana\r\nBcc: victim@example.org",
            email="ana@example.org",
            body="Hi",
            notify_of="all",
        )
    assert refused.value.field == "author_name"
    assert Comment.objects.count() == 0 and Subscription.objects.count() == 0 and smtp.messages == []


def test_an_unknown_choice_is_refused(discussion_article, post):
    with pytest.raises(Refusal):
        post(discussion_article, name="Ana", email="ana@example.org", body="Hi", notify_of="everything")


def test_the_form_field_offers_the_two_choices():
    from django.template.loader import render_to_string

    html = render_to_string("subscriptions/notify_of_field.html", {"data": {}})
    assert '<label for="c-notify-of">Notify of</label>' in html
    assert ">new follow-up comments<" in html and ">new replies to my comments<" in html


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("ana", "ana@example.org", "pw-ana-12345", first_name="Ana")


def test_a_signed_in_reader_manages_all_subscriptions_on_one_page(
    client, reader, discussion_article, quiet_article
):
    first = follower("ana@example.org", discussion_article, user=reader)
    follower("ana@example.org", quiet_article, user=reader)
    follower("bo@example.org", discussion_article)
    client.force_login(reader)
    page = client.get("/subscriptions/mine/").content.decode()
    assert page.lower().count("new follow-up comments") == 2
    assert discussion_article.title in page and quiet_article.title in page
    assert "bo@example.org" not in page
    client.post("/subscriptions/mine/", {"action": "leave", "subscription": first.pk})
    assert Subscription.objects.get(pk=first.pk).status == SubscriptionStatus.ENDED
    client.post("/subscriptions/mine/", {"action": "frequency", "frequency": "daily"})
    assert Subscriber.objects.get(email="ana@example.org").frequency == "daily"
    client.post("/subscriptions/mine/", {"action": "all"})
    assert not Subscription.objects.filter(
        subscriber__email="ana@example.org", status=SubscriptionStatus.ACTIVE
    ).exists()
    assert Subscription.objects.get(subscriber__email="bo@example.org").status == SubscriptionStatus.ACTIVE


def test_the_page_needs_a_signed_in_reader(client):
    response = client.get("/subscriptions/mine/")
    assert response.status_code == 302 and "login" in response["Location"]


def _subscribe_signed_in(client, page, django_capture_on_commit_callbacks, email=""):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            "/subscriptions/", {"page": page.pk, "scope": "all", "email": email, "frequency": "instant"}
        )


def test_a_signed_in_reader_confirms_once_by_mail_then_subscribes_at_once(
    client, reader, discussion_article, quiet_article, smtp, django_capture_on_commit_callbacks
):
    client.force_login(reader)

    assert (
        _subscribe_signed_in(client, discussion_article, django_capture_on_commit_callbacks).status_code
        == 200
    )
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING
    [message] = smtp.to("ana@example.org")
    client.post(link_in(message))  # the link proves the mailbox, the session the account
    assert Subscriber.objects.get().user == reader

    _subscribe_signed_in(client, quiet_article, django_capture_on_commit_callbacks)
    assert Subscription.objects.get(page=quiet_article).status == SubscriptionStatus.ACTIVE
    assert len(smtp.messages) == 1  # no second mail


def test_an_account_that_takes_a_readers_address_gains_nothing(
    client, django_user_model, discussion_article, quiet_article, smtp, django_capture_on_commit_callbacks
):
    """An editor sets their account's email to a reader's address (the admin's account page
    lets anyone type any address there) and tries to see, change or stop her subscriptions."""
    readers = follower("ana@example.org", discussion_article, frequency="instant")
    mallory = django_user_model.objects.create_user(
        "mallory", "mallory@example.net", "pw-mallory-1", is_staff=True
    )
    mallory.email = "ana@example.org"
    mallory.save()
    client.force_login(mallory)

    page = client.get("/subscriptions/mine/").content.decode()
    client.post("/subscriptions/mine/", {"action": "frequency", "frequency": "daily"})
    client.post("/subscriptions/mine/", {"action": "leave", "subscription": readers.pk})
    client.post("/subscriptions/mine/", {"action": "all"})
    _subscribe_signed_in(client, quiet_article, django_capture_on_commit_callbacks)

    assert discussion_article.title not in page
    subscriber = Subscriber.objects.get(email="ana@example.org")
    assert (subscriber.user, subscriber.frequency, subscriber.suppressed_at) == (None, "instant", None)
    assert Subscription.objects.get(pk=readers.pk).status == SubscriptionStatus.ACTIVE
    assert Subscription.objects.get(page=quiet_article).status == SubscriptionStatus.PENDING
    assert len(smtp.to("ana@example.org")) == 1  # the confirmation goes to Ana, not to Mallory


def test_following_one_comment_from_its_subscribe_page(
    client, discussion_article, post, smtp, django_capture_on_commit_callbacks
):
    comment = post(discussion_article, name="Cy", email="cy@example.org", body="Root")
    form = client.get(f"/subscriptions/?page={discussion_article.pk}&comment={comment.pk}").content.decode()
    assert 'value="comment" selected' in form
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/subscriptions/",
            {
                "page": discussion_article.pk,
                "comment": comment.pk,
                "scope": "comment",
                "email": "ana@example.org",
                "frequency": "instant",
            },
        )
    client.post(link_in(smtp.to("ana@example.org")[0]))
    subscription = Subscription.objects.get()
    assert (subscription.scope, subscription.comment_id, subscription.status) == (
        Scope.COMMENT,
        comment.pk,
        SubscriptionStatus.ACTIVE,
    )
