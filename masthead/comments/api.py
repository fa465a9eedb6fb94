"""The discussion's JSON API (django-ninja): thread pages, create, edit, delete, vote, counts.

Same services as the form, so the same validation, screening and anti-abuse rules apply. Unsafe
requests from browsers are judged by Fetch Metadata / Origin (no CSRF token; see origin.py).
"""

import json
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.renderers import JSONRenderer
from pydantic import ConfigDict

from masthead.core.clientip import network_hash
from masthead.core.pagecache import fragment_cached, private_cache_control
from masthead.core.refusal import Refusal

from . import http_adapter, selectors, services
from .display import comment_data
from .identity import reader_from_request, reader_remember
from .models import Comment
from .threadcache import thread_cache_key

router = Router(tags=["comments"])


class Error(Schema):
    error: str
    field: str = ""
    code: str = ""


class CommentOut(Schema):
    id: int
    parent: int | None
    root: int | None
    depth: int
    author_name: str
    author_url: str
    role: str
    html: str
    created_at: datetime
    edited_at: datetime | None
    up: int
    down: int
    pinned: bool
    reply_count: int
    hidden_replies: int = 0
    replies: list["CommentOut"] = []


class ThreadOut(Schema):
    count: int
    sort: str
    next_cursor: str
    comments: list[CommentOut]


class CommentIn(Schema):
    """A new comment. Form extensions (e.g. "Notify of", inline anchors) read extra fields."""

    model_config = ConfigDict(extra="allow")
    body: str = ""
    author_name: str = ""
    author_email: str = ""
    author_url: str = ""
    parent: int | None = None
    form_token: str = ""
    fax: str = ""  # the honeypot: people leave it empty


class EditIn(Schema):
    body: str = ""
    form_token: str = ""


class Created(Schema):
    id: int
    status: str
    message: str


class VoteIn(Schema):
    value: int


class VoteOut(Schema):
    up: int
    down: int
    value: int


class CountsOut(Schema):
    counts: dict[int, int]


def _refused(error: Refusal):
    return error.status_code, error.as_json()


_ERRORS = frozenset({400, 403, 404, 409, 413, 429})
_renderer = JSONRenderer()


@router.get("/pages/{page_id}/thread", response={200: ThreadOut, 404: Error})
def thread(request: HttpRequest, page_id: int, sort: str = "", cursor: str = ""):
    """One page of a thread: about 20 top-level comments with their first replies; pass
    `next_cursor` back as `cursor` for the next page. sort: oldest | newest | voted."""
    cursor = cursor[:200]
    # Asked before the shared copy is read: a page's privacy decides who gets any copy at all.
    page = http_adapter.page_for(request, page_id)
    if page is None:
        return 404, {"error": _("This article does not exist.")}
    shared = not selectors.page_is_restricted(page=page)

    def build() -> bytes:
        return _thread_body(request, page_id=page_id, sort=sort, cursor=cursor)

    # Kept with the rendered pages, in the cache bounded in bytes: any made-up cursor is another
    # key, and in the default cache (bounded by entries only) 5,000 copies of a thread page fit.
    key = thread_cache_key(page_id=page_id, sort=sort, cursor=cursor)
    body = fragment_cached(key=key, build=build) if shared else build()
    response = HttpResponse(body, content_type=_renderer.media_type)
    if not shared:
        private_cache_control(response)
    return response


def _thread_body(request: HttpRequest, *, page_id: int, sort: str, cursor: str) -> bytes:
    result = selectors.thread_page(page_id=page_id, sort=sort, cursor=cursor)
    data = ThreadOut.model_validate(
        {
            "count": result.approved_count,
            "sort": result.sort,
            "next_cursor": result.next_cursor,
            "comments": [comment_data(c) for c in result.roots],
        }
    ).model_dump()
    return _renderer.render(request, data, response_status=200)


