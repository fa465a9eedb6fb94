"""Stopping a monthly gift at the donor's request (the link in each receipt)."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.core.refusal import Refusal

from .. import stripe_client
from ..models import Pledge
from .ledger import pledge_apply

logger = logging.getLogger(__name__)


def pledge_cancel(*, subscription_id: str) -> Pledge | None:
    """Ends a monthly gift at Stripe and records it (the webhook that follows changes nothing more)."""
    pledge = Pledge.objects.filter(subscription_id=subscription_id).first()
    if pledge is None or pledge.status == Pledge.Status.CANCELED:
        return pledge
    try:
        stripe_client.subscription_cancel(subscription_id=subscription_id)
    except stripe_client.StripeError as error:
        logger.warning("Stripe refused to cancel %s: %s", subscription_id, error)
        raise Refusal(
            _("The payment service could not cancel this gift just now. Please try again later."),
            status_code=409,
        ) from error
    with transaction.atomic():
        return pledge_apply(subscription_id=subscription_id, canceled_at=timezone.now())
