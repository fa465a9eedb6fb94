"""The donate form: an amount (a preset or the donor's own), one-time or monthly, an email address.

Its card-testing defences are the comment form's: a honeypot field a person leaves empty and a
signed timestamp that says how long the form was open (too quick is a script).
"""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Campaign
from .money import AmountError, amount_parse, input_value, minor_step, money_format
from .selectors import babel_locale

TOKEN_SALT = "funding.donate"  # noqa: S105 (a signing salt, not a password)
TOKEN_MAX_AGE = 2 * 60 * 60
CUSTOM = "custom"


def form_token() -> str:
    return signing.dumps({"t": int(time.time()), "n": secrets.token_urlsafe(12)}, salt=TOKEN_SALT)


class DonateForm(forms.Form):
    amount = forms.CharField(required=False)
    custom_amount = forms.CharField(label=gettext_lazy("Other amount"), required=False, max_length=20)
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often"),
        choices=[("one_time", gettext_lazy("One time")), ("monthly", gettext_lazy("Monthly"))],
        initial="one_time",
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(label=gettext_lazy("Email (for your receipt)"), max_length=254)
    website = forms.CharField(required=False)  # the honeypot, hidden from people
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.status_code = 400
        self.nonce = ""
        allowed = [
            c
            for c in self.fields["frequency"].choices
            if (c[0] == "one_time" and campaign.allow_one_time)
            or (c[0] == "monthly" and campaign.allow_monthly)
        ]
        self.fields["frequency"].choices = allowed
        if allowed:
            self.fields["frequency"].initial = allowed[0][0]

    def money(self, amount_minor: int) -> str:
        return money_format(amount_minor=amount_minor, currency=self.campaign.currency, locale=babel_locale())

    def presets(self) -> list[tuple[str, str]]:
        return [(str(p), self.money(p)) for p in self.campaign.presets_minor or []]

    def clean_token(self) -> str:
        try:
            data = signing.loads(self.cleaned_data.get("token") or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
            elapsed = time.time() - int(data["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            elapsed = None
        if elapsed is None or elapsed > TOKEN_MAX_AGE:
            raise forms.ValidationError(_("This form has expired. Please check your gift and send it again."))
        if elapsed < settings.FUNDING_FORM_MIN_SECONDS:
            raise forms.ValidationError(_("That was very quick. Please check your gift and send it again."))
        self.nonce = str(data.get("n", ""))
        return self.cleaned_data["token"]

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your gift could not be accepted."))
        return ""

    def clean(self):
        cleaned = super().clean()
        choice = (cleaned.get("amount") or "").strip()
        typed = (cleaned.get("custom_amount") or "").strip()
        # A typed amount wins over a preset chosen too: typing is the more deliberate act.
        if choice in ("", CUSTOM) or typed:
            cleaned["amount_minor"] = self._custom_amount(typed)
        elif choice in dict(self.presets()):
            cleaned["amount_minor"] = int(choice)
        else:
            self.add_error("amount", _("Choose one of the amounts offered, or enter your own."))
        return cleaned

    def _custom_amount(self, typed: str) -> int | None:
        campaign = self.campaign
        if not typed:
            self.add_error("custom_amount", _("Choose an amount or enter your own."))
            return None
        try:
            minor = amount_parse(text=typed, currency=campaign.currency)
        except AmountError:
            self.add_error("custom_amount", self._amount_help())
            return None
        if minor < campaign.custom_min_minor:
            self.add_error(
                "custom_amount",
                _("The smallest gift is %(amount)s.") % {"amount": self.money(campaign.custom_min_minor)},
            )
        elif minor > campaign.custom_max_minor:
            self.add_error(
                "custom_amount",
                _("The largest gift we can take online is %(amount)s.")
                % {"amount": self.money(campaign.custom_max_minor)},
            )
        else:
            return minor
        return None

    def _amount_help(self) -> str:
        currency = self.campaign.currency
        example = input_value(amount_minor=1250 * minor_step(currency), currency=currency)
        return _("Enter the amount as a number, for example %(example)s.") % {"example": example}
