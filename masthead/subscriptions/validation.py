"""Checks of what a reader gives us before it reaches a mail header or the database."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from masthead.core.refusal import Refusal

# Every character that str.splitlines() and mail parsers treat as a line break.
LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
EMAIL_MAX = 254


def header_value_check(value: str, *, field: str) -> str:
    """Refuses a value bound for a mail header if it holds a line break (header injection)."""
    if LINE_BREAKS.search(value):
        raise Refusal(_("Line breaks are not allowed here."), field=field)
    return value


def email_normalise(email: str) -> str:
    email = header_value_check(str(email or ""), field="email").strip()
    try:
        if not email or len(email) > EMAIL_MAX:
            raise ValidationError("length")
        validate_email(email)
    except ValidationError:
        raise Refusal(_("Please give a valid email address, like name@example.com."), field="email") from None
    return email.lower()
