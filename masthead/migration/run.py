"""One import run: a single transaction (a failure or a dry run leaves the database as it was)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def import_transaction(*, dry_run: bool) -> Iterator[None]:
    """Everything an importer writes happens inside; an exception rolls all of it back, and a dry
    run rolls back even when all went well, after doing exactly the work a real run does."""
    with transaction.atomic():
        yield
        if dry_run:
            transaction.set_rollback(True)
