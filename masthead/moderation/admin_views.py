"""Admin views that are forms rather than listings: ban from a comment, commenter data."""

import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from masthead.comments.selectors import comment_get
from masthead.core.refusal import Refusal

from .models import Ban
from .privacy import commenter_erase, commenter_export

BAN_PERMISSION = "moderation.add_ban"
PRIVACY_PERMISSION = "moderation.add_ban"  # the same trusted moderators handle privacy requests


class _AdminForm(WagtailAdminTemplateMixin, FormView):
    """A form page in the admin's frame, for users holding `permission`."""

    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class BanForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Ban"), choices=Ban.Kind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200, required=False)
    mark_spam = forms.BooleanField(
        label=gettext_lazy("Also mark this comment as spam"), required=False, initial=True
    )


class BanFromCommentView(_AdminForm):
    permission = BAN_PERMISSION
    form_class = BanForm
    template_name = "moderation/ban_form.html"
    page_title = gettext_lazy("Ban commenter")
    header_icon = "warning"
    index_url_name = ""

    def get_initial(self):
        return {"kind": self.request.GET.get("kind", Ban.Kind.EMAIL), "mark_spam": True}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "comment": self.comment}

    def dispatch(self, request, *args, pk, **kwargs):
        self.comment = comment_get(comment_id=pk)
        if self.comment is None:
            raise Http404(_("This comment does not exist."))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        from .services import ban_from_comment

        try:
            ban = ban_from_comment(
                comment=self.comment,
                kind=form.cleaned_data["kind"],
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
                mark_spam=form.cleaned_data["mark_spam"],
            )
        except Refusal as refusal:
            form.add_error("kind", refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Banned: %(ban)s") % {"ban": ban})
        return redirect(self.index_url_name)


class CommenterDataForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    reason = forms.CharField(
        label=gettext_lazy("Reason or request reference"), max_length=200, required=False
    )
    remove_text = forms.BooleanField(
        label=gettext_lazy("When erasing, also remove the comments' text"),
        required=False,
        help_text=gettext_lazy(
            "Without this, the text stays (threads still read) and only who wrote it is erased."
        ),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I confirm the erasure, which cannot be undone"), required=False
    )


class CommenterDataView(_AdminForm):
    """Export (JSON download) or erase everything written under one email address."""

    permission = PRIVACY_PERMISSION
    form_class = CommenterDataForm
    template_name = "moderation/commenter_data.html"
    page_title = gettext_lazy("Commenter data")
    header_icon = "user"

    def form_valid(self, form):
        email, reason = form.cleaned_data["email"], form.cleaned_data["reason"]
        if self.request.POST.get("action") == "erase":
            return self._erase(form, email=email, reason=reason)
        data = commenter_export(email=email, actor=self.request.user, reason=reason)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="commenter-data.json"'
        return response

    def _erase(self, form, *, email: str, reason: str):
        if not form.cleaned_data["confirm"]:
            form.add_error("confirm", _("Tick the box to confirm the erasure."))
            return self.form_invalid(form)
        count = commenter_erase(
            email=email, actor=self.request.user, reason=reason, remove_text=form.cleaned_data["remove_text"]
        )
        messages.success(
            self.request, _("Erased the personal data of %(count)d comments.") % {"count": count}
        )
        return redirect(self.request.path)
