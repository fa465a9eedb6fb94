"""`masthead export --format wxr`: one edition as a WordPress export (WXR 1.2), written a record
at a time (docs/export-format.md, "WordPress (WXR)").

The file follows what WordPress's own exporter writes, element for element and in its order, so
that every parser of its importer reads it: the namespace-aware ones (SimpleXML, xml_parser) and
the line-by-line fallback, which wants each <wp:author> on one line, <item> without attributes,
<category domain=… nicename=…> in that order and the version on one line. Text goes in CDATA
sections the way WordPress writes them ("]]>" split across two sections); characters XML 1.0
forbids are dropped, since one of them makes the whole file unreadable.

Post ids: pages keep their page id; images and documents become attachments numbered after the
highest page id, so every id in the file is distinct and stable between two exports."""

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.db.models import Max, Prefetch
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from masthead.comments.models import Comment, Status
from masthead.core.absoluteurl import absolute_url
from masthead.migration.backup.manifest import masthead_version
from masthead.newsroom.models import ArticleAuthor, ArticlePage, Author, NewsImage, PlainPage, Topic
from masthead.newsroom.selectors import edition_home

from .blockmarkup import body_markup
from .records import CHUNK

WXR_VERSION = "1.2"
WP = f"http://wordpress.org/export/{WXR_VERSION}/"  # http: Isso's importer looks for exactly this
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
COMMENT_APPROVED = {Status.APPROVED: "1", Status.PENDING: "0", Status.SPAM: "spam", Status.REMOVED: "trash"}
NO_DATE = "0000-00-00 00:00:00"


def xml_text(text: Any) -> str:
    return NOT_XML.sub("", str(text or ""))


def cdata(text: Any) -> str:
    """WordPress's wxr_cdata(): "]]>" inside the text closes one section and opens the next."""
    return "<![CDATA[" + xml_text(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _escaped(text: Any) -> str:
    return escape(xml_text(text))


def _local(when: datetime | None) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S") if when else NO_DATE


def _gmt(when: datetime | None) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if when else NO_DATE


def php_serialize(value: Any) -> str:
    """The PHP serialisation WordPress keeps arrays in (for meta such as wpDiscuz's votes)."""
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, dict):
        items = "".join(php_serialize(k) + php_serialize(v) for k, v in value.items())
        return f"a:{len(value)}:{{{items}}}"
    text = str(value)
    return f's:{len(text.encode())}:"{text}";'


class AttachmentIds:
    """The post id of an image or a document: after every page id, images then documents."""

    def __init__(self) -> None:
        pages = Page.objects.aggregate(top=Max("pk"))["top"] or 0
        images = NewsImage.objects.aggregate(top=Max("pk"))["top"] or 0
        self.bases = {"image": pages, "document": pages + images}

    def __call__(self, kind: str, pk: int) -> int:
        return self.bases[kind] + pk


def _meta(key: str, value: Any, element: str = "wp:postmeta") -> str:
    return (
        f"\t\t<{element}>\n\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
        f"\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</{element}>\n"
    )


