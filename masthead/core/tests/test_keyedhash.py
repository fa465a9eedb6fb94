"""Keyed hashes of personal identifiers."""

import hashlib
import hmac

from masthead.core.keyedhash import email_hash, keyed_hash


def test_values_stored_before_the_kernel_still_match(settings):
    """Comments, votes, bans and the screening log hold hashes made by the old formula."""
    for purpose, value in [("network", "198.51.100.0/24"), ("email", "mina@example.org")]:
        key = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
        old = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]
        assert keyed_hash(value, purpose=purpose) == old


def test_purposes_and_keys_give_unrelated_hashes(settings):
    network = keyed_hash("mina@example.org", purpose="network")
    assert network != keyed_hash("mina@example.org", purpose="email")
    assert hashlib.sha256(b"mina@example.org").hexdigest()[:32] != email_hash("mina@example.org")

    settings.SECRET_KEY = "another-key"
    assert keyed_hash("mina@example.org", purpose="network") != network


def test_an_address_hashes_the_same_however_it_is_typed():
    assert email_hash(" Mina@Example.org ") == email_hash("mina@example.org")
