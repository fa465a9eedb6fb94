"""The demo campaign: "Support The Riverside Ledger", 5,000 a month, with a few offline gifts this month."""

from datetime import timedelta

from django.utils import timezone

from .models import Campaign, Gift
from .services.gifts import gift_record_offline

OFFLINE_GIFTS = [  # (dollars, donor, note, days before today)
    (1200, "Harbour Street Bakery", "Cheque", 0),
    (500, "A reader in Millbrook", "Cash at the community fair", 1),
    (250, "Riverside Rotary Club", "Cheque", 2),
    (150, "A reader in Eastbank", "Cash", 3),
    (120, "The Okafor family", "Cheque", 5),
]


def load(*, home=None) -> None:
    campaign, created = Campaign.objects.get_or_create(
        slug="support-the-riverside-ledger",
        defaults={
            "name": "Support The Riverside Ledger",
            "currency": "USD",
            "period_kind": Campaign.PeriodKind.MONTHLY,
            "goal_minor": 500_000,
            "markers_minor": [50_000, 250_000, 500_000],
            "presets_minor": [500, 1_000, 2_500, 5_000, 10_000],
            "custom_min_minor": 300,
            "custom_max_minor": 1_000_000,
            "thank_you_text": "Thank you. Every gift keeps local reporting free for everyone in the valley.",
        },
    )
    if not created:
        return
    now = timezone.localtime()
    for dollars, donor, note, days_ago in OFFLINE_GIFTS:
        # Only days of this month, so the demo's bar shows these gifts whatever the date.
        received = max(now - timedelta(days=days_ago), now.replace(day=1, hour=0, minute=0, second=0))
        gift_record_offline(
            gift=Gift(
                campaign=campaign,
                amount_minor=dollars * 100,
                donor_name=donor,
                note=f"{note} (demo)",
                paid_at=received,
            )
        )
