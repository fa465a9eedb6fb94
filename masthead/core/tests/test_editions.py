"""Reads of the editions: every edition's address of a page, of a topic, and its front page."""

from django.utils import translation

from masthead.core.editions import edition_home_urls, page_translation_urls, snippet_translation_urls
from masthead.newsroom.tests.factories import article_make, topic_make, translation_make


def test_page_translation_urls_are_the_live_copies_of_the_page(home):
    story = article_make(home=home, slug="weir")
    home_ar = translation_make(home, title="الصفحة الأولى")
    story_ar = translation_make(story, title="السد")
    lonely = article_make(home=home, slug="lonely")

    assert page_translation_urls(page=story) == {"en": "/weir/", "ar": story_ar.url}
    assert story_ar.url.startswith("/ar/")
    story_ar.unpublish()
    assert page_translation_urls(page=story) == {"en": "/weir/"}
    assert page_translation_urls(page=lonely) == {"en": "/lonely/"}
    assert home_ar.url == "/ar/"


def test_snippet_translation_urls_carry_each_editions_prefix(home):
    river = topic_make(name="River")
    river_ar = river.copy_for_translation(translation_make(home, title="الصفحة الأولى").locale)
    river_ar.slug = "nahr"
    river_ar.save()

    with translation.override("en"):
        urls = snippet_translation_urls(snippet=river)

    assert urls == {"en": f"/topics/{river.slug}/", "ar": "/ar/topics/nahr/"}


def test_edition_home_urls_are_the_live_front_pages(home):
    assert edition_home_urls() == {"en": "/"}
    translation_make(home, title="الصفحة الأولى")
    assert edition_home_urls() == {"en": "/", "ar": "/ar/"}
