"""Bulk approve / mark as spam / remove in the comment queue, each with the moderator's reason."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from masthead.comments.models import Comment, Status

from .services import comments_moderate, comments_pin

MODERATE_PERMISSION = "comments.change_comment"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        required=False,
        help_text=_("Recorded on the comments and in the audit log."),
    )


class CommentBulkAction(SnippetBulkAction):
    models = [Comment]
    form_class = ReasonForm
    template_name = "moderation/bulk_confirm.html"
    status: str = ""
    button_text = ""

    def check_perm(self, obj):
        return self.request.user.has_perm(MODERATE_PERMISSION)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_name": self.display_name,
            "button_text": self.button_text,
        }

    def get_execution_context(self):
        return {"actor": self.request.user, "reason": self.cleaned_form.cleaned_data["reason"]}

    @classmethod
    def execute_action(cls, objects, actor=None, reason="", **kwargs):
        return comments_moderate(comments=objects, status=cls.status, actor=actor, reason=reason), 0

    # What the moderator is told afterwards: a lazy plural taking "count" (ngettext_lazy(…, "count")).
    done: str

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done % {"count": num_parent_objects}


class ApproveBulkAction(CommentBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    button_text = _("Yes, approve")
    action_priority = 10
    status = Status.APPROVED

    done = ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count")


class SpamBulkAction(CommentBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    button_text = _("Yes, mark as spam")
    action_priority = 20
    status = Status.SPAM

    done = ngettext_lazy("%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count")


class RemoveBulkAction(CommentBulkAction):
    """Takes the place of Wagtail's snippet "delete" for comments (same action type, registered
    after it): a comment is removed by its status, keeping counts and replies intact."""

    display_name = _("Remove")
    action_type = "delete"
    aria_label = _("Remove the selected comments")
    button_text = _("Yes, remove")
    action_priority = 30
    classes = {"serious"}
    status = Status.REMOVED

    done = ngettext_lazy("%(count)d comment removed.", "%(count)d comments removed.", "count")


class PendingBulkAction(CommentBulkAction):
    display_name = _("Return to moderation")
    action_type = "pending"
    aria_label = _("Return the selected comments to moderation")
    button_text = _("Yes, return to moderation")
    action_priority = 40
    status = Status.PENDING

    done = ngettext_lazy(
        "%(count)d comment returned to moderation.", "%(count)d comments returned to moderation.", "count"
    )


class PinBulkAction(CommentBulkAction):
    """Staff pin a comment: it is shown first in its thread."""

    display_name = _("Pin")
    action_type = "pin"
    aria_label = _("Pin the selected comments to the top of their thread")
    button_text = _("Yes, pin")
    action_priority = 50
    pinned = True

    @classmethod
    def execute_action(cls, objects, actor=None, reason="", **kwargs):
        return comments_pin(comments=objects, pinned=cls.pinned, actor=actor, reason=reason), 0

    done = ngettext_lazy("%(count)d comment pinned.", "%(count)d comments pinned.", "count")


class UnpinBulkAction(PinBulkAction):
    display_name = _("Unpin")
    action_type = "unpin"
    aria_label = _("Unpin the selected comments")
    button_text = _("Yes, unpin")
    action_priority = 60
    pinned = False

    done = ngettext_lazy("%(count)d comment unpinned.", "%(count)d comments unpinned.", "count")


BULK_ACTIONS = [
    ApproveBulkAction,
    SpamBulkAction,
    RemoveBulkAction,
    PendingBulkAction,
    PinBulkAction,
    UnpinBulkAction,
]
