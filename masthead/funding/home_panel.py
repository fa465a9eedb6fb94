"""The Money panel of the admin's home: this period's campaign (the reader's bar, in figures),
the gifts of today and of the month, and monthly gifts started and cancelled this month."""

from django.urls import reverse
from django.utils import translation
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Gift
from .money import money_format
from .selectors import campaign_bar, gifts_tally, pledges_this_month


def sees_money(user) -> bool:
    return ModelPermissionPolicy(Gift).user_has_any_permission(user, {"view", "change"})


class MoneyPanel(Component):
    name = "masthead_money"
    template_name = "funding/home/money_panel.html"
    order = 110

    def get_context_data(self, parent_context):
        locale = translation.to_locale(translation.get_language() or "en")
        tallies = [
            {
                "currency": t.currency,
                "today_count": t.today_count,
                "today": money_format(amount_minor=t.today_minor, currency=t.currency, locale=locale),
                "month_count": t.month_count,
                "month": money_format(amount_minor=t.month_minor, currency=t.currency, locale=locale),
            }
            for t in gifts_tally()
        ]
        return {
            # The bar readers see (and its cache): the panel and the site never disagree.
            "bar": campaign_bar(),
            "tallies": tallies,
            "pledges": pledges_this_month(),
            "campaigns_url": reverse("funding_campaigns:index"),
            "gifts_url": reverse("funding_gifts:index") + "?status=paid",
            "monthly_url": reverse("funding_gifts:index") + "?kind=monthly",
        }


def money_panel(user) -> MoneyPanel | None:
    return MoneyPanel() if sees_money(user) else None
