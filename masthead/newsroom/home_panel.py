"""The Stories panel of the admin's home: what goes live later, what waits for this user's
review in a workflow, and what went out today."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

from . import selectors


def writes_stories(user) -> bool:
    return policy_registry.get_by_type(Page).user_has_any_permission(user, {"add", "change", "publish"})


class StoriesPanel(Component):
    name = "masthead_stories"
    template_name = "newsroom/home/stories_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        return {
            "scheduled": selectors.stories_scheduled(),
            "awaiting": selectors.stories_awaiting_review(user=user),
            "published": selectors.stories_published_today(),
            "pages_url": reverse("wagtailadmin_explore_root"),
        }


def stories_panel(user) -> StoriesPanel | None:
    return StoriesPanel() if writes_stories(user) else None
