"""A commenter's privacy request (moderation's export and erasure) reaches their gifts and pledges."""

import json

import pytest
from django.core import mail
from django.db.models import Q
from django.utils import timezone

from masthead.funding.models import Gift, Pledge
from masthead.funding.selectors import campaign_bar_build
from masthead.funding.services.gifts import gift_record_offline
from masthead.funding.services.ledger import PaymentNews, gift_apply, pledge_apply
from masthead.funding.services.privacy import extension as donor_privacy
from masthead.funding.tests import events
from masthead.moderation.privacy import commenter_erase, commenter_export

pytestmark = pytest.mark.django_db

MINA = "mina.okafor@example.org"


@pytest.fixture
def gifts(campaign):
    """Mina's card gift and monthly pledge (Stripe kept her capitals), her cheque, and Tom's."""
    news = PaymentNews(
        ids={"payment_intent_id": "pi_card_1"},
        status=Gift.Status.PAID,
        amount_minor=2_500,
        currency="usd",
        email="Mina.Okafor@Example.org",
        language="fr",
        campaign_slug=campaign.slug,
        paid_at=timezone.now(),
    )
    card = gift_apply(news=news).gift
    pledge = pledge_apply(
        subscription_id="sub_monthly_1",
        campaign_slug=campaign.slug,
        email="Mina.Okafor@Example.org",
        amount_minor=1_000,
        currency="usd",
    )
    cheque = gift_record_offline(
        gift=Gift(
            campaign=campaign,
            amount_minor=5_000,
            email=MINA,
            donor_name="Mina Okafor",
            note="From Mina, for the schools beat",
        )
    )
    toms = gift_record_offline(
        gift=Gift(
            campaign=campaign,
            amount_minor=3_000,
            email="tom@example.org",
            donor_name="Tom Reyes",
            note="Keep it up",
        )
    )
    return card, pledge, cheque, toms


def _raised(campaign) -> int:
    return campaign_bar_build(campaign=campaign, locale="en").raised_minor


def _rows_holding(text: str) -> int:
    gifts = Gift.objects.filter(
        Q(email__icontains=text) | Q(donor_name__icontains=text) | Q(note__icontains=text)
    )
    return gifts.count() + Pledge.objects.filter(email__icontains=text).count()


def test_export_lists_the_gifts_and_pledges_of_that_address_only(gifts, staff):
    data = commenter_export(email="MINA.okafor@example.org", actor=staff)
    assert [
        (d["amount_minor"], d["currency"], d["kind"], d["status"], d["campaign"], d["donor_name"])
        for d in data["donations"]
    ] == [
        (2_500, "USD", "one_time", "paid", "Support The Riverside Ledger", ""),
        (5_000, "USD", "offline", "paid", "Support The Riverside Ledger", "Mina Okafor"),
    ]
    assert data["donations"][1]["note"] == "From Mina, for the schools beat"
    assert all(d["paid_at"] and d["created_at"] for d in data["donations"])
    assert [(p["amount_minor"], p["currency"], p["status"]) for p in data["monthly_gifts"]] == [
        (1_000, "USD", "active")
    ]
    exported = json.dumps(data)  # JSON-ready as it stands
    assert "tom@example.org" not in exported and "Tom Reyes" not in exported


def test_erasure_blanks_who_gave_and_keeps_what_was_given(gifts, staff, campaign):
    card, pledge, cheque, toms = gifts
    raised = _raised(campaign)
    assert raised == 10_500
    commenter_erase(email="Mina.Okafor@EXAMPLE.org", actor=staff)
    assert _rows_holding(MINA) == 0
    assert _rows_holding("Mina") == 0
    card.refresh_from_db()
    cheque.refresh_from_db()
    pledge.refresh_from_db()
    assert (card.amount_minor, card.status, card.payment_intent_id, card.language) == (
        2_500,
        Gift.Status.PAID,
        "pi_card_1",
        "",
    )
    assert (cheque.amount_minor, cheque.kind, cheque.status) == (5_000, Gift.Kind.OFFLINE, Gift.Status.PAID)
    assert (pledge.amount_minor, pledge.status, pledge.subscription_id) == (
        1_000,
        Pledge.Status.ACTIVE,
        "sub_monthly_1",
    )
    assert _raised(campaign) == raised
    toms.refresh_from_db()
    assert (toms.email, toms.donor_name, toms.note) == ("tom@example.org", "Tom Reyes", "Keep it up")


def test_after_erasure_the_export_finds_nothing(gifts, staff):
    commenter_erase(email=MINA, actor=staff)
    data = commenter_export(email=MINA, actor=staff)
    assert (data["donations"], data["monthly_gifts"]) == ([], [])


def test_later_stripe_events_do_not_bring_an_erased_donor_back(campaign, webhook_post, on_commit, staff):
    """A monthly gift goes on in Stripe after its donor's erasure: its next month still counts,
    a late copy of an earlier event changes nothing, and neither stores the address again."""
    monthly = "monthly@example.org"  # the address on the events' checkout and invoices
    with on_commit(execute=True):
        webhook_post(events.subscription_session_completed(invoice="in_1", subscription="sub_1"))
        webhook_post(events.invoice_paid(invoice="in_1", subscription="sub_1", pi="pi_in_1"))
    assert _rows_holding(monthly) == 2 and len(mail.outbox) == 1  # the gift, the pledge; a receipt
    raised = _raised(campaign)

    commenter_erase(email=monthly, actor=staff)
    with on_commit(execute=True):
        webhook_post(events.invoice_paid(invoice="in_2", subscription="sub_1", pi="pi_in_2"))
        webhook_post(events.invoice_paid(invoice="in_1", subscription="sub_1", pi="pi_in_1"))

    assert _rows_holding(monthly) == 0
    assert Gift.objects.filter(subscription_id="sub_1").count() == 2
    assert _raised(campaign) == raised + 1_000  # the second month counts
    assert len(mail.outbox) == 1  # and sends no receipt: there is no one to send it to


def test_the_funding_extension_exports_and_erases_an_address_ignoring_case(gifts):
    """The part moderation's request calls (services/privacy.py), asked directly: lower-cased
    addresses in, the ledger's as Stripe or staff typed them matched; the money stays."""
    exported = donor_privacy.export(email=MINA)
    assert sorted(g["amount_minor"] for g in exported["donations"]) == [2_500, 5_000]
    assert [p["amount_minor"] for p in exported["monthly_gifts"]] == [1_000]
    donor_privacy.erase(email=MINA)
    assert donor_privacy.export(email=MINA) == {"donations": [], "monthly_gifts": []}
    assert not Gift.objects.filter(Q(email__iexact=MINA) | Q(donor_name="Mina Okafor")).exists()
    assert Gift.objects.filter(email="tom@example.org").exists()
    assert sorted(Gift.objects.values_list("amount_minor", flat=True)) == [2_500, 3_000, 5_000]
