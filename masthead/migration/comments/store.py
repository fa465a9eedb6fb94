"""Comments read from any source, stored through the comments app and accounted in the report.

One `CommentSink` per run holds the mapping of comments imported before (one query), so each
comment is new (stored in bulk), unchanged (same digest as last time: nothing loaded), or
changed (brought up to date by the comments app's rules). Spam and deleted comments are
skipped and counted, unless a comment that is imported replies to them: then they are kept,
not shown, so that the reply keeps its place under its parent.
"""

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import replace

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from masthead.comments.importing import CommentImport, comments_import, comments_import_update
from masthead.comments.models import Comment
from masthead.core.clientip import address_network_hash

from ..models import ImportedObject
from ..report import Report
from ..selectors import ImportedRef, imported_refs
from .markdown import html_to_markdown
from .records import HTML_NEWLINES, MARKDOWN, REMOVED, SPAM, SourceComment

KIND = "comments"  # in the report
MAPPING_KIND = "comment"  # in ImportedObject


class _RefIds(Mapping):
    """Source id → comment id of comments imported before, as comments_import wants it."""

    def __init__(self, refs: dict[str, ImportedRef]):
        self.refs = refs

    def __getitem__(self, key: str) -> int:
        return self.refs[key].object_id

    def __contains__(self, key) -> bool:
        return key in self.refs

    def __iter__(self) -> Iterator[str]:
        return iter(self.refs)

    def __len__(self) -> int:
        return len(self.refs)


