"""RSS 2.0 feeds: the latest stories, and the latest of one topic."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from . import selectors
from .metadata import absolute_url, image_renditions
from .models import ArticlePage, Topic
from .views import get_by_slug_or_404

FEED_SIZE = 20
FEED_IMAGE_SPEC = "width-1200"
MEDIA_RSS_NAMESPACE = "http://search.yahoo.com/mrss/"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 that also describes each story's picture with Media RSS (size, caption, credit)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        media = item.get("media")
        if not media:
            return
        handler.startElement("media:content", media["attrs"])
        if media["caption"]:
            handler.addQuickElement("media:description", media["caption"])
        if media["credit"]:
            handler.addQuickElement("media:credit", media["credit"])
        handler.endElement("media:content")


def _distributable_rendition(article: ArticlePage):
    """The story's picture for feed readers, or None.

    Feed readers and aggregators copy and re-host what a feed carries, so only images whose
    `can_distribute` flag says we hold the rights to pass them on go into the feed.
    """
    image = article.lead_image
    if image is None or not image.can_distribute:
        return None
    renditions = image_renditions(image, [FEED_IMAGE_SPEC])
    return renditions[FEED_IMAGE_SPEC] if renditions else None


def _file_size(rendition) -> int:
    try:
        return rendition.file.size
    except OSError:
        return 0  # the RSS Best Practices Profile: a length that cannot be determined is 0


class LatestFeed(Feed):
    feed_type = MediaRssFeed
    language = settings.LANGUAGE_CODE

    def title(self, obj=None):
        return settings.SITE_NAME

    def link(self, obj=None):
        return f"{settings.BASE_URL}/"

    def feed_url(self, obj=None):
        return absolute_url(reverse("feed"))

    def description(self, obj=None):
        return _("The latest stories from %(site)s") % {"site": settings.SITE_NAME}

    def items(self, obj=None):
        return selectors.article_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return absolute_url(item.get_url())

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(a.name for a in item.authors) or None

    def item_categories(self, item):
        return [t.name for t in item.topics.all()]

    def item_enclosures(self, item):
        rendition = _distributable_rendition(item)
        if rendition is None:
            return []
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(absolute_url(rendition.url), str(_file_size(rendition)), mime_type)]

    def item_extra_kwargs(self, item):
        rendition = _distributable_rendition(item)
        if rendition is None:
            return {}
        attrs = {"url": absolute_url(rendition.url), "medium": "image",
                 "width": str(rendition.width), "height": str(rendition.height)}
        mime_type = mimetypes.guess_type(rendition.file.name)[0]
        if mime_type:
            attrs["type"] = mime_type
        image = item.lead_image
        return {"media": {"attrs": attrs, "caption": image.caption, "credit": image.credit}}


class TopicFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_by_slug_or_404(Topic, slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj=None):
        return absolute_url(reverse("topic_feed", kwargs={"slug": obj.slug}))

    def description(self, obj=None):
        return obj.description or _("Stories about %(topic)s") % {"topic": obj.name}

    def items(self, obj=None):
        return selectors.topic_articles(topic=obj)[:FEED_SIZE]
