import pytest

from masthead.core.arabic_search import arabic_normalise


@pytest.mark.parametrize(
    ("with_article", "without"),
    [
        ("المجلس", "مجلس"),  # the council / council
        ("المدرسة", "مدرسه"),  # taa marbuta unified
        ("بالميزانية", "ميزانيه"),  # "with the budget"
        ("والنهر", "نهر"),  # "and the river"
        ("للمدينة", "مدينه"),  # "for the city"
    ],
)
def test_a_word_with_and_without_its_article_normalise_alike(with_article, without):
    assert arabic_normalise(with_article) == arabic_normalise(without)


def test_marks_and_alef_variants_are_ignored():
    assert arabic_normalise("أَحْمَد") == arabic_normalise("احمد")


def test_short_words_keep_their_letters():
    # "ال" alone or before a single letter is not an article to strip.
    assert arabic_normalise("ال") == "ال"


def test_latin_text_is_untouched():
    assert arabic_normalise("Council budget 2026") == "Council budget 2026"
