"""Background work of inline feedback: re-anchoring after an article is republished."""

import logging

from django.tasks import task
from wagtail.models import Page, Revision

from masthead.core.pagecache import page_cache_clear

from .services import anchors_reanchor

logger = logging.getLogger(__name__)


@task()
def page_reanchor(*, page_id: int, revision_id: int | None = None) -> dict[str, int]:
    """Moves a page's anchors to the given published revision (the live one if None)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return {}
    revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
    tally = anchors_reanchor(page=page, revision=revision)
    if tally:
        page_cache_clear()  # the highlights moved with the anchors
        logger.info("re-anchored page %s at revision %s: %s", page_id, revision_id, tally)
    return tally
