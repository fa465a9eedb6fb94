"""A network hash from an address known without a request (imports) matches the request's."""

from django.test import RequestFactory

from masthead.core.clientip import address_network_hash, network_hash


def test_an_address_hashes_like_a_request_from_the_same_network():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.77")
    assert address_network_hash("203.0.113.5") == network_hash(request)
    assert address_network_hash("::ffff:203.0.113.9") == network_hash(request)
    assert address_network_hash("198.51.100.5") != network_hash(request)


def test_no_address_gives_no_hash_and_never_the_address_itself():
    assert address_network_hash("") == "" and address_network_hash("unknown") == ""
    assert "203.0.113" not in address_network_hash("203.0.113.5")
    assert address_network_hash("2001:db8:1:2::1") == address_network_hash("2001:db8:1:ffff::2")
