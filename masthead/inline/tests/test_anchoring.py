"""Re-anchoring over realistic edits of a news story."""

from hypothesis import given
from hypothesis import strategies as st

from masthead.inline.anchoring import Selector, State, anchor_resolve, selector_at

P1 = (
    "The Riverside council voted six to three on Tuesday night to adopt a budget of 48.2 million "
    "dollars for the coming year, after a meeting that ran past midnight."
)
P2 = (
    "Councillor Amara Okafor, who chairs the finance committee, said the plan protects the library "
    "hours that residents fought to keep last spring."
)
P3 = (
    "Opponents argued that the new parking levy falls hardest on shop owners along Mill Street, "
    "where footfall has not recovered since the bridge closure."
)
P4 = (
    "The budget also sets aside 1.5 million dollars for repairs to the Eastbank pumping station, "
    "which failed twice during the February floods."
)
ARTICLE = " ".join([P1, P2, P3, P4])


def _select(text: str, quote: str, occurrence: int = 0) -> Selector:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return selector_at(text=text, start=start, end=start + len(quote))


def _found(text: str, selector: Selector) -> str | None:
    resolution = anchor_resolve(text=text, selector=selector)
    if resolution.selector is None:
        return None
    s = resolution.selector
    assert text[s.start : s.end] == s.exact
    return s.exact


def test_unchanged_text_keeps_the_same_place():
    selector = _select(ARTICLE, "protects the library hours")
    resolution = anchor_resolve(text=ARTICLE, selector=selector)
    assert resolution.state == State.ANCHORED
    assert resolution.selector == selector


def test_a_typo_fixed_inside_the_quote():
    typo = ARTICLE.replace("pumping station", "pumpng station")
    selector = _select(typo, "repairs to the Eastbank pumpng station")
    resolution = anchor_resolve(text=ARTICLE, selector=selector)
    assert resolution.state == State.MOVED
    assert resolution.selector.exact == "repairs to the Eastbank pumping station"


def test_a_sentence_inserted_before_the_quote():
    selector = _select(ARTICLE, "falls hardest on shop owners")
    edited = ARTICLE.replace(P2, P2 + " The mayor did not vote.")
    resolution = anchor_resolve(text=edited, selector=selector)
    assert resolution.state == State.MOVED
    assert resolution.selector.start == selector.start + len(" The mayor did not vote.")
    assert resolution.selector.exact == "falls hardest on shop owners"


def test_the_paragraph_moved():
    selector = _select(ARTICLE, "which failed twice during the February floods")
    edited = " ".join([P4, P1, P2, P3])
    assert _found(edited, selector) == "which failed twice during the February floods"
    assert anchor_resolve(text=edited, selector=selector).selector.start < len(P4)


def test_the_quote_reworded_slightly():
    selector = _select(ARTICLE, "the plan protects the library hours that residents fought to keep")
    reworded = "the plan will protect the library opening hours residents fought to keep"
    edited = ARTICLE.replace("the plan protects the library hours that residents fought to keep", reworded)
    assert _found(edited, selector) == reworded


def test_the_passage_deleted_becomes_an_orphan():
    selector = _select(ARTICLE, "where footfall has not recovered since the bridge closure")
    edited = " ".join([P1, P2, P4])
    resolution = anchor_resolve(text=edited, selector=selector)
    assert resolution.state == State.ORPHAN
    assert resolution.selector is None


def test_the_same_quote_twice_picks_the_one_nearest_the_old_position():
    repeated = "Residents may comment until Friday."
    text = " ".join([P1, repeated, P2, P3, repeated, P4])
    selector = _select(text, repeated, occurrence=1)
    # The old occurrence's surroundings are rewritten on both sides; the other copy stays.
    edited = " ".join([P1, repeated, P2, "Critics were unmoved.", repeated, "More to follow."])
    resolution = anchor_resolve(text=edited, selector=selector)
    assert resolution.selector.start == edited.rindex(repeated)


def test_the_same_quote_twice_follows_its_context_after_an_insertion():
    text = f"{P1} The vote was close. {P2} {P3} The vote was close. {P4}"
    selector = _select(text, "The vote was close.", occurrence=1)
    edited = "A long new opening paragraph about something else entirely, added later. " * 3 + text
    resolution = anchor_resolve(text=edited, selector=selector)
    assert resolution.selector.start == edited.rindex("The vote was close.")


def test_an_unrelated_short_quote_does_not_anchor_to_noise():
    selector = selector_at(text="Nothing here resembles the rest.", start=0, end=12)
    assert anchor_resolve(text=ARTICLE, selector=selector).state == State.ORPHAN


words = st.text(alphabet="abcdefgh ", min_size=1, max_size=300)


@given(text=words, data=st.data())
def test_unchanged_text_always_reanchors_to_exactly_the_same_place(text, data):
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    selector = selector_at(text=text, start=start, end=end)
    resolution = anchor_resolve(text=text, selector=selector)
    assert resolution.state == State.ANCHORED
    assert (resolution.selector.start, resolution.selector.end) == (start, end)
