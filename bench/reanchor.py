"""Re-anchoring 500 anchors on a 5,000-word article after an edit (target: under 2 seconds).

Run: uv run python bench/reanchor.py
The edit inserts a paragraph near the top (shifting every later anchor), fixes typos inside
some quotes, rewords others, moves a paragraph and deletes one, so every path of
masthead.inline.anchoring is exercised: exact in place, exact elsewhere, fuzzy, orphan.
"""

import random
import time
from collections import Counter

from masthead.inline.anchoring import anchor_resolve, selector_at

WORDS = (
    "council budget river school library levy bridge residents mayor vote street station "
    "flood repair committee plan parking hours spring finance shop owners meeting night "
    "dollars year public works ward report market park bus route tax rate"
).split()


def article(rng: random.Random, words: int = 5000) -> list[str]:
    paragraphs, left = [], words
    while left > 0:
        n = min(left, rng.randint(60, 120))
        sentence = " ".join(rng.choice(WORDS) for _ in range(n))
        paragraphs.append(sentence.capitalize() + ".")
        left -= n
    return paragraphs


def main() -> None:
    rng = random.Random(4)
    paragraphs = article(rng)
    text = " ".join(paragraphs)
    selectors = []
    for _ in range(500):
        start = rng.randrange(0, len(text) - 200)
        selectors.append(selector_at(text=text, start=start, end=start + rng.randint(15, 160)))

    edited = list(paragraphs)
    edited.insert(2, "An editor's note added after publication explains the correction below.")
    edited.append(edited.pop(10))  # a paragraph moved to the end
    del edited[20]  # a paragraph deleted
    new_text = " ".join(edited)
    for _ in range(300):  # 300 letters changed: typos fixed, words altered
        at = rng.randrange(0, len(new_text) - 10)
        new_text = new_text[:at] + rng.choice("xyz") + new_text[at + 1 :]

    started = time.perf_counter()
    resolutions = [anchor_resolve(text=new_text, selector=s) for s in selectors]
    elapsed = time.perf_counter() - started
    states = Counter(r.state.value for r in resolutions)
    pairs = zip(resolutions, selectors, strict=True)
    fuzzy = sum(1 for r, s in pairs if r.selector and r.selector.exact != s.exact)
    words = len(new_text.split())
    print(f"article: {words} words, {len(new_text)} characters; anchors: {len(selectors)}")
    print(f"states: {dict(states)}; found by approximate match: {fuzzy}")
    print(
        f"re-anchoring took {elapsed:.3f} s ({elapsed / len(selectors) * 1000:.2f} ms per anchor); "
        f"target < 2 s: {'met' if elapsed < 2 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
