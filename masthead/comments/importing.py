"""Writes of comments brought from another system (WordPress, Disqus, Isso), in bulk.

Imported comments are stored like any other: the body is the Markdown subset rendered by the
same pipeline as a reader's comment, and the thread fields (root, depth, path, reply_seq,
reply_count) and the page's counts are kept exact, so the thread, the moderation queue and
votes treat them as if they had been written here. They skip screening (they were moderated
where they were written) and send no signals: subscribers are not mailed about comments that
are years old, and the inline-feedback count has nothing to refresh.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from masthead.core.pagecache import page_cache_clear

from .markdown_body import RENDERER_VERSION, comment_render
from .models import Comment, Discussion, Role, Status
from .services import MAX_DEPTH, _segment, comment_status_set

BATCH = 500  # rows per INSERT: SQLite's limit of 32,766 variables at 25 columns a row


@dataclass(frozen=True)
class CommentImport:
    """One comment as the importer read it. `key` is the source's id, unique in the source;
    `parent_key` names a comment of the same batch or one imported earlier (in `known`)."""

    key: str
    page_id: int
    parent_key: str | None
    author_name: str
    author_email: str
    author_url: str
    created_at: datetime
    body: str
    status: str
    up: int = 0
    down: int = 0
    network_hash: str = ""


@dataclass
class _Slot:
    """Where a stored comment sits in its thread (enough to place its replies)."""

    pk: int
    page_id: int
    root_id: int
    depth: int
    path: str
    reply_seq: int
    author_name: str
    parent: "_Slot | None" = None


def _levels(comments: Sequence[CommentImport]) -> list[list[CommentImport]]:
    """The batch in generations, parents before children, whatever order the file had. A
    comment whose parent is outside the batch (or that sits in a cycle) starts a generation."""
    by_key = {c.key: c for c in comments}
    depth: dict[str, int] = {}
    for c in comments:
        chain, seen, node = [], set(), c
        while node.key not in depth and node.parent_key in by_key and node.key not in seen:
            seen.add(node.key)
            chain.append(node)
            node = by_key[node.parent_key]
        if node.key not in depth:
            depth[node.key] = 0
            chain = chain[: chain.index(node)] if node in chain else chain
        for item in reversed(chain):
            depth[item.key] = depth[by_key[item.parent_key].key] + 1
    levels: dict[int, list[CommentImport]] = defaultdict(list)
    for c in comments:
        levels[depth[c.key]].append(c)
    return [levels[d] for d in sorted(levels)]


def _known_slots(pks: Iterable[int]) -> dict[int, _Slot]:
    fields = ("pk", "page_id", "root_id", "depth", "path", "reply_seq", "author_name")
    rows = Comment.objects.filter(pk__in=set(pks)).values_list(*fields)
    return {row[0]: _Slot(*row) for row in rows}


def _place(parent: _Slot | None) -> _Slot | None:
    """Replies deeper than MAX_DEPTH attach to an ancestor, as comment_create does."""
    while parent is not None and parent.depth >= MAX_DEPTH and parent.parent is not None:
        parent = parent.parent
    return parent


def _build(c: CommentImport, parent: _Slot | None, rendered: str, *, seq: int, replies: int) -> dict:
    """The new row's columns (a dict, not a model instance: building 100,000 instances and
    letting bulk_create turn them into SQL took most of an import's time)."""
    if parent is not None:
        parent.reply_seq += 1
    return {
        "page_id": c.page_id,
        "parent_id": parent.pk if parent else None,
        "root_id": parent.root_id if parent else None,
        "depth": parent.depth + 1 if parent else 0,
        "path": parent.path + _segment(parent.reply_seq) if parent else "",
        "reply_seq": seq,
        "reply_count": replies,
        "author_name": c.author_name[:80],
        "author_email": c.author_email[:254],
        "author_url": c.author_url[:300],
        "role": Role.GUEST.value,
        "parent_author_name": parent.author_name[:80] if parent else "",
        "body": c.body,
        "body_html": rendered,
        "renderer_version": RENDERER_VERSION,
        "status": str(c.status),
        "moderation_reason": "" if c.status == Status.APPROVED else "imported",
        "created_at": c.created_at,
        "network_hash": c.network_hash,
        "up": c.up,
        "down": c.down,
        "score": c.up - c.down,
    }


