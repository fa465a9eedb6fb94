"""Posts become articles and pages become plain pages, with their status, dates, bylines,
topics, tags, standfirst, lead image and body; their old addresses redirect to them."""

from datetime import datetime
from html import unescape
from urllib.parse import unquote

from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.models import Page

from masthead.newsroom import services as newsroom
from masthead.newsroom.models import ArticlePage, PlainPage
from masthead.newsroom.selectors import free_slug, page_child_slugs, page_get

from ..selectors import ImportedRef
from ..services import imported_object_record, imported_objects_record_new
from .body import BodyConverter
from .comments import item_comments_import
from .context import WordPressImport
from .dates import item_date
from .digest import digest
from .hierarchy import PageTree
from .media import MediaLibrary
from .people import author_import
from .redirects import RedirectBook
from .terms import tag_import, topic_import
from .wxr import Record

KINDS = {"post": "posts", "page": "pages"}
NOT_IMPORTED = {"trash": "trash", "auto-draft": "auto-draft", "inherit": "revision"}
PUBLISHED = {"publish", "future"}
STANDFIRST_MAX = 400
BULK_AT = 250  # new stories created together: fewer queries, and their comments wait in memory


class PostImporter:
    def __init__(
        self,
        *,
        context: WordPressImport,
        media: MediaLibrary,
        redirects: RedirectBook,
        refs: dict,
        pages: dict,
    ):
        self.context, self.media, self.redirects = context, media, redirects
        self.refs: dict[str, dict[str, ImportedRef]] = refs  # kind → source id → mapping
        self.pages: dict[int, Page] = pages  # the pages of earlier imports, light (selectors.pages_light)
        self.waiting: list[tuple[newsroom.NewArticle, Record]] = []  # new stories, created in bulk
        self.slugs: set[str] | None = None  # the home's children's slugs, once a new page needs one
        self.tree = PageTree(context=context, earlier=refs["pages"])

    def item(self, record: Record) -> None:
        kind = KINDS[record.get("wp:post_type")]
        post_id = record.get("wp:post_id")
        if not self.context.first_time(kind, post_id):
            return
        report = self.context.report
        report.found(kind)
        status = record.get("wp:status")
        if status in NOT_IMPORTED or status not in PUBLISHED | {"draft", "pending", "private"}:
            report.skipped(kind, NOT_IMPORTED.get(status, f"status {status or 'missing'}"))
            item_comments_import(item=record, page=None, context=self.context)
            return
        published = item_date(record.get("wp:post_date_gmt"), record.get("wp:post_date"))
        if kind == "posts" and status == "publish" and published and post_id not in self.refs[kind]:
            self._wait(record, published)
            return
        self._after(kind, record, status, self._write(kind, record, status))

    def _after(self, kind: str, record: Record, status: str, page: Page | None) -> None:
        """What follows the page: its old addresses and its comments. A plain page written now
        is redirected to once it is under its parent (finish), when its address is final."""
        if page is not None and status in PUBLISHED:
            if kind == "pages" and record.get("wp:post_id") in self.tree.placed:
                self.tree.then.append(lambda: self._redirects(kind, record, page_get(pk=page.pk)))
            else:
                self._redirects(kind, record, page)
        item_comments_import(item=record, page=page, context=self.context)

    def finish(self) -> None:
        """After the last item: the stories still waiting, then the pages' hierarchy."""
        self.flush()
        self.tree.rebuild()

    def _wait(self, record: Record, published: datetime) -> None:
        """A new published story waits to be created with others (article_create_bulk)."""
        page = ArticlePage()
        self._fill(page, "posts", record)
        extra = self._article_fields(page, record)
        self.waiting.append((newsroom.NewArticle(page=page, published_at=published, **extra), record))
        if len(self.waiting) >= BULK_AT:
            self.flush()

    def flush(self) -> None:
        """Creates the waiting stories, then records, redirects and their comments."""
        waiting, self.waiting = self.waiting, []
        if not waiting:
            return
        revisions = newsroom.article_create_bulk(
            parent=self.context.home, articles=[article for article, _ in waiting]
        )
        imported_objects_record_new(
            rows=[
                {
                    **self.context.key("posts", record.get("wp:post_id")),
                    "target": article.page,
                    "revision_id": revision.pk,
                    "digest": _fingerprint(record),
                    "data": {"link": record.get("link")},
                }
                for (article, record), revision in zip(waiting, revisions, strict=True)
            ]
        )
        self.context.report.imported("posts", len(waiting))
        for article, record in waiting:
            self._after("posts", record, "publish", article.page)

    def _write(self, kind: str, record: Record, status: str) -> Page | None:
        post_id, report = record.get("wp:post_id"), self.context.report
        fingerprint = _fingerprint(record)
        ref = self.refs[kind].get(post_id)
        page = self.pages.get(ref.object_id) if ref else None
        if page is not None:
            edited = page.latest_revision_id != ref.revision_id
            if edited and not self.context.overwrite:
                report.conflict(
                    kind=kind,
                    source_id=post_id,
                    title=page.title,
                    detail="edited in Masthead since the import; --overwrite replaces it",
                )
                report.skipped(kind, "edited in Masthead since the import (conflict)")
                return page
            if not edited and ref.digest == fingerprint:
                report.unchanged(kind)
                return page
        page, revision = self._save(kind, record, status, page_get(pk=page.pk) if page else None)
        (report.updated if ref and page.pk == ref.object_id else report.imported)(kind)
        imported_object_record(
            **self.context.key(kind, post_id),
            target=page,
            revision_id=revision.pk,
            digest=fingerprint,
            data={"link": record.get("link")},
        )
        if kind == "pages":
            self.tree.written(post_id=post_id, page_id=page.pk, parent=record.get("wp:post_parent"))
        return page

    def _save(self, kind: str, record: Record, status: str, page: Page | None):
        context = self.context
        new = page is None
        if new:
            page = ArticlePage() if kind == "posts" else PlainPage()
        published = self._fill(page, kind, record, new=new)
        title = page.title
        page.go_live_at = published if status == "future" else None
        extra = {}
        if kind == "posts":
            extra = self._article_fields(page, record)
        if new and status == "publish" and published:
            revision = newsroom.page_create_published(
                parent=context.home, page=page, published_at=published, **extra
            )
            return page, revision
        revision = newsroom.page_draft(parent=context.home, page=page, **extra)
        if status in PUBLISHED:
            newsroom.revision_publish_as_of(revision=revision, published_at=published or revision.created_at)
        else:
            newsroom.page_unpublish(page=page)
            if status == "private":
                detail = f"“{title}” was private on WordPress: imported as a draft"
                context.report.note(kind=kind, source_id=record.get("wp:post_id"), detail=detail)
        return page, revision

    def _fill(self, page: Page, kind: str, record: Record, *, new: bool = True):
        """Sets the title, a free slug (new pages) and the body; returns the publication date."""
        title = unescape(record.get("title")).strip() or f"({record.get('wp:post_id')})"
        page.title = title[:255]
        if new:
            wanted = slugify(unquote(record.get("wp:post_name")), allow_unicode=True) or slugify(
                title, allow_unicode=True
            )
            page.slug = self._free_slug(wanted[:200] or f"post-{record.get('wp:post_id')}")
        converter = BodyConverter(
            media=self.media,
            report=self.context.report,
            wanted_by=f"{kind[:-1]} {record.get('wp:post_id')}",
            post_id=record.get("wp:post_id"),
        )
        page.body = converter.convert(record.get("content:encoded"))
        return item_date(record.get("wp:post_date_gmt"), record.get("wp:post_date"))

    def _free_slug(self, wanted: str) -> str:
        """A slug no sibling has, waiting stories included (the home's children, read once)."""
        if self.slugs is None:
            self.slugs = page_child_slugs(parent=self.context.home)
        slug = free_slug(wanted, self.slugs)
        self.slugs.add(slug)
        return slug

    def _article_fields(self, page: ArticlePage, record: Record) -> dict:
        page.standfirst = " ".join(unescape(strip_tags(record.get("excerpt:encoded"))).split())[
            :STANDFIRST_MAX
        ]
        thumbnail = record.meta.get("_thumbnail_id", "")
        page.lead_image = (
            self.media.image(
                attachment_id=thumbnail, wanted_by=f"post {record.get('wp:post_id')} (featured image)"
            )
            if thumbnail
            else None
        )
        return {"bylines": self._bylines(record), "topics": self._topics(record), "tags": self._tags(record)}

    def _bylines(self, record: Record) -> list:
        """Co-Authors Plus bylines in their order, else the post's author."""
        logins = [
            (c["nicename"].removeprefix("cap-"), c["name"])
            for c in record.categories
            if c["domain"] == "author"
        ]
        if not logins and record.get("dc:creator"):
            logins = [(record.get("dc:creator"), record.get("dc:creator"))]
        authors = []
        for login, name in logins:
            author = self.context.authors.get(login) or author_import(
                login=login, name=name, bio="", context=self.context
            )
            if author is not None and author not in authors:
                authors.append(author)
        return authors

    def _topics(self, record: Record) -> list:
        topics = []
        for c in record.categories:
            if c["domain"] == "category":
                topic = self.context.topics.get(c["nicename"]) or topic_import(
                    slug=c["nicename"], name=c["name"], parent="", description="", context=self.context
                )
                if topic is not None and topic not in topics:
                    topics.append(topic)
        return topics

    def _tags(self, record: Record) -> list[str]:
        names = [
            tag_import(slug=c["nicename"], name=c["name"], context=self.context)
            for c in record.categories
            if c["domain"] == "post_tag"
        ]
        return list(dict.fromkeys(n for n in names if n))

    def _redirects(self, kind: str, record: Record, page: Page) -> None:
        post_id = record.get("wp:post_id")
        base = self.context.site_url.rstrip("/")
        for address in (
            record.get("link"),
            f"{base}/?{'p' if kind == 'posts' else 'page_id'}={post_id}",
            record.get("guid"),
        ):
            if address:
                self.redirects.to_page(address, page)


def _fingerprint(record: Record) -> str:
    return digest(record.fields, record.categories, record.meta.get("_thumbnail_id"))