def _with_extension_fields(request: HttpRequest, payload: CommentIn) -> dict:
    """The declared fields, plus the undeclared ones of the JSON body (inline anchors, "Notify
    of"): ninja's schema validation drops those, and form extensions read them (form_extensions.py)."""
    try:
        raw = json.loads(request.body or b"{}")
    except ValueError:
        raw = {}
    extras = {k: v for k, v in raw.items() if isinstance(k, str)} if isinstance(raw, dict) else {}
    return {**extras, **payload.model_dump()}


@router.post("/pages/{page_id}/comments", response={201: Created, frozenset(_ERRORS): Error})
def create(request: HttpRequest, response: HttpResponse, page_id: int, payload: CommentIn):
    """Posts a comment or, with `parent`, a reply. 201 with status "approved" or "pending"."""
    page = http_adapter.page_for(request, page_id)
    if page is None:
        return 404, {"error": _("This article does not exist.")}
    reader = reader_from_request(request, create=True)
    posting = http_adapter.posting_from(
        request, reader=reader, honeypot=payload.fax, form_token=payload.form_token
    )
    try:
        comment, _verdict = services.comment_create(
            page=page, data=_with_extension_fields(request, payload), posting=posting
        )
    except Refusal as error:
        return _refused(error)
    reader_remember(response, reader)
    message = http_adapter.status_message(comment)
    return 201, {"id": comment.pk, "status": comment.status, "message": message}


@router.get("/counts", response=CountsOut)
def counts(request: HttpRequest, page: list[int] = Query(...)):  # noqa: B008
    """ "N Comments" for many pages in one call: /api/comments/counts?page=3&page=7."""
    page_ids = page[:200]
    public = selectors.pages_public(page_ids=page_ids)  # unpublished and restricted pages count 0
    counts = selectors.discussion_counts(page_ids=[i for i in page_ids if i in public])
    return {"counts": {page_id: counts.get(page_id, 0) for page_id in page_ids}}


def _own(request: HttpRequest, comment_id: int) -> Comment | None:
    found = http_adapter.own_comment(request, comment_id)
    return found[0] if found else None


@router.patch("/{comment_id}", response={200: Created, frozenset(_ERRORS): Error})
def edit(request: HttpRequest, comment_id: int, payload: EditIn):
    """Edits one's own comment within the edit window (guests: the cookie set when posting)."""
    comment = _own(request, comment_id)
    if comment is None:
        return 404, {"error": _("This comment does not exist.")}
    posting = http_adapter.posting_from(
        request, reader=reader_from_request(request), form_token=payload.form_token
    )
    try:
        comment, _verdict = services.comment_edit(comment=comment, body=payload.body, posting=posting)
    except Refusal as error:
        return _refused(error)
    message = http_adapter.status_message(comment, edited=True)
    return 200, {"id": comment.pk, "status": comment.status, "message": message}


@router.delete("/{comment_id}", response={204: None, frozenset(_ERRORS): Error})
def delete(request: HttpRequest, comment_id: int):
    """Deletes one's own comment within the edit window."""
    comment = _own(request, comment_id)
    if comment is None:
        return 404, {"error": _("This comment does not exist.")}
    try:
        services.comment_delete(comment=comment, reader=reader_from_request(request))
    except Refusal as error:
        return _refused(error)
    return 204, None


@router.post("/{comment_id}/vote", response={200: VoteOut, frozenset(_ERRORS): Error})
def vote(request: HttpRequest, response: HttpResponse, comment_id: int, payload: VoteIn):
    """Votes up (1) or down (-1), or withdraws (0). The same vote twice: 409."""
    if not http_adapter.comment_reachable(request, comment_id, missing=True):
        # As the form's vote view: the comment of a page this request cannot read is not there.
        return 404, {"error": _("This comment does not exist.")}
    reader = reader_from_request(request, create=True)
    try:
        result = services.comment_vote(
            comment_id=comment_id, reader=reader, value=payload.value, network=network_hash(request)
        )
    except Refusal as error:
        return _refused(error)
    reader_remember(response, reader)
    return 200, {"up": result.up, "down": result.down, "value": result.value}
