"""The Discussion panel of the admin's home: the queue, the day's comments, the week's busiest
stories, and what readers said under the stories of the person logged in."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

from masthead.comments.models import Comment

from . import selectors


def can_moderate(user) -> bool:
    return policy_registry.get_by_type(Comment).user_has_permission(user, "view")


def writes_stories(user) -> bool:
    return policy_registry.get_by_type(Page).user_has_any_permission(user, {"add", "change", "publish"})


class DiscussionPanel(Component):
    name = "masthead_discussion"
    template_name = "moderation/home/discussion_panel.html"
    order = 100

    def __init__(self, *, moderator: bool, reporter: bool):
        self.moderator, self.reporter = moderator, reporter

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        context = {"moderator": self.moderator, "reporter": self.reporter}
        if self.moderator:
            context["figures"] = selectors.discussion_figures()
            context["busiest"] = selectors.stories_most_discussed()
            context["queue_url"] = reverse("moderation_comments:list") + "?status=pending"
            context["all_url"] = reverse("moderation_comments:list")
        if self.reporter:
            context["own"] = selectors.comments_on_stories_of(user=user)
        return context


def discussion_panel(user) -> DiscussionPanel | None:
    """Moderators see the queue; whoever writes stories sees the comments under their own."""
    moderator, reporter = can_moderate(user), writes_stories(user)
    if not (moderator or reporter):
        return None
    return DiscussionPanel(moderator=moderator, reporter=reporter)
