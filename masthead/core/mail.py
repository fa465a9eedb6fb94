"""The one place a mail is built: every mail the site writes to a person goes through `mail_build`.

It refuses a header value holding a line break (header injection: a name or title from a reader
that would add a header of its own), marks the mail for the outbox viewer (MAIL_KIND_HEADER) and
folds headers at 998 characters rather than 78, so that long signed URLs (List-Unsubscribe) stay
readable as URLs. Whatever is added later to every outgoing mail (signing, say) is added here.
"""

import email.policy
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.policy import Policy
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.utils.translation import gettext as _

from .outbox import MAIL_KIND_HEADER
from .refusal import Refusal

# Every character that str.splitlines() and mail parsers treat as a line break.
LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def header_value_check(value: str, *, field: str) -> str:
    """Refuses a value bound for a mail header if it holds a line break (header injection)."""
    if LINE_BREAKS.search(value):
        raise Refusal(_("Line breaks are not allowed here."), field=field)
    return value


def message_id(local: str) -> str:
    """A Message-ID of our own, `<local@site host>`, for a mail that a task may send again after a
    crash: the copy carries the same one, so a receiving server or client can recognise it."""
    return f"<{local}@{urlsplit(settings.BASE_URL).hostname or 'localhost'}>"


@contextmanager
def sent_after_commit() -> Iterator[Callable[[EmailMultiAlternatives], None]]:
    """`send(message)` over a connection kept open until this block ends. A task wraps in it the
    transaction that marks a mail sent, writing the mark before the send: once the mail's last line
    is sent, only the server's "250" and the commit are left. Closing first (QUIT) would widen the
    instant in which a killed worker leaves the mail taken yet unmarked, so that its task, run
    again, sends it twice (docs/scaling.md, "Mail exactly once")."""
    mailer = mailers.default

    def send(message: EmailMultiAlternatives) -> None:
        mailer.open()  # opened here, so send_messages leaves it open
        mailer.send_messages([message])

    try:
        yield send
    finally:
        mailer.close()


class _Mail(EmailMultiAlternatives):
    """Python's mail folding turns any header word longer than 78 characters (our signed URLs)
    into RFC 2047 encoded-words, which no mail provider parses as a URL. Lines up to 998
    characters are allowed (RFC 5322, 2.1.1), so fold there."""

    def message(self, *, policy: Policy | None = email.policy.default) -> EmailMessage:
        msg = super().message(policy=policy)
        msg.policy = msg.policy.clone(max_line_length=998)
        return msg


def mail_build(
    *,
    kind: str,
    subject: str,
    text: str,
    html: str,
    to: list[str],
    from_email: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """A text mail with its HTML alternative. Raises Refusal, and builds nothing, when the subject,
    a sender, a recipient or a header value holds a line break. `kind` names the mail for the
    outbox viewer (notification, confirmation, receipt)."""
    header_value_check(subject, field="subject")
    for address in [*to, from_email or ""]:
        header_value_check(address, field="email")
    all_headers = {**(headers or {}), MAIL_KIND_HEADER: kind}
    for name, value in all_headers.items():
        header_value_check(name, field="header")
        header_value_check(value, field="header")
    message = _Mail(subject, text, from_email, to, headers=all_headers)
    message.attach_alternative(html, "text/html")
    return message
