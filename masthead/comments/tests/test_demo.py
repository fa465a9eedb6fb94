"""The demo discussion: a big, deep, voted thread on one story and none on the quiet one."""

from masthead.comments.models import Comment, Discussion, Role, Status
from masthead.newsroom.demo import DISCUSSION_SLUG, QUIET_SLUG
from masthead.newsroom.models import ArticlePage


def test_the_discussion_article_has_a_deep_voted_thread_and_the_quiet_one_none(newsroom, client):
    page = ArticlePage.objects.get(slug=DISCUSSION_SLUG, locale__language_code="en")
    approved = Comment.objects.filter(page=page, status=Status.APPROVED)
    assert approved.count() >= 34
    assert Discussion.objects.get(page=page).approved_count == approved.count()
    assert approved.filter(depth__gte=3).exists()
    assert approved.filter(up__gt=0).count() > 20
    assert approved.filter(role=Role.STAFF).exists() and approved.filter(role=Role.AUTHOR).exists()
    assert not Comment.objects.filter(page__slug=QUIET_SLUG).exists()

    html = client.get(page.url).content.decode()
    assert f"{approved.count()} Comments" in html
    assert "Councillor Brennan told us" in html or "View all comments" in html
