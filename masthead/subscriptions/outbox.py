"""Reads the embedded site's mail outbox (Django's file backend) so staff can follow the flow."""

from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
LIMIT = 200  # the newest messages listed


@dataclass(frozen=True)
class OutboxEntry:
    file: str
    index: int
    subject: str
    to: str
    date: object


def outbox_dir() -> Path | None:
    """The outbox folder when mail goes to files (the embedded default), else None."""
    config = settings.MAILERS.get("default", {})
    backend, folder = config.get("BACKEND", ""), config.get("OPTIONS", {}).get("file_path")
    if not backend.endswith("filebased.EmailBackend") or not folder:
        return None
    return Path(folder)


def _messages(path: Path) -> list[EmailMessage]:
    chunks = [c for c in path.read_bytes().split(SEPARATOR) if c.strip()]
    return [message_from_bytes(c.strip(b"\n") + b"\n", policy=policy.default) for c in chunks]


def outbox_list() -> list[OutboxEntry]:
    folder = outbox_dir()
    if folder is None or not folder.is_dir():
        return []
    entries: list[OutboxEntry] = []
    files = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in files:
        for index, message in enumerate(_messages(path)):
            try:
                date = parsedate_to_datetime(message["Date"]) if message["Date"] else None
            except (TypeError, ValueError):
                date = None
            entries.append(
                OutboxEntry(path.name, index, str(message["Subject"] or ""), str(message["To"] or ""), date)
            )
        if len(entries) >= LIMIT:
            break
    entries.sort(key=lambda e: (e.date is not None, e.date), reverse=True)
    return entries[:LIMIT]


def outbox_message(*, file: str, index: int) -> EmailMessage | None:
    """One message, by file name as listed (never a path the request could choose)."""
    folder = outbox_dir()
    if folder is None or not folder.is_dir():
        return None
    names = {p.name: p for p in folder.glob("*.log")}
    if file not in names:
        return None
    messages = _messages(names[file])
    return messages[index] if 0 <= index < len(messages) else None


def message_parts(message: EmailMessage) -> tuple[str, str]:
    """(plain text, HTML) of a message; either may be ''."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return (text.get_content() if text else "", html.get_content() if html else "")
