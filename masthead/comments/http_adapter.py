"""The one adapter between HTTP and the discussion's services, shared by views.py (forms and
fragments) and api.py (JSON): a request becomes a posting, the page or comment it may reach, and
a result becomes the message and the display a reader gets. The views and the API keep only what
differs between them (the response's shape), so both answer alike by construction.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from masthead.core.clientip import network_hash

from . import selectors
from .display import comment_dress
from .identity import Reader
from .models import Comment, Status
from .services import Posting
from .thread_html import comments_html


def posting_from(
    request: HttpRequest, *, reader: Reader, honeypot: str = "", form_token: str = ""
) -> Posting:
    """Where a comment comes from, for screening: the reader, their network, the form's token."""
    return Posting(
        reader=reader,
        network=network_hash(request),
        honeypot=honeypot,
        form_token=form_token,
        request=request,
    )


def status_message(comment: Comment, *, edited: bool = False) -> str:
    """What the reader is told once a comment is stored: shown, or held for a moderator."""
    if comment.status != Status.APPROVED:
        return _("Your comment is awaiting moderation.")
    return _("Your comment has been updated.") if edited else _("Your comment has been posted.")


def page_for(request: HttpRequest, page_id: int) -> Any:
    """The article a discussion request is about, or None when its page would not show to this
    request (unpublished, or restricted and not let in)."""
    return selectors.page_for_comments(page_id=page_id, request=request)


def own_comment(request: HttpRequest, comment_id: int) -> tuple[Comment, Any] | None:
    """A comment its author may still edit or delete, with its article; None when it is not
    shown (spam, removed) or its page would not show to this request (restricted since, or
    unpublished): then its author reaches it no more than anyone else."""
    comment = selectors.comment_live(comment_id=comment_id)
    page = page_for(request, comment.page_id) if comment else None
    if comment is None or page is None:
        return None
    return comment, page


def comment_reachable(request: HttpRequest, comment_id: int, *, missing: bool) -> bool:
    """Whether this request may see the page a comment is on; `missing` for a comment that does
    not exist (the form answers 404 itself, the API leaves it to the service's refusal)."""
    page_id = selectors.comment_page_id(comment_id=comment_id)
    if page_id is None:
        return missing
    return page_for(request, page_id) is not None


def comment_html(comment: Comment) -> SafeString:
    """The reader's own comment, alone, as the thread shows it (with its edit and delete links)."""
    return comments_html([comment_dress(comment)], own=True)
