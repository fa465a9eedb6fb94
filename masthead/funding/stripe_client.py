"""The one place that talks to Stripe's API, through the stripe SDK's StripeClient.

settings.STRIPE_API_BASE points it elsewhere (the tests' local stand-in of Stripe's API).
"""

from django.conf import settings
from stripe import StripeClient, StripeError

__all__ = ["StripeError", "stripe_client"]


def stripe_client() -> StripeClient:
    return StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE.rstrip("/")},
        max_network_retries=2,
    )


def checkout_session_create(*, params: dict, idempotency_key: str) -> dict:
    session = stripe_client().v1.checkout.sessions.create(
        params=params, options={"idempotency_key": idempotency_key}
    )
    return session.to_dict()


def subscription_cancel(*, subscription_id: str) -> dict:
    return stripe_client().v1.subscriptions.cancel(subscription_id).to_dict()


def events_since(*, created_gte: int, types: list[str]):
    """Stripe's events created since then, newest first, every page of them (as plain dicts)."""
    page = stripe_client().v1.events.list(
        params={"created": {"gte": created_gte}, "limit": 100, "types": types}
    )
    for event in page.auto_paging_iter():
        yield event.to_dict()
