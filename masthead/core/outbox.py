"""The embedded site's mail outbox (Django's file backend): read it safely, prune it, erase from it.

The outbox holds every mail the site wrote, password resets included, so reading it is guarded
twice: only mails the site marks as reader mail (MAIL_KIND_HEADER) show a body at all, and every
token in their links is masked, so the viewer never hands a reader's authority to its reader.
"""

import logging
import os
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from django.contrib.auth.models import Permission
    from django.db.models import QuerySet

log = logging.getLogger("masthead.outbox")
SEPARATOR = b"\n" + b"-" * 79 + b"\n"
LIMIT = 200  # the newest messages listed
# Set by the apps on the mails written for readers (notifications, confirmations, receipts);
# a mail without it (password reset, any account mail of Django or Wagtail) never shows a body.
MAIL_KIND_HEADER = "X-Masthead-Mail"
MASK = "•••"
_URL = re.compile(r"""(?P<start>https?://[^\s"'<>/?#]+|mailto:[^\s"'<>?]*)(?P<rest>[^\s"'<>]*)""")
# An opaque value: 16 or more URL characters that are not a plain lowercase slug (signed tokens
# carry capitals, ":" or "%3A"; reset tokens and hashes carry digits).
_OPAQUE = re.compile(r"[A-Za-z0-9_\-:%.]{16,}")
_SLUG = re.compile(r"[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True)
class OutboxEntry:
    file: str
    index: int
    subject: str
    to: str
    date: object
    readable: bool


def outbox_dir() -> Path | None:
    """The outbox folder when mail goes to files (the embedded default), else None."""
    config: dict[str, Any] = settings.MAILERS.get("default", {})
    backend, folder = config.get("BACKEND", ""), config.get("OPTIONS", {}).get("file_path")
    if not backend.endswith("filebased.EmailBackend") or not folder:
        return None
    return Path(folder)


def _files() -> list[Path]:
    folder = outbox_dir()
    if folder is None or not folder.is_dir():
        return []
    return list(folder.glob("*.log"))


def _chunks(path: Path) -> list[bytes]:
    return [c for c in path.read_bytes().split(SEPARATOR) if c.strip()]


def _parse(chunk: bytes) -> EmailMessage:
    return message_from_bytes(chunk.strip(b"\n") + b"\n", policy=policy.default)


def mail_is_readable(message: EmailMessage) -> bool:
    return bool(message[MAIL_KIND_HEADER])


def _date(message: EmailMessage) -> datetime | None:
    try:
        return parsedate_to_datetime(message["Date"]) if message["Date"] else None
    except (TypeError, ValueError):
        return None


def outbox_list() -> list[OutboxEntry]:
    entries: list[OutboxEntry] = []
    for path in sorted(_files(), key=lambda p: p.stat().st_mtime, reverse=True):
        for index, chunk in enumerate(_chunks(path)):
            message = _parse(chunk)
            subject, to = str(message["Subject"] or ""), str(message["To"] or "")
            entries.append(
                OutboxEntry(path.name, index, subject, to, _date(message), mail_is_readable(message))
            )
        if len(entries) >= LIMIT:
            break
    entries.sort(key=lambda e: (e.date is not None, e.date), reverse=True)
    return entries[:LIMIT]


def outbox_message(*, file: str, index: int) -> EmailMessage | None:
    """One message, by file name as listed (never a path the request could choose)."""
    names = {p.name: p for p in _files()}
    if file not in names:
        return None
    chunks = _chunks(names[file])
    return _parse(chunks[index]) if 0 <= index < len(chunks) else None


def _mask_value(match: re.Match[str]) -> str:
    value = match.group(0)
    return value if _SLUG.fullmatch(value) else MASK


def tokens_mask(text: str) -> str:
    """The text with every opaque value in its links (paths, queries, mailto subjects) masked."""

    def _mask_url(match: re.Match[str]) -> str:
        return str(match.group("start")) + _OPAQUE.sub(_mask_value, match.group("rest"))

    return _URL.sub(_mask_url, text)


def message_parts(message: EmailMessage) -> tuple[str, str]:
    """(plain text, HTML) of a reader mail with its tokens masked; ("", "") for any other mail."""
    if not mail_is_readable(message):
        return "", ""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return (
        tokens_mask(text.get_content()) if text else "",
        tokens_mask(html.get_content()) if html else "",
    )


def message_headers(message: EmailMessage) -> list[tuple[str, str]]:
    names = ("Subject", "From", "To", "Date", "List-Unsubscribe", "List-Unsubscribe-Post")
    return [(name, tokens_mask(str(message[name]))) for name in names if message[name]]


def outbox_permissions() -> "QuerySet[Permission]":
    """The permission to read the outbox, as the admin's group page lists it."""
    # Imported here: the mail code imports this module, and needs no auth models loaded for it.
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="core", codename="read_outbox")


def outbox_prune(*, days: int, now: float | None = None) -> int:
    """Deletes the outbox files older than `days` days (0: keep everything); returns how many."""
    if days <= 0:
        return 0
    cutoff = (now or time.time()) - days * 86400
    removed = 0
    for path in _files():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another process pruned it first
            continue
    return removed


def _recipients(message: EmailMessage) -> set[str]:
    fields = [str(v) for name in ("To", "Cc", "Bcc") for v in message.get_all(name, [])]
    return {address.strip().lower() for _name, address in getaddresses(fields)}


def outbox_erase(*, email: str) -> int:
    """Removes every mail addressed to `email` (a privacy erasure); returns how many."""
    address, removed = email.strip().lower(), 0
    for path in _files():
        chunks = _chunks(path)
        kept = [c for c in chunks if address not in _recipients(_parse(c))]
        if len(kept) == len(chunks):
            continue
        removed += len(chunks) - len(kept)
        if not kept:
            path.unlink(missing_ok=True)
            continue
        # Written aside, then renamed: a crash leaves the old file or the new one, never half.
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(b"".join(c.strip(b"\n") + SEPARATOR for c in kept))
        os.replace(temporary, path)
    if removed:
        log.info("outbox: %s mail(s) erased", removed)
    return removed
