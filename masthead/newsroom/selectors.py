"""Reads of the newsroom: front page, lists, related stories. Each costs a fixed number of queries."""

import re
from datetime import timedelta

from django.db.models import Max, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from .models import ArticleAuthor, ArticlePage, Author, HomePage, Topic

RELATED_LIMIT = 4
LIST_PAGE_SIZE = 12
NEWS_SITEMAP_LIMIT = 1000  # Google News reads at most 1,000 URLs from one news sitemap

_WORD = re.compile(r"\w+")
_BYLINES = Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))


def article_list(*, locale_id: int | None = None) -> QuerySet[ArticlePage]:
    """Live articles (of one edition's language, if given), newest first, with what a teaser
    shows loaded in a fixed number of queries."""
    articles = ArticlePage.objects.live() if locale_id is None else (
        ArticlePage.objects.live().filter(locale_id=locale_id))
    return (
        articles
        .public()
        .select_related("lead_image")
        .prefetch_related(
            _BYLINES,
            "topics",
            Prefetch("lead_image__renditions"),
        )
        .order_by("-first_published_at", "-pk")
    )


def home_front(*, home: HomePage) -> dict:
    """The lead story, the latest stories after it and the topics, for the front page."""
    latest = list(article_list().child_of(home)[: LIST_PAGE_SIZE + 1])
    lead = next((a for a in latest if home.lead_story_id and a.pk == home.lead_story_id), None)
    if lead is None and home.lead_story_id:
        lead = article_list().filter(pk=home.lead_story_id).first()
    lead = lead or (latest[0] if latest else None)
    rest = [a for a in latest if a != lead][:LIST_PAGE_SIZE]
    return {"lead": lead, "latest": rest, "topics": list(Topic.objects.all())}


def article_related(*, article: ArticlePage, limit: int = RELATED_LIMIT) -> list[ArticlePage]:
    """Stories sharing a topic, newest first; topped up by text similarity when too few."""
    others = article_list(locale_id=article.locale_id).exclude(pk=article.pk)
    topic_ids = [t.pk for t in article.topics.all()]
    related = list(others.filter(topics__in=topic_ids).distinct()[:limit]) if topic_ids else []
    if len(related) < limit:
        related += _similar_articles(article, exclude=[a.pk for a in related] + [article.pk],
                                     limit=limit - len(related))
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
        lookup
        for name, lookup in (("bylines", _BYLINES), ("topics", "topics"))
        if name not in in_memory
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


def topic_articles(*, topic: Topic, locale_id: int | None = None) -> QuerySet[ArticlePage]:
    return article_list(locale_id=locale_id).filter(topics=topic)


def author_articles(*, author: Author, locale_id: int | None = None) -> QuerySet[ArticlePage]:
    return article_list(locale_id=locale_id).filter(bylines__author=author).distinct()


def news_sitemap_articles(*, now=None) -> QuerySet[ArticlePage]:
    """Articles first published in the last two days, as Google News sitemaps require."""
    since = (now or timezone.now()) - timedelta(days=2)
    articles = article_list().filter(first_published_at__gte=since).select_related("locale")
    return articles[:NEWS_SITEMAP_LIMIT]


def sitemap_topics_and_authors(*, locale_id: int) -> list[Topic | Author]:
    """Topics, then authors, with a live story in the edition; `lastmod` is their newest change."""
    live_topic = Q(articles__live=True, articles__locale_id=locale_id)
    live_byline = Q(bylines__article__live=True, bylines__article__locale_id=locale_id)
    topics = Topic.objects.annotate(
        lastmod=Max("articles__last_published_at", filter=live_topic)
    ).filter(lastmod__isnull=False)
    authors = Author.objects.annotate(
        lastmod=Max("bylines__article__last_published_at", filter=live_byline)
    ).filter(lastmod__isnull=False)
    return [*topics, *authors]


def articles_last_changed():
    """When a live story was last published (the front page changed then), or None."""
    return ArticlePage.objects.live().aggregate(newest=Max("last_published_at"))["newest"]
