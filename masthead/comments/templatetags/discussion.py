"""{% discussion page %}: the thread under an article, the same bytes for every reader."""

from django import template
from django.conf import settings

from masthead.core.numbers import number_parse

from .. import selectors
from ..display import comment_dress
from ..form_extensions import comment_extensions
from ..models import Comment, Status
from ..services import discussion_is_open
from ..thread_html import comments_html
from ..tokens import posted_token_comment_id

register = template.Library()


def _posted(request, page_id: int) -> Comment | None:
    """The comment named by ?posted= (a signed id given after posting without JavaScript)."""
    comment_id = posted_token_comment_id(request.GET.get("posted", "")) if request else None
    if comment_id is None:
        return None
    return selectors.comment_on_page(
        comment_id=comment_id, page_id=page_id, statuses=(Status.APPROVED, Status.PENDING)
    )


def _reply_to(request, page_id: int) -> Comment | None:
    comment_id = number_parse(request.GET.get("replyto", "")) if request else None
    if comment_id is None:
        return None
    return selectors.comment_on_page(comment_id=comment_id, page_id=page_id, statuses=(Status.APPROVED,))


@register.inclusion_tag("comments/_discussion.html", takes_context=True)
def discussion(context, page):
    request = context.get("request")
    get = request.GET if request else {}
    thread = selectors.thread_page(page_id=page.pk, sort=get.get("sort", ""), cursor=get.get("cursor", ""))
    posted = _posted(request, page.pk)
    if posted is not None:
        comment_dress(posted, top=True)
    return {
        "request": request,
        "page": page,
        "thread": thread,
        "is_open": discussion_is_open(page=page),
        "sorts": [("oldest", "Oldest"), ("newest", "Newest"), ("voted", "Most Voted")],
        "default_sort": settings.COMMENTS_DEFAULT_SORT,
        "posted": posted,
        "posted_list": [posted] if posted else [],
        "reply_to": _reply_to(request, page.pk),
        "extensions": comment_extensions(),
        "max_length": settings.COMMENTS_MAX_LENGTH,
        # How often an open page asks whether new comments arrived (the live notice).
        "poll_ms": int(getattr(settings, "COMMENTS_POLL_SECONDS", 30) * 1000),
    }


@register.simple_tag
def comment_items(comments, own=False):
    """The list items of comments (thread_html.py builds them; a template include is 100× slower)."""
    return comments_html(comments, own=own)
