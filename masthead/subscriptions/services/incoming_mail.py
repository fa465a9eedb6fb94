"""Mail that comes back: unsubscribe requests sent to the List-Unsubscribe mailto, and bounces
(counted only when they echo the signed header of our own mail: bounce_proof.py).

The operator's mail server pipes each message to `masthead manage subscriptions_mail_in`
(e.g. a Postfix alias `unsubscribe: "|masthead manage subscriptions_mail_in"`).
"""

import logging
import re
from email import message_from_bytes, message_from_string, policy
from email.message import EmailMessage

from .. import bounce_proof, tokens
from .leaving import subscriber_bounce, subscriptions_leave

log = logging.getLogger("masthead.subscriptions")

TOKEN = re.compile(r"unsubscribe\s+(\S+)", re.IGNORECASE)
FAILED_RECIPIENT = re.compile(r"Final-Recipient:\s*rfc822;\s*(\S+)", re.IGNORECASE)


def _bounced_addresses(message: EmailMessage) -> list[str]:
    """Addresses a delivery status notification (RFC 3464) reports as failed for good."""
    found = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in part.get_payload() if part.is_multipart() else [part]:
            text = block.as_string() if hasattr(block, "as_string") else str(block)
            if re.search(r"^Action:\s*failed", text, re.IGNORECASE | re.MULTILINE):
                found += FAILED_RECIPIENT.findall(text)
    return found


def _echoed_proofs(message: EmailMessage) -> list[str]:
    """Our signed bounce headers in the returned message (RFC 3464 returns it whole, as
    message/rfc822, or its headers alone, as text/rfc822-headers)."""
    values = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            returned = part.get_payload()
            for original in returned if isinstance(returned, list) else [returned]:
                if not isinstance(original, str):  # a parsed message, as the policy gives it
                    values += [str(v) for v in original.get_all(bounce_proof.HEADER, [])]
        elif kind == "text/rfc822-headers":
            headers = message_from_string(part.get_content(), policy=policy.default)
            values += [str(v) for v in headers.get_all(bounce_proof.HEADER, [])]
    return values


def _bounce_apply(message: EmailMessage) -> str:
    """Suppresses each failed address the report proves it answers our own mail to; logs
    and ignores the others (a forged report must not unsubscribe anyone)."""
    proofs = _echoed_proofs(message)
    bounced = ignored = 0
    for address in _bounced_addresses(message):
        if not any(bounce_proof.bounce_header_proves(value, email=address) for value in proofs):
            ignored += 1
            log.warning("bounce ignored: it does not echo the signed header of a mail we sent there")
            continue
        bounced += bool(subscriber_bounce(email=address))
    return f"bounced: {bounced}, ignored: {ignored}"


def mail_in_handle(*, raw: bytes) -> str:
    """Applies one incoming message; returns what was done (for the log)."""
    message = message_from_bytes(raw, policy=policy.default)
    if message.get_content_type() == "multipart/report":
        return _bounce_apply(message)
    match = TOKEN.search(str(message["Subject"] or ""))
    if match is None:
        return "ignored"
    try:
        grant = tokens.leave_token_read(match.group(1))
    except tokens.TokenInvalid:
        return "invalid token"
    subscriptions_leave(subscriber_id=grant.subscriber_id, subscription_ids=list(grant.subscription_ids))
    return "unsubscribed"
