"""The donor's pages: donate, thanks, and cancelling a monthly gift."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from masthead.core.clientip import network_hash
from masthead.core.refusal import Refusal

from . import selectors
from .forms import DonateForm, form_token
from .models import Pledge
from .services.checkout import CheckoutRequest, checkout_create
from .services.pledges import pledge_cancel
from .tokens import cancel_token_read

STRIPE_CHECKOUT = "https://checkout.stripe.com"


def _campaign_or_404(slug: str):
    campaign = selectors.campaign_get(slug=slug)
    if campaign is None:
        raise Http404(_("There is no such campaign."))
    return campaign


def _redirect_303(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


@never_cache
def donate(request, slug: str):
    campaign = _campaign_or_404(slug)
    status, enabled = 200, selectors.payments_enabled()
    if request.method == "POST":
        form = DonateForm(request.POST, campaign=campaign)
        if not enabled:
            status = 503
        elif form.is_valid():
            checkout = CheckoutRequest(
                campaign=campaign,
                amount_minor=form.cleaned_data["amount_minor"],
                monthly=form.cleaned_data["frequency"] == "monthly",
                email=form.cleaned_data["email"],
                network=network_hash(request),
                nonce=form.nonce,
            )
            try:
                return _redirect_303(checkout_create(request=checkout, language=get_language()))
            except Refusal as refused:
                form.add_error(None, refused.message)
                status = refused.status_code
        else:
            status = form.status_code
    else:
        form = DonateForm(campaign=campaign)
    return _checkout_may_follow(
        render(
            request,
            "funding/donate.html",
            {
                "campaign": campaign,
                "form": form,
                "payments_enabled": enabled,
                "token": form_token(),  # a fresh clock for each showing of the form
            },
            status=status,
        )
    )


def _checkout_may_follow(response):
    """The donate form posts here and is sent on to Stripe's hosted checkout with a 303: browsers
    hold that redirect to the page's form-action, so this page lists Stripe's checkout (and the
    API's origin, which serves the checkout of a stand-in) beside the site itself."""
    api = urlsplit(settings.STRIPE_API_BASE)
    config = dict(settings.SECURE_CSP)
    config["form-action"] = [*config.get("form-action", []), STRIPE_CHECKOUT, f"{api.scheme}://{api.netloc}"]
    response._csp_config = config
    return response


def thanks(request, slug: str):
    """Thanks the donor; records nothing (only Stripe's events say that a gift is paid)."""
    campaign = _campaign_or_404(slug)
    return render(request, "funding/thanks.html", {"campaign": campaign})


@never_cache
def cancel(request, token: str):
    """GET shows a button and changes nothing (mail scanners follow links); POST cancels."""
    subscription_id = cancel_token_read(token=token)
    pledge = selectors.pledge_get(subscription_id=subscription_id) if subscription_id else None
    if pledge is None:
        return render(request, "funding/cancel.html", {"invalid": True}, status=404)
    error, status = "", 200
    if request.method == "POST" and pledge.status == Pledge.Status.ACTIVE:
        try:
            pledge = pledge_cancel(subscription_id=subscription_id)
        except Refusal as refused:
            error, status = refused.message, refused.status_code
    return render(request, "funding/cancel.html", {"pledge": pledge, "error": error}, status=status)
