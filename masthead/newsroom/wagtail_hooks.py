"""The newsroom in the Wagtail admin: the Stories panel of the home."""

from wagtail import hooks

from .home_panel import stories_panel


@hooks.register("construct_homepage_panels")
def add_stories_panel(request, panels):
    if panel := stories_panel(request.user):
        panels.append(panel)
