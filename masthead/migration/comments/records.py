"""A comment and a thread as read from any source (WordPress, Disqus, Isso), before storing."""

from dataclasses import dataclass
from datetime import datetime

# What a source's status becomes. Spam and deleted comments are not shown (and are only stored
# when another comment replies to them, so that the reply keeps its place).
APPROVED, PENDING, SPAM, REMOVED = "approved", "pending", "spam", "removed"

# How a source writes a comment's text. It is turned into the Markdown subset only for comments
# that are new or changed: a re-run recognises the rest by the text as written.
HTML_NEWLINES = "html_newlines"  # WordPress: HTML where a blank line is a paragraph
HTML = "html"  # Disqus: HTML where whitespace collapses
MARKDOWN = "markdown"  # Isso


@dataclass(frozen=True)
class SourceThread:
    key: str  # the source's thread id
    identifier: str = ""  # Disqus's identifier ("123 http://…" from its WordPress plugin)
    url: str = ""
    title: str = ""


@dataclass(frozen=True)
class SourceComment:
    key: str  # the source's comment id, unique in the source site
    thread_key: str
    parent_key: str  # "" for a top-level comment
    author_name: str
    author_email: str
    author_url: str
    created_at: datetime
    text: str  # as the source wrote it, in `text_format`
    status: str  # APPROVED, PENDING, SPAM or REMOVED
    address: str = ""  # the client address, turned into a network hash, never stored
    up: int = 0
    down: int = 0
    skip: str = ""  # a reason not to import it at all ("pingback"…)
    position: str = ""  # where in the file, for report lines
    text_format: str = HTML_NEWLINES
