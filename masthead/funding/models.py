"""The funding ledger: campaigns, gifts (one per payment), monthly pledges and Stripe events seen."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .money import currency_exponent, is_known_currency, money_format


def _validate_currency(value: str) -> None:
    if not is_known_currency(value):
        raise ValidationError(_("Unknown currency code."))


def _validate_amount_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, int) and v > 0 for v in value):
        raise ValidationError(_("Give a list of positive whole numbers, e.g. [500, 1000, 2500]."))


class Campaign(models.Model):
    class PeriodKind(models.TextChoices):
        MONTHLY = "monthly", _("Monthly (a new goal each calendar month)")
        FIXED = "fixed", _("Fixed date range")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="USD",
        validators=[_validate_currency],
        help_text=_("ISO 4217 code, e.g. USD, EUR, JPY, KWD."),
    )
    period_kind = models.CharField(
        _("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTHLY
    )
    starts_on = models.DateField(
        _("starts on"), null=True, blank=True, help_text=_("For a fixed date range only.")
    )
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("For a fixed date range only (inclusive).")
    )
    goal_minor = models.BigIntegerField(
        _("goal per period (minor units)"),
        help_text=_("In the currency's smallest unit: 500000 is 5,000.00 USD; 5000 is 5,000 JPY."),
    )
    markers_minor = models.JSONField(
        _("milestone markers (minor units)"),
        default=list,
        blank=True,
        validators=[_validate_amount_list],
        help_text=_("A list, e.g. [50000, 250000, 500000] for 500, 2,500 and 5,000 USD."),
    )
    presets_minor = models.JSONField(
        _("preset amounts (minor units)"),
        default=list,
        blank=True,
        validators=[_validate_amount_list],
        help_text=_("A list, e.g. [500, 1000, 2500, 5000, 10000] for 5, 10, 25, 50 and 100 USD."),
    )
    custom_min_minor = models.BigIntegerField(_("smallest custom amount (minor units)"), default=500)
    custom_max_minor = models.BigIntegerField(_("largest custom amount (minor units)"), default=1_000_000)
    allow_one_time = models.BooleanField(_("one-time gifts"), default=True)
    allow_monthly = models.BooleanField(_("monthly gifts"), default=True)
    thank_you_text = models.TextField(_("thank-you text"), blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("The newest active campaign is shown on every page.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-active", "-created_at"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.name

    @property
    def exponent(self) -> int:
        return currency_exponent(self.currency)

    def clean(self) -> None:
        self.currency = (self.currency or "").upper()
        if self.period_kind == self.PeriodKind.FIXED and not (self.starts_on and self.ends_on):
            raise ValidationError(_("A fixed campaign needs a start and an end date."))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(_("The end date comes before the start date."))
        if not 0 < self.custom_min_minor <= self.custom_max_minor:
            raise ValidationError(_("The smallest custom amount must be positive and below the largest."))
        if self.goal_minor is not None and self.goal_minor <= 0:
            raise ValidationError(_("The goal must be positive."))


class Gift(models.Model):
    """One payment: a one-time gift, one month of a monthly gift (one per invoice), or an offline gift.

    Online gifts are keyed by every Stripe id that names the payment (checkout session, payment
    intent, invoice); whichever event arrives first creates the row and later ones complete it.
    """

    class Kind(models.TextChoices):
        ONE_TIME = "one_time", _("One-time")
        MONTHLY = "monthly", _("Monthly")
        OFFLINE = "offline", _("Offline")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        FAILED = "failed", _("Failed")
        PAID = "paid", _("Paid")
        REFUNDED = "refunded", _("Refunded")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="gifts"
    )
    period_start = models.DateField(null=True, blank=True, db_index=True)
    period_from_metadata = models.BooleanField(default=False)
    amount_minor = models.BigIntegerField(default=0)
    refunded_minor = models.BigIntegerField(default=0)
    currency = models.CharField(max_length=3, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ONE_TIME)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    external_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    checkout_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    invoice_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    email = models.EmailField(blank=True)
    donor_name = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=10, blank=True)  # of the donate page, for the receipt
    note = models.CharField(max_length=500, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)
    # Set by a privacy erasure: later Stripe events about this payment do not bring back who gave.
    personal_erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["campaign", "period_start", "status"])]
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")

    def __str__(self) -> str:
        shown = money_format(amount_minor=self.amount_minor, currency=self.currency or "USD", locale="en")
        return f"{shown} · {self.get_status_display()}"


class Pledge(models.Model):
    """A monthly gift's Stripe subscription: active until the donor or Stripe ends it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CANCELED = "canceled", _("Cancelled")

    subscription_id = models.CharField(max_length=255, unique=True)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="pledges"
    )
    email = models.EmailField(blank=True)
    donor_name = models.CharField(max_length=200, blank=True)
    amount_minor = models.BigIntegerField(default=0)
    currency = models.CharField(max_length=3, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    canceled_at = models.DateTimeField(null=True, blank=True)
    # Set by a privacy erasure: this subscription's later invoices are recorded without who gave.
    personal_erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.subscription_id


class PaymentLink(models.Model):
    """Which payment paid which invoice (API 2025-03-31 on, a charge no longer names its invoice).

    Kept apart from Gift so that the invoices of the newsroom's other Stripe sales leave no rows
    in the ledger; ledger.gift_apply looks here to find a month's gift from its payment.
    """

    invoice_id = models.CharField(max_length=255, unique=True)
    payment_intent_id = models.CharField(max_length=255, db_index=True)

    def __str__(self) -> str:
        return f"{self.invoice_id} ← {self.payment_intent_id}"


class StripeEvent(models.Model):
    """A Stripe event applied to the ledger; its id is the key that makes delivery exactly-once."""

    id = models.CharField(primary_key=True, max_length=255)
    type = models.CharField(max_length=100)
    created = models.DateTimeField(null=True)
    received_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=10, default="webhook")  # or "reconcile"

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.id} {self.type}"
