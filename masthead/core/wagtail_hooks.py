"""The admin as a whole: avatars drawn from initials (the admin makes no third-party request),
what the home says to an account that has nothing to do yet, and the mail outbox viewer."""

from collections.abc import Callable

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, outbox
from .avatars import avatar_svg, avatar_url

hooks.register("get_avatar_url", avatar_url)


def _hook[F: Callable[..., object]](name: str, *, order: int = 0) -> Callable[[F], F]:
    """wagtail.hooks.register as a decorator that mypy sees through: Wagtail ships no type hints,
    and an untyped decorator would leave the functions below unchecked."""
    decorate: Callable[[F], F] = hooks.register(name, order=order)
    return decorate


@_hook("register_admin_urls")
def register_avatar_url() -> list[URLPattern]:
    return [path("avatar/<str:key>.svg", avatar_svg, name="masthead_avatar")]


class NothingYetPanel(Component):  # type: ignore[misc]  # Wagtail ships no type hints
    """Said on the home of an account that may log in and do nothing else yet."""

    name = "masthead_nothing_yet"
    template_name = "core/home/nothing_yet.html"
    order = 80


# Runs after every app's own panel hook (order 100): it looks at what they added.
@_hook("construct_homepage_panels", order=100)
def add_nothing_yet_panel(request: HttpRequest, panels: list[Component]) -> None:
    if not any(getattr(panel, "name", "").startswith("masthead_") for panel in panels):
        panels.append(NothingYetPanel())


@_hook("register_admin_urls")
def register_outbox_urls() -> list[URLPattern]:
    return [
        path("outbox/", admin_views.outbox_index, name="core_outbox"),
        path("outbox/<str:file>/<int:index>/", admin_views.outbox_detail, name="core_outbox_detail"),
    ]


class OutboxMenuItem(MenuItem):  # type: ignore[misc]  # Wagtail ships no type hints
    def is_shown(self, request: HttpRequest) -> bool:
        return outbox.outbox_dir() is not None and admin_views.user_may_read_outbox(request.user)


@_hook("register_admin_menu_item")
def register_outbox_menu_item() -> OutboxMenuItem:
    return OutboxMenuItem(_("Outbox"), reverse("core_outbox"), icon_name="mail", order=10000)


@_hook("register_permissions")
def register_outbox_permission() -> QuerySet[Permission]:
    """Listed on the admin's group page, so a superuser can grant it to a group."""
    return outbox.outbox_permissions()
