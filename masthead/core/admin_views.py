"""The Wagtail admin's outbox viewer: who holds the permission reads the mails the site wrote."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import outbox

PERMISSION = "core.read_outbox"


def user_may_read_outbox(user: AbstractUser | AnonymousUser) -> bool:
    """An explicit permission (superusers hold every one): being staff is not enough, since the
    outbox holds other people's links."""
    return bool(user.is_active and user.has_perm(PERMISSION))


@never_cache
def outbox_index(request: HttpRequest) -> TemplateResponse:
    if not user_may_read_outbox(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "core/admin/outbox_index.html",
        {
            "page_title": _("Outbox"),
            "header_icon": "mail",
            "entries": outbox.outbox_list(),
            "enabled": outbox.outbox_dir() is not None,
        },
    )


@never_cache
def outbox_detail(request: HttpRequest, file: str, index: int) -> TemplateResponse:
    if not user_may_read_outbox(request.user):
        raise PermissionDenied
    message = outbox.outbox_message(file=file, index=index)
    if message is None:
        raise Http404
    text, html = outbox.message_parts(message)
    return TemplateResponse(
        request,
        "core/admin/outbox_detail.html",
        {
            "page_title": str(message["Subject"] or _("Message")),
            "header_icon": "mail",
            "headers": outbox.message_headers(message),
            "readable": outbox.mail_is_readable(message),
            "text": text,
            "html": html,
        },
    )
