"""Connects inline feedback to signals defined elsewhere (Wagtail's split: signals.py defines,
signal_handlers.py connects): republishing enqueues re-anchoring; an approval refreshes the count."""

from django.db import transaction
from wagtail.signals import page_published

from masthead.comments.signals import comment_approved


def reanchor_on_publish(sender, instance, revision=None, **kwargs) -> None:
    if not hasattr(instance, "body"):
        return
    from .models import Anchor
    from .tasks import page_reanchor

    if not Anchor.objects.filter(page_id=instance.pk).exists():
        return
    revision_id = revision.pk if revision else None
    transaction.on_commit(lambda: page_reanchor.enqueue(page_id=instance.pk, revision_id=revision_id))


def count_on_approval(sender, comment, **kwargs) -> None:
    from .models import Anchor
    from .services import inline_count_refresh

    if Anchor.objects.filter(comment_id=comment.pk).exists():
        inline_count_refresh(page_id=comment.page_id)


def register_signal_handlers() -> None:
    """Called once from InlineConfig.ready()."""
    page_published.connect(reanchor_on_publish, dispatch_uid="inline.reanchor_on_publish")
    comment_approved.connect(count_on_approval, dispatch_uid="inline.count_on_approval")
