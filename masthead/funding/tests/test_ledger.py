"""The ledger's writes (services/ledger.py): what one event says about one payment, merged into its
Gift row in any order, and a monthly gift's Pledge."""

from datetime import UTC, date, datetime

from django.utils import timezone

from masthead.funding.models import Gift, Pledge
from masthead.funding.services.ledger import PaymentNews, gift_apply, gift_exists, ids_best, pledge_apply

AUG_10, AUG_11 = datetime(2025, 8, 10, 12, tzinfo=UTC), datetime(2025, 8, 11, 12, tzinfo=UTC)


def started(**fields) -> PaymentNews:
    """The checkout session, completed before the money arrived."""
    defaults = {
        "ids": {"checkout_session_id": "cs_1", "payment_intent_id": "pi_1"},
        "status": Gift.Status.PENDING,
        "amount_minor": 2500,
        "currency": "usd",
        "email": "hala@example.org",
        "campaign_slug": "support",
    }
    return PaymentNews(**{**defaults, **fields})


def paid(**fields) -> PaymentNews:
    """The payment succeeding: it names the payment only."""
    return PaymentNews(
        **{"ids": {"payment_intent_id": "pi_1"}, "status": Gift.Status.PAID, "paid_at": AUG_10, **fields}
    )


def ledger() -> list[tuple]:
    fields = ("checkout_session_id", "payment_intent_id", "status", "amount_minor", "email", "paid_at")
    return list(Gift.objects.order_by("pk").values_list(*fields))


def test_the_news_of_one_payment_ends_in_one_row_whatever_the_order(campaign):
    first = gift_apply(news=started())
    second = gift_apply(news=paid())
    assert first and second and (first.became_paid, second.became_paid) == (False, True)
    in_order = ledger()
    assert in_order == [("cs_1", "pi_1", "paid", 2500, "hala@example.org", AUG_10)]
    Gift.objects.all().delete()

    gift_apply(news=paid())
    gift_apply(news=started())
    assert ledger() == in_order
    gift = Gift.objects.get()
    assert (gift.campaign, gift.currency, gift.period_start) == (campaign, "USD", date(2025, 8, 1))


def test_a_payment_becomes_paid_once_and_refunds_only_move_it_further(campaign):
    assert gift_apply(news=paid()).became_paid is True
    assert gift_apply(news=paid(paid_at=AUG_11)).became_paid is False  # the earlier paid_at stays
    gift_apply(news=PaymentNews(ids={"payment_intent_id": "pi_1"}, status=Gift.Status.REFUNDED))
    gift_apply(news=paid())  # an old event arriving late does not undo the refund
    gift = Gift.objects.get()
    assert (gift.status, gift.paid_at) == ("refunded", AUG_10)


def test_two_rows_that_news_shows_are_one_payment_become_one(campaign):
    gift_apply(news=PaymentNews(ids={"invoice_id": "in_1"}, kind=Gift.Kind.MONTHLY, amount_minor=1000))
    gift_apply(news=PaymentNews(ids={"payment_intent_id": "pi_in_1"}, status=Gift.Status.PAID))
    assert Gift.objects.count() == 2
    outcome = gift_apply(news=PaymentNews(ids={"invoice_id": "in_1", "payment_intent_id": "pi_in_1"}))
    gift = Gift.objects.get()
    assert outcome and outcome.gift == gift
    assert (gift.kind, gift.status, gift.amount_minor, gift.external_id) == ("monthly", "paid", 1000, "in_1")


def test_news_without_any_id_is_no_payment_and_changes_nothing(campaign):
    assert gift_apply(news=PaymentNews(ids={}, status=Gift.Status.PAID, amount_minor=2500)) is None
    assert gift_apply(news=PaymentNews(ids={"payment_intent_id": ""}, status=Gift.Status.PAID)) is None
    assert not Gift.objects.exists()


def test_a_later_month_of_an_erased_monthly_gift_keeps_no_donor(campaign):
    Pledge.objects.create(subscription_id="sub_1", personal_erased_at=timezone.now())
    gift_apply(news=paid(ids={"invoice_id": "in_2"}, subscription_id="sub_1", email="hala@example.org"))
    gift = Gift.objects.get()
    assert gift.email == "" and gift.personal_erased_at is not None and gift.status == "paid"


def test_gift_exists_looks_for_any_of_the_ids(campaign):
    gift_apply(news=paid())
    assert gift_exists(ids={"invoice_id": "in_9", "payment_intent_id": "pi_1"}) is True
    assert gift_exists(ids={"invoice_id": "in_9", "payment_intent_id": "pi_9"}) is False


def test_a_gifts_key_is_its_invoice_else_its_payment_else_its_session():
    assert ids_best(Gift(checkout_session_id="cs", payment_intent_id="pi", invoice_id="in")) == "in"
    assert ids_best(Gift(checkout_session_id="cs", payment_intent_id="pi")) == "pi"
    assert ids_best(Gift(checkout_session_id="cs")) == "cs"
    assert ids_best(Gift()) is None


def test_a_pledge_keeps_its_first_donor_and_largest_amount_and_ends_once(campaign):
    pledge_apply(
        subscription_id="sub_1", campaign_slug="support", email="hala@example.org", amount_minor=1500
    )
    pledge_apply(subscription_id="sub_1", email="other@example.org", amount_minor=1000, currency="usd")
    pledge_apply(subscription_id="sub_1", canceled_at=AUG_10)
    ended = pledge_apply(subscription_id="sub_1", canceled_at=AUG_11)  # a late, repeated event
    assert (ended.campaign, ended.email, ended.amount_minor, ended.currency) == (
        campaign,
        "hala@example.org",
        1500,
        "USD",
    )
    assert (ended.status, ended.canceled_at) == (Pledge.Status.CANCELED, AUG_10)
    assert Pledge.objects.count() == 1
