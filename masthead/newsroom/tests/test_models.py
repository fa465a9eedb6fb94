"""Page models and snippets: bylines in the editor's order, the "Updated" rule, addresses."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import override

from masthead.newsroom.models import ArticlePage, Author, Topic

from .factories import article_make, author_make


def test_authors_keep_the_editors_order(home):
    zoe, adam, mia = author_make(name="Zoe"), author_make(name="Adam"), author_make(name="Mia")
    article = article_make(home=home, authors=[zoe, adam, mia])

    fresh = ArticlePage.objects.get(pk=article.pk)
    assert [a.name for a in fresh.authors] == ["Zoe", "Adam", "Mia"]


def test_an_article_without_bylines_has_no_authors(home):
    assert ArticlePage.objects.get(pk=article_make(home=home).pk).authors == []


def test_was_updated_only_after_an_hour(home):
    article = article_make(home=home, published_at=timezone.now() - timedelta(days=1))
    assert not article.was_updated

    article.last_published_at = article.first_published_at + timedelta(minutes=59)
    assert not article.was_updated
    article.last_published_at = article.first_published_at + timedelta(hours=2)
    assert article.was_updated


def test_republishing_later_marks_the_story_updated(home):
    article = article_make(home=home, published_at=timezone.now() - timedelta(days=1))
    article.save_revision().publish()

    article.refresh_from_db()
    assert article.was_updated


def test_topic_and_author_addresses_follow_the_language():
    topic = Topic(name="Schools", slug="schools")
    author = Author(name="Ana Ruiz", slug="ana-ruiz")
    with override("en"):
        assert topic.get_absolute_url() == "/topics/schools/"
        assert author.get_absolute_url() == "/authors/ana-ruiz/"
    with override("ar"):
        assert topic.get_absolute_url() == "/ar/topics/schools/"
        assert author.get_absolute_url() == "/ar/authors/ana-ruiz/"
