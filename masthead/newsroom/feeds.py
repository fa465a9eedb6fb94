"""RSS 2.0 feeds: the latest stories, and the latest of one topic."""

import mimetypes
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import translation
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from masthead.core.absoluteurl import absolute_url
from masthead.core.sitename import site_name

from . import selectors
from .metadata import image_renditions
from .models import ArticlePage, HomePage, Topic

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


@dataclass(frozen=True)
class FeedScope:
    """Which stories a feed carries: one edition (its front page) and perhaps one topic."""

    home: HomePage
    topic: Topic | None = None


def _edition(home: HomePage | None) -> HomePage:
    """The given edition, or the default language's for the un-prefixed /feed/ addresses."""
    home = home or selectors.edition_home_default()
    if home is None:
        raise Http404("No front page yet")
    return home


class LatestFeed(Feed):
    feed_type = MediaRssFeed

    def get_object(self, request, home: HomePage | None = None):
        return FeedScope(home=_edition(home))

    def get_feed(self, obj, request):
        # The feed speaks its edition's language (<language>, texts, topic addresses), whatever
        # language the reader's browser asked for.
        with translation.override(obj.home.locale.language_code):
            return super().get_feed(obj, request)

    def title(self, obj):
        return site_name()

    def link(self, obj):
        return absolute_url(obj.home.get_url())

    def feed_url(self, obj):
        return f"{self.link(obj)}feed/"

    def description(self, obj):
        return _("The latest stories from %(site)s") % {"site": site_name()}

    def items(self, obj):
        return selectors.article_list(locale_id=obj.home.locale_id)[:FEED_SIZE]

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
        return ", ".join(a.label for a in item.authors) or None

    def item_categories(self, item):
        return [t.label for t in item.topics.all()]

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
        attrs = {
            "url": absolute_url(rendition.url),
            "medium": "image",
            "width": str(rendition.width),
            "height": str(rendition.height),
        }
        mime_type = mimetypes.guess_type(rendition.file.name)[0]
        if mime_type:
            attrs["type"] = mime_type
        image = item.lead_image
        return {"media": {"attrs": attrs, "caption": image.caption, "credit": image.credit}}


class TopicFeed(LatestFeed):
    def get_object(self, request, slug, home: HomePage | None = None):
        home = _edition(home)
        topic = selectors.edition_snippet(Topic, slug=slug, language=home.locale.language_code)
        if topic is None:
            raise Http404(f"No topic {slug!r}")
        return FeedScope(home=home, topic=topic)

    def title(self, obj):
        return f"{obj.topic.name} · {site_name()}"

    def link(self, obj):
        return absolute_url(obj.topic.get_absolute_url())

    def description(self, obj):
        return obj.topic.description or _("Stories about %(topic)s") % {"topic": obj.topic.name}

    def items(self, obj):
        return selectors.topic_articles(topic=obj.topic, locale_id=obj.home.locale_id)[:FEED_SIZE]
