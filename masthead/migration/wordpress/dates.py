"""Dates of an export: GMT when WordPress wrote it, else the site's local time."""

from datetime import UTC, datetime

from django.utils import timezone


def item_date(gmt: str, local: str) -> datetime | None:
    for text, aware in ((gmt, True), (local, False)):
        if not text or text.startswith("0000"):
            continue
        try:
            value = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return value.replace(tzinfo=UTC) if aware else timezone.make_aware(value)
    return None
