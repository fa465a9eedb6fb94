"""The one place that talks to Stripe's API, through the stripe SDK's StripeClient.

settings.STRIPE_API_BASE points it elsewhere (the tests' local stand-in of Stripe's API).
"""

from django.conf import settings
from stripe import APIConnectionError as StripeConnectionError
from stripe import AuthenticationError as StripeAuthenticationError
from stripe import PermissionError as StripePermissionError
from stripe import StripeClient, StripeError

__all__ = [
    "StripeAuthenticationError",
    "StripeConnectionError",
    "StripeError",
    "StripePermissionError",
    "stripe_client",
]


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


def _listed(resource, params: dict):
    """Every object of a list, page after page (the SDK follows has_more/starting_after), as dicts."""
    for obj in resource.list(params=params).auto_paging_iter():
        yield obj.to_dict()


def _created(since: int | None) -> dict:
    return {"created": {"gte": since}} if since is not None else {}


def subscriptions_active():
    """The account's active subscriptions, each with its customer (email and name) expanded."""
    params = {"status": "active", "limit": 100, "expand": ["data.customer"]}
    return _listed(stripe_client().v1.subscriptions, params)


def invoices_paid(*, created_gte: int | None):
    """Paid invoices, with the payments that paid them (API 2025-03-31 on, not there by default)."""
    params = {"status": "paid", "limit": 100, "expand": ["data.payments"], **_created(created_gte)}
    return _listed(stripe_client().v1.invoices, params)


def charges(*, created_gte: int | None):
    return _listed(stripe_client().v1.charges, {"limit": 100, **_created(created_gte)})


def subscription_retrieve(*, subscription_id: str) -> dict:
    return stripe_client().v1.subscriptions.retrieve(subscription_id).to_dict()


def subscription_update(*, subscription_id: str, params: dict, idempotency_key: str) -> dict:
    return (
        stripe_client()
        .v1.subscriptions.update(subscription_id, params=params, options={"idempotency_key": idempotency_key})
        .to_dict()
    )


def billing_portal_session_create(*, params: dict) -> dict:
    return stripe_client().v1.billing_portal.sessions.create(params=params).to_dict()
