"""`masthead import stripe`: a Stripe account's donors made outside Masthead adopted into the ledger,
against the local stand-in (several pages, refunds, a repeated run, a concurrent webhook, errors)."""

import io
import json
import threading
import time
from datetime import date

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection

from masthead.funding.models import Gift, Pledge
from masthead.funding.periods import month_period
from masthead.funding.selectors import campaign_bar, period_raised
from masthead.funding.services.adoption import (
    adoption_settle,
    charge_adopt,
    invoice_adopt,
    invoice_payment,
    subscription_adopt,
)
from masthead.migration.models import ImportRun

from . import events
from . import stripe_objects as so
from .conftest import at

AUG, SEP, OCT = (int(at(2025, m, 10).timestamp()) for m in (8, 9, 10))


def adopt(*args: str) -> str:
    out = io.StringIO()
    call_command("import_stripe", *args, stdout=out)
    return out.getvalue()


def raised(campaign, year: int, month: int) -> int:
    return period_raised(campaign=campaign, period=month_period(date(year, month, 1)))


@pytest.fixture
def account(stripe_standin, settings):
    """A GiveWP-era account: two monthly donors outside Masthead, one of Masthead's own, a yearly
    one; their invoices of August and September, a refunded month, one-time payments."""
    settings.TIME_ZONE = "UTC"
    hala, sami, own = so.customer(), so.customer(email="sami@example.org", name="سامي نصر"), so.customer()
    stripe_standin.customers = {c["id"]: c for c in (hala, sami, own)}
    stripe_standin.subscriptions = [
        so.subscription(sub_id="sub_hala", customer_id=hala["id"], amount=1500),
        so.subscription(sub_id="sub_sami", customer_id=sami["id"], amount=2000),
        so.subscription(sub_id="sub_own", customer_id=own["id"], metadata={"campaign": "support"}),
        so.subscription(sub_id="sub_year", customer_id=hala["id"], interval="year"),
    ]
    stripe_standin.invoices = [
        so.invoice(invoice_id="in_h8", subscription="sub_hala", pi="pi_h8", paid_at=AUG),
        so.invoice(invoice_id="in_h9", subscription="sub_hala", pi="pi_h9", paid_at=SEP),
        so.invoice(invoice_id="in_s9", subscription="sub_sami", pi="pi_s9", paid_at=SEP + 60, amount=2000),
        so.invoice(
            invoice_id="in_own",
            subscription="sub_own",
            pi="pi_own",
            paid_at=SEP,
            metadata={"campaign": "support"},
        ),
    ]
    stripe_standin.charges = [
        so.charge(pi="pi_h8", created=AUG, amount=1500),
        so.charge(pi="pi_h9", created=SEP, amount=1500, refunded=1500),  # September's month refunded
        so.charge(pi="pi_s9", created=SEP + 60, amount=2000),
        so.charge(pi="pi_own", created=SEP, amount=1500),
        so.charge(pi="pi_once", created=AUG + 60, amount=5000, refunded=1000),  # partly refunded
    ]
    return stripe_standin


