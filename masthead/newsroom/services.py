"""Writes of the newsroom: the home page, authors, topics, images and articles."""

from datetime import datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import models, transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site

from .models import ArticleAuthor, ArticlePage, ArticleTag, Author, EditionSnippet, HomePage, NewsImage, Topic
from .selectors import free_slug
from .tasks import pages_index

if TYPE_CHECKING:
    from wagtail.documents.models import AbstractDocument


@transaction.atomic
def home_ensure(*, title: str) -> tuple[HomePage, bool]:
    """The site's home page, created (and made the default site's root) when there is none."""
    home = HomePage.objects.first()
    if home is not None:
        return home, False
    # Wagtail's migrations leave a plain "Welcome" page as the default site's root.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=title, slug="home"))
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = site.hostname or "localhost"
    site.root_page, site.site_name = home, title
    site.save()
    return home, True


def image_create(
    *,
    title: str,
    data: bytes,
    filename: str,
    caption: str = "",
    credit: str = "",
    can_distribute: bool = False,
) -> NewsImage:
    image = NewsImage(
        title=title,
        caption=caption,
        credit=credit,
        can_distribute=can_distribute,
        file=ImageFile(BytesIO(data), name=filename),
    )
    image.save()
    return image


def image_create_unavailable(*, title: str, filename: str, caption: str = "", credit: str = "") -> NewsImage:
    """An image whose file we do not have (yet): it is linked from pages like any other, and they
    show "Image unavailable" in its place until a file is given (image_file_replace)."""
    # 1×1, not 0×0: Django reads the (absent) file again whenever a dimension is empty.
    image = NewsImage(title=title, caption=caption, credit=credit, width=1, height=1)
    image.file.name = f"original_images/{filename}"
    image.save()
    return image


def image_describe(*, image: NewsImage, title: str, caption: str, credit: str, alt: str) -> NewsImage:
    image.title, image.caption, image.credit, image.description = title, caption, credit, alt
    image.save(update_fields=["title", "caption", "credit", "description"])
    return image


def image_file_replace(*, image: NewsImage, data: bytes, filename: str) -> NewsImage:
    image.file = ImageFile(BytesIO(data), name=filename)
    image.width = image.height = None  # read again from the new file
    image.file_size = image.file_hash = None
    image._set_image_file_metadata()
    image.save()
    return image


def document_create(*, title: str, data: bytes, filename: str) -> "AbstractDocument":
    document = get_document_model()(title=title, file=ContentFile(data, name=filename))
    document.save()
    return document


def author_create(
    *,
    name: str,
    slug: str,
    role: str = "",
    bio: str = "",
    photo: NewsImage | None = None,
    locale: Locale | None = None,
) -> Author:
    locale = locale or Locale.get_default()
    return Author.objects.create(name=name, slug=slug, role=role, bio=bio, photo=photo, locale=locale)


def topic_create(*, name: str, slug: str, description: str = "", locale: Locale | None = None) -> Topic:
    locale = locale or Locale.get_default()
    return Topic.objects.create(name=name, slug=slug, description=description, locale=locale)


def snippet_update[S: EditionSnippet](snippet: S, **fields: Any) -> S:
    """An author's or topic's fields changed (name, bio, description…); the slug is kept unless given."""
    for name, value in fields.items():
        setattr(snippet, name, value)
    snippet.save(update_fields=list(fields))
    return snippet


def tag_ensure(*, name: str) -> tuple[Tag, bool]:
    """The tag of this name (tags are shared by every article), created when new."""
    tag = Tag.objects.filter(name__iexact=name).first()
    if tag is not None:
        return tag, False
    return Tag.objects.create(name=name), True


def snippet_translate[S: EditionSnippet](original: S, *, locale: Locale, **fields: Any) -> S:
    """A translation of a topic or author into `locale`, as the admin's "Translate" makes it (a
    copy, linked by its translation key), with the translated `fields` set. The slug stays the
    original's unless given, so the address only changes its language prefix."""
    copy: S = original.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.full_clean()
    copy.save()
    return copy


