"""Funding's part of the admin's privacy requests (a MODERATION_PRIVACY_EXTENSIONS entry).

Erasure blanks who gave: the email address, donor name, note and receipt language of every gift,
and the email address of every monthly pledge, under that address. What was given stays (amounts,
currencies, kinds, statuses, dates, campaigns, Stripe ids): financial records are kept for
accounting law, and the ledger's totals, the campaign bar included, must not change. Stripe keeps
its own copy of each payment under its own policy; erasing it there is a separate request.
An erasure does not cancel a monthly gift: Stripe's next invoice brings the address back (on the
pledge and the new month's gift), so cancel the pledge in Stripe first when it is still active.
"""

from django.db import transaction
from django.utils import timezone

from .models import Gift, Pledge


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _campaign_name(row: Gift | Pledge) -> str | None:
    return row.campaign.name if row.campaign else None


def _gift_data(gift: Gift) -> dict:
    return {
        "amount_minor": gift.amount_minor, "refunded_minor": gift.refunded_minor,
        "currency": gift.currency, "kind": gift.kind, "status": gift.status,
        "campaign": _campaign_name(gift), "paid_at": _iso(gift.paid_at),
        "created_at": _iso(gift.created_at), "email": gift.email, "donor_name": gift.donor_name,
        "note": gift.note, "language": gift.language,
    }


def _pledge_data(pledge: Pledge) -> dict:
    return {
        "amount_minor": pledge.amount_minor, "currency": pledge.currency, "status": pledge.status,
        "campaign": _campaign_name(pledge), "created_at": _iso(pledge.created_at),
        "canceled_at": _iso(pledge.canceled_at), "email": pledge.email,
    }


class DonorPrivacy:
    """Export and erasure of one address's gifts and pledges; `email` arrives lower-cased, but
    the ledger keeps addresses as Stripe or staff typed them, so they are matched ignoring case."""

    def export(self, *, email: str) -> dict:
        gifts = Gift.objects.filter(email__iexact=email).select_related("campaign")
        pledges = Pledge.objects.filter(email__iexact=email).select_related("campaign")
        return {"donations": [_gift_data(g) for g in gifts.order_by("created_at", "pk")],
                "monthly_gifts": [_pledge_data(p) for p in pledges.order_by("created_at", "pk")]}

    @transaction.atomic
    def erase(self, *, email: str) -> None:
        # update() skips auto_now, so updated_at is set here: the row did change.
        Gift.objects.filter(email__iexact=email).update(
            email="", donor_name="", note="", language="", updated_at=timezone.now())
        Pledge.objects.filter(email__iexact=email).update(email="")


extension = DonorPrivacy()
