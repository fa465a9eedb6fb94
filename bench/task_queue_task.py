"""The empty task bench/task_queue.py queues (in a module of its own: the workers import it by
its path, which a script run as __main__ does not have)."""

from django.tasks import task


@task
def noop() -> None:
    """Does nothing: what is measured is the queue."""
