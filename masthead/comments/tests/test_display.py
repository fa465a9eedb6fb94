"""The one place a comment is dressed for display: indent, flat replies, shown and hidden replies."""

from masthead.comments.display import DISPLAY_DEPTH, comment_data, comment_dress
from masthead.comments.selectors import comment_live, thread_page


def _chain(post, depth):
    """A root and a line of replies, each answering the one before, `depth` levels deep."""
    parent = post("level 0")
    chain = [parent]
    for level in range(1, depth + 1):
        parent = post(f"level {level}", parent=parent.pk)
        chain.append(parent)
    return chain


def test_a_reply_below_the_deepest_indent_is_shown_flat_at_that_indent(post):
    deepest = _chain(post, DISPLAY_DEPTH + 1)[-1]
    dressed = comment_dress(comment_live(comment_id=deepest.pk))
    assert dressed.display_depth == DISPLAY_DEPTH
    assert dressed.is_flat
    assert (dressed.shown_replies, dressed.hidden_replies) == ([], 0)


def test_the_readers_own_comment_shown_above_the_thread_starts_at_the_first_indent(post):
    deepest = _chain(post, DISPLAY_DEPTH + 1)[-1]
    dressed = comment_dress(comment_live(comment_id=deepest.pk), top=True)
    assert (dressed.display_depth, dressed.is_flat) == (0, False)


def test_replies_not_shown_under_a_root_are_counted_as_hidden(post):
    root = post("root")
    first = post("first", parent=root.pk)
    post("second", parent=root.pk)
    post("third", parent=root.pk)
    root = comment_live(comment_id=root.pk)
    dressed = comment_dress(root, replies=[comment_dress(comment_live(comment_id=first.pk))])
    assert [r.body for r in dressed.shown_replies] == ["first"]
    assert dressed.hidden_replies == 2


def test_the_api_form_of_a_thread_nests_the_shown_replies(post, discussion_article, settings):
    settings.COMMENTS_REPLIES_SHOWN = 1
    root = post("root *here*")
    post("one", parent=root.pk)
    post("two", parent=root.pk)
    data = comment_data(thread_page(page_id=discussion_article.pk).roots[0])
    assert data["html"].strip() == "<p>root <em>here</em></p>"
    assert [reply["html"].strip() for reply in data["replies"]] == ["<p>one</p>"]
    assert data["hidden_replies"] == 1 and data["reply_count"] == 2
    assert data["replies"][0]["parent"] == root.pk
