"""Reads of the discussion: a page of a thread in a fixed number of queries, counts, own state.

A thread page is two queries whatever the thread's size (docs/architecture.md): the roots of the page
by keyset cursor, then the first replies of those roots in path order (a LIMIT per root caps
them). The first page of a thread adds one query for pinned comments.
"""

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from masthead.core.numbers import ID_MAX, number_parse

from .display import comment_dress
from .models import Comment, Discussion, Status

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.models import Page

SORTS = ("oldest", "newest", "voted")

_LIST_FIELDS = (
    "id",
    "page_id",
    "parent_id",
    "root_id",
    "depth",
    "path",
    "author_name",
    "author_url",
    "role",
    "parent_author_name",
    "body_html",
    "status",
    "is_pinned",
    "created_at",
    "edited_at",
    "up",
    "down",
    "score",
    "reply_count",
    "user_id",
)


@dataclass
class ThreadPage:
    sort: str
    roots: list[Comment]  # each with .shown_replies (list) and .hidden_replies (int)
    next_cursor: str  # "" on the last page
    approved_count: int
    is_first: bool
    last_id: int = 0  # the newest approved comment of the whole thread
    extra: dict[str, Any] = field(default_factory=dict)


class DiscussionState(TypedDict):
    approved_count: int
    last_comment_id: int
    is_closed: bool


# A thread page's keyset cursor: the last root's sort value (its time, or its score) and its id.
type Cursor = tuple[datetime | int, Any]


def page_for_comments(*, page_id: int, request: "HttpRequest") -> "Page | None":
    """The live page a discussion belongs to (its specific class, for bylines), or None when it
    is not published or `request` may not read it: every discussion endpoint serves only what the
    article's own page would show the same request (Wagtail's view restrictions: a password
    entered in this session, a login, a group)."""
    from wagtail.models import Page

    page = Page.objects.live().filter(pk=page_id).first()
    if page is None or not all(r.accept_request(request) for r in page.get_view_restrictions()):
        return None
    return page.specific


def comment_live(*, comment_id: int) -> Comment | None:
    """A comment readers may see or its author still has (approved or pending), with its page."""
    return (
        Comment.objects.filter(pk=comment_id, status__in=[Status.APPROVED, Status.PENDING])
        .select_related("page")
        .first()
    )


def comment_page_id(*, comment_id: int) -> int | None:
    """The page a comment is on, whatever its status; None when there is no such comment."""
    return Comment.objects.filter(pk=comment_id).values_list("page_id", flat=True).first()


def comment_on_page(*, comment_id: int, page_id: int, statuses: tuple[str, ...]) -> Comment | None:
    """A comment of one page in one of these statuses (the one just posted, the one replied to)."""
    return Comment.objects.filter(pk=comment_id, page_id=page_id, status__in=statuses).first()


def comment_get(*, comment_id: int) -> Comment | None:
    """A comment whatever its status (a moderator's screens reach every one), or None."""
    return Comment.objects.filter(pk=comment_id).first()


def comments_with_pages() -> QuerySet[Comment]:
    """Every comment, with its page loaded alongside (the moderation listing shows both)."""
    return Comment.objects.select_related("page")


def comments_pending_count() -> int:
    """How many comments wait for a moderator."""
    return Comment.objects.filter(status=Status.PENDING).count()


def comment_approved(*, comment_id: int) -> Comment | None:
    return Comment.objects.filter(pk=comment_id, status=Status.APPROVED).first()


def page_is_restricted(*, page: "Page") -> bool:
    """A page behind a password, a login or a group: what it shows is never shared in a cache."""
    restricted: bool = page.get_view_restrictions().exists()
    return restricted


def pages_public(*, page_ids: list[int]) -> set[int]:
    """Which of these pages are published with no view restriction."""
    from wagtail.models import Page

    real = [page_id for page_id in page_ids if 0 <= page_id <= ID_MAX]
    return set(Page.objects.live().public().filter(pk__in=real).values_list("pk", flat=True))


