"""The donor's own page: reached by the signed link of a receipt or of "Manage my gift"; the gifts,
Stripe's billing portal, a new monthly amount, stopping, and the yearly statement (page and PDF)."""

import io
import re
import time

import pytest
from django.core import mail, signing
from pypdf import PdfReader

from masthead.funding.models import Gift, Pledge
from masthead.funding.tokens import donor_token, donor_token_read

from . import events
from . import stripe_objects as so
from .conftest import at, gift


def page_url(email: str, *, prefix: str = "") -> str:
    return f"{prefix}/donor/{donor_token(email=email)}/"


def test_every_receipt_links_to_the_page_that_lists_the_gifts(campaign, webhook_post, on_commit, client):
    with on_commit(execute=True):
        webhook_post(events.session_completed(amount=2500, email="reader@example.org", created=1_754_827_200))
    (receipt,) = mail.outbox  # the test settings run the receipt task at once
    link = re.search(r"http://\S+/donor/[^/\s]+/", receipt.body).group(0)
    assert link in receipt.alternatives[0][0]
    response = client.get(link.split("testserver", 1)[-1])
    assert response.status_code == 200
    html = response.content.decode()
    assert "<bdi>25 $</bdi>" in html and "August 10, 2025" in html and campaign.name in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_forged_or_expired_link_shows_no_gifts(campaign, client, settings, monkeypatch):
    gift(campaign)
    token = donor_token(email="hala@example.org")
    forged = client.get(f"/donor/{token[:-2]}xx/")
    assert forged.status_code == 404 and "25 $" not in forged.content.decode()
    other = client.get(page_url("mallory@example.org"))
    assert other.status_code == 200 and "No gifts are recorded under this address." in other.content.decode()
    settings.FUNDING_DONOR_LINK_DAYS = 30
    with monkeypatch.context() as signed_long_ago:
        past = signing.b62_encode(int(time.time()) - 31 * 86400)
        signed_long_ago.setattr(signing.TimestampSigner, "timestamp", lambda self: past)
        old = donor_token(email="hala@example.org")
    expired = client.get(f"/donor/{old}/")
    assert expired.status_code == 410 and "This link has expired." in expired.content.decode()
    assert "no-store" in expired["Cache-Control"]


def test_manage_my_gift_answers_the_same_for_any_address_and_mails_only_donors(campaign, client):
    gift(campaign)
    assert 'href="/donor/"' in client.get("/donate/support/").content.decode()
    known = client.post("/donor/", {"email": "hala@example.org"})
    unknown = client.post("/donor/", {"email": "nobody@example.org"})
    assert (known.status_code, unknown.status_code) == (200, 200)
    assert known.content == unknown.content
    assert "If this address has given to us, a link to your gifts is on its way" in known.content.decode()
    (sent,) = mail.outbox  # the test settings run tasks at once; only the donor got one
    assert sent.to == ["hala@example.org"] and sent.subject == "Your gifts to The Riverside Ledger"
    # The link is signed when the mail is sent (a timestamp inside): read it back, then follow it.
    (token,) = set(re.findall(r"/donor/([^/\s]+)/", sent.body))
    assert donor_token_read(token=token) == "hala@example.org"
    assert client.get(f"/donor/{token}/").status_code == 200


