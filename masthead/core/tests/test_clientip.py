"""Client networks: the unit that rate limits and bans apply to, from a request or an address."""

from django.test import RequestFactory

from masthead.core.clientip import address_network_hash, client_network, network_hash


def _request(remote_addr: str):
    return RequestFactory().post("/", REMOTE_ADDR=remote_addr)


def test_ipv4_readers_are_grouped_by_slash_24():
    assert client_network(_request("198.51.100.7")) == "198.51.100.0/24"


def test_ipv6_readers_are_grouped_by_slash_48():
    assert client_network(_request("2001:db8:1:2::7")) == "2001:db8:1::/48"


def test_an_ipv4_mapped_address_counts_as_its_ipv4_network():
    """gunicorn listening on [::] reports an IPv4 client as ::ffff:198.51.100.7."""
    mapped = _request("::ffff:198.51.100.7")

    assert client_network(mapped) == "198.51.100.0/24"
    assert network_hash(mapped) == network_hash(_request("198.51.100.99"))
    assert network_hash(mapped) != network_hash(_request("::ffff:203.0.113.7"))


def test_an_unreadable_address_has_no_network():
    assert client_network(_request("not-an-address")) == ""


def test_an_address_hashes_like_a_request_from_the_same_network():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.77")
    assert address_network_hash("203.0.113.5") == network_hash(request)
    assert address_network_hash("::ffff:203.0.113.9") == network_hash(request)
    assert address_network_hash("198.51.100.5") != network_hash(request)


def test_no_address_gives_no_hash_and_never_the_address_itself():
    assert address_network_hash("") == "" and address_network_hash("unknown") == ""
    assert "203.0.113" not in address_network_hash("203.0.113.5")
    assert address_network_hash("2001:db8:1:2::1") == address_network_hash("2001:db8:1:ffff::2")
