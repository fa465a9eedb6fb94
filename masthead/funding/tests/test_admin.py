"""Staff in the Wagtail admin: campaigns, offline gifts, and the CSV exports."""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from masthead.funding.models import Gift
from masthead.funding.periods import month_period
from masthead.funding.selectors import period_raised

from . import events


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-editor-1")
    client.force_login(user)
    return client


def _rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_funding_menu_lists_campaigns_and_gifts(staff_client, campaign):
    assert "Support The Riverside Ledger" in staff_client.get("/admin/funding_campaigns/").content.decode()
    assert staff_client.get("/admin/funding_gifts/").status_code == 200


def test_staff_record_an_offline_gift_and_it_counts(staff_client, campaign):
    today = date.today().isoformat()
    response = staff_client.post(
        "/admin/funding_gifts/new/",
        {
            "campaign": campaign.pk,
            "amount": "120.50",
            "paid_at": f"{today} 10:00",
            "donor_name": "Harbour Street Bakery",
            "email": "",
            "note": "Cheque 1043",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    gift = Gift.objects.get()
    assert (gift.kind, gift.status, gift.amount_minor, gift.currency) == ("offline", "paid", 12050, "USD")
    assert period_raised(campaign=campaign, period=month_period(date.today())) == 12050


def test_an_offline_amount_that_is_not_a_number_is_refused(staff_client, campaign):
    response = staff_client.post(
        "/admin/funding_gifts/new/",
        {
            "campaign": campaign.pk,
            "amount": "a lot",
            "paid_at": "2025-08-01 10:00",
            "donor_name": "X",
        },
    )
    assert response.status_code == 200 and "Enter the amount as a number in USD" in response.content.decode()
    assert not Gift.objects.exists()


def test_online_gifts_cannot_be_edited_or_deleted(staff_client, campaign, webhook_post):
    webhook_post(events.session_completed())
    gift = Gift.objects.get()
    # Wagtail answers a permission refusal with a redirect to the dashboard and a message.
    for response in (
        staff_client.get(f"/admin/funding_gifts/edit/{gift.pk}/"),
        staff_client.post(f"/admin/funding_gifts/delete/{gift.pk}/"),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Gift.objects.get().status == "paid"


def test_csv_exports_of_gifts_and_donors(staff_client, campaign, webhook_post):
    webhook_post(events.session_completed(session="cs_a", pi="pi_a", amount=2500, email="=cmd@example.org"))
    webhook_post(events.session_completed(session="cs_b", pi="pi_b", amount=1000, email="=cmd@example.org"))
    gifts = _rows(staff_client.get("/admin/funding/export/gifts.csv"))
    assert sorted(int(g["amount_minor"]) for g in gifts) == [1000, 2500]
    assert all(g["email"] == "'=cmd@example.org" for g in gifts)  # no formula reaches a spreadsheet
    donors = _rows(staff_client.get("/admin/funding/export/donors.csv"))
    summary = [(d["email"], d["gifts_paid"], d["total_minor"]) for d in donors]
    assert summary == [("'=cmd@example.org", "2", "3500")]


def test_exports_need_admin_access(client, campaign):
    response = client.get("/admin/funding/export/gifts.csv")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _campaign_form(**changes) -> dict:
    data = {
        "name": "Winter drive",
        "slug": "winter",
        "active": "on",
        "currency": "jpy",
        "period_kind": "monthly",
        "starts_on": "",
        "ends_on": "",
        "goal": "500000",
        "markers": "50000, 250000 500000",
        "presets": "1000 3000 5000",
        "custom_min": "500",
        "custom_max": "1000000",
        "allow_one_time": "on",
        "allow_monthly": "on",
        "thank_you_text": "",
    }
    return {**data, **changes}


def test_staff_set_up_a_campaign_in_the_currencys_own_amounts(staff_client, db, on_commit):
    from masthead.funding.selectors import campaign_bar

    assert campaign_bar() is None  # cached: no campaign yet
    with on_commit(execute=True):
        response = staff_client.post("/admin/funding_campaigns/new/", _campaign_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    from masthead.funding.models import Campaign

    winter = Campaign.objects.get(slug="winter")
    assert (winter.currency, winter.goal_minor, winter.markers_minor, winter.presets_minor) == (
        "JPY",
        500_000,
        [50_000, 250_000, 500_000],
        [1000, 3000, 5000],
    )  # JPY has no minor unit
    assert campaign_bar().goal_label == "500,000 ¥"  # the bar shows it at once
    edit = staff_client.get(f"/admin/funding_campaigns/edit/{winter.pk}/").content.decode()
    assert 'value="50000 250000 500000"' in edit


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"goal": "lots"}, "is not an amount in JPY"),
        ({"markers": "500 abc"}, "is not an amount in JPY"),
        ({"currency": "XYZ"}, "Unknown currency code."),
        ({"period_kind": "fixed"}, "A fixed campaign needs a start and an end date."),
        ({"custom_min": "5000", "custom_max": "10"}, "must be positive and below the largest"),
    ],
)
def test_campaign_mistakes_are_explained(staff_client, db, changes, message):
    response = staff_client.post("/admin/funding_campaigns/new/", _campaign_form(**changes))
    assert response.status_code == 200 and message in response.content.decode()
