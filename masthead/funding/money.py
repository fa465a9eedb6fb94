"""Amounts in minor units: Stripe's exponents, parsing what donors type, and formatting for readers.

Amounts are integers in the currency's smallest unit everywhere. The exponent is Stripe's (which
differs from ISO 4217 for a few currencies): zero-decimal currencies such as JPY, three-decimal
ones such as KWD (whose last digit Stripe requires to be 0), two decimals for the rest.
Formatting is Babel/CLDR for the reader's language, with the site's overrides from
settings.MASTHEAD_CURRENCY_FORMAT (see settings.py) so "2,500 $" can be reproduced exactly.
"""

import re
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.numbers import format_currency, format_decimal, get_currency_symbol, list_currencies
from django.conf import settings

from masthead.core.digits import numbering_system

# https://docs.stripe.com/currencies#zero-decimal and #three-decimal
ZERO_DECIMAL = frozenset("BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split())
THREE_DECIMAL = frozenset("BHD JOD KWD OMR TND".split())
OVERRIDE_KEYS = ("symbol", "position", "digits", "decimals")
# Babel switches the separators for a numbering system but leaves the digits Latin.
_DIGITS = {"latn": str.maketrans("", ""), "arab": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")}
_AMOUNT_RE = re.compile(r"^\s*(\d{1,12})(?:[.,](\d{1,3}))?\s*$")


class AmountError(ValueError):
    """What the donor typed is not an amount in this currency."""


def is_known_currency(code: str) -> bool:
    return (code or "").upper() in list_currencies()


def currency_exponent(currency: str) -> int:
    code = currency.upper()
    if code in ZERO_DECIMAL:
        return 0
    return 3 if code in THREE_DECIMAL else 2


def minor_step(currency: str) -> int:
    """The smallest accepted change in minor units (Stripe wants KWD & co. to end in 0)."""
    return 10 if currency.upper() in THREE_DECIMAL else 1


def amount_parse(*, text: str, currency: str) -> int:
    """Minor units from a typed major amount ("25", "12.50", "12,5"); AmountError when it is not one."""
    match = _AMOUNT_RE.match(text or "")
    if not match:
        raise AmountError("not a number")
    whole, fraction = match.group(1), match.group(2) or ""
    exponent = currency_exponent(currency)
    if len(fraction) > exponent:
        raise AmountError("too many decimals")
    minor = int(whole) * 10**exponent + (int(fraction.ljust(exponent, "0")) if exponent else 0)
    if minor % minor_step(currency):
        raise AmountError("last digit")
    return minor


def to_major(*, amount_minor: int, currency: str) -> Decimal:
    return Decimal(amount_minor).scaleb(-currency_exponent(currency))


def input_value(*, amount_minor: int, currency: str) -> str:
    """The amount as a plain number for a form field ("25", "12.50")."""
    major = to_major(amount_minor=amount_minor, currency=currency)
    return str(major.quantize(Decimal(1))) if major == major.to_integral() else str(major)


def site_format_overrides(currency: str) -> dict:
    """The site's overrides for this currency: the general ones, then "USD.key=value" ones."""
    raw = settings.MASTHEAD_CURRENCY_FORMAT
    if isinstance(raw, dict):
        general = {k: v for k, v in raw.items() if k in OVERRIDE_KEYS}
        return {**general, **raw.get(currency.upper(), {})}
    result, specific = {}, {}
    for pair in (raw or "").split(","):
        key, sep, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        if not sep:
            continue
        code, dot, name = key.rpartition(".")
        if dot and code.upper() == currency.upper() and name in OVERRIDE_KEYS:
            specific[name] = value
        elif not dot and key in OVERRIDE_KEYS:
            result[key] = value
    return {**result, **specific}


def money_format(*, amount_minor: int, currency: str, locale: str | Locale) -> str:
    """The amount for a reader of `locale`, in the site's style."""
    major = to_major(amount_minor=amount_minor, currency=currency)
    overrides = site_format_overrides(currency)
    # The site's currency override wins; otherwise the edition's digits (MASTHEAD_ARABIC_DIGITS).
    digits = overrides.get("digits") if overrides.get("digits") in _DIGITS else numbering_system(str(locale))
    if not set(overrides) - {"digits"}:
        shown = format_currency(major, currency.upper(), locale=locale, numbering_system=digits)
        return shown.translate(_DIGITS[digits])
    decimals = _decimals(overrides.get("decimals"), major, currency)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    number = format_decimal(
        major, format=pattern, locale=locale, decimal_quantization=True, numbering_system=digits
    )
    number = number.translate(_DIGITS[digits])
    symbol = overrides.get("symbol") or get_currency_symbol(currency.upper(), locale=locale)
    if overrides.get("position", "before") == "after":
        return f"{number} {symbol}"
    return f"{symbol}{number}"


def _decimals(setting, major: Decimal, currency: str) -> int:
    if setting in (None, "", "auto"):
        return 0 if major == major.to_integral() else currency_exponent(currency)
    try:
        return max(0, min(int(setting), 6))
    except (TypeError, ValueError, InvalidOperation):
        return currency_exponent(currency)
