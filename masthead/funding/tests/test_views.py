"""The donate page: Checkout Sessions as Stripe's API receives them, and every refusal storing nothing."""

import time
from datetime import date

import pytest
from django.core import signing

from masthead.funding.forms import TOKEN_SALT
from masthead.funding.models import Campaign, Gift

URL = "/donate/support/"


def aged_token(seconds: int = 30, nonce: str = "n1") -> str:
    return signing.dumps({"t": int(time.time()) - seconds, "n": nonce}, salt=TOKEN_SALT)


def donation(**overrides) -> dict:
    data = {
        "amount": "2500",
        "custom_amount": "",
        "frequency": "one_time",
        "email": "reader@example.org",
        "website": "",
        "token": aged_token(),
    }
    return {**data, **overrides}


def page(response) -> str:
    return response.content.decode()


def test_without_keys_the_page_says_payments_are_not_configured(client, campaign, settings):
    settings.STRIPE_SECRET_KEY = ""
    response = client.get(URL)
    assert response.status_code == 200
    assert "Online payments are not configured on this site" in page(response)
    assert "Continue to payment" not in page(response)
    response = client.post(URL, donation())
    assert response.status_code == 503 and not Gift.objects.exists()


def test_an_unknown_campaign_is_404(client, campaign, stripe_standin):
    assert client.get("/donate/no-such-campaign/").status_code == 404
    assert client.post("/donate/no-such-campaign/", donation()).status_code == 404
    assert stripe_standin.requests == []


def test_the_form_offers_the_presets_in_the_sites_style(client, campaign, stripe_standin):
    html = page(client.get(URL))
    for label in ("5 $", "10 $", "25 $", "50 $", "100 $"):
        assert f"<bdi>{label}</bdi>" in html
    assert "Continue to payment" in html and 'name="website"' in html


def test_a_preset_one_time_gift_creates_a_payment_session_and_redirects(client, campaign, stripe_standin):
    response = client.post(URL, donation(amount="2500"))
    assert response.status_code == 303
    (request,) = stripe_standin.checkout_requests()
    assert response["Location"] == f"{stripe_standin.url}/pay/cs_test_000001"
    params = request.params
    assert params["mode"] == "payment"
    assert params["line_items"][0]["price_data"] == {
        "currency": "usd",
        "unit_amount": "2500",
        "product_data": {"name": "Support The Riverside Ledger"},
    }
    period = date.today().replace(day=1).isoformat()
    assert params["metadata"] == {"campaign": "support", "period": period, "language": "en"}
    assert params["payment_intent_data"]["metadata"]["campaign"] == "support"
    assert params["customer_email"] == "reader@example.org"
    assert params["success_url"].endswith("/donate/support/thanks/?session_id={CHECKOUT_SESSION_ID}")
    assert request.headers["Authorization"] == "Bearer sk_test_standin"
    assert request.headers["Idempotency-Key"].startswith("masthead-")
    assert not Gift.objects.exists()  # only Stripe's events record money


def test_a_monthly_gift_creates_a_subscription_session(client, campaign, stripe_standin):
    assert client.post(URL, donation(amount="1000", frequency="monthly")).status_code == 303
    params = stripe_standin.checkout_requests()[0].params
    assert params["mode"] == "subscription"
    assert params["line_items"][0]["price_data"]["recurring"] == {"interval": "month"}
    assert params["line_items"][0]["price_data"]["unit_amount"] == "1000"
    assert params["subscription_data"] == {"metadata": {"campaign": "support"}}
    assert "payment_intent_data" not in params


def test_a_typed_amount_wins_over_a_preset_chosen_too(client, campaign, stripe_standin):
    assert client.post(URL, donation(amount="2500", custom_amount="40")).status_code == 303
    price = stripe_standin.checkout_requests()[0].params["line_items"][0]["price_data"]
    assert price["unit_amount"] == "4000"


def test_a_custom_amount(client, campaign, stripe_standin):
    assert client.post(URL, donation(amount="custom", custom_amount="12.50")).status_code == 303
    price = stripe_standin.checkout_requests()[0].params["line_items"][0]["price_data"]
    assert price["unit_amount"] == "1250"


def test_a_three_decimal_currency_sends_amounts_ending_in_zero(client, stripe_standin, db):
    Campaign.objects.create(
        name="Kuwait fund",
        slug="kw",
        currency="KWD",
        goal_minor=5_000_000,
        custom_min_minor=1000,
        custom_max_minor=1_000_000,
    )
    assert client.post("/donate/kw/", donation(amount="custom", custom_amount="1.255")).status_code == 400
    assert client.post("/donate/kw/", donation(amount="custom", custom_amount="1.25")).status_code == 303
    price = stripe_standin.checkout_requests()[0].params["line_items"][0]["price_data"]
    assert (price["currency"], price["unit_amount"]) == ("kwd", "1250")


