"""Stripe-Signature: valid, tampered body, expired, future, rotated secrets, malformed headers."""

import time

import pytest

from masthead.funding.signatures import SignatureInvalid, signature_header, signature_verify

BODY = b'{"id": "evt_1", "type": "invoice.paid"}'
NOW = 1_750_000_000


def verify(header, *, body=BODY, secrets=("whsec_a",), now=NOW):
    signature_verify(payload=body, header=header, secrets=list(secrets), now=now)


def test_a_valid_signature_passes():
    verify(signature_header(payload=BODY, secret="whsec_a", timestamp=NOW))


def test_a_tampered_body_fails():
    header = signature_header(payload=BODY, secret="whsec_a", timestamp=NOW)
    with pytest.raises(SignatureInvalid):
        verify(header, body=BODY.replace(b"evt_1", b"evt_2"))


@pytest.mark.parametrize("age", [301, 3600, -301, -86400])  # expired, and far in the future
def test_timestamps_outside_five_minutes_fail_both_ways(age):
    header = signature_header(payload=BODY, secret="whsec_a", timestamp=NOW - age)
    with pytest.raises(SignatureInvalid):
        verify(header)


@pytest.mark.parametrize("age", [300, -300, 0])
def test_timestamps_within_five_minutes_pass(age):
    verify(signature_header(payload=BODY, secret="whsec_a", timestamp=NOW - age))


def test_rotated_secrets_either_configured_secret_passes():
    for secret in ("whsec_old", "whsec_new"):
        header = signature_header(payload=BODY, secret=secret, timestamp=NOW)
        verify(header, secrets=("whsec_old", "whsec_new"))
    with pytest.raises(SignatureInvalid):
        verify(
            signature_header(payload=BODY, secret="whsec_other", timestamp=NOW),
            secrets=("whsec_old", "whsec_new"),
        )


def test_several_v1_signatures_in_one_header_any_may_match():
    good = signature_header(payload=BODY, secret="whsec_a", timestamp=NOW).split(",")[1]
    verify(f"t={NOW},v1={'0' * 64},{good},v0=ignored")


@pytest.mark.parametrize(
    "header", ["", "garbage", f"t={NOW}", "v1=abc", f"t=x,v1={'0' * 64}", f"t={NOW},v0={'0' * 64}"]
)
def test_malformed_headers_fail(header):
    with pytest.raises(SignatureInvalid):
        verify(header)


def test_no_secret_configured_refuses_everything():
    with pytest.raises(SignatureInvalid):
        verify(signature_header(payload=BODY, secret="", timestamp=NOW), secrets=("",))


def test_default_clock_is_now():
    signature_verify(payload=BODY, header=signature_header(payload=BODY, secret="s"), secrets=["s"])
    with pytest.raises(SignatureInvalid):
        signature_verify(
            payload=BODY,
            header=signature_header(payload=BODY, secret="s", timestamp=int(time.time()) - 400),
            secrets=["s"],
        )
