"""Background work of the funding app: the donor's receipt, sent at most once per gift."""

from django.db import transaction
from django.tasks import task

from .services import receipts


@task()
def receipt_send(*, gift_id: int) -> bool:
    return receipts.receipt_send(gift_id=gift_id)


def receipt_send_later(*, gift_id: int) -> None:
    """Queues the receipt once the transaction that recorded the gift commits."""
    transaction.on_commit(lambda: receipt_send.enqueue(gift_id=gift_id))


@task()
def donor_link_send(*, email: str, language: str) -> bool:
    """Mails the link to the donor's page if the address has given. Decided here, in the
    background, so that "Manage my gift" answers the same, as fast, for any address."""
    from .services.donors import donor_link_send as send

    return send(email=email, language=language)
