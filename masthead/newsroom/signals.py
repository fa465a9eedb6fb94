"""Decoupled hooks: anything published or unpublished retires the cached pages."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from masthead.core.pagecache import page_cache_clear


@receiver(page_published)
@receiver(page_unpublished)
def clear_page_cache(sender, **kwargs):
    page_cache_clear()