@transaction.atomic
def article_publish(
    *,
    home: HomePage,
    title: str,
    slug: str,
    standfirst: str,
    body: list[Any],  # StreamField blocks, as ArticlePage(body=…) takes them
    authors: list[Author],
    topics: list[Topic],
    lead_image: NewsImage | None = None,
    published_at: datetime | None = None,
) -> ArticlePage:
    """Creates an article under the home page and publishes it (as of `published_at`, if given)."""
    article = ArticlePage(title=title, slug=slug, standfirst=standfirst, body=body, lead_image=lead_image)
    article.bylines = [ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(authors)]
    article.topics = topics
    home.add_child(instance=article)
    revision = article.save_revision()
    revision.publish()
    if published_at is not None:
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
        article.refresh_from_db()
    return article


@transaction.atomic
def page_draft(
    *,
    parent: Page,
    page: Page,
    bylines: list[Author] | None = None,
    topics: list[Topic] | None = None,
    tags: list[str] | None = None,
) -> Revision:
    """Saves `page` (new: created under `parent`) with a new draft revision of its current fields,
    bylines, topics and tags, as an editor's "Save draft" does. Publishing is a separate step."""
    _relations_set(page, bylines=bylines, topics=topics, tags=tags)
    if page.pk is None:
        page.live = False
        parent.add_child(instance=page)
    return page.save_revision(clean=False)


@transaction.atomic
def page_create_published(
    *,
    parent: Page,
    page: Page,
    published_at: datetime,
    bylines: list[Author] | None = None,
    topics: list[Topic] | None = None,
    tags: list[str] | None = None,
) -> Revision:
    """A new page that went live elsewhere at `published_at` (an imported story), created live in
    one step with one revision, recorded as the live one. Unlike an editor's "Publish" it sends no
    "published" signal: old news notifies nobody, and the importer retires cached pages once at
    the end rather than once per story (a third of the time of a 10,000-story import)."""
    _relations_set(page, bylines=bylines, topics=topics, tags=tags)
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = published_at
    parent.add_child(instance=page)
    revision = page.save_revision(clean=False, changed=False)
    Page.objects.filter(pk=page.pk).update(live_revision=revision)
    page.live_revision = revision
    return revision


def _relations_set(
    page: Page,
    *,
    bylines: list[Author] | None = None,
    topics: list[Topic] | None = None,
    tags: list[str] | None = None,
) -> None:
    if bylines is not None:
        page.bylines = [ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(bylines)]
    if topics is not None:
        page.topics = topics
    if tags is not None:
        page.tags.set(tags, clear=True)


@transaction.atomic
def revision_publish_as_of(*, revision: Revision, published_at: datetime) -> bool:
    """Publishes a revision carrying the date it was first published elsewhere (an imported
    story); True when it went live. A page whose go_live_at is still to come is scheduled
    instead (Wagtail's own rule), and goes live then."""
    revision.publish(skip_permission_checks=True, log_action=False)
    live = Page.objects.filter(pk=revision.object_id, live=True)
    return bool(live.update(first_published_at=published_at, last_published_at=published_at))


def page_unpublish(*, page: Page) -> None:
    """Takes a page off the site (its drafts stay), as the admin's "Unpublish" does."""
    if page.live:
        page.unpublish(log_action=None)


def page_move_under(*, page: Page, parent: Page) -> bool:
    """Moves `page` (and its children) to be `parent`'s last child, renaming its slug when a new
    sibling has it; False when `parent` is `page` or below it. Its address changes with it."""
    if page.get_parent().pk == parent.pk:
        return True
    if parent.pk == page.pk or parent.is_descendant_of(page):
        return False
    slug = free_slug(page.slug, set(parent.get_children().values_list("slug", flat=True)))
    if slug != page.slug:
        Page.objects.filter(pk=page.pk).update(slug=slug)
        page.slug = slug
    page.move(parent, pos="last-child")
    return True


class NewArticle(NamedTuple):
    """One story for `article_create_bulk`: an unsaved ArticlePage with its fields set (title,
    slug, body…), the date it went live elsewhere, and its relations."""

    page: ArticlePage
    published_at: datetime
    bylines: list[Author]
    topics: list[Topic]
    tags: list[str]  # names of tags that exist (tag_ensure)


