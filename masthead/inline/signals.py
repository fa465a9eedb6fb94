"""Decoupled hooks: republishing enqueues re-anchoring; an approval refreshes the inline count."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from masthead.comments.signals import comment_approved


@receiver(page_published)
def reanchor_on_publish(sender, instance, revision=None, **kwargs):
    if not hasattr(instance, "body"):
        return
    from .models import Anchor
    from .tasks import page_reanchor

    if not Anchor.objects.filter(page_id=instance.pk).exists():
        return
    revision_id = revision.pk if revision else None
    transaction.on_commit(lambda: page_reanchor.enqueue(page_id=instance.pk, revision_id=revision_id))


@receiver(comment_approved)
def count_on_approval(sender, comment, **kwargs):
    from .models import Anchor
    from .services import inline_count_refresh

    if Anchor.objects.filter(comment_id=comment.pk).exists():
        inline_count_refresh(page_id=comment.page_id)
