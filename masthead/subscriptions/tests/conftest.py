"""Fixtures of the subscription tests: the database task queue, a clock (the SMTP server: /conftest.py)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone


class Clock:
    def __init__(self):
        self.now = timezone.now()

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock():
    """Time that moves only when the test says so (the queue's run_after reads the same clock)."""
    c = Clock()
    with mock.patch("django.utils.timezone.now", lambda: c.now):  # noqa: PT008  (read at each call)
        yield c


@pytest.fixture
def queue(settings):
    """The database task queue, run by `queue.run()` like a worker would, in this process."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    class Queue:
        def run(self) -> int:
            ran = 0
            jobs = DBTaskResult.objects.ready().order_by("run_after", "enqueued_at")
            while (job := jobs.first()) is not None:
                job.claim("test")
                result = job.task_result
                try:
                    job.set_successful(job.task.call(*result.args, **result.kwargs))
                except Exception as error:
                    job.set_failed(error)
                    raise
                ran += 1
            return ran

        def waiting(self) -> int:
            return DBTaskResult.objects.filter(status="READY").count()

    return Queue()


@pytest.fixture
def post(django_capture_on_commit_callbacks, settings):
    """Posts a comment through the comments app's own service, running its after-commit signals."""
    from masthead.comments.identity import Reader
    from masthead.comments.services import Posting, comment_create

    def _post(page, *, name="Guest", email="", body="Hello", parent=None, user=None, hold=False, **extra):
        settings.COMMENTS_SCREEN = (
            "masthead.subscriptions.tests.conftest.hold_all"
            if hold
            else "masthead.comments.screening.approve_all"
        )
        data = {
            "author_name": name,
            "author_email": email,
            "body": body,
            "parent": str(parent.pk) if parent else "",
            **extra,
        }
        with django_capture_on_commit_callbacks(execute=True):
            comment, _verdict = comment_create(
                page=page,
                data=data,
                posting=Posting(reader=Reader(user=user, guest_id=f"g-{email}"), network="net"),
            )
        return comment

    return _post


@pytest.fixture
def moderate(django_capture_on_commit_callbacks):
    from masthead.comments.services import comment_status_set

    def _moderate(comment, status):
        with django_capture_on_commit_callbacks(execute=True):
            return comment_status_set(comment=comment, status=status)

    return _moderate


def hold_all(submission):
    from masthead.comments.screening import Verdict

    return Verdict(action="hold", reason="test")
