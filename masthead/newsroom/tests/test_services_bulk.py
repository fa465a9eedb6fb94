"""article_create_bulk: stories created together are the same as stories created one by one."""

from datetime import UTC, datetime

import pytest
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from masthead.newsroom.models import ArticlePage
from masthead.newsroom.services import (
    NewArticle,
    article_create_bulk,
    author_create,
    image_create_unavailable,
    page_create_published,
    tag_ensure,
    topic_create,
)

WHEN = datetime(2019, 5, 4, 8, 0, tzinfo=UTC)


@pytest.fixture
def people(home):
    tag_ensure(name="River levels")
    return author_create(name="Ada Writer", slug="ada"), topic_create(name="Floods", slug="floods")


def _story(n: int, people, image=None) -> NewArticle:
    author, topic = people
    body = [{"type": "paragraph", "value": f"<p>The bridge reopened on day {n}.</p>"}]
    page = ArticlePage(title=f"Bridge {n}", slug=f"bridge-{n}", standfirst="Open again", body=body)
    page.lead_image = image
    return NewArticle(page=page, published_at=WHEN, bylines=[author], topics=[topic], tags=["River levels"])


def test_bulk_stories_are_live_with_their_bylines_topics_tags_and_date(home, people, client):
    one_by_one = _story(0, people)
    page_create_published(
        parent=home,
        page=one_by_one.page,
        published_at=WHEN,
        bylines=one_by_one.bylines,
        topics=one_by_one.topics,
        tags=one_by_one.tags,
    )
    article_create_bulk(parent=home, articles=[_story(n, people) for n in (1, 2, 3)])

    html = client.get("/bridge-2/").content.decode()
    assert "The bridge reopened on day 2." in html
    assert "Ada Writer" in html and "Floods" in html and "River levels" in html
    story = ArticlePage.objects.get(slug="bridge-2")
    assert story.first_published_at == WHEN and story.live and not story.has_unpublished_changes
    assert story.live_revision_id == story.latest_revision_id is not None
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard's paths, depths and counts
    assert home.get_children().count() == 4
    assert PageLogEntry.objects.filter(page=story, action="wagtail.create").count() == 1


def test_a_bulk_story_revision_holds_what_an_editor_would_see(home, people):
    article_create_bulk(parent=home, articles=[_story(1, people)])
    story = ArticlePage.objects.get(slug="bridge-1")
    draft = story.get_latest_revision_as_object()
    assert draft.title == "Bridge 1" and [b.author.name for b in draft.bylines.all()] == ["Ada Writer"]
    assert [t.name for t in draft.topics.all()] == ["Floods"]
    assert [t.name for t in draft.tags.all()] == ["River levels"]


def test_a_page_added_after_a_bulk_takes_the_next_place(home, people):
    article_create_bulk(parent=home, articles=[_story(n, people) for n in (1, 2)])
    page_create_published(parent=home, page=ArticlePage(title="Later", slug="later"), published_at=WHEN)
    assert [p.slug for p in home.get_children()] == ["bridge-1", "bridge-2", "later"]
    assert Page.find_problems() == ([], [], [], [], [])


def test_bulk_stories_are_found_by_search_and_their_images_know_where_they_are_used(home, people, client):
    image = image_create_unavailable(title="Bridge", filename="bridge.jpg")
    article_create_bulk(parent=home, articles=[_story(7, people, image=image)])
    assert "Bridge 7" in client.get("/search/?q=reopened").content.decode()
    assert "Bridge 7" in client.get("/search/?q=levels").content.decode()  # by its tag
    assert ReferenceIndex.get_references_to(image).count() == 1
