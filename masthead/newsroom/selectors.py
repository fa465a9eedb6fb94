"""Reads of the newsroom: front page, lists, related stories. Each costs a fixed number of queries."""

import functools
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import (
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Revision, TaskState, get_default_page_content_type
from wagtail.query import PageQuerySet

from .models import ArticleAuthor, ArticlePage, Author, EditionSnippet, HomePage, NewsImage, Topic

RELATED_LIMIT = 4
LIST_PAGE_SIZE = 12
NEWS_SITEMAP_LIMIT = 1000  # Google News reads at most 1,000 URLs from one news sitemap

_WORD = re.compile(r"\w+")

if TYPE_CHECKING:
    from wagtail.documents.models import AbstractDocument

# Wagtail ships no type hints: its models' managers and querysets are Any to mypy, so the
# annotated names below say what a read gives. Lists of pages are Wagtail's PageQuerySet (live(),
# child_of(), search() are read off it).


def _translation_of[S: EditionSnippet](model: type[S], language: str) -> QuerySet[S]:
    rows: QuerySet[S] = model.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    ).order_by()
    return rows


def shown_in(model: type[EditionSnippet], language: str | None = None) -> QuerySet[EditionSnippet]:
    """Topics or authors, each with the name and slug of its translation into `language` (the
    active one by default) as `shown_name` and `shown_slug`, or its own when it has none.

    Subqueries, not `.localized`: a list of stories pays no query per topic or byline.
    """
    # A fresh clone of one queryset built once per model and language: building the subqueries
    # each time cost 5% of the uncached discussion article's CPU (interleaved A/B, 96 → 91 ms).
    return _shown_in(model, language or get_language()).all()


@functools.lru_cache(maxsize=32)
def _shown_in(model: type[EditionSnippet], language: str) -> QuerySet[EditionSnippet]:
    # Topic or Author rows: name and slug are their fields, which the abstract base lacks.
    translation: QuerySet[Any] = _translation_of(model, language)
    rows: QuerySet[EditionSnippet] = model.objects.annotate(
        shown_name=Coalesce(Subquery(translation.values("name")[:1]), F("name")),
        shown_slug=Coalesce(Subquery(translation.values("slug")[:1]), F("slug")),
    )
    return rows


def _bylines_and_topics(language: str | None = None) -> list[Prefetch[str]]:
    """What lists and the article page show of the bylines and topics, in the reader's language."""
    return [
        Prefetch("bylines", queryset=ArticleAuthor.objects.all()),
        Prefetch("bylines__author", queryset=shown_in(Author, language)),
        Prefetch("topics", queryset=shown_in(Topic, language)),
    ]


def article_list(*, locale_id: int | None = None) -> PageQuerySet:
    """Live articles (of one edition's language, if given), newest first, with what a teaser
    shows loaded in a fixed number of queries."""
    articles = (
        ArticlePage.objects.live()
        if locale_id is None
        else (ArticlePage.objects.live().filter(locale_id=locale_id))
    )
    return (
        articles.public()
        .select_related("lead_image")
        .prefetch_related(*_bylines_and_topics(), Prefetch("lead_image__renditions"))
        .order_by("-first_published_at", "-pk")
    )


def edition_snippets[S: EditionSnippet](model: type[S], *, language: str) -> QuerySet[S]:
    """One row per topic (or author) for an edition: its translation into `language`, or the
    default language's original while it has none."""
    here = Q(locale__language_code=language)
    original = Q(locale__language_code=settings.LANGUAGE_CODE) & ~Exists(_translation_of(model, language))
    rows: QuerySet[S] = model.objects.filter(here | original)
    return rows


def edition_snippet[S: EditionSnippet](model: type[S], *, slug: str, language: str) -> S | None:
    """The topic (or author) that an address of the `language` edition names, or None.

    A slug with a NUL byte names none (PostgreSQL cannot even compare it). The edition's own row
    with that slug comes first. Failing that, another language's row (an
    address from the other edition, or from before the translation) gives its translation into
    `language` when there is one (the caller redirects when its slug differs), else itself.
    """
    if "\x00" in slug:
        return None
    rows: list[S] = list(model.objects.filter(slug=slug).select_related("locale"))
    rows.sort(
        key=lambda row: (
            row.locale.language_code != language,
            row.locale.language_code != settings.LANGUAGE_CODE,
        )
    )
    if not rows or rows[0].locale.language_code == language:
        return rows[0] if rows else None
    translation = rows[0].get_translations().filter(locale__language_code=language)
    found: S = translation.select_related("locale").first() or rows[0]
    return found


