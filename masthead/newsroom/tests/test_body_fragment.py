"""An article's body on pages still rendered per request (a preview, a restricted story, the page
cache turned off): rendered once and reused until content changes; a draft's edit shows at once
in its preview, and readers keep the live text."""

import pytest
from django.test.signals import template_rendered

from .factories import article_make, paragraph


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself is rendered for every request


@pytest.fixture
def paragraph_renders():
    """How many times a body paragraph's template was rendered."""
    names = []

    def seen(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(seen)
    yield lambda: names.count("newsroom/blocks/paragraph.html")
    template_rendered.disconnect(seen)


def test_the_body_is_rendered_once_for_many_readers(client, home, paragraph_renders):
    story = article_make(
        home=home, body=[paragraph("The bridge reopens on Monday."), paragraph("Buses too.")]
    )

    pages = [client.get(story.url).content.decode() for _ in range(3)]

    assert paragraph_renders() == 2  # two paragraphs, once
    assert all("The bridge reopens on Monday." in page for page in pages)


def test_a_published_edit_shows_at_once(client, home, django_capture_on_commit_callbacks):
    story = article_make(home=home, body=[paragraph("The bridge reopens on Monday.")])
    client.get(story.url)

    story.body = [paragraph("The bridge reopens on Tuesday.")]
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    assert "on Tuesday." in client.get(story.url).content.decode()


def test_a_preview_shows_the_drafts_body_and_readers_keep_the_live_one(client, home):
    story = article_make(home=home, body=[paragraph("The bridge reopens on Monday.")])
    assert "on Monday." in client.get(story.url).content.decode()  # now kept

    draft = story.get_latest_revision_as_object()
    draft.body = [paragraph("The bridge reopens on Friday, the council says.")]
    preview = draft.make_preview_request().render().content.decode()

    assert "on Friday, the council says." in preview and "on Monday." not in preview
    live = client.get(story.url).content.decode()
    assert "on Monday." in live and "Friday" not in live
