"""Admin part of subscriptions: a moderator's "mail me when a comment is held"."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from . import selectors
from .services.subscriptions import moderator_alert_set


def user_moderates(user) -> bool:
    may_moderate = user.is_superuser or user.is_staff or user.has_perm("comments.change_comment")
    return bool(user.email) and may_moderate


class HeldCommentAlertForm(forms.Form):
    notify_held = forms.BooleanField(label=_("Mail me when a comment is held for moderation"), required=False)

    def __init__(self, *args, instance=None, **kwargs):
        self.user = instance
        kwargs.setdefault("initial", {"notify_held": selectors.moderator_alert_enabled(user=instance)})
        super().__init__(*args, **kwargs)

    def save(self):
        moderator_alert_set(user=self.user, enabled=self.cleaned_data["notify_held"])


class HeldCommentAlertPanel(BaseSettingsPanel):
    name = "held_comments"
    title = _("Comments held for moderation")
    tab = notifications_tab
    order = 300
    form_class = HeldCommentAlertForm

    def is_active(self):
        return user_moderates(self.user)


@hooks.register("register_account_settings_panel")
def register_held_comment_alert_panel(request, user, profile):
    return HeldCommentAlertPanel(request, user, profile)