def _root_keys(levels: list[list[CommentImport]], known: Mapping[str, int]) -> dict[str, str | None]:
    """The key of each comment's top-level comment in the batch (None: an existing comment)."""
    root: dict[str, str | None] = {}
    for level in levels:
        for c in level:
            root[c.key] = root.get(c.parent_key, None if c.parent_key in known else c.key)
    return root


@transaction.atomic
def comments_import(*, comments: Sequence[CommentImport], known: Mapping[str, int]) -> dict[str, int]:
    """Stores new comments (parents in the batch or in `known`, key → comment id) and returns
    the key → id of each one stored. A parent_key found in neither makes a top-level comment:
    the importer reports it. Thread fields and counts are computed before the rows are written
    (a batch is a few INSERTs per generation), and move in the same transaction."""
    levels = _levels(comments)
    root = _root_keys(levels, known)
    keys = {c.key for c in comments}
    seqs = Counter(c.parent_key for c in comments if c.parent_key in keys and root[c.key] != c.key)
    replies = Counter(root[c.key] for c in comments if c.status == Status.APPROVED and root[c.key] != c.key)
    existing = _known_slots(
        known[c.parent_key] for c in comments if c.parent_key not in keys and c.parent_key in known
    )
    slots: dict[str, _Slot] = {}
    for level in levels:
        parents = [_place(slots.get(c.parent_key) or existing.get(known.get(c.parent_key, 0))) for c in level]
        stored = _insert(level, parents, seqs, replies)
        for c, parent, row in zip(level, parents, stored, strict=True):
            slots[c.key] = _Slot(
                row["pk"], c.page_id, row["root_id"], row["depth"], row["path"], 0, row["author_name"], parent
            )
    _reply_seqs_fix(slots, seqs, existing.values())
    _counts_add([(c, slots[c.key]) for c in comments], outside=[c for c in comments if root[c.key] is None])
    return {key: slot.pk for key, slot in slots.items()}


def _insert(
    level: list[CommentImport], parents: list[_Slot | None], seqs: Counter, replies: Counter
) -> list[dict]:
    rows = [
        _build(c, p, comment_render(body=c.body), seq=seqs[c.key], replies=replies[c.key])
        for c, p in zip(level, parents, strict=True)
    ]
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        for row, pk in zip(chunk, _insert_returning(chunk), strict=True):
            row["pk"] = pk
    roots = [row["pk"] for row in rows if row["root_id"] is None]
    for start in range(0, len(roots), BATCH):
        Comment.objects.filter(pk__in=roots[start : start + BATCH]).update(root_id=F("id"))
    for row in rows:
        if row["root_id"] is None:
            row["root_id"] = row["pk"]
    return rows


def _columns() -> list:
    return [f for f in Comment._meta.concrete_fields if not f.primary_key]


def _insert_returning(rows: list[dict]) -> list[int]:
    """One multi-row INSERT … RETURNING id (SQLite and PostgreSQL return the ids in the order of
    the rows, as bulk_create relies on too); columns not given take their model default."""
    fields = _columns()
    adapt = connection.ops.adapt_datetimefield_value
    params = []
    for row in rows:
        for f in fields:
            value = row[f.attname] if f.attname in row else f.get_default()
            params.append(adapt(value) if f.get_internal_type() == "DateTimeField" else value)
    table, quote = Comment._meta.db_table, connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING id", params)  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def _reply_seqs_fix(slots: dict[str, _Slot], seqs: Counter, existing: Iterable[_Slot]) -> None:
    """Existing parents that got replies continue their sequence; a new comment whose replies
    went to an ancestor (MAX_DEPTH) is corrected. Both are rare: one UPDATE each."""
    for slot in existing:
        if slot.reply_seq:
            Comment.objects.filter(pk=slot.pk).update(reply_seq=slot.reply_seq)
    for key, slot in slots.items():
        if slot.reply_seq != seqs[key]:
            Comment.objects.filter(pk=slot.pk).update(reply_seq=slot.reply_seq)


