"""Signed links of the donor's mails: stopping a monthly gift, and the donor's own page."""

from django.conf import settings
from django.core import signing

from masthead.core.keyedhash import email_normalise

CANCEL_SALT = "funding.cancel"
DONOR_SALT = "funding.donor"


def cancel_token(*, subscription_id: str) -> str:
    return signing.dumps({"s": subscription_id}, salt=CANCEL_SALT, compress=True)


def cancel_token_read(*, token: str) -> str | None:
    try:
        return signing.loads(token, salt=CANCEL_SALT, max_age=60 * 60 * 24 * 400).get("s")
    except (signing.BadSignature, AttributeError):
        return None


class DonorLinkExpired(Exception):
    """A genuine link to the donor's page, older than FUNDING_DONOR_LINK_DAYS."""


def donor_token(*, email: str) -> str:
    """The donor's page is bound to the address the link was mailed to (the donor is whoever
    reads that mailbox); the signature dates it, so the link stops working after some days."""
    return signing.dumps({"e": email_normalise(email)}, salt=DONOR_SALT, compress=True)


def donor_token_read(*, token: str) -> str | None:
    """The donor's address, None for a link that is not ours; DonorLinkExpired for an old one."""
    max_age = settings.FUNDING_DONOR_LINK_DAYS * 86400
    try:
        data = signing.loads(token, salt=DONOR_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise DonorLinkExpired from error
    except signing.BadSignature:
        return None
    email = data.get("e") if isinstance(data, dict) else None
    return email if isinstance(email, str) and email else None
