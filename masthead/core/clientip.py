"""The reader's network, as a keyed hash: never the raw address (docs/architecture.md, "Client addresses")."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

from .keyedhash import keyed_hash


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with N trusted proxies the N-th address from the right of X-Forwarded-For."""
    if settings.TRUSTED_PROXY_COUNT > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= settings.TRUSTED_PROXY_COUNT:
            return str(hops[-settings.TRUSTED_PROXY_COUNT])
    return str(request.META.get("REMOTE_ADDR", ""))


def client_network(request: HttpRequest) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of the client, as text; '' when unknown."""
    return address_network(client_ip(request))


def address_network(address: str) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of an address, as text; '' when it is not one.

    A server listening on [::] sees IPv4 clients as IPv4-mapped IPv6 addresses
    (::ffff:198.51.100.7); those count as the IPv4 address they carry, or every IPv4 reader
    would share ::/48 and with it one rate limit and one ban.
    """
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return ""
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        parsed = parsed.ipv4_mapped
    prefix = 24 if parsed.version == 4 else 48
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False))


def network_hash(request: HttpRequest) -> str:
    """A keyed hash of the client's network, safe to store and to use as a rate-limit key."""
    return _network_digest(client_network(request))


def address_network_hash(address: str) -> str:
    """The same hash for an address known without a request (comments imported from another
    system); '' when the address is missing or not an address, so nothing is invented."""
    network = address_network(address)
    return _network_digest(network) if network else ""


def _network_digest(network: str) -> str:
    return keyed_hash(network, purpose="network")