def _counts_add(stored: list[tuple[CommentImport, _Slot]], *, outside: list[CommentImport]) -> None:
    """The pages' counts, and the reply counts of existing roots that got new replies (the
    batch's own roots were written with theirs)."""
    per_page: dict[int, list[int]] = defaultdict(list)
    per_root: dict[int, int] = defaultdict(int)
    outside_keys = {c.key for c in outside}
    for c, slot in stored:
        if c.status != Status.APPROVED:
            continue
        per_page[c.page_id].append(slot.pk)
        if c.key in outside_keys:
            per_root[slot.root_id] += 1
    for root_id, count in per_root.items():
        Comment.objects.filter(pk=root_id).update(reply_count=F("reply_count") + count)
    now = timezone.now()
    existing = _discussions_last_comment(list(per_page))
    Discussion.objects.bulk_create(
        [
            Discussion(
                page_id=page_id, approved_count=len(pks), last_comment_id=max(pks), last_changed_at=now
            )
            for page_id, pks in per_page.items()
            if page_id not in existing
        ],
        batch_size=500,
    )
    for page_id, last in existing.items():  # a catch-up run's pages: one UPDATE each
        pks = per_page[page_id]
        Discussion.objects.filter(page_id=page_id).update(
            approved_count=F("approved_count") + len(pks),
            last_comment_id=max(last, max(pks)),
            last_changed_at=now,
        )
    if stored:
        transaction.on_commit(page_cache_clear)


def _discussions_last_comment(page_ids: list[int]) -> dict[int, int]:
    """The pages of `page_ids` that have a discussion row, with its newest comment's id."""
    found: dict[int, int] = {}
    for start in range(0, len(page_ids), BATCH):
        rows = Discussion.objects.filter(page_id__in=page_ids[start : start + BATCH])
        found.update(rows.values_list("page_id", "last_comment_id"))
    return found


# Status moves only forward on a catch-up run: a held comment approved on the old site is
# approved here, spam or trash there is removed here, but a moderator's decision made here
# (approving a comment still held there, removing one) is never undone by the old site.
_FORWARD = {
    (Status.PENDING, Status.APPROVED),
    (Status.PENDING, Status.SPAM),
    (Status.PENDING, Status.REMOVED),
    (Status.APPROVED, Status.SPAM),
    (Status.APPROVED, Status.REMOVED),
}


@dataclass(frozen=True)
class ImportUpdate:
    updated: list[str]  # keys of comments changed to match the source
    unchanged: list[str]
    conflicts: list[str]  # edited here since the import: body kept


@transaction.atomic
def comments_import_update(*, comments: Sequence[CommentImport], known: Mapping[str, int]) -> ImportUpdate:
    """Brings comments imported earlier up to date with the source (body, votes, status moving
    forward); a body edited here since is kept and reported as a conflict."""
    fields = ("pk", "body", "up", "down", "status", "edited_at")
    current = {
        row[0]: row
        for row in Comment.objects.filter(pk__in=[known[c.key] for c in comments]).values_list(*fields)
    }
    updated, unchanged, conflicts = [], [], []
    for c in comments:
        row = current.get(known[c.key])
        if row is None:
            continue
        changes = _changes(c, row)
        if changes.pop("conflict", False):
            conflicts.append(c.key)
        if changes:
            _apply(row[0], changes)
            updated.append(c.key)
        else:
            unchanged.append(c.key)
    return ImportUpdate(updated=updated, unchanged=unchanged, conflicts=conflicts)


def _changes(c: CommentImport, row: tuple) -> dict:
    _pk, body, up, down, status, edited_at = row
    changes: dict = {}
    if c.body != body:
        if edited_at is None:
            changes.update(
                body=c.body, body_html=comment_render(body=c.body), renderer_version=RENDERER_VERSION
            )
        else:
            changes["conflict"] = True
    if (c.up, c.down) != (up, down):
        changes.update(up=c.up, down=c.down, score=c.up - c.down)
    if (status, c.status) in _FORWARD:
        changes["status"] = c.status
    return changes


def _apply(pk: int, changes: dict) -> None:
    status = changes.pop("status", None)
    if changes:
        Comment.objects.filter(pk=pk).update(**changes)
        transaction.on_commit(page_cache_clear)
    if status is not None:
        comment_status_set(comment=Comment.objects.get(pk=pk), status=status, reason="imported")
