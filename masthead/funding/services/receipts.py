"""The donor's receipt: sent once per gift, also when its task runs twice or its worker dies."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from masthead.core.absoluteurl import absolute_reverse
from masthead.core.mail import mail_build, message_id, sent_after_commit
from masthead.core.sitename import site_name

from ..models import Gift
from ..money import money_format
from ..selectors import babel_locale
from ..tokens import cancel_token
from .donors import donor_url


def _receipt_context(gift: Gift) -> dict[str, Any]:
    cancel_url = ""
    if gift.kind == Gift.Kind.MONTHLY and gift.subscription_id:
        cancel_url = absolute_reverse(
            "funding:cancel", kwargs={"token": cancel_token(subscription_id=gift.subscription_id)}
        )
    return {
        "gift": gift,
        "site_name": site_name(),
        "cancel_url": cancel_url,
        "donor_url": donor_url(
            email=gift.email, language=translation.get_language() or settings.LANGUAGE_CODE
        ),
        "LANGUAGE_CODE": translation.get_language(),
        "amount": money_format(amount_minor=gift.amount_minor, currency=gift.currency, locale=babel_locale()),
        "campaign_name": gift.campaign.name if gift.campaign else site_name(),
        "thank_you": gift.campaign.thank_you_text if gift.campaign else "",
    }


def receipt_send(*, gift_id: int) -> bool:
    """Sends the receipt of a paid gift once; False when there is nothing (more) to send.

    Marked and sent in one transaction that holds the gift's row: a second run waits, then finds
    it marked and sends nothing; a worker killed before the commit leaves it unmarked, so the run
    that recovers the task (core/taskworker.py) sends it. Once the mail's last line is sent, only
    the server's "250" and the commit are left (core/mail.py, sent_after_commit): a death in that
    instant is the one way to send it twice, with the same Message-ID.
    """
    with sent_after_commit() as send, transaction.atomic():
        gift = _paid_unsent_lock(gift_id=gift_id)
        if gift is None:
            return False
        message = _receipt_message(gift)
        gift.receipt_sent_at = timezone.now()
        gift.save(update_fields=["receipt_sent_at"])
        send(message)
    return True


def _paid_unsent_lock(*, gift_id: int) -> Gift | None:
    """The gift, its row locked, when a receipt is owed for it."""
    locked = Gift.objects.select_for_update(of=("self",))  # not the campaign (an outer join)
    gift = locked.select_related("campaign").filter(pk=gift_id).first()
    if gift is None or gift.receipt_sent_at or not gift.email or gift.status != Gift.Status.PAID:
        return None
    return gift


def _receipt_message(gift: Gift) -> EmailMultiAlternatives:
    language = gift.language if gift.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        context = _receipt_context(gift)
        return mail_build(
            kind="receipt",  # readable in the outbox viewer (masked)
            subject=render_to_string("funding/mail/receipt_subject.txt", context).strip(),
            text=render_to_string("funding/mail/receipt.txt", context),
            html=render_to_string("funding/mail/receipt.html", context),
            to=[gift.email],
            headers={"Message-ID": message_id(f"receipt-{gift.pk}")},
        )
