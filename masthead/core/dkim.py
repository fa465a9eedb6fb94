"""DKIM signing of outgoing mail: the SMTP backend every mail of the site leaves through.

With DKIM_KEY_FILE set (MASTHEAD_DKIM_KEY_FILE) each message is signed with dkimpy over the very
bytes handed to the relay, so nothing re-serialises it after signing; without it mail goes out
unsigned, exactly as Django's SMTP backend sends it. Relaxed canonicalisation of headers and
body, because relays re-fold headers and trim trailing space. dkimpy signs the headers RFC 6376
recommends that the message has (From, Subject, Date, Message-ID, List-Unsubscribe…), From twice
so none can be added; List-Unsubscribe-Post is added to them, since one-click unsubscribe (RFC
8058) counts only when both are signed.
"""

import email.policy
import smtplib
from pathlib import Path
from typing import Any

import dkim
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend


class DkimSigner:
    """Signs raw messages with one key, selector and domain."""

    def __init__(self, *, key_file: str, selector: str, domain: str) -> None:
        if not (selector and domain):
            raise ImproperlyConfigured("DKIM signing needs MASTHEAD_DKIM_SELECTOR and a domain.")
        try:
            self.key = Path(key_file).read_bytes()
        except OSError as error:
            raise ImproperlyConfigured(f"MASTHEAD_DKIM_KEY_FILE cannot be read: {error}") from error
        self.selector = selector.encode("ascii")
        self.domain = domain.encode("idna")

    def sign(self, raw: bytes) -> bytes:
        """The message with its DKIM-Signature header first."""
        signer = dkim.DKIM(raw, linesep=b"\r\n")
        signer.should_sign.add(b"list-unsubscribe-post")
        signature = signer.sign(
            self.selector,
            self.domain,
            self.key,
            canonicalize=(b"relaxed", b"relaxed"),
            include_headers=signer.default_sign_headers(),
        )
        return bytes(signature) + raw


def dkim_signer() -> DkimSigner | None:
    """The site's signer, or None when DKIM_KEY_FILE is not set (mail goes out unsigned)."""
    if not settings.DKIM_KEY_FILE:
        return None
    return DkimSigner(
        key_file=settings.DKIM_KEY_FILE, selector=settings.DKIM_SELECTOR, domain=settings.DKIM_DOMAIN
    )


class SigningEmailBackend(EmailBackend):
    """Django's SMTP backend, signing each message when DKIM is configured."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signer = dkim_signer()

    def _send(self, email_message: EmailMessage) -> bool:
        # Django's own _send, with the bytes signed between serialising and handing them over.
        if not email_message.recipients():
            return False
        from_email = self.prep_address(email_message.from_email)
        recipients = [self.prep_address(address) for address in email_message.recipients()]
        raw = email_message.message(policy=email.policy.SMTP).as_bytes()
        assert self.connection is not None  # send_messages opened it
        try:
            self.connection.sendmail(from_email, recipients, self.signer.sign(raw) if self.signer else raw)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
