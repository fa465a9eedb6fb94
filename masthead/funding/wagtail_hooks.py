"""The Funding menu of the Wagtail admin: campaigns, gifts (staff record offline ones), CSV exports."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import exports
from .admin_forms import CampaignForm, OfflineGiftForm
from .models import Campaign, Gift
from .money import money_format
from .services import bar_cache_clear, gift_record_offline


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


class CampaignViewSet(ModelViewSet):
    model = Campaign
    add_view_class, edit_view_class = CampaignCreateView, CampaignEditView
    icon = "tasks"
    menu_label = _("Campaigns")
    list_display = ["name", "slug", "currency", "period_kind", "active"]
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


class GiftViewSet(ModelViewSet):
    model = Gift
    icon = "doc-full"
    menu_label = _("Gifts")
    add_view_class, edit_view_class, delete_view_class = GiftCreateView, GiftEditView, GiftDeleteView
    inspect_view_enabled = True
    list_display = ["__str__", "kind", "status", "campaign", "period_start", "email", "donor_name", "paid_at"]
    list_filter = ["status", "kind", "campaign"]
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
