"""Keyed hashes of personal identifiers (a reader's network, an email address).

One HMAC-SHA256 whose key is derived from SECRET_KEY and a purpose string, so that a hash is
useless without the key (nobody can hash a list of addresses to find a reader) and hashes made
for one purpose cannot be matched with those made for another. It is Django's salted_hmac with
the purpose as salt; the values stored before it existed ("network", "email") are unchanged.
Changing SECRET_KEY changes every hash: bans by network and the screening log's address hashes
then no longer match (documented in docs/operations.md).
"""

from django.utils.crypto import salted_hmac

LENGTH = 32  # hex characters: 128 bits, ample against collisions, short in an index


def keyed_hash(value: str, *, purpose: str) -> str:
    return salted_hmac(f"{purpose}:", value, algorithm="sha256").hexdigest()[:LENGTH]


def email_normalise(email: str) -> str:
    return email.strip().lower()


def email_hash(email: str) -> str:
    """The same for "Mina@Example.org " and "mina@example.org"."""
    return keyed_hash(email_normalise(email), purpose="email")
