"""Decoupled hooks: anything readers see that changes retires the cached pages."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.core.pagecache import page_cache_clear

from .models import Author, NewsImage, Topic

# Wagtail fills these in on its own when it reads an image; readers see no difference.
_IMAGE_BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def clear_page_cache(sender, **kwargs):
    page_cache_clear()


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def clear_page_cache_on_byline_or_topic_change(sender, **kwargs):
    # Names and descriptions show on every teaser and on the topic and author pages.
    page_cache_clear()


@receiver(post_save, sender=NewsImage)
def clear_page_cache_on_image_change(sender, update_fields=None, created=False, **kwargs):
    if created or (update_fields and set(update_fields) <= _IMAGE_BOOKKEEPING_FIELDS):
        return  # a new image is on no page yet
    page_cache_clear()
