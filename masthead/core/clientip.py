"""The reader's network, as a keyed hash: never the raw address (ARCHITECTURE.md, "Client addresses")."""

import hashlib
import hmac
import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or with N trusted proxies the N-th address from the right of X-Forwarded-For."""
    if settings.TRUSTED_PROXY_COUNT > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= settings.TRUSTED_PROXY_COUNT:
            return hops[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def client_network(request) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of the client, as text; '' when unknown."""
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def network_hash(request) -> str:
    """A keyed hash of the client's network, safe to store and to use as a rate-limit key."""
    key = hashlib.sha256(f"network:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, client_network(request).encode(), hashlib.sha256).hexdigest()[:32]
