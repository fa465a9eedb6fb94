"""Thin views of the newsroom: topic and author pages, search, robots.txt, error pages."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from masthead.core.absoluteurl import absolute_reverse

from . import selectors
from .models import Author, Topic
from .search import article_search_edition

SEARCH_MAX_CHARS = 200


def _page_of(request, items, per_page=selectors.LIST_PAGE_SIZE):
    """One page of a list; a page number that is not a number or is past the end gives a 404."""
    try:
        return Paginator(items, per_page).page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage) as e:
        raise Http404(str(e)) from e


def _snippet_or_404(model, *, home, slug: str):
    """The topic or author an edition's address names (selectors.edition_snippet), or a 404."""
    found = selectors.edition_snippet(model, slug=slug, language=home.locale.language_code)
    if found is None:
        raise Http404(f"No {model._meta.model_name} {slug!r}")
    return found


def topic_page(request, *, home, slug):
    topic = _snippet_or_404(Topic, home=home, slug=slug)
    if topic.slug != slug:  # the edition's translation lives at its own address
        return redirect(topic.get_absolute_url())
    page = _page_of(request, selectors.topic_articles(topic=topic, locale_id=home.locale_id))
    topics = selectors.edition_topics(language=home.locale.language_code)
    return TemplateResponse(
        request,
        "newsroom/topic_page.html",
        {
            "page": home,
            "self": home,
            "topic": topic,
            "current_topic": topic,
            "topics": topics,
            "articles": page,
        },
    )


def author_page(request, *, home, slug):
    author = _snippet_or_404(Author, home=home, slug=slug)
    if author.slug != slug:
        return redirect(author.get_absolute_url())
    page = _page_of(request, selectors.author_articles(author=author, locale_id=home.locale_id))
    return TemplateResponse(
        request, "newsroom/author_page.html", {"page": home, "self": home, "author": author, "articles": page}
    )


@require_GET
def search(request):
    # A huge query is clamped, not refused: the reader still gets results for its start.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:SEARCH_MAX_CHARS]
    results = article_search_edition(text=query)
    return TemplateResponse(
        request, "newsroom/search.html", {"query": query, "results": _page_of(request, results)}
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        # Every other edition's search too (/ar/search/…): result pages are not content.
        *(
            f"Disallow: /{code}/search/"
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ),
        "",
        f"Sitemap: {absolute_reverse('sitemap')}",
        f"Sitemap: {absolute_reverse('news_sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
