"""Background work of the newsroom: indexing stories created in bulk."""

from django.tasks import task
from modelsearch.backends import get_search_backends
from wagtail.models import ReferenceIndex

from .models import ArticlePage


@task()
def pages_index(*, page_ids: list[int]) -> int:
    """Adds stories made by article_create_bulk to the search index and to Wagtail's reference
    index (an image's "usage"), what saving each one would have queued, in one task per batch."""
    pages = list(ArticlePage.objects.filter(pk__in=page_ids).prefetch_related("topics", "tagged_items__tag"))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ArticlePage, pages)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    return len(pages)
