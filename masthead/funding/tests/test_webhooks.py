"""The webhook: only Stripe's signed, well-formed events reach the ledger, and the bar shows them at
once. What each event does is in test_stripe_events.py."""

import json

import pytest

from . import events
from .conftest import at, nothing_recorded, raised


@pytest.mark.parametrize("mangle", ["tampered", "wrong_secret", "expired", "future", "no_header"])
def test_a_bad_signature_gets_400_and_records_nothing(campaign, webhook_post, mangle):
    event = events.session_completed()
    body = json.dumps(event).encode()
    kwargs = {
        "tampered": {"body": body.replace(b"2500", b"9999")},
        "wrong_secret": {"secret": "whsec_attacker"},
        "expired": {"timestamp": int(at(2020, 1, 1).timestamp())},
        "future": {"timestamp": 4_000_000_000},
        "no_header": {"header": ""},
    }[mangle]
    if mangle == "tampered":
        from masthead.funding.signatures import signature_header

        kwargs["header"] = signature_header(payload=body, secret="whsec_test_current")
    response = webhook_post(event, **kwargs)
    assert response.status_code == 400
    assert nothing_recorded()


def test_the_previous_secret_still_works_during_rotation(campaign, webhook_post):
    assert webhook_post(events.session_completed(), secret="whsec_test_old").status_code == 200
    assert raised(campaign) == 2500


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'{"id": "evt_1"}',
        b'{"id": "e", "type": "t"}',
        b'{"id": 5, "type": "invoice.paid", "data": {"object": {}}}',
        b"\xff\xfe",
    ],
)
def test_a_malformed_body_gets_400_and_records_nothing(campaign, webhook_post, body):
    assert webhook_post(None, body=body).status_code == 400
    assert nothing_recorded()


def test_get_is_not_allowed(client):
    assert client.get("/webhooks/stripe/").status_code == 405


def test_the_bar_shows_new_money_at_once(campaign, client, webhook_post, on_commit):
    assert "0 $ raised of 5,000 $" in client.get("/donate/support/").content.decode()
    with on_commit(execute=True):
        webhook_post(events.session_completed(amount=250_000))
    assert "2,500 $ raised of 5,000 $" in client.get("/donate/support/").content.decode()