def test_outside_donors_become_pledges_and_gifts_in_the_period_they_paid(campaign, account, on_commit):
    with on_commit(execute=True):
        summary = adopt("--campaign", "support")
    assert "subscriptions: 4 found, 2 imported, 0 updated, 0 unchanged, 2 skipped" in summary
    assert "invoices: 4 found, 3 imported" in summary
    # the one-time payment, and the refund of a month adopted above
    assert "payments: 5 found, 1 imported, 1 updated, 0 unchanged, 3 skipped" in summary
    pledges = {
        p.subscription_id: (p.email, p.donor_name, p.amount_minor, p.campaign) for p in Pledge.objects.all()
    }
    assert pledges == {
        "sub_hala": ("givewp@example.org", "Hala Haddad", 1500, campaign),
        "sub_sami": ("sami@example.org", "سامي نصر", 2000, campaign),
    }
    # August: Hala's month and the one-time gift net of its refund; September: Sami's month only.
    assert (raised(campaign, 2025, 8), raised(campaign, 2025, 9)) == (1500 + 4000, 2000)
    refunded = Gift.objects.get(invoice_id="in_h9")
    assert (refunded.status, refunded.payment_intent_id, refunded.kind) == ("refunded", "pi_h9", "monthly")
    once = Gift.objects.get(payment_intent_id="pi_once")
    assert (once.email, once.donor_name, once.kind, once.period_start) == (
        "once@example.org",
        "Omar Farouk",
        "one_time",
        date(2025, 8, 1),
    )
    assert not Gift.objects.filter(invoice_id="in_own").exists()  # Masthead's own: the webhook's
    assert not Pledge.objects.filter(subscription_id__in=["sub_own", "sub_year"]).exists()
    # Nothing was asked of Stripe but lists, and no donor is mailed (no receipt task queued).
    assert {(r.method, r.path) for r in account.requests} == {
        ("GET", "/v1/subscriptions"),
        ("GET", "/v1/invoices"),
        ("GET", "/v1/charges"),
    }
    assert mail.outbox == []  # the test settings run tasks at once: a queued receipt would be here


def test_a_repeated_run_counts_nothing_twice(campaign, account):
    adopt("--campaign", "support")
    before = sorted(
        Gift.objects.values_list("pk", "status", "amount_minor", "refunded_minor", "period_start")
    )
    summary = adopt("--campaign", "support")
    assert "subscriptions: 4 found, 0 imported, 0 updated, 2 unchanged, 2 skipped" in summary
    assert "invoices: 4 found, 0 imported, 0 updated, 3 unchanged" in summary
    assert (
        sorted(Gift.objects.values_list("pk", "status", "amount_minor", "refunded_minor", "period_start"))
        == before
    )
    assert Pledge.objects.count() == 2
    assert (raised(campaign, 2025, 8), raised(campaign, 2025, 9)) == (5500, 2000)


def test_several_pages_of_results_are_all_adopted(campaign, stripe_standin, settings):
    settings.TIME_ZONE = "UTC"
    stripe_standin.invoices = [
        so.invoice(invoice_id=f"in_{n:03d}", paid_at=AUG + n, amount=100, email=f"d{n}@example.org")
        for n in range(230)
    ]
    assert "invoices: 230 found, 230 imported" in adopt("--campaign", "support")
    assert raised(campaign, 2025, 8) == 23_000
    pages = [r for r in stripe_standin.requests if r.path == "/v1/invoices"]
    assert len(pages) == 3
    assert [bool(p.params.get("starting_after")) for p in pages] == [False, True, True]


def test_since_leaves_older_invoices_and_payments_out(campaign, account):
    summary = adopt("--campaign", "support", "--since", "2025-09-01")
    assert Gift.objects.filter(paid_at__lt=at(2025, 9, 1)).count() == 0
    assert raised(campaign, 2025, 9) == 2000 and raised(campaign, 2025, 8) == 0
    asked = [r.params["created"]["gte"] for r in account.requests if r.path == "/v1/invoices"]
    assert asked == [str(int(at(2025, 9, 1, 0).timestamp()))]
    assert "subscriptions: 4 found, 2 imported" in summary  # every active donor, whatever --since


def test_a_later_month_of_an_adopted_subscription_counts_by_webhook(campaign, account, webhook_post):
    adopt("--campaign", "support")
    later = events.invoice_paid(
        invoice="in_h10", subscription="sub_hala", pi="pi_h10", amount=1500, paid_at=OCT
    )
    later["data"]["object"]["parent"]["subscription_details"]["metadata"] = {}  # GiveWP's: no campaign
    assert webhook_post(later).status_code == 200
    assert raised(campaign, 2025, 10) == 1500


