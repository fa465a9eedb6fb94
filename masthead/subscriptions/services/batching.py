"""When an address may next be mailed: one mail per window, or one digest a day."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ..models import Frequency


def _window() -> timedelta:
    return timedelta(seconds=settings.SUBSCRIPTIONS_WINDOW_SECONDS)


def _next_digest(after: datetime) -> datetime:
    local = timezone.localtime(after)
    slot = local.replace(hour=settings.SUBSCRIPTIONS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return slot if slot > local else slot + timedelta(days=1)


def due_at(*, frequency: str, last_mailed_at: datetime | None, now: datetime) -> datetime:
    """When an address may next be mailed."""
    if frequency == Frequency.DAILY:
        return _next_digest(last_mailed_at or now)
    soonest = now + timedelta(seconds=settings.SUBSCRIPTIONS_GATHER_SECONDS)
    return max(soonest, last_mailed_at + _window()) if last_mailed_at else soonest
