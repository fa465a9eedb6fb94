"""The "Subscribe" form (email and scope), usable without commenting and without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from masthead.comments.models import Status
from masthead.comments.selectors import comment_on_page
from masthead.core.refusal import Refusal
from masthead.newsroom.selectors import page_public_get

from .models import Frequency, Scope
from .services.subscriptions import Target
from .validation import email_normalise

SCOPE_CHOICES = [
    ("all", _("new follow-up comments")),
    ("replies", _("new replies to my comments")),
    ("comment", _("new replies to this comment")),
]
SCOPES = {"all": Scope.PAGE, "replies": Scope.REPLIES, "comment": Scope.COMMENT}


class SubscribeForm(forms.Form):
    scope = forms.ChoiceField(label=_("Notify of"), choices=SCOPE_CHOICES, initial="all")
    email = forms.CharField(
        label=_("Email"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices, initial=Frequency.INSTANT)
    page = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None

    def clean_email(self) -> str:
        email = self.cleaned_data.get("email") or ""
        if not email.strip() and self.user is not None and self.user.email:
            return self.user.email.strip().lower()
        try:
            return email_normalise(email)
        except Refusal as refused:
            raise forms.ValidationError(refused.message) from None

    def clean(self):
        data = super().clean()
        page = page_public_get(pk=data["page"]) if data.get("page") else None
        if page is None:
            raise forms.ValidationError(_("This article cannot be followed."))
        comment_id = None
        if data.get("scope") == "comment":
            comment = (
                comment_on_page(comment_id=data["comment"], page_id=page.pk, statuses=(Status.APPROVED,))
                if data.get("comment")
                else None
            )
            if comment is None:
                raise forms.ValidationError(_("This comment cannot be followed."))
            comment_id = comment.pk
        data["page_obj"] = page
        if data.get("scope") in SCOPES:
            data["target"] = Target(SCOPES[data["scope"]], page_id=page.pk, comment_id=comment_id)
        return data


class ManageForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
