"""Hands the pages (models.py) what they serve from the views, feeds and selectors.

Those modules import the models; the models reach them only through models.PAGE_PARTS, which this
module fills when the app is ready (apps.py), so the import graph has no cycle through models.
"""


def page_parts_register() -> None:
    from . import feeds, selectors, views
    from .models import PAGE_PARTS

    PAGE_PARTS.update(
        home_front=selectors.home_front,
        articles_last_changed=selectors.articles_last_changed,
        sitemap_topics_and_authors=selectors.sitemap_topics_and_authors,
        article_prefetch=selectors.article_prefetch,
        article_related=selectors.article_related,
        topic_page=views.topic_page,
        author_page=views.author_page,
        search=views.search,
        latest_feed=feeds.LatestFeed,
        topic_feed=feeds.TopicFeed,
    )
