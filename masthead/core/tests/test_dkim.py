"""DKIM: mail received by a real SMTP server verifies with dkimpy against the public key in (stub) DNS."""

import subprocess
import sys

import dkim
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import mailers

from masthead.core.mail import mail_build

SELECTOR = "ledger2026"
DOMAIN = "ledger.example"


@pytest.fixture(scope="module")
def key_pair(tmp_path_factory):
    """A fresh 2048-bit RSA key, made as docs/operations.md tells an operator to; the DNS record."""
    folder = tmp_path_factory.mktemp("dkim")
    subprocess.run(
        [sys.executable, "-m", "dkim.dknewkey", str(folder / SELECTOR)], check=True, capture_output=True
    )
    return folder / f"{SELECTOR}.key", (folder / f"{SELECTOR}.dns").read_bytes()


def _send() -> None:
    # Built by the one mail builder, as every mail of the site is (long header lines included).
    message = mail_build(
        kind="notification",
        subject="New reply: “Budget passes”",
        text="Tomás replied.\n\nUnsubscribe: https://ledger.example/u/abc\n",
        html="<p>Tomás replied.</p>",
        from_email=f"The Riverside Ledger <noreply@{DOMAIN}>",
        to=["reader@example.org"],
        headers={
            "List-Unsubscribe": f"<https://ledger.example/u/abc?token={'x' * 180}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    with mailers.default as connection:
        connection.send_messages([message])


def _dns(record: bytes):
    def lookup(name: bytes, timeout: int = 5) -> bytes:
        return record if name == f"{SELECTOR}._domainkey.{DOMAIN}.".encode() else b""

    return lookup


def test_mail_is_signed_and_verifies_against_the_public_key(settings, smtp, key_pair):
    key_file, record = key_pair
    settings.DKIM_KEY_FILE, settings.DKIM_SELECTOR, settings.DKIM_DOMAIN = str(key_file), SELECTOR, DOMAIN

    _send()

    [raw] = [message.raw for message in smtp.messages]
    assert dkim.verify(raw, dnsfunc=_dns(record))
    signature = dkim.DKIM(raw)
    signature.verify(dnsfunc=_dns(record))
    signed = {name.lower() for name in signature.include_headers}
    # One-click unsubscribe only counts when both List-Unsubscribe headers are signed.
    assert {b"from", b"subject", b"list-unsubscribe", b"list-unsubscribe-post"} <= signed
    assert signature.domain == DOMAIN.encode() and signature.selector == SELECTOR.encode()


def test_a_mail_changed_on_the_way_no_longer_verifies(settings, smtp, key_pair):
    key_file, record = key_pair
    settings.DKIM_KEY_FILE, settings.DKIM_SELECTOR, settings.DKIM_DOMAIN = str(key_file), SELECTOR, DOMAIN

    _send()

    [raw] = [message.raw for message in smtp.messages]
    assert not dkim.verify(raw.replace(b"/u/abc", b"/u/xyz"), dnsfunc=_dns(record))


def test_without_a_key_mail_goes_out_unsigned(settings, smtp):
    settings.DKIM_KEY_FILE = ""

    _send()

    [raw] = [message.raw for message in smtp.messages]
    assert b"DKIM-Signature" not in raw and b"Subject:" in raw


def test_an_unreadable_key_file_is_a_clear_configuration_error(settings, smtp, tmp_path):
    settings.DKIM_KEY_FILE, settings.DKIM_SELECTOR = str(tmp_path / "missing.key"), SELECTOR

    with pytest.raises(ImproperlyConfigured, match="MASTHEAD_DKIM_KEY_FILE cannot be read"):
        _send()
    assert smtp.messages == []
