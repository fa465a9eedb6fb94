"""The donor's own page: asking for its link, the gifts, Stripe's billing portal, the monthly amount,
stopping, and the yearly statement (printable page and PDF).

Every answer here is personal: never_cache says `private, no-store` (the page cache is opt-in and
these views never opt in), and `Referrer-Policy: no-referrer` keeps the link's token from reaching
another site (Stripe's portal) in a Referer header.
"""

import functools
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from masthead.core.clientip import network_hash
from masthead.core.refusal import Refusal

from . import selectors
from .models import Pledge
from .money import AmountError, amount_parse
from .services.donors import donor_link_check, donor_portal_url, pledge_amount_change
from .services.pledges import pledge_cancel
from .tasks import donor_link_send
from .tokens import DonorLinkExpired, donor_token_read
from .views import _redirect_303

STRIPE_BILLING = "https://billing.stripe.com"


class DonorLinkForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your email address"), max_length=254)


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def donor_view(view):
    """Reads the donor's address from the signed link; an expired or foreign link gets a page
    that offers a new one (410 or 404), never the gifts."""

    @never_cache
    @functools.wraps(view)
    def wrapped(request, token: str, **kwargs):
        try:
            email = donor_token_read(token=token)
        except DonorLinkExpired:
            return _private(render(request, "funding/donor/invalid.html", {"expired": True}, status=410))
        if email is None:
            return _private(render(request, "funding/donor/invalid.html", {"expired": False}, status=404))
        return _private(view(request, token=token, email=email, **kwargs))

    return wrapped


@never_cache
def donor_link(request):
    """ "Manage my gift": mails the page's link. The answer is the same whether or not the
    address has given; the background task decides whether a mail goes out."""
    form, sent, status = DonorLinkForm(request.POST or None), False, 200
    if request.method == "POST":
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                donor_link_check(email=email, network=network_hash(request))
                donor_link_send.enqueue(email=email, language=get_language())
                sent = True
            except Refusal as refused:
                form.add_error(None, refused.message)
                status = refused.status_code
        else:
            status = 400
    return _private(render(request, "funding/donor/link.html", {"form": form, "sent": sent}, status=status))


def _page(request, token: str, email: str, *, error: str = "", status: int = 200) -> HttpResponse:
    rows = selectors.donor_gift_rows(email=email)
    context = {
        "token": token,
        "email": email,
        "rows": rows,
        "years": selectors.donor_years(rows=rows),
        "pledges": selectors.donor_pledges(email=email),
        "payments_enabled": selectors.payments_enabled(),
        "done": request.GET.get("done", ""),
        "error": error,
    }
    response = render(request, "funding/donor/page.html", context, status=status)
    api = urlsplit(settings.STRIPE_API_BASE)
    config = dict(settings.SECURE_CSP)  # the portal button's form is sent on to Stripe's portal
    config["form-action"] = [*config.get("form-action", []), STRIPE_BILLING, f"{api.scheme}://{api.netloc}"]
    response._csp_config = config
    return response


@donor_view
def donor_page(request, *, token: str, email: str):
    return _page(request, token, email)


def _pledge_or_refuse(email: str, request) -> Pledge:
    pledge = selectors.donor_pledge(email=email, subscription_id=request.POST.get("subscription", ""))
    if pledge is None:
        raise Refusal(_("This monthly gift is not one of yours."), status_code=404)
    return pledge


def _donor_post(action):
    """POST only; a refusal shows the page again with its message and status."""

    @require_POST
    @donor_view
    @functools.wraps(action)
    def wrapped(request, *, token: str, email: str):
        try:
            return action(request, token=token, email=email)
        except Refusal as refused:
            return _page(request, token, email, error=refused.message, status=refused.status_code)

    return wrapped


@_donor_post
def donor_portal(request, *, token: str, email: str):
    pledge = _pledge_or_refuse(email, request)
    back = request.build_absolute_uri(reverse("funding:donor", kwargs={"token": token}))
    return _redirect_303(donor_portal_url(pledge=pledge, return_url=back, language=get_language()))


@_donor_post
def donor_amount(request, *, token: str, email: str):
    pledge = _pledge_or_refuse(email, request)
    try:
        amount = amount_parse(text=request.POST.get("amount", ""), currency=pledge.currency or "USD")
    except AmountError as error:
        raise Refusal(_("Enter the amount as a number, for example 12.50."), field="amount") from error
    pledge_amount_change(pledge=pledge, amount_minor=amount)
    return _redirect_303(reverse("funding:donor", kwargs={"token": token}) + "?done=amount")


@_donor_post
def donor_cancel(request, *, token: str, email: str):
    pledge = _pledge_or_refuse(email, request)
    pledge_cancel(subscription_id=pledge.subscription_id)
    return _redirect_303(reverse("funding:donor", kwargs={"token": token}) + "?done=cancel")


@donor_view
def donor_statement(request, *, token: str, email: str, year: str):
    statement = selectors.donor_statement(email=email, year=int(year))
    return render(request, "funding/donor/statement.html", {"statement": statement, "token": token})


@donor_view
def donor_statement_pdf(request, *, token: str, email: str, year: str):
    # Imported here: fpdf brings fontTools, about 45 MiB that every web process would carry.
    from .statement_pdf import StatementFontMissing, statement_pdf

    statement = selectors.donor_statement(email=email, year=int(year))
    try:
        pdf = statement_pdf(statement=statement)
    except StatementFontMissing:
        message = _(
            "The PDF cannot be made on this server just now; the printable page has the same statement."
        )
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="statement-{year}.pdf"'
    return response