def sort_clean(value: str | None) -> str:
    return value if value in SORTS else settings.COMMENTS_DEFAULT_SORT


def _cursor_encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _cursor_decode(cursor: str, *, key: str) -> Cursor | None:
    """The (sort value, id) a cursor carries, or None (the first page) for anything a reader
    may have crafted: base64 JSON of other shapes or types, dates that are no dates."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError):
        return None
    if not isinstance(values, list) or len(values) != 2 or number_parse(values[1]) is None:
        return None
    if key != "created_at":
        score = values[0]
        return (score, values[1]) if type(score) is int and abs(score) <= ID_MAX else None
    try:
        return (datetime.fromisoformat(values[0]), values[1]) if isinstance(values[0], str) else None
    except ValueError:
        return None


def _sort_order(sort: str) -> tuple[tuple[str, str], str]:
    """The ORDER BY of a sort, and the field its cursor carries."""
    if sort == "voted":
        return ("-score", "-id"), "score"
    if sort == "newest":
        return ("-created_at", "-id"), "created_at"
    return ("created_at", "id"), "created_at"


def _roots_query(*, page_id: int, sort: str, cursor: Cursor | None) -> tuple[QuerySet[Comment], str]:
    roots = Comment.objects.filter(page_id=page_id, status=Status.APPROVED, depth=0, is_pinned=False)
    order, key = _sort_order(sort)
    if cursor:
        value, last_id = cursor
        op = "gt" if sort == "oldest" else "lt"
        roots = roots.filter(Q(**{f"{key}__{op}": value}) | Q(**{key: value, f"id__{op}": last_id}))
    return roots.order_by(*order).only(*_LIST_FIELDS), key


def _replies_of(root_ids: list[int], *, limit: int) -> list[Comment]:
    """The first `limit` approved replies of each root, in one query whose work does not grow
    with the thread: one small index range per root (root, status, path), each stopped by its
    LIMIT. (A ROW_NUMBER() window over all replies of the roots was O(replies): 50 ms at
    10,000 comments.)"""
    table = Comment._meta.db_table
    # Only the table name is formatted in; every value is a parameter.
    one = (
        f"SELECT id FROM (SELECT id FROM {table} WHERE root_id = %s AND status = %s AND depth > 0 "  # noqa: S608
        "ORDER BY path LIMIT %s) AS r"
    )
    sql = " UNION ALL ".join([one] * len(root_ids))
    params = [value for root_id in root_ids for value in (root_id, Status.APPROVED.value, limit)]
    return list(
        Comment.objects.filter(pk__in=RawSQL(sql, params))  # noqa: S611
        .order_by("root_id", "path")
        .only(*_LIST_FIELDS)
    )


def _attach_replies(roots: list[Comment], replies: list[Comment]) -> None:
    by_root: dict[int | None, list[Comment]] = {root.pk: [] for root in roots}
    for reply in replies:
        by_root[reply.root_id].append(comment_dress(reply))
    for root in roots:
        comment_dress(root, replies=by_root[root.pk])


def thread_page(
    *, page_id: int, sort: str = "", cursor: str = "", page_size: int | None = None
) -> ThreadPage:
    """One page of a thread: up to COMMENTS_PAGE_SIZE top-level comments in the chosen order,
    each with its first COMMENTS_REPLIES_SHOWN approved replies."""
    sort, size = sort_clean(sort), page_size or settings.COMMENTS_PAGE_SIZE
    decoded = _cursor_decode(cursor, key=_sort_order(sort)[1]) if cursor else None
    query, key = _roots_query(page_id=page_id, sort=sort, cursor=decoded)
    roots = list(query[: size + 1])
    has_more = len(roots) > size
    roots = roots[:size]
    if decoded is None:
        pinned = list(
            Comment.objects.filter(page_id=page_id, status=Status.APPROVED, depth=0, is_pinned=True)
            .order_by("created_at")
            .only(*_LIST_FIELDS)
        )
        roots = pinned + roots
    if roots:
        _attach_replies(roots, _replies_of([r.pk for r in roots], limit=settings.COMMENTS_REPLIES_SHOWN))
    last = roots[-1] if roots and has_more else None
    next_cursor = ""
    if last is not None:
        value = last.created_at.isoformat() if key == "created_at" else last.score
        next_cursor = _cursor_encode([value, last.pk])
    state = discussion_state(page_id=page_id)
    return ThreadPage(
        sort=sort,
        roots=roots,
        next_cursor=next_cursor,
        approved_count=state["approved_count"],
        is_first=decoded is None,
        last_id=state["last_comment_id"],
    )


def replies_more(*, root_id: int, after_path: str = "", limit: int = 100) -> list[Comment]:
    """Further approved replies of one top-level comment, after a path (for "view replies (n)")."""
    replies = list(
        Comment.objects.filter(root_id=root_id, status=Status.APPROVED, depth__gt=0, path__gt=after_path)
        .order_by("path")
        .only(*_LIST_FIELDS)[:limit]
    )
    return [comment_dress(reply) for reply in replies]


def discussion_count(*, page_id: int) -> int:
    return Discussion.objects.filter(page_id=page_id).values_list("approved_count", flat=True).first() or 0


def discussion_inline_count(*, page_id: int) -> int:
    """How many inline comments (on a passage) a page's discussion has."""
    return Discussion.objects.filter(page_id=page_id).values_list("inline_count", flat=True).first() or 0


