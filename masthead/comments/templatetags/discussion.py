"""{% discussion page %}: the thread under an article, the same bytes for every reader."""

from dataclasses import replace

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from masthead.core.numbers import number_parse
from masthead.core.pagecache import fragment_cached

from .. import selectors
from ..display import comment_dress
from ..form_extensions import comment_extensions
from ..models import Comment, Status
from ..services import discussion_is_open
from ..thread_html import comments_html
from ..threadcache import thread_cache_key
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


def _thread(page_id: int, sort: str, cursor: str) -> tuple[selectors.ThreadPage, SafeString]:
    """The thread page and its comments' HTML. The first page in each order is kept as a fragment
    until the thread changes (a new, edited or removed comment, a vote), so a page rendered per
    request (?posted=, a preview, a restricted story) does not read and dress it every time."""
    if cursor:
        thread = selectors.thread_page(page_id=page_id, sort=sort, cursor=cursor)
        return thread, comments_html(thread.roots)

    def build() -> tuple[selectors.ThreadPage, str]:
        thread = selectors.thread_page(page_id=page_id, sort=sort)
        return replace(thread, roots=[]), str(comments_html(thread.roots))

    key = thread_cache_key(page_id=page_id, sort=selectors.sort_clean(sort), cursor="")
    thread, html = fragment_cached(key=f"{key}:html", build=build)
    return thread, mark_safe(html)  # noqa: S308 (built by comments_html, which escapes)


@register.inclusion_tag("comments/_discussion.html", takes_context=True)
def discussion(context, page):
    request = context.get("request")
    get = request.GET if request else {}
    thread, thread_html = _thread(page.pk, get.get("sort", ""), get.get("cursor", ""))
    posted = _posted(request, page.pk)
    if posted is not None:
        comment_dress(posted, top=True)
    return {
        "request": request,
        "page": page,
        "thread": thread,
        "thread_html": thread_html,
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
