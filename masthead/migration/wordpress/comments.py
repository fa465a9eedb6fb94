"""The comments of one WordPress item (its wp:comment elements), onto the page it became.

The WordPress importer calls `item_comments_import` for every post and page it reads, after the
page is written (or with `page=None` when the item itself was not imported), on every run: a
catch-up re-run is how new comments arrive. `item.comments` holds each wp:comment's fields by
name ("wp:comment_id", "wp:comment_parent"…) plus "meta" (its commentmeta, key → value).
wpDiscuz keeps its comments as ordinary wp:comment elements, with its vote tallies in meta.
"""

import hashlib
import json
import re
from datetime import UTC, datetime

from django.utils import timezone
from wagtail.models import Page

from ..comments.records import APPROVED, HTML_NEWLINES, PENDING, REMOVED, SPAM, SourceComment
from ..comments.store import KIND, CommentSink
from .context import WordPressImport
from .wxr import Record

__all__ = ["KIND", "comments_flush", "item_comments_import", "wp_comment_read"]

STATUSES = {"1": APPROVED, "approve": APPROVED, "0": PENDING, "hold": PENDING, "spam": SPAM}
SKIPPED_TYPES = {"pingback", "trackback"}


def item_comments_import(*, item: Record, page: Page | None, context: WordPressImport) -> None:
    if not item.comments:
        return
    post_id = item.get("wp:post_id")
    comments = [wp_comment_read(fields, post_id=post_id, line=item.line) for fields in item.comments]
    _sink(context).add([(comment, page.pk if page is not None else None) for comment in comments])


def comments_flush(*, context: WordPressImport) -> None:
    """Stores the comments still held; the importer calls it once, after the last item."""
    if context.comment_sink is not None:
        context.comment_sink.flush()


def _sink(context: WordPressImport) -> CommentSink:
    """One per run: it holds the mapping of the comments imported by earlier runs."""
    if context.comment_sink is None:
        context.comment_sink = CommentSink(
            source=context.source, source_site=context.source_site, report=context.report
        )
    return context.comment_sink


def wp_comment_read(fields: dict, *, post_id: str = "", line: int = 0) -> SourceComment:
    """One wp:comment as a source comment (its HTML as written, votes from wpDiscuz)."""
    key = fields.get("wp:comment_id", "").strip()
    kind = fields.get("wp:comment_type", "").strip().lower()
    up, down = wpdiscuz_votes(fields.get("meta") or {})
    return SourceComment(
        key=key or _derived_key(fields, post_id),
        thread_key=post_id,
        parent_key=_parent(fields),
        author_name=fields.get("wp:comment_author", ""),
        author_email=fields.get("wp:comment_author_email", ""),
        author_url=fields.get("wp:comment_author_url", ""),
        created_at=_when(fields),
        text=fields.get("wp:comment_content", ""),
        text_format=HTML_NEWLINES,
        status=_status(fields.get("wp:comment_approved", "")),
        address=fields.get("wp:comment_author_IP", ""),
        up=up,
        down=down,
        skip=kind if kind in SKIPPED_TYPES else "",
        position=f"post {post_id}, line {line}" if line else f"post {post_id}",
    )


def _parent(fields: dict) -> str:
    parent = fields.get("wp:comment_parent", "").strip()
    return "" if parent in ("", "0") else parent


def _status(value: str) -> str:
    value = value.strip().lower()
    if value in ("trash", "post-trashed"):
        return REMOVED
    return STATUSES.get(value, PENDING)


def _when(fields: dict) -> datetime:
    """comment_date_gmt, or comment_date in the site's time zone when the GMT one is zeros."""
    for name, zone in (("wp:comment_date_gmt", UTC), ("wp:comment_date", None)):
        raw = fields.get(name, "").strip()
        try:
            parsed = datetime.strptime(raw, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return parsed.replace(tzinfo=zone) if zone else timezone.make_aware(parsed)
    return timezone.now()


def _derived_key(fields: dict, post_id: str) -> str:
    """A comment with an empty id still gets a stable key, so a re-run recognises it."""
    text = "\x1f".join(
        [post_id, fields.get("wp:comment_author", ""), fields.get("wp:comment_date_gmt", "")]
        + [fields.get("wp:comment_content", "")]
    )
    return "noid-" + hashlib.sha256(text.encode()).hexdigest()[:24]


def wpdiscuz_votes(meta: dict) -> tuple[int, int]:
    """(up, down) from wpDiscuz: `wpdiscuz_votes_seperate` (sic) holds likes and dislikes as a
    PHP-serialised (or JSON) array; older versions keep only the net `wpdiscuz_votes`."""
    separate = (meta.get("wpdiscuz_votes_seperate") or "").strip()
    if separate:
        counts = _php_or_json_counts(separate)
        if counts:
            return abs(counts.get("like", 0)), abs(counts.get("dislike", 0))
    try:
        net = int(float((meta.get("wpdiscuz_votes") or "0").strip() or 0))
    except ValueError:
        return 0, 0
    return max(net, 0), max(-net, 0)


def _php_or_json_counts(text: str) -> dict[str, int]:
    if text.startswith("{"):
        try:
            return {k: int(v) for k, v in json.loads(text).items() if str(v).lstrip("-").isdigit()}
        except (ValueError, AttributeError):
            return {}
    pairs = re.findall(r's:\d+:"(like|dislike)";(?:i:(-?\d+)|s:\d+:"(-?\d+)")', text)
    return {name: int(number or quoted) for name, number, quoted in pairs}
