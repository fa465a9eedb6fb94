"""Disqus and Isso imports: threads matched to articles, then their comments stored.

Threads are few and kept in memory; comments are read as a stream: those unchanged since the
last run are counted and let go, the new and changed ones are collected (a reply may come before
its parent, or in another thread of the same article), then stored parents first, in batches. Two threads that
match one article (Disqus makes a new thread when an address changes) are merged: their
comments share the article's thread. Every guess and every unmatched thread is a report line.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import replace

from ..report import Report
from .matching import POST_ID, ArticleIndex, thread_match
from .records import SourceComment, SourceThread
from .store import CommentSink

THREADS = "threads"


def threads_match(*, threads: dict[str, SourceThread], index: ArticleIndex, report: Report) -> dict[str, int]:
    """Thread key → page id for every thread that found its article; the rest reported."""
    page_of: dict[str, int] = {}
    merged: dict[int, str] = {}
    report.found(THREADS, len(threads))
    for key, thread in threads.items():
        label = _label(thread)
        found = thread_match(index=index, identifier=thread.identifier, url=thread.url, title=thread.title)
        if found.page_id is None:
            report.thread_unmatched(thread=label, detail=found.detail)
            report.skipped(THREADS, "no matching article")
            continue
        if found.rule != POST_ID:
            report.thread_guessed(
                thread=label, target=f"page {found.page_id}", how=f"{found.rule}: {found.detail}"
            )
        if found.page_id in merged:
            report.note(
                kind="thread",
                source_id=key,
                detail=f"merged with thread {merged[found.page_id]} (same article)",
            )
        merged.setdefault(found.page_id, key)
        page_of[key] = found.page_id
        report.imported(THREADS)
    return page_of


def _label(thread: SourceThread) -> str:
    return f"{thread.key} {thread.url or thread.identifier or '(no address)'} {thread.title!r}".strip()


def thread_comments_store(
    *,
    comments: Iterable[SourceComment],
    threads: dict[str, SourceThread],
    page_of: dict[str, int],
    sink: CommentSink,
) -> None:
    """Pairs each comment with its thread's article (or a reason it has none) and stores them.
    `comments` is read once, as a stream: a comment unchanged since the last run is counted and
    let go, so a catch-up re-run holds only what is new or changed."""
    held, replied = [], set()
    for comment in comments:
        if not comment.key:
            comment = _keyed(comment, sink)
        if comment.parent_key:
            replied.add(comment.parent_key)
        if comment.thread_key not in threads:
            sink.report.note(
                kind="comment",
                source_id=comment.key,
                detail=f"names thread {comment.thread_key or '(none)'}, which the file does not have "
                f"({comment.position})",
            )
            comment = replace(comment, skip="thread not in the file")
        elif comment.thread_key not in page_of:
            comment = replace(comment, skip="thread not matched")
        page_id = page_of.get(comment.thread_key)
        if not sink.recognised(comment, page_id):
            held.append((comment, page_id))
    sink.replied = replied
    for item in _parents_first(held):
        sink.add([item])
    sink.flush()


def _parents_first(items: list[tuple[SourceComment, int | None]]) -> list[tuple[SourceComment, int | None]]:
    """The comments in generations (every parent before its replies, whatever the file's order),
    so that they can be stored a batch at a time and memory stays flat."""
    parent_of = {comment.key: comment.parent_key for comment, _ in items}
    depth: dict[str, int] = {}
    for key in parent_of:
        chain = []
        while key not in depth and key in parent_of and key not in chain:
            chain.append(key)
            key = parent_of[key]
        base = depth.get(key, -1) if key not in chain else -1
        for offset, item in enumerate(reversed(chain), start=1):
            depth[item] = base + offset
    return sorted(items, key=lambda item: depth[item[0].key])


def _keyed(comment: SourceComment, sink: CommentSink) -> SourceComment:
    """A comment with an empty id gets a key from what it says, stable across re-runs."""
    text = "\x1f".join(
        (comment.thread_key, comment.author_name, comment.created_at.isoformat(), comment.text)
    )
    key = "noid-" + hashlib.sha256(text.encode()).hexdigest()[:24]
    sink.report.note(
        kind="comment", source_id=key, detail=f"the comment has an empty id ({comment.position})"
    )
    return replace(comment, key=key)
