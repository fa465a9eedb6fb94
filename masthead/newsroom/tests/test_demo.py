"""The demo newsroom: enough stories, topics and authors, each story fully illustrated and written."""

from datetime import timedelta

from django.utils import timezone
from PIL import Image as PILImage

from masthead.newsroom import demo
from masthead.newsroom.models import ArticlePage, Author, Topic


def _articles():
    return list(ArticlePage.objects.live().select_related("lead_image"))


def test_demo_has_enough_stories_topics_and_authors(newsroom):
    assert len(_articles()) >= 8
    assert Topic.objects.count() >= 3
    assert Author.objects.count() >= 3
    for topic in Topic.objects.all():
        assert topic.articles.live().exists(), topic.name


def test_every_story_has_a_captioned_credited_lead_image_and_several_paragraphs(newsroom):
    for article in _articles():
        image = article.lead_image
        assert image is not None, article.slug
        assert image.caption and image.credit, article.slug
        assert article.standfirst
        paragraphs = [b for b in article.body if b.block_type == "paragraph"]
        assert len(paragraphs) >= 3, article.slug
        assert article.authors and article.topics.exists(), article.slug


def test_lead_images_are_real_pictures_not_flat_boxes(newsroom):
    for article in _articles()[:4]:
        with article.lead_image.open_file() as f:
            picture = PILImage.open(f).convert("RGB").resize((64, 40))
        assert len(picture.getcolors(maxcolors=4096) or range(4097)) > 50, article.slug


def test_every_author_has_a_bio_and_portrait(newsroom):
    for author in Author.objects.all():
        assert author.bio and author.photo is not None, author.name


def test_some_stories_are_recent_and_some_older(newsroom):
    two_days_ago = timezone.now() - timedelta(days=2)
    dates = [a.first_published_at for a in _articles()]
    assert any(d >= two_days_ago for d in dates)
    assert any(d < timezone.now() - timedelta(days=14) for d in dates)


def test_the_discussion_and_quiet_stories_exist(newsroom):
    assert ArticlePage.objects.live().filter(slug=demo.DISCUSSION_SLUG).exists()
    assert ArticlePage.objects.live().filter(slug=demo.QUIET_SLUG).exists()


def test_some_stories_carry_a_heading_a_quote_and_a_second_figure(newsroom):
    kinds = [{b.block_type for b in a.body} for a in _articles()]
    assert any({"heading", "quote", "image"} <= k for k in kinds)


def test_loading_twice_adds_nothing(newsroom):
    counts = (ArticlePage.objects.count(), Author.objects.count(), Topic.objects.count())
    demo.load(home=newsroom)
    assert (ArticlePage.objects.count(), Author.objects.count(), Topic.objects.count()) == counts


def test_demo_article_page_renders_figures_with_full_size_links(newsroom, client):
    response = client.get(f"/{demo.DISCUSSION_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Click to see full-size image") >= 2
    assert "Illustration: The Riverside Ledger" in html
    assert "More on the topic:" in html
