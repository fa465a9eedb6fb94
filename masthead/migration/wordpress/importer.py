"""One WordPress import, start to end, over one or more export files (split exports merge).

Two streaming passes over the files: the first reads what items point at (authors, categories,
tags, attachments), the second the posts and pages (with their comments). Archive addresses are
redirected last, when topics and authors have their new addresses."""

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from django.utils.text import slugify
from django.utils.translation import override

from masthead.core.pagecache import page_cache_clear
from masthead.newsroom.selectors import pages_light

from ..addresses import site_key
from ..errors import SourceError
from ..progress import Progress
from ..selectors import imported_refs
from .attachments import AttachmentImporter
from .comments import comments_flush
from .context import WordPressImport
from .media import MediaLibrary
from .people import guest_author_import, wp_author_import
from .posts import KINDS, PostImporter
from .redirects import RedirectBook, site_prefix
from .terms import term_import
from .wxr import Record, Site, wxr_records

FIRST_PASS_TYPES = {"attachment", "guest-author"}


def wordpress_import(*, files: list[Path], context: WordPressImport, progress: Progress) -> None:
    media = MediaLibrary(context)
    attachments = AttachmentImporter(context=context, media=media)
    for record in _records(files, context):
        if record.tag in ("wp:category", "wp:tag", "wp:term"):
            term_import(record, context=context)
        elif record.tag == "wp:author":
            wp_author_import(record, context=context)
        elif record.get("wp:post_type") == "attachment":
            attachments.add(record)
        elif record.get("wp:post_type") == "guest-author":
            guest_author_import(record, context=context)
    attachments.flush()
    redirects = RedirectBook(context)
    refs = _refs(context)
    pages = pages_light(pks=[ref.object_id for kind in refs.values() for ref in kind.values()])
    posts = PostImporter(context=context, media=media, redirects=redirects, refs=refs, pages=pages)
    for record in _records(files, context, second_pass=True):
        if record.tag != "item" or record.get("wp:post_type") in FIRST_PASS_TYPES:
            continue
        if record.get("wp:post_type") in KINDS:
            posts.item(record)
        else:
            _other(record, context)
        progress.advance()
    posts.finish()
    comments_flush(context=context)
    _archive_redirects(context, redirects)
    redirects.flush()
    page_cache_clear()  # new stories were created without the per-story "published" signal


def _records(files: list[Path], context: WordPressImport, second_pass: bool = False) -> Iterator[Record]:
    for path in files:
        for record in wxr_records(path, report=context.report, note_repairs=not second_pass):
            if isinstance(record, Site):
                _site(record, context)
            else:
                yield record


def _site(site: Site, context: WordPressImport) -> None:
    """The first file names the site; every other file must be an export of the same site."""
    key = site_key(site.url)
    if not context.source_site:
        context.source_site, context.site_url = key, site.url
    elif key != context.source_site:
        raise SourceError(
            f"is an export of {site.url}, not of {context.site_url} like the first file", file=site.file
        )


def _refs(context: WordPressImport) -> dict:
    return {
        kind: imported_refs(source=context.source, source_site=context.source_site, kind=kind)
        for kind in KINDS.values()
    }


def _other(record: Record, context: WordPressImport) -> None:
    """Menus, revisions, custom CSS, reusable blocks…: counted, not imported."""
    post_type = record.get("wp:post_type") or "unknown"
    if context.first_time("other", record.get("wp:post_id")):
        context.report.found("other")
        context.report.skipped("other", f"type {post_type}")


def _archive_redirects(context: WordPressImport, redirects: RedirectBook) -> None:
    base, prefix = context.site_url.rstrip("/"), site_prefix(context.site_url)
    base = base[: len(base) - len(prefix)] if prefix else base
    with override(context.locale.language_code):
        for slug, topic in context.topics.items():
            for path in _category_paths(slug, context.topic_parents):
                redirects.to_path(f"{base}{prefix}/category/{path}/", topic.get_absolute_url())
        for login, author in context.authors.items():
            redirects.to_path(f"{base}{prefix}/author/{slugify(login)}/", author.get_absolute_url())
        for slug, name in context.tags.items():
            redirects.to_path(f"{base}{prefix}/tag/{slug}/", f"{context.home.url}search/?q={quote(name)}")


def _category_paths(slug: str, parents: dict[str, str]) -> list[str]:
    """ "/category/child/" and, for a nested category, "/category/parent/child/" as WordPress
    links it (a loop in the parents is cut)."""
    chain, current = [slug], parents.get(slug)
    while current and current not in chain:
        chain.insert(0, current)
        current = parents.get(current)
    return list(dict.fromkeys([slug, "/".join(chain)]))
