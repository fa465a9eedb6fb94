"""The admin: every page listed with a filter for where it came from (typed in, or an import)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page

from .home_panel import imports_panel
from .models import Source
from .selectors import pages_of_origin

ANY_IMPORT, NOT_IMPORTED = "any", "none"


class OriginFilterSet(GenericPageFilterSet):
    origin = django_filters.ChoiceFilter(
        label=_("Origin"),
        choices=[(ANY_IMPORT, _("Any import")), *Source.choices, (NOT_IMPORTED, _("Written in Masthead"))],
        method="filter_origin",
        empty_label=_("Any origin"),
    )

    def filter_origin(self, queryset, name, value):
        if value == NOT_IMPORTED:
            return pages_of_origin(pages=queryset, imported=False)
        return pages_of_origin(pages=queryset, imported=True, source=None if value == ANY_IMPORT else value)


class PagesByOriginViewSet(PageListingViewSet):
    model = Page
    icon = "doc-full-inverse"
    menu_label = _("Pages by origin")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = OriginFilterSet


@hooks.register("register_admin_viewset")
def register_pages_by_origin():
    return PagesByOriginViewSet("pages_by_origin")


@hooks.register("construct_homepage_panels")
def add_imports_panel(request, panels):
    if panel := imports_panel(request.user):
        panels.append(panel)
