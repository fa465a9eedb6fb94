"""Connects subscriptions to the discussion's signals (Wagtail's split: signals.py defines,
signal_handlers.py connects): each handler only queues a task (the work happens in the worker)."""

from masthead.comments import signals
from masthead.comments.models import Status

from .tasks import comment_held_notify, comment_notify


def on_comment_approved(sender, *, comment, **kwargs) -> None:
    comment_notify.enqueue(comment_id=comment.pk)


def on_comment_posted(sender, *, comment, **kwargs) -> None:
    """A comment stored as pending waits for a moderator: tell those who asked to know."""
    if comment.status == Status.PENDING:
        comment_held_notify.enqueue(comment_id=comment.pk)


def register_signal_handlers() -> None:
    """Called once from SubscriptionsConfig.ready()."""
    signals.comment_approved.connect(on_comment_approved, dispatch_uid="subscriptions.approved")
    signals.comment_posted.connect(on_comment_posted, dispatch_uid="subscriptions.posted")
