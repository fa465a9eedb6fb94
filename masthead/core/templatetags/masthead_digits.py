"""{{ value|digits }}: the value with its digits as the edition shows them (see core/digits.py)."""

from typing import cast

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from masthead.core.digits import digits_localize

register = template.Library()


@register.filter(is_safe=True)
def digits(value: object) -> str:
    # Digits never occur in escapes that matter (&#39; becomes &#٣٩; otherwise), so escape first
    # and convert only the text between entities.
    text = conditional_escape(cast(str, value)) if not isinstance(value, SafeData) else value
    parts = str(text).split("&")
    converted = [digits_localize(parts[0])]
    for part in parts[1:]:
        entity, semi, rest = part.partition(";")
        converted.append(f"&{entity}{semi}{digits_localize(rest)}" if semi else "&" + digits_localize(part))
    return mark_safe("".join(converted))  # noqa: S308
