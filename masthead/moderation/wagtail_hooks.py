"""Moderation in the Wagtail admin: the "Comments" queue, bans, logs and privacy requests."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from masthead.comments.models import Comment

from .bulk_actions import BULK_ACTIONS
from .home_panel import discussion_panel
from .models import AuditEntry, Ban, ScreeningEntry
from .viewsets import CommentQueueViewSet, LimitedPolicy, ModerationGroup

register_permission_policy(Comment, LimitedPolicy(Comment, actions={"view"}), exact_class=True)
register_permission_policy(Ban, LimitedPolicy(Ban, actions={"view", "add", "delete"}), exact_class=True)
for _log in (AuditEntry, ScreeningEntry):
    register_permission_policy(_log, LimitedPolicy(_log, actions={"view"}), exact_class=True)

register_snippet(CommentQueueViewSet)


@hooks.register("register_admin_viewset")
def register_moderation_group():
    return ModerationGroup()


# order=1: after Wagtail's own snippet actions, so that "Remove" replaces the hard delete.
for _action in BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1)


@hooks.register("construct_homepage_panels")
def add_discussion_panel(request, panels):
    if panel := discussion_panel(request.user):
        panels.append(panel)
