"""The staff's form for an offline gift (a cheque, cash): the amount typed in the campaign's currency."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .money import AmountError, amount_parse, input_value


class OfflineGiftForm(WagtailAdminModelForm):
    amount = forms.CharField(label=_("Amount"), max_length=20,
                             help_text=_("In the campaign's currency, e.g. 120 or 120.50."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.currency:
            self.initial["amount"] = input_value(amount_minor=self.instance.amount_minor,
                                                 currency=self.instance.currency)
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
                self.add_error("amount", _("Enter the amount as a number in %(currency)s.")
                               % {"currency": campaign.currency})
            else:
                if self.instance.amount_minor <= 0:
                    self.add_error("amount", _("The amount must be more than zero."))
        return cleaned