def test_manage_my_gift_is_rate_limited_per_address(campaign, client, settings):
    gift(campaign)
    settings.FUNDING_RATE_DONOR_LINK_EMAIL = "2/3600"
    statuses = [client.post("/donor/", {"email": "hala@example.org"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert len(mail.outbox) == 2
    assert client.post("/donor/", {"email": "not an address"}).status_code == 400


def test_the_portal_button_opens_a_stripe_billing_portal_session_for_the_donor(
    monthly, client, stripe_standin
):
    url = page_url("hala@example.org")
    assert "Change my card" in client.get(url).content.decode()
    response = client.post(url + "portal/", {"subscription": "sub_hala"})
    assert response.status_code == 303
    (session,) = stripe_standin.portal_sessions
    assert response["Location"] == session["url"] == f"{stripe_standin.url}/portal/bps_test_000001"
    assert session["customer"] == "cus_hala"
    assert session["return_url"] == "http://testserver" + url


def test_a_new_monthly_amount_is_sent_to_stripe_and_recorded(monthly, client, stripe_standin):
    url = page_url("hala@example.org")
    response = client.post(url + "amount/", {"subscription": "sub_hala", "amount": "20"})
    assert response.status_code == 303 and response["Location"] == url + "?done=amount"
    (update,) = [
        r for r in stripe_standin.requests if r.method == "POST" and r.path == "/v1/subscriptions/sub_hala"
    ]
    item = update.params["items"][0]
    assert item["id"] == "si_sub_hala" and update.params["proration_behavior"] == "none"
    assert item["price_data"] == {
        "currency": "usd",
        "product": "prod_sub_hala",
        "unit_amount": "2000",
        "recurring": {"interval": "month"},
    }
    assert Pledge.objects.get().amount_minor == 2000
    assert "<bdi>20 $</bdi> a month" in client.get(url + "?done=amount").content.decode()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("twenty", "Enter the amount as a number"),
        ("1", "The smallest gift is 3 $."),
        ("20000", "The largest gift"),
    ],
)
def test_a_bad_amount_is_refused_and_nothing_changes(monthly, client, stripe_standin, amount, message):
    response = client.post(
        page_url("hala@example.org") + "amount/", {"subscription": "sub_hala", "amount": amount}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert [r for r in stripe_standin.requests if r.method == "POST"] == []
    assert Pledge.objects.get().amount_minor == 1500


def test_another_donors_link_cannot_touch_the_monthly_gift(monthly, client, stripe_standin):
    url = page_url("mallory@example.org")
    for action in ("amount/", "stop/", "portal/"):
        response = client.post(url + action, {"subscription": "sub_hala", "amount": "5"})
        assert response.status_code == 404
    assert stripe_standin.requests == [] and Pledge.objects.get().status == "active"


def test_stopping_the_monthly_gift_cancels_it_at_stripe(monthly, client, stripe_standin):
    url = page_url("hala@example.org")
    assert client.post(url + "stop/", {"subscription": "sub_hala"})["Location"] == url + "?done=cancel"
    assert ("DELETE", "/v1/subscriptions/sub_hala") in [(r.method, r.path) for r in stripe_standin.requests]
    assert Pledge.objects.get().status == "canceled"
    assert "Stopped: no further payments are taken." in client.get(url).content.decode()


@pytest.fixture
def year_of_gifts(campaign, settings):
    settings.TIME_ZONE = "UTC"
    settings.ORGANISATION_NAME = "Riverside Ledger Foundation"
    settings.ORGANISATION_ADDRESS = "12 Quay Street|Riverside 4021"
    gift(campaign, amount=2500, paid_at=at(2025, 1, 5), name="سامي نصر", invoice_id="in_jan")
    gift(campaign, amount=2500, paid_at=at(2025, 3, 5), invoice_id="in_mar", refunded_minor=500)
    gift(campaign, amount=1000, paid_at=at(2025, 6, 5), invoice_id="in_jun", status=Gift.Status.REFUNDED)
    gift(campaign, amount=9900, paid_at=at(2024, 12, 31, 23), invoice_id="in_dec")  # the year before
    gift(campaign, amount=700, paid_at=at(2025, 2, 1), email="someone-else@example.org")


def test_the_yearly_statement_lists_the_years_gifts_and_their_total(year_of_gifts, client):
    url = page_url("hala@example.org")
    html = client.get(url).content.decode()
    assert "Statement 2025 (PDF)" in html and "Statement 2024 (PDF)" in html
    statement = client.get(url + "statement/2025/")
    assert statement.status_code == 200 and "no-store" in statement["Cache-Control"]
    text = statement.content.decode()
    assert "Riverside Ledger Foundation" in text and "12 Quay Street<br>Riverside 4021" in text
    assert "Donor: سامي نصر" in text
    assert text.count("<tr><td>") == 3  # January, March, June; not December 2024, not another donor's
    assert "Total given in 2025: 45 $" in text  # 25 + (25 - 5) + 0


def test_the_statement_pdf_has_the_same_total_and_renders_arabic_names(year_of_gifts, client):
    response = client.get(page_url("hala@example.org") + "statement/2025.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Riverside Ledger Foundation" in text and "Riverside 4021" in text
    assert "سامي نصر" in text
    assert "Total given in 2025: 45 $" in text
    assert "25 $ (5 $ refunded)" in text and "10 $ (refunded)" in text
    assert "99 $" not in text and "7 $" not in text


def test_the_page_and_statement_in_arabic(year_of_gifts, client):
    url = page_url("hala@example.org", prefix="/ar")
    html = client.get(url).content.decode()
    assert 'lang="ar"' in html and '<h1 class="donate__title">تبرعاتي</h1>' in html
    response = client.get(url + "statement/2025.pdf")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Riverside Ledger Foundation" in text and "سامي نصر" in text


def test_an_adopted_donor_has_the_same_page(campaign, stripe_standin, client, settings):
    from .test_adoption import adopt

    settings.TIME_ZONE = "UTC"
    stripe_standin.customers = {"cus_g": so.customer(customer_id="cus_g", email="givewp@example.org")}
    stripe_standin.subscriptions = [so.subscription(sub_id="sub_g", customer_id="cus_g", amount=1500)]
    stripe_standin.invoices = [
        so.invoice(
            invoice_id="in_g", subscription="sub_g", pi="pi_g", paid_at=int(at(2025, 8, 3).timestamp())
        )
    ]
    adopt("--campaign", "support")
    url = page_url("givewp@example.org")
    html = client.get(url).content.decode()
    assert "<bdi>15 $</bdi> a month" in html and "August 3, 2025" in html
    assert client.post(url + "portal/", {"subscription": "sub_g"}).status_code == 303


def test_without_the_statement_font_the_pdf_says_so_and_the_printable_page_works(
    year_of_gifts, client, settings
):
    settings.FUNDING_STATEMENT_FONT = "/nonexistent/font.ttf"
    url = page_url("hala@example.org")
    response = client.get(url + "statement/2025.pdf")
    assert (
        response.status_code == 503
        and "the printable page has the same statement" in response.content.decode()
    )
    assert client.get(url + "statement/2025/").status_code == 200


def test_when_stripe_refuses_the_donor_is_told_and_nothing_changes(monthly, client, stripe_standin):
    url = page_url("hala@example.org")
    stripe_standin.fail_next = 1
    response = client.post(url + "amount/", {"subscription": "sub_hala", "amount": "20"})
    assert response.status_code == 409
    assert "The payment service did not accept this request." in response.content.decode()
    assert Pledge.objects.get().amount_minor == 1500
    stripe_standin.fail_next = 1
    response = client.post(url + "portal/", {"subscription": "sub_hala"})
    assert response.status_code == 409 and stripe_standin.portal_sessions == []
