"""The admin as a whole: avatars drawn from initials (the admin makes no third-party request),
and what the home says to an account that has nothing to do yet."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .avatars import avatar_svg, avatar_url

hooks.register("get_avatar_url", avatar_url)


@hooks.register("register_admin_urls")
def register_avatar_url():
    return [path("avatar/<str:key>.svg", avatar_svg, name="masthead_avatar")]


class NothingYetPanel(Component):
    """Said on the home of an account that may log in and do nothing else yet."""

    name = "masthead_nothing_yet"
    template_name = "core/home/nothing_yet.html"
    order = 80


# Runs after every app's own panel hook (order 100): it looks at what they added.
@hooks.register("construct_homepage_panels", order=100)
def add_nothing_yet_panel(request, panels):
    if not any(getattr(panel, "name", "").startswith("masthead_") for panel in panels):
        panels.append(NothingYetPanel())
