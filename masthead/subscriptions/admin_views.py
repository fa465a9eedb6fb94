"""The Wagtail admin's outbox viewer: staff read the mails the embedded site wrote to files."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import outbox


def user_may_read_outbox(user) -> bool:
    return user.is_active and (user.is_staff or user.is_superuser)


def outbox_index(request):
    if not user_may_read_outbox(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "subscriptions/admin/outbox_index.html",
        {
            "page_title": _("Outbox"),
            "header_icon": "mail",
            "entries": outbox.outbox_list(),
            "enabled": outbox.outbox_dir() is not None,
        },
    )


def outbox_detail(request, file: str, index: int):
    if not user_may_read_outbox(request.user):
        raise PermissionDenied
    message = outbox.outbox_message(file=file, index=index)
    if message is None:
        raise Http404
    text, html = outbox.message_parts(message)
    headers = [
        (name, str(message[name]))
        for name in ("Subject", "From", "To", "Date", "List-Unsubscribe", "List-Unsubscribe-Post")
        if message[name]
    ]
    return TemplateResponse(
        request,
        "subscriptions/admin/outbox_detail.html",
        {
            "page_title": str(message["Subject"] or _("Message")),
            "header_icon": "mail",
            "headers": headers,
            "text": text,
            "html": html,
        },
    )
