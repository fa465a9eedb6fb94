"""The article page's inline feedback: passage data for the highlights and the feedback list."""

from urllib.parse import quote

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from masthead.comments.selectors import discussion_inline_count

from ..anchoring import MAX_QUOTE_CHARS
from ..selectors import inline_feedback_list, page_passages

register = template.Library()


@register.inclusion_tag("inline/_passages.html")
def inline_passages(page):
    """Everything here is the same for every reader, so the page stays cacheable."""
    if not hasattr(page, "body"):
        return {"page": None}
    passages = page_passages(page=page)
    config = {
        "rev": page.live_revision_id,
        "max": MAX_QUOTE_CHARS,
        "passages": [
            {"s": p.start, "e": p.end, "ids": p.comment_ids, "label": _passage_label(len(p.comment_ids))}
            for p in passages
        ],
        "t": {
            "ask": _("Comment on this passage"),
            "mode": _("Comment on a passage"),
            "para": _("Comment on this paragraph"),
            "outside": _("Select text in the article to comment on it."),
            "long": _("Select at most %(n)s characters.") % {"n": f"{MAX_QUOTE_CHARS:,}"},
            "mismatch": _("The quote must be words from the passage you chose."),
            "answer": _("Answer: %(question)s"),
            "quote": _("Quoted passage"),
        },
    }
    count = discussion_inline_count(page_id=page.pk)
    return {"page": page, "config": config, "count": count, "feedback": inline_feedback_list(page=page)}


def _passage_label(n: int) -> str:
    label = ngettext("%(count)s comment on this passage", "%(count)s comments on this passage", n)
    return label % {"count": n}


@register.filter
def text_fragment(quote: str) -> str:
    """A text fragment link (#:~:text=…) to the quote, so that the browser itself finds and
    highlights the passage, even without JavaScript."""
    words = quote.split()
    if len(words) > 8:
        part = f"{_fragment_part(' '.join(words[:4]))},{_fragment_part(' '.join(words[-4:]))}"
    else:
        part = _fragment_part(" ".join(words))
    return f"#:~:text={part}"


def _fragment_part(text: str) -> str:
    return quote(text, safe="").replace("-", "%2D")
