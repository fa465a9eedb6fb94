"""Stripe Checkout sessions for one-off and monthly gifts (nothing is recorded until Stripe says paid)."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.core.absoluteurl import absolute_reverse
from masthead.core.keyedhash import email_normalise
from masthead.core.ratelimit import Limit, rate_limits_enforce
from masthead.core.refusal import Refusal

from .. import stripe_client
from ..models import Campaign
from ..periods import period_at

logger = logging.getLogger(__name__)
CHECKOUT_LOCALES = frozenset(
    "bg cs da de el en es et fi fil fr hr hu id it ja ko lt lv ms mt nb nl pl pt "
    "ro ru sk sl sv th tr vi zh".split()
)


def checkout_rate_check(*, network: str, email: str) -> None:
    rate_limits_enforce(
        limits=[
            Limit("checkout-network", network, settings.FUNDING_RATE_CHECKOUT_NETWORK),
            Limit("checkout-email", email_normalise(email), settings.FUNDING_RATE_CHECKOUT_EMAIL),
        ],
        message=_("Too many payment attempts in a short time. Please try again in an hour."),
    )


@dataclass(frozen=True)
class CheckoutRequest:
    campaign: Campaign
    amount_minor: int
    monthly: bool
    email: str
    network: str
    nonce: str  # from the form's signed token: a double click reuses the same session


def checkout_params(*, request: CheckoutRequest, now: datetime, language: str) -> dict[str, Any]:
    campaign = request.campaign
    period = period_at(campaign=campaign, moment=now)
    meta = {
        "campaign": campaign.slug,
        "period": period.start.isoformat() if period else "",
        "language": language,
    }
    donate = absolute_reverse("funding:donate", kwargs={"slug": campaign.slug})
    price: dict[str, Any] = {
        "currency": campaign.currency.lower(),
        "unit_amount": request.amount_minor,
        "product_data": {"name": campaign.name},
    }
    params: dict[str, Any] = {
        "mode": "subscription" if request.monthly else "payment",
        "line_items": [{"quantity": 1, "price_data": price}],
        "customer_email": request.email,
        "metadata": meta,
        "success_url": donate + "thanks/?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": donate,
        # Checkout has no Arabic page; "auto" follows the donor's browser among those it has.
        "locale": language if language in CHECKOUT_LOCALES else "auto",
    }
    if request.monthly:
        price["recurring"] = {"interval": "month"}
        # Later months are counted in the month each invoice is paid, so only the campaign travels.
        params["subscription_data"] = {"metadata": {"campaign": campaign.slug}}
    else:
        params["submit_type"] = "donate"
        params["payment_intent_data"] = {"metadata": meta}
    return params


def checkout_create(*, request: CheckoutRequest, language: str) -> str:
    """Creates a Stripe Checkout Session and returns its URL; nothing is recorded until Stripe says paid."""
    if not settings.STRIPE_SECRET_KEY:
        raise Refusal(_("Online payments are not configured on this site."), status_code=503)
    checkout_rate_check(network=request.network, email=request.email)
    params = checkout_params(request=request, now=timezone.now(), language=language)
    key_source = f"{request.nonce}|{request.amount_minor}|{request.monthly}|{request.email}"
    try:
        session = stripe_client.checkout_session_create(
            params=params, idempotency_key="masthead-" + hashlib.sha256(key_source.encode()).hexdigest()[:40]
        )
    except stripe_client.StripeError as error:
        logger.warning("Stripe refused a checkout session: %s", error)
        raise Refusal(
            _("The payment service did not accept this request. Please try again later."), status_code=409
        ) from error
    url: str = session["url"]
    return url
