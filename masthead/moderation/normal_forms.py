"""Normal forms of reader text, so that filters and checks see through tricks.

Fullwidth and other compatibility letters fold by NFKC; case by casefold; invisible format
characters (zero-width spaces and joiners, soft hyphens) and combining accents are dropped; a few
Cyrillic and Greek letters that look exactly like Latin ones are mapped to those.
"""

import hashlib
import re
import unicodedata

# Lookalikes that NFKC leaves alone (lower case, since casefold runs first).
_CONFUSABLES = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ɡ": "g",
        "α": "a",
        "ο": "o",
        "ρ": "p",
        "ν": "v",
        "τ": "t",
        "ι": "i",
        "κ": "k",
        "υ": "u",
    }
)
_SPACES = re.compile(r"\s+")


def text_normalise(text: str) -> str:
    """The comparable form of `text`: same meaning to a reader, same string to the filters."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) not in {"Mn", "Cf"})
    folded = unicodedata.normalize("NFKC", kept).casefold().translate(_CONFUSABLES)
    return _SPACES.sub(" ", folded).strip()


def text_fingerprint(text: str) -> str:
    """Equal for texts that normalise alike ("Nice  POST" and "nice post")."""
    return hashlib.sha256(text_normalise(text).encode()).hexdigest()[:32]