@transaction.atomic
def article_create_bulk(*, parent: Page, articles: list[NewArticle]) -> list[Revision]:
    """Creates many live stories under `parent` at once, each as page_create_published makes
    one (page, revision recorded as live, bylines, topics, tags, the "created" log entry, search
    and reference index), in a few queries per batch instead of some forty per story: Wagtail's
    per-page machinery (treebeard's add_child, full_clean, save_revision, index tasks queued per
    save) was most of the time of a 10,000-story import. Slugs must be free among the children."""
    if not articles:
        return []
    parent = Page.objects.select_for_update().get(pk=parent.pk)  # its last child's path is ours
    pages, now = [item.page for item in articles], timezone.now()
    _tree_place(parent=parent, pages=pages)
    for page, item in zip(pages, articles, strict=True):
        page.first_published_at = page.last_published_at = item.published_at
        page.latest_revision_created_at = now
    rows = Page.objects.bulk_create([Page(**_base_columns(page)) for page in pages])
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
        page._state.adding, page._state.db = False, row._state.db
    _child_rows_insert(model=ArticlePage, objects=pages)
    _relations_create_bulk(articles)
    revisions: list[Revision] = Revision.objects.bulk_create(
        Revision(
            content_type_id=page.content_type_id,
            base_content_type_id=page.get_base_content_type().pk,
            object_id=str(page.pk),
            created_at=now,
            content=page.serializable_data(),
            object_str=str(page),
        )
        for page in pages
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=500)
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type_id=page.content_type_id,
            label=page.get_admin_display_title(),
            action="wagtail.create",
            timestamp=now,
            content_changed=True,
            page_id=page.pk,
        )
        for page in pages
    )
    Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + len(pages))
    # Queued inside the transaction, as Wagtail queues its own index tasks: a database queue
    # keeps it only if the stories are kept, and one task indexes the whole batch.
    pages_index.enqueue(page_ids=[page.pk for page in pages])
    return revisions


def _tree_place(*, parent: Page, pages: list[Page]) -> None:
    """Treebeard's paths for new last children of `parent`, as add_child gives them one by one."""
    last = parent.get_last_child()
    first = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    depth = parent.depth + 1
    for n, page in enumerate(pages):
        page.path, page.depth, page.numchild = Page._get_path(parent.path, depth, first + n), depth, 0
        page.locale_id = page.locale_id or parent.locale_id
        page.live, page.has_unpublished_changes, page.draft_title = True, False, page.title
        page.set_url_path(parent)


def _base_columns(page: Page) -> dict[str, Any]:
    return {field.attname: getattr(page, field.attname) for field in Page._meta.concrete_fields}


def _child_rows_insert(*, model: type[Page], objects: list[Page]) -> None:
    """The specific model's own table (Django's bulk_create refuses multi-table inheritance; its
    save inserts these columns the same way, one object at a time)."""
    fields = model._meta.local_concrete_fields
    size = max(1, 900 // len(fields))  # under SQLite's bound on parameters per statement
    for start in range(0, len(objects), size):
        model._base_manager._insert(objects[start : start + size], fields=fields)


def _relations_create_bulk(articles: list[NewArticle]) -> None:
    """Bylines, topics and tags of pages that have their ids, in the database and on the pages
    (their revision's content lists them)."""
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in={n for a in articles for n in a.tags})}
    bylines, tagged, topics = [], [], []
    through = ArticlePage.topics.through
    for item in articles:
        page = item.page
        page.bylines = [
            ArticleAuthor(article=page, author=a, sort_order=i) for i, a in enumerate(item.bylines)
        ]
        page.tagged_items = [ArticleTag(content_object=page, tag=tags[name]) for name in item.tags]
        page.topics = item.topics
        bylines += page.bylines.all()
        tagged += page.tagged_items.all()
        topics += [through(articlepage_id=page.pk, topic_id=topic.pk) for topic in item.topics]
    ArticleAuthor.objects.bulk_create(bylines)
    ArticleTag.objects.bulk_create(tagged)
    through.objects.bulk_create(topics)
