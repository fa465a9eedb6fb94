"""The canonical plain text of a body."""

from masthead.inline.text import body_text


def test_whitespace_runs_become_one_space_and_the_ends_are_trimmed():
    html = "\n  <p>The  council\n voted.</p>\n<p>Then\tit rained.</p>  "
    assert body_text(html) == "The council voted. Then it rained."


def test_adjacent_blocks_join_without_a_space_as_the_browser_does():
    assert body_text("<p>One.</p><p>Two.</p>") == "One.Two."


def test_entities_are_decoded_and_non_breaking_spaces_kept():
    assert body_text("<p>Fish &amp; chips&nbsp;&#8212; 5&nbsp;$</p>") == "Fish & chips\xa0— 5\xa0$"


def test_scripts_styles_and_the_inline_ui_are_left_out():
    html = (
        "<p>Kept <mark>marked<button data-inline-ui>3 comments on this passage</button></mark>"
        '<script>var x = "no";</script><style>p{}</style> text.<br>End<img alt="no"></p>'
    )
    assert body_text(html) == "Kept marked text.End"


def test_figures_are_left_out_since_their_labels_follow_the_readers_language():
    html = (
        '<p>Before.</p><figure><a href="/x.jpg"><img alt=""><span>Click to see full-size image</span></a>'
        "<figcaption>The town hall. Photo: Ledger</figcaption></figure><p>After.</p>"
    )
    assert body_text(html) == "Before.After."
