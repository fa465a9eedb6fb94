"""RSS 2.0 feeds: the latest stories, and the latest of one topic."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed

from . import selectors
from .models import Topic

FEED_SIZE = 20


class LatestFeed(Feed):
    feed_type = Rss201rev2Feed

    def title(self, obj=None):
        return settings.SITE_NAME

    def link(self, obj=None):
        return "/"

    def description(self, obj=None):
        return f"The latest stories from {settings.SITE_NAME}"

    def items(self, obj=None):
        return selectors.article_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_url()

    def item_guid(self, item):
        return f"{settings.BASE_URL}{item.get_url()}"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(a.name for a in item.authors) or None

    def item_categories(self, item):
        return [t.name for t in item.topics.all()]


class TopicFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return f"/topics/{obj.slug}/"

    def description(self, obj=None):
        return obj.description or f"Stories about {obj.name}"

    def items(self, obj=None):
        return selectors.topic_articles(topic=obj)[:FEED_SIZE]
