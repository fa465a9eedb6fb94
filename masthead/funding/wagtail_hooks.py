"""The Funding menu of the Wagtail admin: campaigns, gifts (staff record offline ones), CSV exports."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import exports
from .admin_forms import CampaignForm, OfflineGiftForm
from .home_panel import money_panel
from .models import Campaign, Gift
from .money import money_format
from .selectors import campaign_current, campaign_state, campaigns_period_figures, gift_periods
from .services.gifts import bar_cache_clear, gift_record_offline


class BarClearingMixin:
    """A changed campaign changes the bar on every page: retire the cached copies."""

    def save_instance(self):
        instance = super().save_instance()
        transaction.on_commit(bar_cache_clear)
        return instance


class CampaignCreateView(BarClearingMixin, generic.CreateView):
    pass


class CampaignEditView(BarClearingMixin, generic.EditView):
    pass


class CampaignIndexView(generic.IndexView):
    """Each listed campaign carries its current period's figures and its state in words, worked
    out for the whole page of the list at once (one query for the money, one for the shown one)."""

    def get_table(self, object_list):
        campaigns = list(object_list)
        figures = campaigns_period_figures(campaigns=campaigns)
        shown = campaign_current()
        for campaign in campaigns:
            campaign.period_figures = figures.get(campaign.pk)
            campaign.state_label = campaign_state(campaign=campaign, shown=shown)
        return super().get_table(campaigns)


def _period_progress(campaign: Campaign):
    figures = campaign.period_figures
    if figures is None:
        return _("No period running")
    locale = to_locale(get_language() or "en")
    raised = money_format(amount_minor=figures.raised_minor, currency=campaign.currency, locale=locale)
    goal = money_format(amount_minor=figures.goal_minor, currency=campaign.currency, locale=locale)
    return format_html(
        '{} <progress value="{}" max="100" aria-hidden="true">{}%</progress>',
        _("%(raised)s of %(goal)s") % {"raised": raised, "goal": goal},
        figures.percent,
        figures.percent,
    )


class CampaignViewSet(ModelViewSet):
    model = Campaign
    add_view_class, edit_view_class = CampaignCreateView, CampaignEditView
    index_view_class = CampaignIndexView
    icon = "tasks"
    menu_label = _("Campaigns")
    list_display = [
        "name",
        "currency",
        Column("period", label=_("This period"), accessor=_period_progress),
        Column("state", label=_("State"), accessor="state_label"),
    ]
    list_filter = ["active", "period_kind"]
    search_fields = ["name", "slug"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name"), FieldPanel("slug"), FieldPanel("active")], heading=_("Campaign")
            ),
            MultiFieldPanel(
                [
                    FieldPanel("currency"),
                    FieldPanel("period_kind"),
                    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                ],
                heading=_("Period"),
            ),
            MultiFieldPanel([FieldPanel("goal"), FieldPanel("markers")], heading=_("Goal")),
            MultiFieldPanel(
                [
                    FieldPanel("presets"),
                    FieldRowPanel([FieldPanel("custom_min"), FieldPanel("custom_max")]),
                    FieldRowPanel([FieldPanel("allow_one_time"), FieldPanel("allow_monthly")]),
                ],
                heading=_("Amounts"),
            ),
            FieldPanel("thank_you_text"),
        ],
        base_form_class=CampaignForm,
    )


class OfflineOnlyMixin:
    """Online gifts come from Stripe and stay as Stripe said; staff change only offline ones."""

    def get_object(self, queryset=None):
        gift = super().get_object(queryset)
        if gift.kind != Gift.Kind.OFFLINE:
            raise PermissionDenied
        return gift


class GiftCreateView(generic.CreateView):
    def save_instance(self):
        return gift_record_offline(gift=self.form.save(commit=False))


class GiftEditView(OfflineOnlyMixin, generic.EditView):
    def save_instance(self):
        return gift_record_offline(gift=self.form.save(commit=False))


class GiftDeleteView(OfflineOnlyMixin, generic.DeleteView):
    def delete_action(self):
        super().delete_action()
        transaction.on_commit(bar_cache_clear)


def _gift_amount(gift: Gift) -> str:
    return money_format(amount_minor=gift.amount_minor, currency=gift.currency or "USD", locale="en")


_gift_amount.short_description = _("Amount")


class GiftFilterSet(WagtailFilterSet):
    period_start = django_filters.ChoiceFilter(label=_("Period"), choices=gift_periods)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Gift.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Gift.Status.choices)

    class Meta:
        model = Gift
        fields = ["period_start", "kind", "status", "campaign"]


class GiftViewSet(ModelViewSet):
    model = Gift
    icon = "doc-full"
    menu_label = _("Gifts")
    add_view_class, edit_view_class, delete_view_class = GiftCreateView, GiftEditView, GiftDeleteView
    inspect_view_enabled = True
    list_display = ["__str__", "kind", "status", "campaign", "period_start", "email", "donor_name", "paid_at"]
    filterset_class = GiftFilterSet
    search_fields = ["email", "donor_name", "external_id", "note"]
    edit_handler = ObjectList(
        [
            FieldPanel("campaign"),
            FieldPanel("amount"),
            FieldPanel("paid_at"),
            FieldPanel("donor_name"),
            FieldPanel("email"),
            FieldPanel("note"),
        ],
        base_form_class=OfflineGiftForm,
    )


class FundingGroup(ModelViewSetGroup):
    menu_label = _("Funding")
    menu_icon = "tasks"
    menu_order = 400
    items = (CampaignViewSet("funding_campaigns"), GiftViewSet("funding_gifts"))

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            MenuItem(
                _("Export gifts (CSV)"), reverse("funding_export_gifts"), icon_name="download", order=900
            ),
            MenuItem(
                _("Export donors (CSV)"), reverse("funding_export_donors"), icon_name="download", order=901
            ),
        ]


@hooks.register("register_admin_viewset")
def register_funding_viewsets():
    return FundingGroup()


@hooks.register("register_admin_urls")
def register_funding_exports():
    return [
        path("funding/export/gifts.csv", exports.gifts_csv, name="funding_export_gifts"),
        path("funding/export/donors.csv", exports.donors_csv, name="funding_export_donors"),
    ]


@hooks.register("construct_homepage_panels")
def add_money_panel(request, panels):
    if panel := money_panel(request.user):
        panels.append(panel)
