"""Connects the page cache to what readers see (Wagtail's split: signals.py defines,
signal_handlers.py connects): anything readers see that changes retires the cached pages."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.core.pagecache import page_cache_clear

from .models import Author, NewsImage, Topic

# Wagtail fills these in on its own when it reads an image; readers see no difference.
_IMAGE_BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def clear_page_cache(sender, **kwargs) -> None:
    page_cache_clear()


def clear_page_cache_on_byline_or_topic_change(sender, **kwargs) -> None:
    # Names and descriptions show on every teaser and on the topic and author pages.
    page_cache_clear()


def clear_page_cache_on_image_change(sender, update_fields=None, created=False, **kwargs) -> None:
    if created or (update_fields and set(update_fields) <= _IMAGE_BOOKKEEPING_FIELDS):
        return  # a new image is on no page yet
    page_cache_clear()


def clear_page_cache_on_privacy_change(sender, **kwargs) -> None:
    # A page (or a collection) made private must stop being served from a copy kept while it
    # was public; one made public again is no longer "restricted" in the kept answers.
    page_cache_clear()


def register_signal_handlers() -> None:
    """Called once from NewsroomConfig.ready()."""
    pages = {"published": page_published, "unpublished": page_unpublished, "moved": post_page_move}
    for name, signal in pages.items():
        signal.connect(clear_page_cache, dispatch_uid=f"newsroom.page_{name}")
    for model in (Author, Topic):
        for name, signal in {"saved": post_save, "deleted": post_delete}.items():
            signal.connect(
                clear_page_cache_on_byline_or_topic_change,
                sender=model,
                dispatch_uid=f"newsroom.{model.__name__.lower()}_{name}",
            )
    post_save.connect(clear_page_cache_on_image_change, sender=NewsImage, dispatch_uid="newsroom.image_saved")
    for model in (PageViewRestriction, CollectionViewRestriction):
        for name, signal in {"saved": post_save, "deleted": post_delete}.items():
            signal.connect(
                clear_page_cache_on_privacy_change,
                sender=model,
                dispatch_uid=f"newsroom.{model.__name__.lower()}_{name}",
            )
