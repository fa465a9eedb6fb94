"""The Discussion panel of the admin's home: figures against known comments, its query cost, and
who sees what (moderators the queue, reporters the comments under their own stories)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from masthead.comments.models import Comment, Status
from masthead.moderation.home_panel import discussion_panel


def _comment(page, status, *, age, body="A thought."):
    comment = Comment.objects.create(
        page=page, author_name="Mina", body=body, body_html=f"<p>{body}</p>", status=status
    )
    Comment.objects.filter(pk=comment.pk).update(root_id=comment.pk, created_at=timezone.now() - age)
    return comment


def _user(django_user_model, name, *, groups=(), superuser=False):
    maker = django_user_model.objects.create_superuser if superuser else django_user_model.objects.create_user
    user = maker(name, f"{name}@ledger.example", "pw")
    user.groups.add(*groups)
    return user


@pytest.fixture
def access_admin(db):
    group = Group.objects.create(name="Staff")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


@pytest.fixture
def reporters(access_admin):
    group = Group.objects.create(name="Reporters")
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename=codename)
        )
    return group


@pytest.fixture
def stories(discussion_article, quiet_article):
    """Known data: 3 waiting (oldest 5 hours), 4 comments in the last day, older approved ones."""
    third = discussion_article.get_parent().add_child(instance=Page(title="Ferry timetable", slug="ferry"))
    for _ in range(3):
        _comment(quiet_article, Status.APPROVED, age=timedelta(days=2))
    for _ in range(2):
        _comment(discussion_article, Status.APPROVED, age=timedelta(days=3))
    _comment(third, Status.APPROVED, age=timedelta(days=1, hours=1))
    _comment(third, Status.APPROVED, age=timedelta(days=30))  # not this week
    _comment(discussion_article, Status.PENDING, age=timedelta(hours=5))
    _comment(discussion_article, Status.PENDING, age=timedelta(hours=2))
    _comment(quiet_article, Status.PENDING, age=timedelta(days=2))
    _comment(discussion_article, Status.SPAM, age=timedelta(hours=1))
    return discussion_article, quiet_article, third


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_moderator_sees_the_queue_the_day_and_the_busiest_stories(client, django_user_model, stories):
    html = _home(client, _user(django_user_model, "editor", superuser=True))

    assert "3 comments waiting for moderation" in html
    assert "the oldest has waited 2\xa0days" in html
    assert "3 comments in the last 24 hours" in html  # 2 waiting and 1 spam: all that came in
    busiest = html[html.index("Most discussed this week") :]
    discussion_article, quiet_article, _third = stories
    assert busiest.index(quiet_article.title) < busiest.index(discussion_article.title)
    assert "Ferry timetable" in busiest  # 1 comment this week; the one of 30 days ago does not count
    assert "/admin/comments/?status=pending" in html


def test_a_reporter_sees_the_comments_on_their_own_stories_only(
    client, django_user_model, stories, access_admin, reporters
):
    discussion_article, other, _ = stories
    reporter = _user(django_user_model, "rhea", groups=[access_admin, reporters])
    Page.objects.filter(pk=discussion_article.pk).update(owner=reporter)
    _comment(
        discussion_article, Status.APPROVED, age=timedelta(minutes=3), body="Thanks for covering the budget."
    )

    html = _home(client, reporter)

    assert "Comments on your stories" in html
    assert "Thanks for covering the budget." in html
    assert "3 approved comments this week" in html and "2 waiting for moderation" in html
    assert "comments waiting for moderation" not in html  # the queue is for moderators
    assert "Most discussed this week" not in html
    assert "Money" not in html


def test_a_user_who_may_only_log_in_gets_a_clear_empty_home(client, django_user_model, stories, access_admin):
    html = _home(client, _user(django_user_model, "visitor", groups=[access_admin]))

    assert "has no newsroom work yet" in html
    assert "Discussion" not in html and "Comments on your stories" not in html


def test_an_empty_site_says_so(client, django_user_model, db):
    html = _home(client, _user(django_user_model, "editor", superuser=True))

    assert "0 comments waiting for moderation" in html
    assert "The queue is empty." in html
    assert "No story has had an approved comment this week." in html
    assert "No reader has commented on a story of yours yet." in html


def test_the_panel_costs_a_few_queries_whatever_the_number_of_comments(
    django_user_model, stories, django_assert_max_num_queries
):
    request = RequestFactory().get("/admin/")
    request.user = _user(django_user_model, "editor", superuser=True)
    panel = discussion_panel(request.user)
    for _ in range(20):
        _comment(stories[0], Status.APPROVED, age=timedelta(hours=1))

    with django_assert_max_num_queries(4):
        html = panel.render_html({"request": request, "csrf_token": ""})
    assert "23 comments in the last 24 hours" in html
