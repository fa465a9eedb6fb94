"""What a donor does on their own page: ask for its link, open Stripe's billing portal, change or
stop a monthly gift. The page is reached only through a signed link mailed to the donor's address
(tokens.py), so every write here is checked against that address."""

import hashlib
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from masthead.core.absoluteurl import absolute_reverse
from masthead.core.keyedhash import email_normalise
from masthead.core.outbox import MAIL_KIND_HEADER
from masthead.core.ratelimit import Limit, rate_limits_enforce
from masthead.core.refusal import Refusal
from masthead.core.sitename import site_name

from .. import stripe_client
from ..models import Pledge
from ..money import money_format
from ..selectors import babel_locale, donor_known
from ..tokens import donor_token
from .checkout import CHECKOUT_LOCALES

logger = logging.getLogger(__name__)


def donor_link_check(*, email: str, network: str) -> None:
    """The same limits whether or not the address has given: the answer says nothing either way."""
    rate_limits_enforce(
        limits=[
            Limit("donor-link-network", network, settings.FUNDING_RATE_DONOR_LINK_NETWORK),
            Limit("donor-link-email", email_normalise(email), settings.FUNDING_RATE_DONOR_LINK_EMAIL),
        ],
        message=_("Too many requests for a link in a short time. Please try again in an hour."),
    )


def donor_url(*, email: str, language: str) -> str:
    with translation.override(language):
        return absolute_reverse("funding:donor", kwargs={"token": donor_token(email=email)})


def donor_link_send(*, email: str, language: str) -> bool:
    """Mails the link to the donor's page if the address has given; False (and no mail) if not."""
    if not donor_known(email=email):
        return False
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "site_name": site_name(),
            "url": donor_url(email=email, language=language),
            "days": settings.FUNDING_DONOR_LINK_DAYS,
            "LANGUAGE_CODE": language,
        }
        message = EmailMultiAlternatives(
            subject=render_to_string("funding/mail/donor_link_subject.txt", context).strip(),
            body=render_to_string("funding/mail/donor_link.txt", context),
            to=[email],
            headers={MAIL_KIND_HEADER: "donor-link"},
        )
        message.attach_alternative(render_to_string("funding/mail/donor_link.html", context), "text/html")
        message.send()
    return True


def _stripe_refused(error: Exception, what: str) -> Refusal:
    logger.warning("Stripe refused to %s: %s", what, error)
    return Refusal(
        _("The payment service did not accept this request. Please try again later."), status_code=409
    )


def donor_portal_url(*, pledge: Pledge, return_url: str, language: str) -> str:
    """A Stripe billing-portal session for the customer of the donor's monthly gift (change the
    card, see Stripe's invoices); the donor is sent there and comes back to `return_url`."""
    try:
        subscription = stripe_client.subscription_retrieve(subscription_id=pledge.subscription_id)
        customer = subscription.get("customer")
        customer_id = customer.get("id") if isinstance(customer, dict) else customer
        params = {"customer": customer_id, "return_url": return_url}
        params["locale"] = language if language in CHECKOUT_LOCALES else "auto"  # the same languages
        session = stripe_client.billing_portal_session_create(params=params)
    except stripe_client.StripeError as error:
        raise _stripe_refused(error, "open a billing portal") from error
    return str(session["url"])


def _amount_check(pledge: Pledge, amount_minor: int) -> None:
    campaign = pledge.campaign
    if campaign is None:
        return
    locale = babel_locale()
    if amount_minor < campaign.custom_min_minor:
        shown = money_format(
            amount_minor=campaign.custom_min_minor, currency=campaign.currency, locale=locale
        )
        raise Refusal(_("The smallest gift is %(amount)s.") % {"amount": shown}, field="amount")
    if amount_minor > campaign.custom_max_minor:
        shown = money_format(
            amount_minor=campaign.custom_max_minor, currency=campaign.currency, locale=locale
        )
        raise Refusal(
            _("The largest gift we can take online is %(amount)s.") % {"amount": shown}, field="amount"
        )


def pledge_amount_change(*, pledge: Pledge, amount_minor: int) -> Pledge:
    """A new monthly amount from the next invoice on (no proration): Stripe's subscription first,
    then the ledger's pledge; the months already paid keep their amounts."""
    if pledge.status != Pledge.Status.ACTIVE:
        raise Refusal(_("This monthly gift has stopped."), status_code=409)
    _amount_check(pledge, amount_minor)
    if amount_minor == pledge.amount_minor:
        return pledge
    key = hashlib.sha256(
        f"{pledge.subscription_id}|{pledge.amount_minor}|{amount_minor}".encode()
    ).hexdigest()
    try:
        subscription = stripe_client.subscription_retrieve(subscription_id=pledge.subscription_id)
        item = subscription["items"]["data"][0]
        price = item["price"]
        product = price["product"]
        price_data = {
            "currency": str(price.get("currency") or pledge.currency).lower(),
            "product": product.get("id") if isinstance(product, dict) else product,
            "unit_amount": amount_minor,
            "recurring": {"interval": "month"},
        }
        stripe_client.subscription_update(
            subscription_id=pledge.subscription_id,
            params={"items": [{"id": item["id"], "price_data": price_data}], "proration_behavior": "none"},
            idempotency_key="masthead-amount-" + key[:40],
        )
    except (stripe_client.StripeError, KeyError, IndexError, TypeError) as error:
        raise _stripe_refused(error, "change a monthly amount") from error
    with transaction.atomic():
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        locked.amount_minor = amount_minor
        locked.save(update_fields=["amount_minor"])
    return locked
