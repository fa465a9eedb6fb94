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
    # Filled as the import goes, by WordPress id / login / slug, for the later steps to link to.
    authors: dict[str, object] = field(default_factory=dict)
    topics: dict[str, object] = field(default_factory=dict)
    attachments: dict[str, object] = field(default_factory=dict)
    comment_sink: object | None = None  # comments/store.CommentSink, made by the first comments
