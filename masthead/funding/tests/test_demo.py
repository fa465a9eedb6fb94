"""The demo campaign: 5,000 $ a month with markers, and offline gifts only (nothing faked as online)."""

from django.core import mail

from masthead.funding import demo
from masthead.funding.models import Campaign, Gift
from masthead.funding.selectors import campaign_bar


def test_the_demo_campaign_with_offline_gifts(db, settings):
    demo.load(home=None)
    demo.load(home=None)  # a second run adds nothing
    campaign = Campaign.objects.get()
    assert (campaign.name, campaign.goal_minor, campaign.markers_minor) == (
        "Support The Riverside Ledger",
        500_000,
        [50_000, 250_000, 500_000],
    )
    gifts = Gift.objects.all()
    assert gifts.count() == 5
    assert {g.kind for g in gifts} == {"offline"} and not any(g.external_id for g in gifts)
    bar = campaign_bar(language="en")
    assert (bar.raised_label, bar.goal_label) == ("2,220 $", "5,000 $")
    assert [m.label for m in bar.markers] == ["500 $", "2,500 $", "5,000 $"]
    assert mail.outbox == []
