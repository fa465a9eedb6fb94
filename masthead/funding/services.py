"""Writes of the funding app: checkout sessions, offline gifts, cancelling monthly gifts, receipts."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.core.generation import generation_bump
from masthead.core.pagecache import page_cache_clear

from . import stripe_client
from .models import Campaign, Gift, Pledge
from .periods import period_at

logger = logging.getLogger(__name__)
CANCEL_SALT = "funding.cancel"
RATE_WINDOW = 3600
CHECKOUT_LOCALES = frozenset(
    "bg cs da de el en es et fi fil fr hr hu id it ja ko lt lv ms mt nb nl pl pt "
    "ro ru sk sl sv th tr vi zh".split()
)


class CheckoutRefused(Exception):
    def __init__(self, message: str, *, status_code: int = 400):
        super().__init__(message)
        self.message, self.status_code = message, status_code


def bar_cache_clear() -> None:
    """Retire the cached bar and the cached pages that show it (after money is recorded)."""
    from .selectors import BAR_GENERATION

    generation_bump(BAR_GENERATION)
    page_cache_clear()


def _over_limit(key: str, limit: int) -> bool:
    cache.add(key, 0, RATE_WINDOW)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        return False


def checkout_rate_check(*, network: str, email: str) -> None:
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    if _over_limit(f"funding:rate:net:{network}", settings.FUNDING_CHECKOUTS_PER_NETWORK) or _over_limit(
        f"funding:rate:email:{email_key}", settings.FUNDING_CHECKOUTS_PER_EMAIL
    ):
        raise CheckoutRefused(
            _("Too many payment attempts in a short time. Please try again in an hour."), status_code=429
        )


@dataclass(frozen=True)
class CheckoutRequest:
    campaign: Campaign
    amount_minor: int
    monthly: bool
    email: str
    network: str
    nonce: str  # from the form's signed token: a double click reuses the same session


def checkout_params(*, request: CheckoutRequest, now: datetime, language: str) -> dict:
    campaign = request.campaign
    period = period_at(campaign=campaign, moment=now)
    meta = {
        "campaign": campaign.slug,
        "period": period.start.isoformat() if period else "",
        "language": language,
    }
    donate = settings.BASE_URL + reverse("funding:donate", kwargs={"slug": campaign.slug})
    price = {
        "currency": campaign.currency.lower(),
        "unit_amount": request.amount_minor,
        "product_data": {"name": campaign.name},
    }
    params = {
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
        raise CheckoutRefused(_("Online payments are not configured on this site."), status_code=503)
    checkout_rate_check(network=request.network, email=request.email)
    params = checkout_params(request=request, now=timezone.now(), language=language)
    key_source = f"{request.nonce}|{request.amount_minor}|{request.monthly}|{request.email}"
    try:
        session = stripe_client.checkout_session_create(
            params=params, idempotency_key="masthead-" + hashlib.sha256(key_source.encode()).hexdigest()[:40]
        )
    except stripe_client.StripeError as error:
        logger.warning("Stripe refused a checkout session: %s", error)
        raise CheckoutRefused(
            _("The payment service did not accept this request. Please try again later."), status_code=409
        ) from error
    return session["url"]


@transaction.atomic
def gift_record_offline(*, gift: Gift) -> Gift:
    """Staff record a cheque or cash: paid at once, in the campaign's period of the day received."""
    gift.kind, gift.status = Gift.Kind.OFFLINE, Gift.Status.PAID
    gift.currency = gift.campaign.currency
    gift.paid_at = gift.paid_at or timezone.now()
    period = period_at(campaign=gift.campaign, moment=gift.paid_at)
    gift.period_start = period.start if period else None
    gift.save()
    transaction.on_commit(bar_cache_clear)
    return gift


def receipt_enqueue(*, gift_id: int) -> None:
    from .tasks import receipt_send

    transaction.on_commit(lambda: receipt_send.enqueue(gift_id=gift_id))


def cancel_token(*, subscription_id: str) -> str:
    return signing.dumps({"s": subscription_id}, salt=CANCEL_SALT, compress=True)


def cancel_token_read(*, token: str) -> str | None:
    try:
        return signing.loads(token, salt=CANCEL_SALT, max_age=60 * 60 * 24 * 400).get("s")
    except (signing.BadSignature, AttributeError):
        return None


def pledge_cancel(*, subscription_id: str) -> Pledge | None:
    """Ends a monthly gift at Stripe and records it (the webhook that follows changes nothing more)."""
    pledge = Pledge.objects.filter(subscription_id=subscription_id).first()
    if pledge is None or pledge.status == Pledge.Status.CANCELED:
        return pledge
    try:
        stripe_client.subscription_cancel(subscription_id=subscription_id)
    except stripe_client.StripeError as error:
        logger.warning("Stripe refused to cancel %s: %s", subscription_id, error)
        raise CheckoutRefused(
            _("The payment service could not cancel this gift just now. Please try again later."),
            status_code=409,
        ) from error
    from .ledger import pledge_apply

    with transaction.atomic():
        return pledge_apply(subscription_id=subscription_id, canceled_at=timezone.now())
