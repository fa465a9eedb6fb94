"""Background work of inline feedback: re-anchoring after an article is republished."""

import logging

from django.tasks import task
from wagtail.models import Page, Revision

from masthead.core.pagecache import page_cache_clear

from .services import anchors_reanchor

logger = logging.getLogger(__name__)


@task()
def page_reanchor(*, page_id: int, revision_id: int | None = None) -> dict[str, int]:
    """Moves a page's anchors to its live version. `revision_id` (the one just published) is
    only for the log: when two publishes come close together their tasks may run in either
    order, and resolving against whatever is live when the task runs makes the last one right."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or page.live_revision_id is None:
        return {}
    tally = anchors_reanchor(page=page, revision=Revision.objects.get(pk=page.live_revision_id))
    if tally:
        page_cache_clear()  # the highlights moved with the anchors
        logger.info("re-anchored page %s (published revision %s): %s", page_id, revision_id, tally)
    return tally