def discussion_get(*, page_id: int) -> Discussion:
    """A page's discussion row; raises Discussion.DoesNotExist when the page has none yet."""
    return Discussion.objects.get(page_id=page_id)


def discussion_counts(*, page_ids: list[int]) -> dict[int, int]:
    """'N Comments' for many pages in one query (listings, the API)."""
    real = [page_id for page_id in page_ids if 0 <= page_id <= ID_MAX]  # no overflow in the database
    found = dict(Discussion.objects.filter(page_id__in=real).values_list("page_id", "approved_count"))
    return {page_id: found.get(page_id, 0) for page_id in page_ids}


def discussion_state(*, page_id: int) -> DiscussionState:
    """What a polling reader needs to know: the count and when the thread last changed."""
    row = (
        Discussion.objects.filter(page_id=page_id)
        .values("approved_count", "last_comment_id", "is_closed")
        .first()
    )
    return row or {"approved_count": 0, "last_comment_id": 0, "is_closed": False}


def comments_newer(*, page_id: int, after_id: int, limit: int = 50) -> list[Comment]:
    """Approved comments written after a given one (the "N new comments" notice loads them)."""
    items = list(
        Comment.objects.filter(page_id=page_id, status=Status.APPROVED, pk__gt=after_id)
        .order_by("id")
        .only(*_LIST_FIELDS)[:limit]
    )
    return [comment_dress(item) for item in items]


def reader_state(*, page_id: int, voter: str, user_id: int | None, key_hash: str) -> dict[str, Any]:
    """A reader's own votes on a page and their own comments (pending ones with their HTML)."""
    from .models import Vote

    votes = dict(
        Vote.objects.filter(comment__page_id=page_id, voter=voter).values_list("comment_id", "value")
    )
    own_filter = Q(user_id=user_id) if user_id else Q(edit_key_hash=key_hash) if key_hash else None
    own: list[Comment] = []
    if own_filter is not None:
        own = list(
            Comment.objects.filter(own_filter, page_id=page_id, status__in=[Status.APPROVED, Status.PENDING])
            .order_by("-id")
            .only(*_LIST_FIELDS, "edit_key_hash")[:50]
        )
    return {"votes": votes, "own": own}