def home_front(*, home: HomePage) -> dict[str, Any]:
    """The lead story, the latest stories after it and the topics, for the front page."""
    latest = list(article_list().child_of(home)[: LIST_PAGE_SIZE + 1])
    lead = next((a for a in latest if home.lead_story_id and a.pk == home.lead_story_id), None)
    if lead is None and home.lead_story_id:
        lead = article_list().filter(pk=home.lead_story_id).first()
    lead = lead or (latest[0] if latest else None)
    rest = [a for a in latest if a != lead][:LIST_PAGE_SIZE]
    return {"lead": lead, "latest": rest, "topics": edition_topics(language=home.locale.language_code)}


def edition_topics(*, language: str) -> list[Topic]:
    """The topics an edition's navigation lists, in its language where translated."""
    return list(edition_snippets(Topic, language=language))


def article_related(*, article: ArticlePage, limit: int = RELATED_LIMIT) -> list[ArticlePage]:
    """Stories sharing a topic, newest first; topped up by text similarity when too few."""
    others = article_list(locale_id=article.locale_id).exclude(pk=article.pk)
    # By translation key: a translated story may point at the original's topics or their copies.
    keys = [t.translation_key for t in article.topics.all()]
    related = list(others.filter(topics__translation_key__in=keys).distinct()[:limit]) if keys else []
    if len(related) < limit:
        related += _similar_articles(
            article, exclude=[a.pk for a in related] + [article.pk], limit=limit - len(related)
        )
    return related


def search_terms(text: str) -> str:
    """The words of `text`, without the punctuation that search engines read as syntax.

    SQLite's FTS5 fails on a stray backslash or quote, PostgreSQL's tsquery on others; a reader
    (or a headline) typing them means no syntax, so the search gets the words alone.
    """
    return " ".join(_WORD.findall(text.replace("\x00", "")))


def _similar_articles(article: ArticlePage, *, exclude: list[int], limit: int) -> list[ArticlePage]:
    query = search_terms(" ".join(filter(None, [article.title, article.standfirst])))[:200]
    if not query:
        return []
    candidates = article_list(locale_id=article.locale_id).exclude(pk__in=exclude)
    results = candidates.search(query, operator="or")[:limit]
    return list(results)


def article_prefetch(*, article: ArticlePage) -> None:
    """Load what the article page shows of the story itself (bylines, topics, images) up front."""
    # A preview's page lives in memory with its unsaved bylines and topics: keep those.
    in_memory = getattr(article, "_cluster_related_objects", {})
    lookups = [
        lookup for lookup in _bylines_and_topics() if lookup.prefetch_through.split("__")[0] not in in_memory
    ]
    prefetch_related_objects([article], *lookups)
    article_prefetch_images(article=article)


def article_prefetch_images(*, article: ArticlePage) -> None:
    """Load the renditions of every body image in one query (the page must not pay per image)."""
    images = [
        block.value["image"]
        for block in article.body
        if block.block_type == "image" and block.value.get("image") is not None
    ]
    if article.lead_image is not None:
        images.append(article.lead_image)
    prefetch_related_objects(images, "renditions")


def topic_articles(*, topic: Topic, locale_id: int | None = None) -> PageQuerySet:
    """The topic's stories, whichever language's copy of the topic each story points at."""
    return article_list(locale_id=locale_id).filter(topics__translation_key=topic.translation_key).distinct()


def author_articles(*, author: Author, locale_id: int | None = None) -> PageQuerySet:
    return (
        article_list(locale_id=locale_id)
        .filter(bylines__author__translation_key=author.translation_key)
        .distinct()
    )


def news_sitemap_articles(*, now: datetime | None = None) -> PageQuerySet:
    """Articles first published in the last two days, as Google News sitemaps require."""
    since = (now or timezone.now()) - timedelta(days=2)
    articles = article_list().filter(first_published_at__gte=since).select_related("locale")
    return articles[:NEWS_SITEMAP_LIMIT]


def sitemap_topics_and_authors(*, locale_id: int, language: str) -> list[Topic | Author]:
    """The edition's topics, then authors, with a live story in it; `lastmod` is their newest."""
    live = ArticlePage.objects.live().filter(locale_id=locale_id).order_by("-last_published_at")

    def newest(path: str) -> Subquery:
        return Subquery(live.filter(**{path: OuterRef("translation_key")}).values("last_published_at")[:1])

    topics = (
        edition_snippets(Topic, language=language)
        .annotate(lastmod=newest("topics__translation_key"))
        .filter(lastmod__isnull=False)
    )
    authors = (
        edition_snippets(Author, language=language)
        .annotate(lastmod=newest("bylines__author__translation_key"))
        .filter(lastmod__isnull=False)
    )
    return [*topics, *authors]


