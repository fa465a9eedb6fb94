"""Finding a quoted passage again in a changed text (pure functions, no database).

The order follows the issue: the old position if the quote is still there exactly; else the
quote found exactly elsewhere; else an approximate match; else nothing (an orphan). Candidates are
ranked the way Hypothesis's client ranks them (src/annotator/anchoring/match-quote.ts): similarity
of the quote (weight 50), of the text before it to the stored prefix (20) and after it to the
suffix (20), and closeness to the old position (2, a tie-breaker). Approximate matching is
rapidfuzz's: `partial_ratio_alignment` proposes windows, normalised Levenshtein scores them.
"""

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

CONTEXT_CHARS = 32
MAX_QUOTE_CHARS = 1000
# How much a fuzzy candidate's quote must resemble the stored one, and the candidate overall
# (weighted score), to count as the same passage; below either, the anchor becomes an orphan.
MIN_QUOTE_SIMILARITY = 0.7
MIN_SCORE = 0.7
# Exact occurrences scored beyond this many (nearest first) are not worth looking at.
MAX_EXACT_CANDIDATES = 50

QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2


class State(StrEnum):
    ANCHORED = "anchored"
    MOVED = "moved"
    ORPHAN = "orphan"


@dataclass(frozen=True)
class Selector:
    """A W3C TextQuoteSelector (exact, prefix, suffix) with a TextPositionSelector (start, end)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Resolution:
    state: State
    selector: Selector | None  # over the new text; None for an orphan


def selector_at(*, text: str, start: int, end: int) -> Selector:
    """The selector of text[start:end], with its context, over `text`."""
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


def anchor_resolve(*, text: str, selector: Selector) -> Resolution:
    """Where `selector` (made over an older text) lies in `text`, and how it was found."""
    exact = selector.exact
    if not exact:
        return Resolution(State.ORPHAN, None)
    if text[selector.start : selector.end] == exact:
        return Resolution(State.ANCHORED, selector_at(text=text, start=selector.start, end=selector.end))
    found = _best(text, selector, _exact_candidates(text, selector)) or _fuzzy(text, selector)
    if found is None:
        return Resolution(State.ORPHAN, None)
    start, end = found
    unchanged = (start, end) == (selector.start, selector.end) and text[start:end] == exact
    state = State.ANCHORED if unchanged else State.MOVED
    return Resolution(state, selector_at(text=text, start=start, end=end))


def _exact_candidates(text: str, selector: Selector) -> list[tuple[int, int]]:
    starts, at = [], text.find(selector.exact)
    while at != -1:
        starts.append(at)
        at = text.find(selector.exact, at + 1)
    starts.sort(key=lambda s: abs(s - selector.start))
    return [(s, s + len(selector.exact)) for s in starts[:MAX_EXACT_CANDIDATES]]


def _fuzzy(text: str, selector: Selector) -> tuple[int, int] | None:
    candidates = {_refine(text, selector.exact, span) for span in _fuzzy_windows(text, selector)}
    good = [c for c in candidates if _similarity(text[c[0] : c[1]], selector.exact) >= MIN_QUOTE_SIMILARITY]
    best = _best(text, selector, good)
    if best is None or _score(text, selector, best) < MIN_SCORE:
        return None
    return best


def _fuzzy_windows(text: str, selector: Selector) -> list[tuple[int, int]]:
    """Windows where the quote may now be: best near the old place, best anywhere, and
    between the old prefix and suffix when both are still there."""
    exact, n = selector.exact, len(selector.exact)
    cutoff = MIN_QUOTE_SIMILARITY * 100 - 10
    near_from = max(0, selector.start - 2 * n - CONTEXT_CHARS)
    near = text[near_from : selector.end + 2 * n + CONTEXT_CHARS]
    spans = []
    for offset, haystack in ((near_from, near), (0, text)):
        if len(haystack) < n:
            continue
        hit = fuzz.partial_ratio_alignment(exact, haystack, score_cutoff=cutoff)
        if hit is not None:
            spans.append((offset + hit.dest_start, offset + hit.dest_end))
    if selector.prefix and selector.suffix:
        spans += _between_context(text, selector)
    return spans


def _between_context(text: str, selector: Selector) -> list[tuple[int, int]]:
    """The quote reworded but its surroundings intact: the span between prefix and suffix."""
    spans, n = [], len(selector.exact)
    at = text.find(selector.prefix)
    while at != -1 and len(spans) < MAX_EXACT_CANDIDATES:
        start = at + len(selector.prefix)
        end = text.find(selector.suffix, start, start + 2 * n + 1)
        if end > start:
            spans.append((start, end))
        at = text.find(selector.prefix, at + 1)
    return spans


def _refine(text: str, quote: str, span: tuple[int, int]) -> tuple[int, int]:
    """Moves a window's ends (a quote that grew or shrank) to where the quote fits best."""
    start, end = span
    slack = max(2, min(16, len(quote) // 8))
    start = max(
        range(max(0, start - slack), min(end, start + slack) + 1),
        key=lambda s: (_similarity(text[s:end], quote), -abs(s - span[0])),
    )
    end = max(
        range(max(start + 1, end - slack), min(len(text), end + slack) + 1),
        key=lambda e: (_similarity(text[start:e], quote), -abs(e - span[1])),
    )
    return start, end


def _best(text: str, selector: Selector, spans) -> tuple[int, int] | None:
    return max(spans, key=lambda span: _score(text, selector, span), default=None)


def _score(text: str, selector: Selector, span: tuple[int, int]) -> float:
    start, end = span
    quote = _similarity(text[start:end], selector.exact)
    prefix = _similarity(text[max(0, start - len(selector.prefix)) : start], selector.prefix)
    suffix = _similarity(text[end : end + len(selector.suffix)], selector.suffix)
    position = 1 - abs(start - selector.start) / max(len(text), 1)
    total = (
        QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix + POSITION_WEIGHT * position
    )
    return total / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)


def _similarity(found: str, expected: str) -> float:
    """1.0 for equal strings (and for an empty expectation: nothing to disagree with)."""
    if not expected:
        return 1.0
    return Levenshtein.normalized_similarity(found, expected)
