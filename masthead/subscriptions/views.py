"""Readers' pages: subscribe, confirm (GET shows, POST confirms), leave, and manage when signed in.

Links in mails carry a signed token, which is the reader's authority; pages are never cached.
No answer says whether an address was already subscribed or confirmed.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from masthead.core.clientip import network_hash
from masthead.core.fetchmetadata import cross_site_allowed
from masthead.core.numbers import number_parse
from masthead.core.ratelimit import rate_limit_hit

from . import selectors, tokens
from .forms import ManageForm, SubscribeForm
from .services import leaving, subscriptions


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, template: str, context: dict, *, status: int = 200):
    if _wants_json(request):
        return JsonResponse(
            {"message": str(context.get("message", "")), "errors": context.get("errors", {})}, status=status
        )
    return TemplateResponse(request, template, context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        form = SubscribeForm(
            initial={
                "page": request.GET.get("page"),
                "comment": request.GET.get("comment"),
                "scope": "comment" if request.GET.get("comment") else "all",
            },
            user=request.user,
        )
        return TemplateResponse(request, "subscriptions/subscribe_page.html", {"form": form})
    form = SubscribeForm(request.POST, user=request.user)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return _answer(
            request,
            "subscriptions/subscribe_page.html",
            {"form": form, "errors": errors, "message": _("Please correct the form.")},
            status=400,
        )
    if rate_limit_hit(
        scope="subscribe-network", key=network_hash(request), rule=settings.SUBSCRIPTIONS_RATE_NETWORK
    ):
        return _answer(
            request,
            "subscriptions/message.html",
            {"message": _("Too many subscriptions from your network. Please try again in an hour.")},
            status=429,
        )
    data = form.cleaned_data
    subscriptions.subscription_request(
        email=data["email"],
        target=data["target"],
        language=get_language(),
        frequency=data["frequency"],
        user=form.user,
    )
    return _answer(
        request,
        "subscriptions/message.html",
        {
            "message": _(
                "Thank you. Unless this address already follows it, we have sent it a link "
                "to confirm; notifications start once it is confirmed."
            ),
            "back_url": data["page_obj"].url,
            "heading": _("Subscribe"),
        },
    )


def _invalid_link(request):
    return TemplateResponse(
        request,
        "subscriptions/message.html",
        {
            "heading": _("This link cannot be used"),
            "message": _(
                "This link has expired or has already been used. Nothing was changed. "
                "You can subscribe again from the article."
            ),
        },
        status=400,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    """GET only shows a "Confirm" button: mail scanners that follow links confirm nothing."""
    try:
        if request.method != "POST":
            subscription = subscriptions.subscription_preview(token=token)
            return TemplateResponse(request, "subscriptions/confirm.html", {"subscription": subscription})
        subscription = subscriptions.subscription_confirm(token=token, user=request.user)
    except tokens.TokenInvalid:
        return _invalid_link(request)
    return TemplateResponse(
        request,
        "subscriptions/message.html",
        {
            "heading": _("Subscription confirmed"),
            "message": _("Thank you: this address will be notified of %(what)s.")
            % {"what": subscription.get_scope_display()},
            "back_url": subscription.page.url if subscription.page_id else "",
        },
    )


@never_cache
@cross_site_allowed  # RFC 8058: mail providers POST here from their own origin; the link's token decides
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request, token: str):
    """GET shows what the link lets the reader leave; POST leaves it. The one-click POST
    (body "List-Unsubscribe=One-Click") leaves the subscriptions that caused the mail."""
    try:
        grant = tokens.leave_token_read(token)
    except tokens.TokenInvalid:
        return _invalid_link(request)
    subscriptions = selectors.subscriptions_by_ids(
        subscriber_id=grant.subscriber_id, ids=grant.subscription_ids
    )
    if request.method != "POST":
        return TemplateResponse(request, "subscriptions/leave.html", {"subscriptions": subscriptions})
    action = request.POST.get("action", "")
    if action == "all":
        leaving.subscriber_suppress(subscriber_id=grant.subscriber_id, reason="unsubscribed")
        message = _("You have left everything: this address will get no more notifications.")
    else:
        chosen = number_parse(request.POST.get("subscription"))
        ids = [chosen] if chosen in grant.subscription_ids else list(grant.subscription_ids)
        leaving.subscriptions_leave(subscriber_id=grant.subscriber_id, subscription_ids=ids)
        message = _("Done: you will get no more notifications about this.")
    return TemplateResponse(
        request, "subscriptions/message.html", {"heading": _("Unsubscribed"), "message": message}
    )


def _login_url() -> str:
    return settings.LOGIN_URL if settings.is_overridden("LOGIN_URL") else reverse("wagtailadmin_login")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request):
    """A signed-in reader's subscriptions on one page (protected by Django's CSRF token)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), _login_url())
    subscriber = selectors.subscriber_of_user(user=request.user)
    if request.method == "POST" and subscriber is not None:
        action = request.POST.get("action", "")
        if action == "all":
            leaving.subscriber_suppress(subscriber_id=subscriber.pk, reason="unsubscribed")
        elif action == "leave" and number_parse(request.POST.get("subscription")) is not None:
            owned = {s.pk: s for s in selectors.subscriptions_of_user(user=request.user)}
            chosen = owned.get(number_parse(request.POST["subscription"]))
            if chosen is not None:
                leaving.subscriptions_leave(subscriber_id=chosen.subscriber_id, subscription_ids=[chosen.pk])
        elif action == "frequency":
            form = ManageForm(request.POST)
            if form.is_valid():
                subscriptions.subscriber_frequency_set(
                    subscriber_id=subscriber.pk, frequency=form.cleaned_data["frequency"]
                )
        return redirect("subscriptions:manage")
    form = ManageForm(initial={"frequency": subscriber.frequency if subscriber else "instant"})
    return TemplateResponse(
        request,
        "subscriptions/manage.html",
        {
            "subscriptions": selectors.subscriptions_of_user(user=request.user),
            "form": form,
            "subscriber": subscriber,
        },
    )