def articles_last_changed() -> datetime | None:
    """When a live story was last published (the front page changed then), or None."""
    newest: datetime | None = ArticlePage.objects.live().aggregate(newest=Max("last_published_at"))["newest"]
    return newest


# --- the admin's home ---------------------------------------------------------------------------


def stories_scheduled(*, limit: int = 10) -> list[dict[str, Any]]:
    """Revisions approved to go live later, soonest first: page id, title, time (one query)."""
    return list(
        Revision.page_revisions.filter(approved_go_live_at__isnull=False)
        .order_by("approved_go_live_at")
        .values("object_id", "object_str", "approved_go_live_at")[:limit]
    )


def stories_awaiting_review(*, user: User, limit: int = 10) -> list[dict[str, Any]]:
    """Pages waiting in a workflow step that `user` may approve, oldest first: id, title, step."""
    return list(
        TaskState.objects.reviewable_by(user)
        .filter(
            status=TaskState.STATUS_IN_PROGRESS, revision__base_content_type=get_default_page_content_type()
        )
        .order_by("started_at")
        .values("revision__object_id", "revision__object_str", "task__name", "started_at")[:limit]
    )


def stories_published_today(*, now: datetime | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """Stories first published since midnight (site time zone), newest first (one query)."""
    midnight = timezone.localtime(now or timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0)
    return list(
        ArticlePage.objects.live()
        .filter(first_published_at__gte=midnight)
        .order_by("-first_published_at")
        .values("id", "title", "first_published_at")[:limit]
    )


def image_get(*, pk: int) -> NewsImage | None:
    image: NewsImage | None = NewsImage.objects.filter(pk=pk).first()
    return image


def document_get(*, pk: int) -> "AbstractDocument | None":
    from wagtail.documents import get_document_model

    return get_document_model().objects.filter(pk=pk).first()


def edition_home(*, locale: Locale) -> HomePage | None:
    """The home page of one edition (a language's copy of the front page)."""
    home: HomePage | None = HomePage.objects.filter(locale=locale).first()
    return home


def edition_home_default() -> HomePage | None:
    """The default language's edition (the un-prefixed addresses: /feed/…), or None before setup."""
    home: HomePage | None = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    return home


def edition_pages(*, root: Page) -> QuerySet[Page]:
    """Every live public page of the site's front page and of its translations, in tree order,
    each of its specific class (the sitemap's items)."""
    in_an_edition = Q()
    for edition in root.get_translations(inclusive=True):
        in_an_edition |= Page.objects.descendant_of_q(edition, inclusive=True)
    pages: QuerySet[Page] = (
        Page.objects.live().public().filter(in_an_edition).order_by("path").defer_streamfields().specific()
    )
    return pages


def page_get(*, pk: int) -> Page | None:
    page = Page.objects.filter(pk=pk).first()
    return page.specific if page is not None else None


def page_public_get(*, pk: int, specific: bool = False) -> Page | None:
    """A published page that anyone may read (no view restriction), or None; `specific` loads
    its own class (an article's body) with one more query."""
    pages = Page.objects.live().public().filter(pk=pk)
    return (pages.specific() if specific else pages).first()


def pages_light(*, pks: list[int]) -> dict[int, Page]:
    """Pages by id with only what a bulk check needs (title, address, latest revision), in one
    query for a whole list; anything else is loaded when asked for."""
    fields = ("id", "title", "url_path", "latest_revision_id", "path", "depth", "locale_id")
    return {page.pk: page for page in Page.objects.filter(pk__in=pks).only(*fields).iterator(chunk_size=2000)}


def snippet_get[S: EditionSnippet](model: type[S], *, pk: int) -> S | None:
    snippet: S | None = model.objects.filter(pk=pk).first()
    return snippet


def snippet_free_slug(model: type[EditionSnippet], *, slug: str, locale: Locale) -> str:
    """`slug`, or `slug-2`, `slug-3`… when an author or topic of that language already has it."""
    taken = set(model.objects.filter(locale=locale, slug__startswith=slug).values_list("slug", flat=True))
    return free_slug(slug, taken)


def page_free_slug(*, parent: Page, slug: str) -> str:
    """`slug`, or `slug-2`… when a sibling page already has it (Wagtail wants them unique)."""
    taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    return free_slug(slug, taken)


def page_child_slugs(*, parent: Page) -> set[str]:
    """The slugs of `parent`'s children, for placing many new pages with one query."""
    return set(parent.get_children().values_list("slug", flat=True))


def free_slug(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate
