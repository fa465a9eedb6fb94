"""Search normalisation for Arabic: the same word with or without its article, marks or
letter variants becomes one token. Used when indexing and when querying (on SQLite; on
PostgreSQL the 'arabic' text search configuration does this work)."""

import re
import unicodedata

# Harakat, tanween, shadda, sukun, superscript alef and tatweel: not part of a word's identity.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
# The definite article, also after the attached prepositions and conjunctions و ف ب ك ل.
_ARTICLE = re.compile(r"^(?:[وفبك]?ال|لل)(?=\w{2,})")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3]+")


def _normalise_word(word: str) -> str:
    word = _MARKS.sub("", word).translate(_LETTER_VARIANTS)
    return _ARTICLE.sub("", word)


def arabic_normalise(text: str) -> str:
    """Text with every Arabic word reduced to its normal form; other text left as it is."""
    text = unicodedata.normalize("NFKC", text)
    text = _MARKS.sub("", text)
    return _ARABIC_WORD.sub(lambda m: _normalise_word(m.group(0)), text)
