"""Arabic search finds a word with or without its definite article, in the Arabic edition only
(SQLite: normalised index; PostgreSQL: the 'arabic' text search configuration)."""

import pytest
from modelsearch.index import insert_or_update_object

from masthead.newsroom.models import ArticlePage

from .factories import article_make, paragraph, translation_make


@pytest.fixture
def arabic_story(home):
    english = article_make(home=home, title="Council approves the budget")
    translation_make(home, title="الصفحة الأولى")
    story = translation_make(english, title="المجلس يقرّ الميزانية")
    story.body = [paragraph("ناقش أعضاء المجلس خطة المكتبة المركزية حتى منتصف الليل.")]
    story.save_revision().publish()
    return story


def _titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("query", ["المجلس", "مجلس", "الميزانية", "ميزانية", "المكتبة", "مكتبة"])
def test_a_word_is_found_with_or_without_its_article(client, arabic_story, query):
    html = _titles(client, f"/ar/search/?q={query}")
    assert "المجلس يقرّ الميزانية" in html


def test_a_word_that_is_not_there_finds_nothing(client, arabic_story):
    assert "المجلس يقرّ الميزانية" not in _titles(client, "/ar/search/?q=حديقة")


def test_the_english_edition_does_not_return_arabic_stories(client, arabic_story):
    assert "المجلس يقرّ الميزانية" not in _titles(client, "/search/?q=المجلس")


@pytest.mark.parametrize("query", ["الأمطار", "أمطار"])
def test_a_story_is_found_by_its_tag_with_or_without_its_article(client, arabic_story, query):
    assert "المجلس يقرّ الميزانية" not in _titles(client, f"/ar/search/?q={query}")
    arabic_story.tags.add("الأمطار")  # "the rains": a word only its tag has
    arabic_story.save_revision().publish()
    # The worker indexes after the commit, tags written; the tests' immediate task backend runs
    # the index task inside save(), before them, so it is run again here as the worker would.
    insert_or_update_object(ArticlePage.objects.get(pk=arabic_story.pk))
    assert "المجلس يقرّ الميزانية" in _titles(client, f"/ar/search/?q={query}")
