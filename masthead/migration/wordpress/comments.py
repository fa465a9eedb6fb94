"""The comments of one WordPress item (its wp:comment elements), onto the page it became.

The WordPress importer calls `item_comments_import` for every post and page it reads, after the
page is written (or with `page=None` when the item itself was not imported), on every run: a
catch-up re-run is how new comments arrive. `item.comments` holds each wp:comment's fields by
name ("wp:comment_id", "wp:comment_parent"…) plus "meta" (its commentmeta, key → value).
"""

from wagtail.models import Page

from .context import WordPressImport
from .wxr import Record

KIND = "comments"


def item_comments_import(*, item: Record, page: Page | None, context: WordPressImport) -> None:
    # Until the comment import lands (issue #11, comment parts), comments are counted, not lost.
    if item.comments:
        context.report.found(KIND, len(item.comments))
        context.report.skipped(KIND, "comment import not available yet", len(item.comments))