class CommentSink:
    FLUSH_AT = 5000  # comments held before a flush: a few INSERTs per generation each time

    def __init__(self, *, source: str, source_site: str, report: Report):
        self.source, self.source_site, self.report = source, source_site, report
        self.refs = imported_refs(source=source, source_site=source_site, kind=MAPPING_KIND)
        self.content_type = ContentType.objects.get_for_model(Comment)
        self.pending: list[tuple[SourceComment, int | None]] = []
        # Parents that comments of later batches reply to (set by a caller that splits one
        # source into batches), so that a hidden parent is kept for them.
        self.replied: set[str] = set()
        self.recognised_keys: set[str] = set()  # unchanged comments streamed past (recognised)

    def recognised(self, comment: SourceComment, page_id: int | None) -> bool:
        """True (and counted as found and unchanged) for a comment imported before and not
        changed since: a caller reading a source as a stream need not hold it."""
        ref = self.refs.get(comment.key)
        if ref is None or comment.skip or page_id is None or comment.key in self.recognised_keys:
            return False
        if ref.digest != _digest(comment, page_id):
            return False
        self.recognised_keys.add(comment.key)
        self.report.found(KIND)
        self.report.unchanged(KIND)
        return True

    def add(self, items: list[tuple[SourceComment, int | None]]) -> None:
        """Holds the comments of one item (a WordPress post) until enough are waiting: a reply
        always comes with its post, so an item's comments never wait for another's."""
        self.pending += items
        if len(self.pending) >= self.FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            items, self.pending = self.pending, []
            self.store(items)

    def store(self, items: list[tuple[SourceComment, int | None]]) -> None:
        """Stores one batch: every comment whose parent is in the batch or imported before.
        `items` pairs each comment with the page it goes to (None: its article is not here)."""
        self.report.found(KIND, len(items))
        kept = self._keep(items)
        new, changed, digests = [], [], {}
        for comment, page_id in kept.values():
            ref, digests[comment.key] = self.refs.get(comment.key), _digest(comment, page_id)
            if ref is not None and ref.digest == digests[comment.key]:
                self.report.unchanged(KIND)  # recognised without converting or loading anything
            else:
                (new if ref is None else changed).append(_as_import(comment, page_id))
        if new:
            self._add(new, digests)
        if changed:
            self._update(changed, digests)

    def _keep(self, items) -> dict[str, tuple[SourceComment, int]]:
        kept: dict[str, tuple[SourceComment, int]] = {}
        for comment, page_id in items:
            if comment.skip:
                self.report.skipped(KIND, comment.skip)
            elif page_id is None:
                self.report.skipped(KIND, "article not imported")
            elif comment.key in kept or comment.key in self.recognised_keys:
                self.report.skipped(KIND, "duplicate id")
                self._note(comment, "a second comment with this id was skipped")
            else:
                kept[comment.key] = (comment, page_id)
        for key, (comment, page_id) in list(kept.items()):
            parent = comment.parent_key
            if parent and parent not in kept and parent not in self.refs:
                self._note(comment, f"its parent {parent} is not in the source: shown as a top-level comment")
                kept[key] = (replace(comment, parent_key=""), page_id)
        return self._without_hidden_leaves(kept)

    def _without_hidden_leaves(self, kept: dict) -> dict:
        """Drops new spam and deleted comments, except those a kept comment replies to."""
        while True:
            wanted = {c.parent_key for c, _ in kept.values() if c.parent_key} | self.replied
            drop = [
                key
                for key, (c, _) in kept.items()
                if c.status in (SPAM, REMOVED) and key not in wanted and key not in self.refs
            ]
            if not drop:
                return kept
            for key in drop:
                self.report.skipped(KIND, "spam" if kept[key][0].status == SPAM else "deleted")
                del kept[key]

    def _note(self, comment: SourceComment, detail: str) -> None:
        where = f" ({comment.position})" if comment.position else ""
        self.report.note(kind="comment", source_id=comment.key or "(empty)", detail=detail + where)

    def _add(self, new: list[CommentImport], digests: dict[str, str]) -> None:
        ids = comments_import(comments=new, known=_RefIds(self.refs))
        rows = [
            ImportedObject(
                source=self.source,
                source_site=self.source_site,
                kind=MAPPING_KIND,
                source_id=key,
                content_type=self.content_type,
                object_id=pk,
                digest=digests[key],
            )
            for key, pk in ids.items()
        ]
        ImportedObject.objects.bulk_create(rows, batch_size=500)
        for key, pk in ids.items():
            self.refs[key] = ImportedRef(pk, None, digests[key])
        self.report.imported(KIND, len(ids))

    def _update(self, changed: list[CommentImport], digests: dict[str, str]) -> None:
        result = comments_import_update(comments=changed, known=_RefIds(self.refs))
        self.report.updated(KIND, len(result.updated))
        self.report.unchanged(KIND, len(result.unchanged))
        gone = len(changed) - len(result.updated) - len(result.unchanged)
        if gone:
            self.report.skipped(KIND, "deleted in Masthead", gone)
        conflicts = set(result.conflicts)
        for key in conflicts:
            self.report.conflict(
                kind="comment",
                source_id=key,
                title="",
                detail="edited in Masthead since the import: text kept",
            )
        for key in set(result.updated + result.unchanged) - conflicts:
            digest = digests[key]
            ImportedObject.objects.filter(
                source=self.source, source_site=self.source_site, kind=MAPPING_KIND, source_id=key
            ).update(digest=digest)
            self.refs[key] = self.refs[key]._replace(digest=digest)


def _as_import(comment: SourceComment, page_id: int) -> CommentImport:
    return CommentImport(
        key=comment.key,
        page_id=page_id,
        parent_key=comment.parent_key or None,
        author_name=comment.author_name.strip() or _("Anonymous"),
        author_email=comment.author_email.strip(),
        author_url=comment.author_url.strip()
        if comment.author_url.strip().startswith(("http://", "https://"))
        else "",
        created_at=comment.created_at,
        body=source_markdown(comment.text, comment.text_format),
        status=comment.status,
        up=max(comment.up, 0),
        down=max(comment.down, 0),
        network_hash=address_network_hash(comment.address),
    )


def source_markdown(text: str, text_format: str) -> str:
    """A source's comment text as the Markdown subset (Isso already writes Markdown)."""
    if text_format == MARKDOWN:
        return text
    return html_to_markdown(text, newlines=text_format == HTML_NEWLINES)


def _digest(c: SourceComment, page_id: int) -> str:
    """What the source said, as last imported: equal digests mean nothing to do on a re-run."""
    fields = (page_id, c.parent_key, c.author_name, c.author_email, c.author_url, c.created_at.isoformat())
    text = "\x1f".join(map(str, (*fields, c.text, c.text_format, c.status, c.up, c.down, c.address)))
    return hashlib.sha256(text.encode()).hexdigest()
