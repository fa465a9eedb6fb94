"""Digits shown to readers: Latin by default, Arabic-Indic in the Arabic edition as a site option.

settings.MASTHEAD_ARABIC_DIGITS is "latn" (0123456789, the default: most Arabic news sites use
them) or "arab" (٠١٢٣٤٥٦٧٨٩). Only the Arabic edition changes; every other language keeps Latin.
"""

from django.conf import settings
from django.utils.translation import get_language

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def numbering_system(language: str | None = None) -> str:
    """ "arab" or "latn" (CLDR's names, as Babel's numbering_system takes them) for a language."""
    code = str(language or get_language() or settings.LANGUAGE_CODE).replace("_", "-").split("-")[0]
    if code == "ar" and getattr(settings, "MASTHEAD_ARABIC_DIGITS", "latn") == "arab":
        return "arab"
    return "latn"


def digits_localize(text: object, *, language: str | None = None) -> str:
    """The text with its digits in the reader's numbering system."""
    text = str(text)
    return str(text.translate(ARABIC_INDIC)) if numbering_system(language) == "arab" else text
