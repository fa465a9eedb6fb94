"""The normal form that word lists and duplicate checks compare."""

from masthead.moderation.normal_forms import text_normalise


def test_fullwidth_case_and_accents_fold():
    assert text_normalise("ＣａＳＩＮＯ") == "casino"
    assert text_normalise("Café") == "cafe"
    assert text_normalise("STRASSE") == text_normalise("straße")


def test_invisible_characters_and_spacing_go():
    assert text_normalise("ca\u200bsi\u2060no\ufeff") == "casino"
    assert text_normalise("  two\n\t words ") == "two words"


def test_lookalike_letters_fold_to_latin():
    assert text_normalise("р\u0430ypal") == "paypal"  # Cyrillic р and а


def test_arabic_text_survives_and_loses_only_its_vowel_marks():
    assert text_normalise("مَرْحَبا") == "مرحبا"
