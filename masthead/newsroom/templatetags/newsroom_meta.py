"""Template tags for the machine-readable head of an article page (see newsroom/metadata.py)."""

from django import template

from masthead.core.absoluteurl import absolute_url
from masthead.core.sitename import site_name

from .. import metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def article_url(context, article) -> str:
    """The story's absolute, canonical URL."""
    return absolute_url(article.get_url(request=context.get("request")))


@register.simple_tag
def article_share_image(article):
    return metadata.article_share_image(article=article)


@register.simple_tag
def article_json_ld(article, url: str):
    return metadata.structured_data_script(metadata.article_structured_data(article=article, url=url))


@register.filter
def absolute(url: str) -> str:
    return absolute_url(url)


@register.filter
def w3c_datetime(value) -> str:
    """An aware datetime as W3C Datetime to the second (sitemaps and feeds want no microseconds)."""
    return value.replace(microsecond=0).isoformat() if value else ""


@register.filter
def edition_site_name(language: str) -> str:
    """The site's name in the edition of this language (news sitemaps list every edition)."""
    return site_name(language)
