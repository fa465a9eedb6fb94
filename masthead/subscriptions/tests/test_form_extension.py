""" "Notify of" beside the comment form, and the signed-in reader's page of subscriptions."""

import pytest

from masthead.comments.exceptions import CommentRejected
from masthead.subscriptions.models import Scope, Subscriber, Subscription, SubscriptionStatus

from .helpers import follower, link_in

pytestmark = pytest.mark.django_db


def test_notify_of_new_follow_up_comments_from_the_comment_form(article, post, smtp):
    post(article, name="Ana", email="Ana@example.org", body="First!", notify_of="all")
    subscription = Subscription.objects.get()
    assert (subscription.scope, subscription.page_id, subscription.status) == (
        Scope.PAGE,
        article.pk,
        SubscriptionStatus.PENDING,
    )
    assert Subscriber.objects.get().name == "Ana"
    [message] = smtp.to("ana@example.org")
    assert "new follow-up comments" in message.get_body(preferencelist=("plain",)).get_content()


def test_notify_of_replies_to_my_comments(article, post, smtp):
    post(article, name="Ana", email="ana@example.org", body="First!", notify_of="replies")
    assert Subscription.objects.get().scope == Scope.REPLIES


def test_notify_of_nothing_subscribes_nothing(article, post, smtp):
    post(article, name="Ana", email="ana@example.org", body="First!", notify_of="")
    assert Subscription.objects.count() == 0 and smtp.messages == []


def test_a_line_break_in_the_name_refuses_the_comment_and_stores_nothing(article, post, smtp):
    from masthead.comments.models import Comment

    with pytest.raises(CommentRejected) as refused:
        post(
            article,
            name="Ana\r\nBcc: victim@example.org",
            email="ana@example.org",
            body="Hi",
            notify_of="all",
        )
    assert refused.value.field == "author_name"
    assert Comment.objects.count() == 0 and Subscription.objects.count() == 0 and smtp.messages == []


def test_an_unknown_choice_is_refused(article, post):
    with pytest.raises(CommentRejected):
        post(article, name="Ana", email="ana@example.org", body="Hi", notify_of="everything")


def test_the_form_field_offers_the_two_choices():
    from django.template.loader import render_to_string

    html = render_to_string("subscriptions/notify_of_field.html", {"data": {}})
    assert '<label for="c-notify-of">Notify of</label>' in html
    assert ">new follow-up comments<" in html and ">new replies to my comments<" in html


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("ana", "ana@example.org", "pw-ana-12345", first_name="Ana")


def test_a_signed_in_reader_manages_all_subscriptions_on_one_page(client, reader, article, other_article):
    first = follower("ana@example.org", article)
    follower("ana@example.org", other_article)
    follower("bo@example.org", article)
    client.force_login(reader)
    page = client.get("/subscriptions/mine/").content.decode()
    assert page.lower().count("new follow-up comments") == 2
    assert article.title in page and other_article.title in page
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


def test_a_signed_in_reader_subscribes_without_a_confirmation_mail(
    client, reader, article, smtp, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/subscriptions/", {"page": article.pk, "scope": "all", "email": "", "frequency": "instant"}
        )
    assert response.status_code == 200
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE and smtp.messages == []


def test_following_one_comment_from_its_subscribe_page(
    client, article, post, smtp, django_capture_on_commit_callbacks
):
    comment = post(article, name="Cy", email="cy@example.org", body="Root")
    form = client.get(f"/subscriptions/?page={article.pk}&comment={comment.pk}").content.decode()
    assert 'value="comment" selected' in form
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/subscriptions/",
            {
                "page": article.pk,
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
