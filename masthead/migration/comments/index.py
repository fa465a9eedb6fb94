"""Reads what the site knows about its articles, for matching Disqus and Isso threads to them."""

from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from ..addresses import site_key
from ..models import Source
from ..selectors import imported_refs
from .matching import ArticleIndex

# The kinds under which the WordPress import records what became a page.
PAGE_KINDS = ("posts", "pages")


def article_index(*, site_url: str) -> ArticleIndex:
    """Post ids from the WordPress import of `site_url`, every old address a redirect keeps,
    every live page's own address, and the titles of pages that can hold a discussion."""
    index = ArticleIndex()
    for kind in PAGE_KINDS:
        refs = imported_refs(source=Source.WORDPRESS, source_site=site_key(site_url), kind=kind)
        for post_id, ref in refs.items():
            index.by_post_id.setdefault(post_id, ref.object_id)
    old_paths = Redirect.objects.filter(redirect_page__isnull=False).values_list(
        "old_path", "redirect_page_id"
    )
    for old_path, page_id in old_paths.iterator(chunk_size=5000):
        index.add_path(old_path, page_id)
    _live_pages(index)
    return index


def _live_pages(index: ArticleIndex) -> None:
    roots = [urlsplit(site.root_page.url_path).path for site in Site.objects.select_related("root_page")]
    pages = (
        Page.objects.live().filter(depth__gt=2).values_list("pk", "url_path", "title", "content_type__model")
    )
    for pk, url_path, title, model in pages.iterator(chunk_size=5000):
        for root in roots:
            if url_path.startswith(root):
                index.add_path("/" + url_path.removeprefix(root), pk)
                break
        if model not in ("topicpage", "authorpage", "homepage"):
            index.add_title(title, pk)
