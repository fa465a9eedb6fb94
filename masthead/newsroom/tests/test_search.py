"""Search of the active edition: what a reader typed, reduced to words, or no results at all."""

from django.utils import translation

from masthead.newsroom.search import article_search_edition

from .factories import article_make, paragraph


def test_article_search_edition_finds_stories_by_their_words(home):
    story = article_make(home=home, body=[paragraph("Pelicans returned to the weir.")])
    article_make(home=home, body=[paragraph("Nothing about birds.")])

    with translation.override("en"):
        assert list(article_search_edition(text='"pelicans" (weir)')) == [story]


def test_article_search_edition_of_no_word_is_empty(home):
    article_make(home=home)

    assert list(article_search_edition(text='\\ " * ( )')) == []
    assert list(article_search_edition(text="")) == []
