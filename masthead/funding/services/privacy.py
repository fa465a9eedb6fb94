"""Funding's part of the admin's privacy requests (a MODERATION_PRIVACY_EXTENSIONS entry).

Erasure blanks who gave: the email address, donor name, note and receipt language of every gift,
and the email address and name of every monthly pledge, under that address. What was given stays (amounts,
currencies, kinds, statuses, dates, campaigns, Stripe ids): financial records are kept for
accounting law, and the ledger's totals, the campaign bar included, must not change. Stripe keeps
its own copy of each payment under its own policy; erasing it there is a separate request.
An erasure does not cancel a monthly gift (Stripe goes on charging until the donor or staff
cancel it there), but the ledger records its later months, and any later event about an erased
payment, without who gave (personal_erased_at; ledger.py), so no receipt goes out either.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Gift, Pledge
from .ledger import DONOR_FIELDS


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _campaign_name(row: Gift | Pledge) -> str | None:
    return row.campaign.name if row.campaign else None


def _gift_data(gift: Gift) -> dict[str, Any]:
    return {
        "amount_minor": gift.amount_minor,
        "refunded_minor": gift.refunded_minor,
        "currency": gift.currency,
        "kind": gift.kind,
        "status": gift.status,
        "campaign": _campaign_name(gift),
        "paid_at": _iso(gift.paid_at),
        "created_at": _iso(gift.created_at),
        "email": gift.email,
        "donor_name": gift.donor_name,
        "note": gift.note,
        "language": gift.language,
    }


def _pledge_data(pledge: Pledge) -> dict[str, Any]:
    return {
        "amount_minor": pledge.amount_minor,
        "currency": pledge.currency,
        "status": pledge.status,
        "campaign": _campaign_name(pledge),
        "created_at": _iso(pledge.created_at),
        "canceled_at": _iso(pledge.canceled_at),
        "email": pledge.email,
        "donor_name": pledge.donor_name,
    }


class DonorPrivacy:
    """Export and erasure of one address's gifts and pledges; `email` arrives lower-cased, but
    the ledger keeps addresses as Stripe or staff typed them, so they are matched ignoring case."""

    def export(self, *, email: str) -> dict[str, Any]:
        gifts = Gift.objects.filter(email__iexact=email).select_related("campaign")
        pledges = Pledge.objects.filter(email__iexact=email).select_related("campaign")
        return {
            "donations": [_gift_data(g) for g in gifts.order_by("created_at", "pk")],
            "monthly_gifts": [_pledge_data(p) for p in pledges.order_by("created_at", "pk")],
        }

    @transaction.atomic
    def erase(self, *, email: str) -> None:
        now = timezone.now()
        pledges = Pledge.objects.filter(email__iexact=email)
        subscriptions = list(pledges.values_list("subscription_id", flat=True))
        pledges.update(email="", donor_name="", personal_erased_at=now)
        # The months of the same monthly gift too, whatever address Stripe had on them. update()
        # skips auto_now, so updated_at is set here: the rows did change.
        Gift.objects.filter(Q(email__iexact=email) | Q(subscription_id__in=subscriptions)).update(
            **dict.fromkeys(DONOR_FIELDS, ""), personal_erased_at=now, updated_at=now
        )


extension = DonorPrivacy()
