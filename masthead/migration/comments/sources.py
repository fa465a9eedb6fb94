"""The one flow Disqus and Isso imports share: match threads, then store their comments."""

from collections.abc import Iterable

from ..addresses import site_key
from ..report import Report
from .index import article_index
from .records import SourceComment, SourceThread
from .store import CommentSink
from .threads import thread_comments_store, threads_match


def comments_from_threads(
    *,
    source: str,
    site_url: str,
    threads: dict[str, SourceThread],
    comments: Iterable[SourceComment],  # read once, as a stream
    report: Report,
) -> None:
    page_of = threads_match(threads=threads, index=article_index(site_url=site_url), report=report)
    sink = CommentSink(source=source, source_site=site_key(site_url), report=report)
    thread_comments_store(comments=comments, threads=threads, page_of=page_of, sink=sink)
