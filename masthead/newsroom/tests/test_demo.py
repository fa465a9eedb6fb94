"""The demo newsroom: enough stories, topics and authors, each story fully illustrated and written.

These tests load only the newsroom's own part of the demo (the other apps' loaders add comments,
a campaign and translations on top, and are tested with their apps).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image as PILImage

from masthead.newsroom import demo
from masthead.newsroom.models import ArticlePage, Author, Topic


@pytest.fixture
def newsroom(home):
    demo.load(home=home)
    return home


def _articles():
    return list(ArticlePage.objects.live().select_related("lead_image"))


def test_demo_has_stories_over_topics_by_authors_recent_and_older(newsroom):
    articles = _articles()
    assert len(articles) >= 10
    assert Topic.objects.count() >= 3
    for topic in Topic.objects.all():
        assert topic.articles.live().exists(), topic.name
    assert Author.objects.count() >= 3
    for author in Author.objects.all():
        assert author.bio and author.photo is not None, author.name
    dates = [a.first_published_at for a in articles]
    assert any(d >= timezone.now() - timedelta(days=2) for d in dates)  # the news sitemap has some
    assert any(d < timezone.now() - timedelta(days=14) for d in dates)
    slugs = {a.slug for a in articles}
    assert {demo.DISCUSSION_SLUG, demo.QUIET_SLUG} <= slugs


def test_every_story_is_illustrated_credited_and_written(newsroom):
    articles = _articles()
    for article in articles:
        image = article.lead_image
        assert image is not None and image.caption and image.credit, article.slug
        assert article.standfirst and article.authors and article.topics.exists(), article.slug
        paragraphs = [b for b in article.body if b.block_type == "paragraph"]
        assert len(paragraphs) >= 3, article.slug
    kinds = [{b.block_type for b in a.body} for a in articles]
    assert any({"heading", "quote", "image"} <= k for k in kinds)


def test_pictures_are_drawn_scenes_not_flat_boxes(newsroom):
    for article in _articles()[:4]:
        with article.lead_image.open_file() as f:
            picture = PILImage.open(f).convert("RGB")
            assert picture.size == (1600, 1000)
            colours = picture.resize((64, 40)).getcolors(maxcolors=4096)
        assert colours is None or len(colours) > 50, article.slug


def test_loading_twice_adds_nothing(newsroom):
    counts = (ArticlePage.objects.count(), Author.objects.count(), Topic.objects.count())
    demo.load(home=newsroom)
    assert (ArticlePage.objects.count(), Author.objects.count(), Topic.objects.count()) == counts


def test_demo_article_page_shows_its_figures_with_full_size_links(newsroom, client):
    response = client.get(f"/{demo.DISCUSSION_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Click to see full-size image") == 2
    assert html.count("Illustration: The Riverside Ledger") >= 2
    assert 'srcset="' in html
    assert "More on the topic:" in html


def test_a_picture_missing_from_storage_leaves_a_captioned_placeholder(newsroom, client):
    article = ArticlePage.objects.get(slug=demo.QUIET_SLUG)
    article.lead_image.file.storage.delete(article.lead_image.file.name)
    response = client.get(f"/{demo.QUIET_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Image unavailable" in html
    assert article.lead_image.caption in html
    assert "Click to see full-size image" not in html
