"""Template tags that put the campaign bar and the call to action on any page (cheap: cached)."""

from django import template

from masthead.core.sitename import site_name

from ..selectors import campaign_bar

register = template.Library()


def _bar_context(context) -> dict:
    return {
        "bar": campaign_bar(),
        "SITE_NAME": context.get("SITE_NAME") or site_name(),
        "request": context.get("request"),
    }


@register.inclusion_tag("funding/includes/bar.html", takes_context=True)
def funding_campaign_bar(context):
    return _bar_context(context)


@register.inclusion_tag("funding/includes/support_cta.html", takes_context=True)
def funding_support_cta(context):
    return _bar_context(context)
