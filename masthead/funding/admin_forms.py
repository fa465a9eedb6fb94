"""The staff's form for an offline gift (a cheque, cash): the amount typed in the campaign's currency."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .money import AmountError, amount_parse, input_value


class OfflineGiftForm(WagtailAdminModelForm):
    amount = forms.CharField(
        label=_("Amount"), max_length=20, help_text=_("In the campaign's currency, e.g. 120 or 120.50.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.currency:
            self.initial["amount"] = input_value(
                amount_minor=self.instance.amount_minor, currency=self.instance.currency
            )
        self.fields["campaign"].required = True
        self.fields["paid_at"].label = _("Received on")
        self.fields["paid_at"].required = True

    def clean(self):
        cleaned = super().clean()
        campaign = cleaned.get("campaign")
        if campaign and cleaned.get("amount"):
            try:
                self.instance.amount_minor = amount_parse(text=cleaned["amount"], currency=campaign.currency)
            except AmountError:
                self.add_error(
                    "amount",
                    _("Enter the amount as a number in %(currency)s.") % {"currency": campaign.currency},
                )
            else:
                if self.instance.amount_minor <= 0:
                    self.add_error("amount", _("The amount must be more than zero."))
        return cleaned


MAJOR_FIELDS = {  # form field → model field in minor units
    "goal": "goal_minor",
    "custom_min": "custom_min_minor",
    "custom_max": "custom_max_minor",
}
LIST_FIELDS = {"markers": "markers_minor", "presets": "presets_minor"}


class CampaignForm(WagtailAdminModelForm):
    """Staff type amounts in the campaign's currency ("5000", "12.50"); the model keeps minor units."""

    goal = forms.CharField(
        label=_("Goal per period"), max_length=20, help_text=_("In the campaign's currency, e.g. 5000.")
    )
    markers = forms.CharField(
        label=_("Milestone markers"),
        required=False,
        max_length=200,
        help_text=_("Amounts separated by spaces or commas, e.g. 500 2500 5000."),
    )
    presets = forms.CharField(
        label=_("Preset amounts"),
        required=False,
        max_length=200,
        help_text=_("Amounts offered on the donate page, e.g. 5 10 25 50 100."),
    )
    custom_min = forms.CharField(label=_("Smallest custom amount"), max_length=20, initial="5")
    custom_max = forms.CharField(label=_("Largest custom amount"), max_length=20, initial="10000")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campaign = self.instance
        if campaign.pk:

            def shown(minor):
                return input_value(amount_minor=minor, currency=campaign.currency)

            for name, field in MAJOR_FIELDS.items():
                self.initial[name] = shown(getattr(campaign, field))
            for name, field in LIST_FIELDS.items():
                self.initial[name] = " ".join(shown(m) for m in getattr(campaign, field) or [])

    def clean(self):
        cleaned = super().clean()
        currency = (cleaned.get("currency") or "").upper()
        if not currency or self.has_error("currency"):
            return cleaned
        cleaned["currency"] = self.instance.currency = currency
        for name, field in MAJOR_FIELDS.items():
            if (minor := self._amount(name, cleaned.get(name) or "", currency)) is not None:
                setattr(self.instance, field, minor)
        for name, field in LIST_FIELDS.items():
            parts = [p for p in re.split(r"[\s,;]+", cleaned.get(name) or "") if p]
            amounts = [self._amount(name, p, currency) for p in parts]
            if None not in amounts:
                setattr(self.instance, field, sorted(set(amounts)))
        return cleaned

    def _amount(self, name: str, text: str, currency: str) -> int | None:
        try:
            minor = amount_parse(text=text, currency=currency)
        except AmountError:
            minor = 0
        if minor <= 0:
            self.add_error(
                name, _("“%(text)s” is not an amount in %(currency)s.") % {"text": text, "currency": currency}
            )
            return None
        return minor
