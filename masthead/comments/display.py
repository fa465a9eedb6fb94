"""What a reader is shown of a comment: the one place a comment is dressed for display.

A comment read for a thread gets an indent (display_depth, at most DISPLAY_DEPTH; deeper replies
are shown flat, saying whom they answer), the replies shown under it and how many more there are.
thread_html.py turns a dressed comment into HTML and `comment_data` into the API's JSON, so the
page, the script's fragments and the API show the same thing.
"""

from typing import Any

from .models import Comment

DISPLAY_DEPTH = 5  # deeper replies are shown flat, saying whom they answer


def comment_dress(comment: Comment, *, replies: list[Comment] | None = None, top: bool = False) -> Comment:
    """Sets what the display reads on `comment` and returns it. With `replies`: those are shown
    under it and the rest of its approved replies are counted as hidden. Without: it is shown
    alone (a fragment, a reply loaded later). `top`: shown above the thread at the first indent
    (the reader's own comment just posted without JavaScript)."""
    comment.display_depth = 0 if top else min(comment.depth, DISPLAY_DEPTH)  # type: ignore[attr-defined]
    comment.is_flat = not top and comment.depth > DISPLAY_DEPTH  # type: ignore[attr-defined]
    shown = replies or []
    comment.shown_replies = shown  # type: ignore[attr-defined]
    hidden = max(comment.reply_count - len(shown), 0) if replies is not None else 0
    comment.hidden_replies = hidden  # type: ignore[attr-defined]
    return comment


def comment_data(comment: Comment) -> dict[str, Any]:
    """A comment (with the replies it was dressed with) as the JSON API shows it."""
    return {
        "id": comment.pk,
        "parent": comment.parent_id,
        "root": comment.root_id,
        "depth": comment.depth,
        "author_name": comment.author_name,
        "author_url": comment.author_url,
        "role": comment.role,
        "html": comment.body_html,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "up": comment.up,
        "down": comment.down,
        "pinned": comment.is_pinned,
        "reply_count": comment.reply_count,
        "hidden_replies": getattr(comment, "hidden_replies", 0),
        "replies": [comment_data(reply) for reply in getattr(comment, "shown_replies", [])],
    }