def test_a_dry_run_writes_nothing_and_a_report_accounts_for_every_object(campaign, account, tmp_path):
    report = tmp_path / "stripe.json"
    summary = adopt("--campaign", "support", "--dry-run", "--report", str(report))
    assert "Nothing was written (dry run)." in summary
    assert (Gift.objects.count(), Pledge.objects.count()) == (0, 0)
    data = json.loads(report.read_text())
    assert data["accounted"] is True and data["dry_run"] is True
    assert data["kinds"]["subscriptions"]["skipped_reasons"] == {
        "made through Masthead (the webhook records it)": 1,
        "not billed monthly": 1,
    }
    assert (data["kinds"]["payments"]["imported"], data["kinds"]["payments"]["updated"]) == (1, 1)


def test_an_unknown_campaign_is_refused_before_asking_stripe(campaign, account):
    with pytest.raises(CommandError, match=r"there is no campaign 'suport' \(campaigns: support\)"):
        adopt("--campaign", "suport")
    assert account.requests == []
    assert ImportRun.objects.get().succeeded is False


def test_a_key_without_permission_says_which_and_stores_nothing(campaign, account, settings):
    settings.STRIPE_SECRET_KEY = "rk_test_subscriptions_only"
    account.restricted = {"rk_test_subscriptions_only": ("/v1/subscriptions",)}
    with pytest.raises(
        CommandError, match="the Stripe key may not read invoices: give it read access"
    ) as error:
        adopt("--campaign", "support")
    assert "nothing was imported" in str(error.value)
    assert (Gift.objects.count(), Pledge.objects.count()) == (0, 0)  # the adopted pledges rolled back


def test_an_error_half_way_through_a_page_stops_cleanly_and_the_run_can_be_repeated(
    campaign, stripe_standin, settings
):
    settings.TIME_ZONE = "UTC"
    stripe_standin.invoices = [
        so.invoice(invoice_id=f"in_{n:03d}", paid_at=AUG + n, amount=100) for n in range(150)
    ]
    stripe_standin.broken = {"/v1/invoices": 1}  # the second page breaks off half-way
    with pytest.raises(CommandError, match="listing invoices, after 100: the connection to Stripe broke"):
        adopt("--campaign", "support")
    assert Gift.objects.count() == 0
    stripe_standin.broken = {}
    assert "invoices: 150 found, 150 imported" in adopt("--campaign", "support")
    assert raised(campaign, 2025, 8) == 15_000


@pytest.mark.django_db(transaction=True)
def test_a_run_while_the_webhook_of_the_same_invoice_arrives_counts_it_once(
    campaign, stripe_standin, settings
):
    """The import and the webhook race for the same invoices; each month ends in one gift."""
    settings.TIME_ZONE = "UTC"
    from .conftest import WEBHOOK_SECRET
    from .test_exactly_once import _deliver_one

    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    stripe_standin.invoices = [
        so.invoice(invoice_id=f"in_{n}", subscription="sub_x", pi=f"pi_{n}", paid_at=AUG + n)
        for n in range(20)
    ]
    webhooks = [
        events.invoice_paid(
            invoice=f"in_{n}", subscription="sub_x", pi=f"pi_{n}", amount=1500, paid_at=AUG + n
        )
        for n in range(20)
    ]
    for event in webhooks:
        event["data"]["object"]["parent"]["subscription_details"]["metadata"] = {}
    barrier, failures = threading.Barrier(2), []

    def run_import():
        try:
            barrier.wait()
            adopt("--campaign", "support")
        except Exception as error:  # reported below: the thread must not swallow it
            failures.append(error)
        finally:
            connection.close()

    def deliver():
        try:
            barrier.wait()
            for event in webhooks:
                assert _deliver_one(event).status_code == 200
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run_import), threading.Thread(target=deliver)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert Gift.objects.count() == 20
    assert raised(campaign, 2025, 8) == 20 * 1500


def test_the_bar_counts_what_was_paid_this_period_at_once(campaign, stripe_standin, on_commit):

    assert campaign_bar().raised_minor == 0  # cached now
    stripe_standin.invoices = [so.invoice(invoice_id="in_now", paid_at=int(time.time()) - 60, amount=4200)]
    with on_commit(execute=True):
        adopt("--campaign", "support")
    assert campaign_bar().raised_minor == 4200


