"""Matching reader text against the staff's banned and suspect word lists."""

import re
from functools import lru_cache

from .models import WordLists
from .normal_forms import text_normalise


@lru_cache(maxsize=32)
def _pattern(words_text: str) -> re.Pattern | None:
    """One regex for a whole list: whole words or phrases, on normalised text."""
    words = {text_normalise(line) for line in words_text.splitlines()}
    words.discard("")
    if not words:
        return None
    # Longest first so that a phrase wins over a word it starts with.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def words_find(*, text: str, words_text: str) -> str | None:
    """The first listed word or phrase found in `text`, or None."""
    pattern = _pattern(words_text)
    if pattern is None:
        return None
    match = pattern.search(text_normalise(text))
    return match.group(0) if match else None


def word_lists_load() -> WordLists:
    return WordLists.load()
