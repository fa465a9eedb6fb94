"""Hooks on the discussion's signals: each only queues a task (the work happens in the worker)."""

from masthead.comments.models import Status

from .tasks import comment_held_notify, comment_notify


def on_comment_approved(sender, *, comment, **kwargs) -> None:
    comment_notify.enqueue(comment_id=comment.pk)


def on_comment_posted(sender, *, comment, **kwargs) -> None:
    """A comment stored as pending waits for a moderator: tell those who asked to know."""
    if comment.status == Status.PENDING:
        comment_held_notify.enqueue(comment_id=comment.pk)
