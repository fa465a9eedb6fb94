"""What every step of one WordPress import shares: the report, the options, the site and edition."""

from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Locale, Page

from ..models import Source
from ..report import Report


@dataclass
class WordPressImport:
    report: Report
    locale: Locale  # the edition the content goes into (--edition)
    home: Page  # that edition's home page: articles and plain pages are created under it
    source_site: str = ""  # site_key() of the export's site, set from the first file's header
    site_url: str = ""  # the old site's address as the export gives it
    uploads: Path | None = None  # --uploads: a copy of wp-content/uploads
    fetch_media: bool = False
    overwrite: bool = False
    source: str = Source.WORDPRESS
    # Filled as the import goes, for the later steps to link to: authors by login, topics by
    # category slug, tag names by tag slug; and what was already read (split files repeat it).
    authors: dict[str, object] = field(default_factory=dict)
    topics: dict[str, object] = field(default_factory=dict)
    attachments: dict[str, object] = field(default_factory=dict)
    comment_sink: object | None = None  # comments/store.CommentSink, made by the first comments
    topic_parents: dict[str, str] = field(default_factory=dict)  # category slug → its parent's
    tags: dict[str, str] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def first_time(self, kind: str, source_id: str) -> bool:
        """False when this item was already read from another file of the same export."""
        key = (kind, source_id)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def key(self, kind: str, source_id: str) -> dict:
        """The mapping key of one source object of this site."""
        return {
            "source": self.source,
            "source_site": self.source_site,
            "kind": kind,
            "source_id": str(source_id),
        }