class WxrWriter:
    def __init__(self, out: IO[str], *, language: str):
        self.out, self.language = out, language
        self.locale = Locale.objects.filter(language_code=language).first()
        self.ids = AttachmentIds()
        self.counts = dict.fromkeys(
            ("authors", "categories", "tags", "attachments", "posts", "pages", "comments"), 0
        )

    def write(self) -> dict[str, int]:
        self._header()
        for author in self._authors():
            self._author(author)
        for topic in Topic.objects.filter(locale=self.locale).order_by("pk").iterator(CHUNK):
            self._category(topic)
        for tag in self._tags():
            self._tag(tag)
        self.out.write(f"\n\t<generator>Masthead {escape(masthead_version())}</generator>\n")
        for image in NewsImage.objects.order_by("pk").iterator(CHUNK):
            self._image(image)
        for document in get_document_model().objects.order_by("pk").iterator(CHUNK):
            self._document(document)
        articles = (
            ArticlePage.objects.filter(locale=self.locale)
            .select_related("lead_image")
            .prefetch_related(
                Prefetch(
                    "bylines", queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order")
                ),
                "topics",
                "tags",
            )
        )
        self._pages(articles, "post")
        plain = PlainPage.objects.filter(locale=self.locale)
        # A nested page names its parent page (wp:post_parent); plain pages are a site's few.
        self.plain_paths = dict(plain.values_list("path", "pk"))
        self._pages(plain, "page")
        self.out.write("</channel>\n</rss>\n")
        return self.counts

    # The channel ----------------------------------------------------------------------------------
    def _header(self) -> None:
        home = edition_home(locale=self.locale) if self.locale else None
        now = datetime.now(UTC)
        self.out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            f'<!-- generator="Masthead/{escape(masthead_version())}" created="{_gmt(now)[:16]}" -->\n'
            '<rss version="2.0"\n'
            f'\txmlns:excerpt="{WP}excerpt/"\n'
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            f'\txmlns:wp="{WP}"\n>\n\n<channel>\n'
            f"\t<title>{_escaped(settings.SITE_NAME)}</title>\n"
            f"\t<link>{_escaped(settings.BASE_URL)}</link>\n"
            f"\t<description>{_escaped(getattr(home, 'strapline', ''))}</description>\n"
            f"\t<pubDate>{format_datetime(now)}</pubDate>\n"
            f"\t<language>{_escaped(self.language)}</language>\n"
            f"\t<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{_escaped(settings.BASE_URL)}</wp:base_site_url>\n"
            f"\t<wp:base_blog_url>{_escaped(settings.BASE_URL)}</wp:base_blog_url>\n\n"
        )

    def _authors(self) -> Iterator[Author]:
        return Author.objects.filter(locale=self.locale).order_by("pk").iterator(CHUNK)

    def _author(self, author: Author) -> None:
        # One line: the importer's fallback parser reads <wp:author> only when it opens and closes
        # on the same line. The bio rides along for `masthead import wordpress`; WordPress skips it.
        self.out.write(
            f"\t<wp:author><wp:author_id>{author.pk}</wp:author_id>"
            f"<wp:author_login>{cdata(author.slug)}</wp:author_login>"
            "<wp:author_email><![CDATA[]]></wp:author_email>"
            f"<wp:author_display_name>{cdata(author.name)}</wp:author_display_name>"
            "<wp:author_first_name><![CDATA[]]></wp:author_first_name>"
            "<wp:author_last_name><![CDATA[]]></wp:author_last_name>"
            f"<wp:author_description>{cdata(author.bio)}</wp:author_description></wp:author>\n"
        )
        self.counts["authors"] += 1

    def _category(self, topic: Topic) -> None:
        self.out.write(
            f"\t<wp:category>\n\t\t<wp:term_id>{topic.pk}</wp:term_id>\n"
            f"\t\t<wp:category_nicename>{cdata(topic.slug)}</wp:category_nicename>\n"
            "\t\t<wp:category_parent><![CDATA[]]></wp:category_parent>\n"
            f"\t\t<wp:cat_name>{cdata(topic.name)}</wp:cat_name>\n"
            f"\t\t<wp:category_description>{cdata(topic.description)}</wp:category_description>\n"
            "\t</wp:category>\n"
        )
        self.counts["categories"] += 1

    def _tags(self) -> Iterator:
        from taggit.models import Tag

        used = Tag.objects.filter(newsroom_articletag_items__content_object__locale=self.locale)
        return used.distinct().order_by("pk").iterator(CHUNK)

    def _tag(self, tag) -> None:
        self.out.write(
            f"\t<wp:tag>\n\t\t<wp:term_id>{tag.pk}</wp:term_id>\n"
            f"\t\t<wp:tag_slug>{cdata(tag.slug)}</wp:tag_slug>\n"
            f"\t\t<wp:tag_name>{cdata(tag.name)}</wp:tag_name>\n\t</wp:tag>\n"
        )
        self.counts["tags"] += 1

    # Items ----------------------------------------------------------------------------------------
    def _item(
        self,
        *,
        post_id: int,
        title: str,
        link: str,
        creator: str,
        content: str,
        excerpt: str,
        published: datetime | None,
        modified: datetime | None,
        comment_status: str,
        slug: str,
        status: str,
        post_type: str,
        parent: int = 0,
        attachment_url: str = "",
        categories: str = "",
        meta: str = "",
    ) -> None:
        """Opens an <item> and writes everything up to its comments (the caller closes it)."""
        attachment = (
            f"\t\t<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>\n" if attachment_url else ""
        )
        self.out.write(
            "\n\t<item>\n"
            f"\t\t<title>{cdata(title)}</title>\n"  # CDATA, as WordPress 5.7+ writes it
            f"\t\t<link>{_escaped(link)}</link>\n"
            f"\t\t<pubDate>{format_datetime((published or datetime.now(UTC)).astimezone(UTC))}</pubDate>\n"
            f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n"
            f'\t\t<guid isPermaLink="false">{_escaped(settings.BASE_URL)}/?p={post_id}</guid>\n'
            "\t\t<description></description>\n"
            f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n"
            f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n"
            f"\t\t<wp:post_id>{post_id}</wp:post_id>\n"
            f"\t\t<wp:post_date>{cdata(_local(published))}</wp:post_date>\n"
            f"\t\t<wp:post_date_gmt>{cdata(_gmt(published))}</wp:post_date_gmt>\n"
            f"\t\t<wp:post_modified>{cdata(_local(modified))}</wp:post_modified>\n"
            f"\t\t<wp:post_modified_gmt>{cdata(_gmt(modified))}</wp:post_modified_gmt>\n"
            f"\t\t<wp:comment_status>{cdata(comment_status)}</wp:comment_status>\n"
            "\t\t<wp:ping_status><![CDATA[closed]]></wp:ping_status>\n"
            f"\t\t<wp:post_name>{cdata(quote(slug, safe='-_.~').lower())}</wp:post_name>\n"
            f"\t\t<wp:status>{cdata(status)}</wp:status>\n"
            f"\t\t<wp:post_parent>{parent}</wp:post_parent>\n"
            "\t\t<wp:menu_order>0</wp:menu_order>\n"
            f"\t\t<wp:post_type>{cdata(post_type)}</wp:post_type>\n"
            "\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n"
            "\t\t<wp:is_sticky>0</wp:is_sticky>\n"
            f"{attachment}{categories}{meta}"
        )

    def _attachment(self, *, post_id: int, title: str, field, caption: str, created, meta: str) -> None:
        url = absolute_url(field.url) if field else ""
        self._item(
            post_id=post_id,
            title=title,
            link=url,
            creator="",
            content="",
            excerpt=escape(caption, quote=False),
            published=created,
            modified=created,
            comment_status="closed",
            slug=f"attachment-{post_id}",
            status="inherit",
            post_type="attachment",
            attachment_url=url,
            meta=_meta("_wp_attached_file", field.name if field else "") + meta,
        )
        self.out.write("\t</item>\n")
        self.counts["attachments"] += 1

    def _image(self, image: NewsImage) -> None:
        details = {
            "width": image.width or 0,
            "height": image.height or 0,
            "file": image.file.name if image.file else "",
            "image_meta": {"caption": image.caption, "credit": image.credit, "title": image.title},
        }
        meta = _meta("_wp_attachment_metadata", php_serialize(details))
        if image.description:
            meta += _meta("_wp_attachment_image_alt", image.description)
        self._attachment(
            post_id=self.ids("image", image.pk),
            title=image.title,
            field=image.file,
            caption=image.caption,
            created=image.created_at,
            meta=meta,
        )

    def _document(self, document) -> None:
        self._attachment(
            post_id=self.ids("document", document.pk),
            title=document.title,
            field=document.file,
            caption="",
            created=document.created_at,
            meta="",
        )

    def _pages(self, queryset, post_type: str) -> None:
        """Pages a chunk at a time, each with its comments, read alongside in one ordered query per
        chunk (a page's comments are never all in memory with the next page's)."""
        last = 0
        while chunk := list(queryset.filter(pk__gt=last).order_by("pk")[:CHUNK]):
            last = chunk[-1].pk
            comments = (
                Comment.objects.filter(page_id__in=[page.pk for page in chunk])
                .order_by("page_id", "pk")
                .values(
                    "pk",
                    "page_id",
                    "parent_id",
                    "author_name",
                    "author_email",
                    "author_url",
                    "body_html",
                    "status",
                    "created_at",
                    "up",
                    "down",
                )
                .iterator(CHUNK)
            )
            pending = next(comments, None)
            for page in chunk:
                self._page(page, post_type)
                while pending is not None and pending["page_id"] == page.pk:
                    self._comment(pending)
                    pending = next(comments, None)
                self.out.write("\t</item>\n")

    def _page(self, page, post_type: str) -> None:
        status = "publish" if page.live else "draft"
        published = page.first_published_at
        if not page.live and page.go_live_at and page.go_live_at > timezone.now():
            status, published = "future", page.go_live_at
        published = published or page.latest_revision_created_at or page.last_published_at
        article = post_type == "post"
        categories, meta, creator, excerpt, comments_open, parent = "", "", "", "", True, 0
        if article:
            bylines = [byline.author for byline in page.bylines.all() if byline.author is not None]
            creator = bylines[0].slug if bylines else ""
            categories = "".join(
                f'\t\t<category domain="category" nicename="{_escaped(t.slug)}">{cdata(t.name)}</category>\n'
                for t in sorted(page.topics.all(), key=lambda t: t.pk)
            )
            categories += "".join(
                f'\t\t<category domain="post_tag" nicename="{_escaped(t.slug)}">{cdata(t.name)}</category>\n'
                for t in sorted(page.tags.all(), key=lambda t: t.pk)
            )
            if len(bylines) > 1:  # Co-Authors Plus's way: every byline, in order
                categories += "".join(
                    f'\t\t<category domain="author" nicename="cap-{_escaped(a.slug)}">'
                    f"{cdata(a.name)}</category>\n"
                    for a in bylines
                )
            if page.lead_image_id:
                meta = _meta("_thumbnail_id", self.ids("image", page.lead_image_id))
            excerpt = escape(page.standfirst, quote=False)
        else:
            comments_open = page.allow_discussion
            parent = self.plain_paths.get(page.path[: -Page.steplen], 0)
        self._item(
            post_id=page.pk,
            title=page.title,
            link=absolute_url(page.get_url() or page.url_path),
            creator=creator,
            content=body_markup(page.body, attachment_id=self.ids),
            excerpt=excerpt,
            published=published,
            modified=page.last_published_at or page.latest_revision_created_at or published,
            comment_status="open" if comments_open else "closed",
            slug=page.slug,
            status=status,
            post_type=post_type,
            parent=parent,
            categories=categories,
            meta=meta,
        )
        self.counts["posts" if article else "pages"] += 1

    def _comment(self, comment: dict) -> None:
        approved = COMMENT_APPROVED.get(comment["status"], "0")
        meta = ""
        if comment["up"] or comment["down"]:
            votes = {"like": comment["up"], "dislike": comment["down"]}
            meta = _meta("wpdiscuz_votes_seperate", php_serialize(votes), "wp:commentmeta")
            meta += _meta("wpdiscuz_votes", comment["up"] - comment["down"], "wp:commentmeta")
        self.out.write(
            "\t\t<wp:comment>\n"
            f"\t\t\t<wp:comment_id>{comment['pk']}</wp:comment_id>\n"
            f"\t\t\t<wp:comment_author>{cdata(comment['author_name'])}</wp:comment_author>\n"
            f"\t\t\t<wp:comment_author_email>{cdata(comment['author_email'])}</wp:comment_author_email>\n"
            f"\t\t\t<wp:comment_author_url>{cdata(comment['author_url'])}</wp:comment_author_url>\n"
            "\t\t\t<wp:comment_author_IP><![CDATA[]]></wp:comment_author_IP>\n"
            f"\t\t\t<wp:comment_date>{cdata(_local(comment['created_at']))}</wp:comment_date>\n"
            f"\t\t\t<wp:comment_date_gmt>{cdata(_gmt(comment['created_at']))}</wp:comment_date_gmt>\n"
            f"\t\t\t<wp:comment_content>{cdata(comment['body_html'])}</wp:comment_content>\n"
            f"\t\t\t<wp:comment_approved>{cdata(approved)}</wp:comment_approved>\n"
            "\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>\n"
            f"\t\t\t<wp:comment_parent>{comment['parent_id'] or 0}</wp:comment_parent>\n"
            "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n"
            f"{meta}\t\t</wp:comment>\n"
        )
        self.counts["comments"] += 1


def wxr_stream(out: IO[str], *, language: str) -> dict[str, int]:
    """Writes one edition as WXR 1.2 to `out`; returns what it wrote, counted by kind."""
    return WxrWriter(out, language=language).write()
