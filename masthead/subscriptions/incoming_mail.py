"""Mail that comes back: unsubscribe requests sent to the List-Unsubscribe mailto, and bounces.

The operator's mail server pipes each message to `masthead manage subscriptions_mail_in`
(e.g. a Postfix alias `unsubscribe: "|masthead manage subscriptions_mail_in"`).
"""

import re
from email import message_from_bytes, policy

from . import services, tokens

TOKEN = re.compile(r"unsubscribe\s+(\S+)", re.IGNORECASE)
FAILED_RECIPIENT = re.compile(r"Final-Recipient:\s*rfc822;\s*(\S+)", re.IGNORECASE)


def _bounced_addresses(message) -> list[str]:
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


def mail_in_handle(*, raw: bytes) -> str:
    """Applies one incoming message; returns what was done (for the log)."""
    message = message_from_bytes(raw, policy=policy.default)
    if message.get_content_type() == "multipart/report":
        bounced = [a for a in _bounced_addresses(message) if services.subscriber_bounce(email=a)]
        return f"bounced: {len(bounced)}"
    match = TOKEN.search(str(message["Subject"] or ""))
    if match is None:
        return "ignored"
    try:
        grant = tokens.leave_token_read(match.group(1))
    except tokens.TokenInvalid:
        return "invalid token"
    services.subscriptions_leave(
        subscriber_id=grant.subscriber_id, subscription_ids=list(grant.subscription_ids)
    )
    return "unsubscribed"
