"""SMTP for the delivery pipeline: a few connections in parallel, each carrying many messages.

A handful of connections hide the round trips of each message (MAIL, RCPT, DATA) behind one
another; SUBSCRIPTIONS_SMTP_CONNECTIONS sets how many (1 = strictly one connection).
"""

import contextlib
import logging
import smtplib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django import db
from django.conf import settings
from django.core.mail import mailers

log = logging.getLogger("masthead.subscriptions")
PER_CONNECTION_MIN = 20  # fewer messages than this per connection are not worth another one
Accepted = Callable[[int], None]


class _Connection:
    """One connection for many messages; reopened after the server hangs up."""

    def __enter__(self):
        self.backend = mailers.default
        try:
            self.backend.open()
        except (OSError, smtplib.SMTPException) as error:
            log.warning("mail server unreachable: %s", error)
        return self

    def send(self, message) -> None:
        if getattr(self.backend, "connection", True) is None:
            self.backend.open()
        self.backend.send_messages([message])

    def reset(self) -> None:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            self.backend.close()

    def __exit__(self, *exc):
        self.reset()


def _send_slice(messages: list, indexes: range, results: list, accepted: Accepted) -> None:
    with _Connection() as connection:
        for i in indexes:
            try:
                connection.send(messages[i])
            except smtplib.SMTPResponseException as error:  # answered: the session goes on
                results[i] = error
            except smtplib.SMTPRecipientsRefused as error:
                results[i] = error
            except (smtplib.SMTPException, OSError) as error:  # the connection is gone
                results[i] = error
                connection.reset()
            except ValueError as error:  # Django's BadHeaderError: refused before sending
                results[i] = error
            else:
                accepted(i)


def messages_send(messages: list, accepted: Accepted) -> list[Exception | None]:
    """Sends the messages; for each, None when the server accepted it, else the exception.
    `accepted(i)` runs as soon as the server has accepted message i, before the next is sent:
    the caller records it at once, so a worker killed later in the batch resends nothing."""
    results: list[Exception | None] = [None] * len(messages)
    count = max(1, min(settings.SUBSCRIPTIONS_SMTP_CONNECTIONS, len(messages) // PER_CONNECTION_MIN))
    if count == 1:
        _send_slice(messages, range(len(messages)), results, accepted)
        return results

    def in_thread(indexes: range) -> None:
        try:
            _send_slice(messages, indexes, results, accepted)
        finally:
            db.connections.close_all()  # this thread's own, opened by `accepted`

    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="smtp") as pool:
        list(pool.map(in_thread, [range(k, len(messages), count) for k in range(count)]))
    return results