# The service itself (services/adoption.py), one Stripe object at a time, as the command hands them.
AUG_10 = int(at(2025, 8, 10).timestamp())


def test_an_active_monthly_subscription_becomes_a_pledge_once(campaign):
    subscription = so.subscription(sub_id="sub_give", customer_id="cus_1", amount=1500)
    first = subscription_adopt(campaign=campaign, subscription=subscription)
    assert first.outcome == "imported" and first.target == Pledge.objects.get()
    assert (first.target.campaign, first.target.amount_minor, first.target.currency) == (
        campaign,
        1500,
        "USD",
    )
    assert subscription_adopt(campaign=campaign, subscription=subscription).outcome == "unchanged"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"status": "canceled"}, "not active"),
        ({"metadata": {"campaign": "support"}}, "made through Masthead (the webhook records it)"),
        ({"interval": "year"}, "not billed monthly"),
        ({"currency": "eur"}, "in EUR, not the campaign's USD"),
    ],
    ids=["canceled", "masthead's-own", "yearly", "other-currency"],
)
def test_a_subscription_that_is_no_monthly_gift_of_the_campaign_is_skipped(campaign, changes, reason):
    subscription = so.subscription(sub_id="sub_x", customer_id="cus_1", **changes)
    adopted = subscription_adopt(campaign=campaign, subscription=subscription)
    assert (adopted.outcome, adopted.reason) == ("skipped", reason)
    assert not Pledge.objects.exists()


def test_a_paid_invoice_becomes_a_gift_in_the_month_it_was_paid(campaign, settings):
    settings.TIME_ZONE = "UTC"
    invoice = so.invoice(
        invoice_id="in_give", paid_at=AUG_10, amount=1500, subscription="sub_give", pi="pi_g"
    )
    assert invoice_payment(invoice) == "pi_g"
    adopted = invoice_adopt(campaign=campaign, invoice=invoice, since=None)
    assert adopted.outcome == "imported"
    gift = Gift.objects.get()
    assert (gift.kind, gift.status, gift.amount_minor, gift.period_start) == (
        "monthly",
        "paid",
        1500,
        date(2025, 8, 1),
    )
    assert mail.outbox == []  # an adoption mails no donor


def test_an_unpaid_or_earlier_invoice_is_skipped(campaign):
    unpaid = {**so.invoice(invoice_id="in_open", paid_at=AUG_10), "status": "open"}
    assert invoice_adopt(campaign=campaign, invoice=unpaid, since=None).reason == "not paid"
    earlier = so.invoice(invoice_id="in_old", paid_at=AUG_10)
    adopted = invoice_adopt(campaign=campaign, invoice=earlier, since=at(2025, 9, 1))
    assert (adopted.outcome, adopted.reason) == ("skipped", "paid before --since")
    assert not Gift.objects.exists()


def test_a_one_time_payment_becomes_a_gift_and_a_failed_one_is_skipped(campaign):
    paid = so.charge(pi="pi_once", created=AUG_10, amount=5000, refunded=1000)
    adopted = charge_adopt(campaign=campaign, charge=paid, invoice_payments={}, since=None)
    assert (adopted.outcome, adopted.refunded_minor) == ("imported", 1000)
    assert Gift.objects.get().donor_name == "Omar Farouk"
    failed = {**so.charge(pi="pi_failed", created=AUG_10), "status": "failed", "paid": False}
    assert (
        charge_adopt(campaign=campaign, charge=failed, invoice_payments={}, since=None).reason == "not paid"
    )
    assert Gift.objects.count() == 1


def test_settling_an_adoption_shows_its_gifts_on_the_bar_after_the_commit(campaign, on_commit, settings):
    settings.TIME_ZONE = "UTC"
    campaign_bar()  # cached before the adoption
    now = int(time.time())
    with on_commit(execute=True):
        charge_adopt(
            campaign=campaign, charge=so.charge(pi="pi_now", created=now), invoice_payments={}, since=None
        )
        adoption_settle()
    assert campaign_bar().raised_minor == 5000