CUSTOM = "custom_amount"
BAD_INPUT = [
    ({"amount": "custom", CUSTOM: "1"}, 400, "The smallest gift is 3 $."),
    ({"amount": "custom", CUSTOM: "twenty"}, 400, "Enter the amount as a number, for example 12.50."),
    ({"amount": "custom", CUSTOM: "99999999999"}, 400, "The largest gift we can take online is 10,000 $."),
    ({"amount": "custom", CUSTOM: ""}, 400, "Choose an amount or enter your own."),
    ({"amount": "777"}, 400, "Choose one of the amounts offered, or enter your own."),
    ({"email": "not-an-address"}, 400, "Enter a valid email address."),
    ({"frequency": "weekly"}, 400, "Select a valid choice."),
    ({"website": "http://spam.example"}, 400, "Your gift could not be accepted."),
    ({"token": lambda: aged_token(seconds=0)}, 400, "That was very quick."),
    ({"token": lambda: aged_token(seconds=3 * 3600)}, 400, "This form has expired."),
    ({"token": "forged"}, 400, "This form has expired."),
]


@pytest.mark.parametrize(("changes", "status", "message"), BAD_INPUT)
def test_bad_input_is_refused_clearly_and_nothing_is_sent(
    client, campaign, stripe_standin, changes, status, message
):
    changes = {key: value() if callable(value) else value for key, value in changes.items()}
    response = client.post(URL, donation(**changes))
    assert response.status_code == status
    assert message in page(response)
    assert 'role="alert"' in page(response)
    assert stripe_standin.checkout_requests() == [] and not Gift.objects.exists()


def test_the_typed_values_are_kept_after_an_error(client, campaign, stripe_standin):
    html = page(client.post(URL, donation(amount="custom", custom_amount="1", email="kept@example.org")))
    assert 'value="kept@example.org"' in html and 'value="1"' in html


def test_a_campaign_without_monthly_giving_refuses_it(client, campaign, stripe_standin):
    Campaign.objects.filter(pk=campaign.pk).update(allow_monthly=False)
    assert client.post(URL, donation(frequency="monthly")).status_code == 400
    assert stripe_standin.checkout_requests() == []


def test_a_gift_posted_from_another_site_is_refused_and_one_from_the_page_needs_no_token(
    client, campaign, stripe_standin
):
    """The donate form carries no CSRF token; Fetch Metadata decides (core/fetchmetadata.py)."""
    refused = client.post(URL, donation(), headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status_code == 403 and stripe_standin.checkout_requests() == []

    page = client.get(URL).content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert client.post(URL, donation(), headers={"Sec-Fetch-Site": "same-origin"}).status_code == 303


def test_checkouts_are_rate_limited_per_network(client, campaign, stripe_standin, settings):
    settings.FUNDING_RATE_CHECKOUT_EMAIL = "100/3600"
    settings.FUNDING_RATE_CHECKOUT_NETWORK = "10/3600"
    tries = range(10 + 1)
    statuses = [
        client.post(URL, donation(email=f"r{i}@x.org", token=aged_token(nonce=str(i)))).status_code
        for i in tries
    ]
    assert statuses == [303] * 10 + [429]
    assert len(stripe_standin.checkout_requests()) == 10


def test_checkouts_are_rate_limited_per_email(client, campaign, stripe_standin, settings):
    settings.FUNDING_RATE_CHECKOUT_EMAIL = "5/3600"
    tries = range(5 + 1)
    statuses = [
        client.post(URL, donation(token=aged_token(nonce=str(i))), REMOTE_ADDR=f"10.{i}.0.1") for i in tries
    ]
    statuses = [response.status_code for response in statuses]
    assert statuses[-1] == 429 and statuses.count(303) == 5
    assert "Too many payment attempts" in page(client.post(URL, donation(), REMOTE_ADDR="10.99.0.1"))


def test_a_refusal_from_stripe_is_explained(client, campaign, stripe_standin):
    stripe_standin.fail_next = 1
    response = client.post(URL, donation())
    assert response.status_code == 409
    assert "The payment service did not accept this request" in page(response)


def test_the_thanks_page_thanks_and_records_nothing(client, campaign):
    response = client.get("/donate/support/thanks/?session_id=cs_test_forged")
    assert response.status_code == 200
    assert "Thank you for supporting The Riverside Ledger" in page(response)
    assert "Thanks for keeping local news free." in page(response)
    assert not Gift.objects.exists()
