"""Checks of what a reader gives us before it reaches a mail header or the database."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from masthead.core.mail import header_value_check
from masthead.core.refusal import Refusal

EMAIL_MAX = 254


def email_normalise(email: str) -> str:
    email = header_value_check(str(email or ""), field="email").strip()
    try:
        if not email or len(email) > EMAIL_MAX:
            raise ValidationError("length")
        validate_email(email)
    except ValidationError:
        raise Refusal(_("Please give a valid email address, like name@example.com."), field="email") from None
    return email.lower()
