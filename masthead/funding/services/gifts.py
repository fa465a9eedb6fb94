"""Gifts recorded by staff (cheques, cash) and the campaign bar they move."""

from typing import cast

from django.db import transaction
from django.utils import timezone

from masthead.core.generation import generation_bump
from masthead.core.pagecache import page_cache_clear

from ..models import Campaign, Gift
from ..periods import period_at


def bar_cache_clear() -> None:
    """Retire the cached bar and the cached pages that show it (after money is recorded)."""
    from ..selectors import BAR_GENERATION

    generation_bump(BAR_GENERATION)
    page_cache_clear()


@transaction.atomic
def gift_record_offline(*, gift: Gift) -> Gift:
    """Staff record a cheque or cash: paid at once, in the campaign's period of the day received."""
    gift.kind, gift.status = Gift.Kind.OFFLINE, Gift.Status.PAID
    # Never None here: the offline gift form requires a campaign (admin_forms.OfflineGiftForm).
    campaign = cast(Campaign, gift.campaign)
    gift.currency = campaign.currency
    gift.paid_at = gift.paid_at or timezone.now()
    period = period_at(campaign=campaign, moment=gift.paid_at)
    gift.period_start = period.start if period else None
    gift.save()
    transaction.on_commit(bar_cache_clear, robust=True)  # the gift is stored whatever the cache does
    return gift
