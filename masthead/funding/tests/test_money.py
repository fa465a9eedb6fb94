"""Amounts: Stripe's exponents, what donors type, and the formatting tables (en and ar)."""

import pytest

from masthead.funding.money import AmountError, amount_parse, currency_exponent, money_format

REFERENCE = "position=after,decimals=auto"


@pytest.mark.parametrize(("currency", "exponent"), [("USD", 2), ("EUR", 2), ("JPY", 0), ("KWD", 3)])
def test_exponents_are_stripes(currency, exponent):
    assert currency_exponent(currency) == exponent


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("25", "USD", 2500),
        ("12.50", "USD", 1250),
        ("12,5", "EUR", 1250),
        ("1000", "JPY", 1000),
        ("1.250", "KWD", 1250),
        ("3", "KWD", 3000),
    ],
)
def test_amounts_typed_by_donors(text, currency, minor):
    assert amount_parse(text=text, currency=currency) == minor


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("", "USD"),
        ("ten", "USD"),
        ("12.505", "USD"),
        ("1.5", "JPY"),
        ("1.255", "KWD"),  # KWD ends in 0
        ("-5", "USD"),
        ("1e9", "USD"),
        ("9" * 13, "USD"),
        ("12.5.0", "USD"),
    ],
)
def test_what_is_not_an_amount(text, currency):
    with pytest.raises(AmountError):
        amount_parse(text=text, currency=currency)


# Babel/CLDR as it is, without the site's overrides.
CLDR = [
    ("en", "USD", 250_000, "$2,500.00"),
    ("en", "EUR", 250_050, "€2,500.50"),
    ("en", "JPY", 2_500, "¥2,500"),
    ("en", "KWD", 2_500_000, "KWD2,500.000"),
    ("ar", "USD", 250_000, "\u200f2,500.00\xa0US$"),
    ("ar", "EUR", 250_000, "\u200f2,500.00\xa0€"),
    ("ar", "JPY", 2_500, "\u200f2,500\xa0JP¥"),
    ("ar", "KWD", 2_500_000, "\u200f2,500.000\xa0د.ك.\u200f"),
]


@pytest.mark.parametrize(("locale", "currency", "minor", "shown"), CLDR)
def test_cldr_formats_without_overrides(settings, locale, currency, minor, shown):
    settings.MASTHEAD_CURRENCY_FORMAT = ""
    assert money_format(amount_minor=minor, currency=currency, locale=locale) == shown


# The reference style "2,500 $": symbol after, no decimals on whole amounts.
REFERENCE_TABLE = [
    ("en", "USD", 250_000, "2,500 $"),
    ("en", "USD", 50_000, "500 $"),
    ("en", "USD", 250_050, "2,500.50 $"),
    ("en", "EUR", 500_000, "5,000 €"),
    ("en", "JPY", 2_500, "2,500 ¥"),
    ("en", "KWD", 2_500_250, "2,500.250 KWD"),
    ("ar", "USD", 250_000, "2,500 US$"),
    ("ar", "JPY", 2_500, "2,500 JP¥"),
]


@pytest.mark.parametrize(("locale", "currency", "minor", "shown"), REFERENCE_TABLE)
def test_reference_style_overrides(settings, locale, currency, minor, shown):
    settings.MASTHEAD_CURRENCY_FORMAT = REFERENCE
    assert money_format(amount_minor=minor, currency=currency, locale=locale) == shown


@pytest.mark.parametrize(
    ("setting", "locale", "shown"),
    [
        ("USD.symbol=$,position=after,decimals=auto", "ar", "2,500 $"),  # the symbol for one currency
        ("symbol=US-$,position=before,decimals=2", "en", "US-$2,500.00"),
        ("position=after,decimals=auto,digits=arab", "ar", "٢٬٥٠٠ US$"),  # Arabic-Indic digits
        ("digits=arab", "ar", "\u200f٢٬٥٠٠٫٠٠\xa0US$"),
    ],
)
def test_each_override(settings, setting, locale, shown):
    settings.MASTHEAD_CURRENCY_FORMAT = setting
    assert money_format(amount_minor=250_000, currency="USD", locale=locale) == shown
