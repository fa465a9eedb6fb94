"""The site's URLs: admin, API, webhooks, feeds and sitemaps, then Wagtail's pages per language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from masthead.core.pagecache import page_cache_public
from masthead.newsroom import feeds, sitemaps
from masthead.newsroom import views as newsroom_views

from . import health
from .api import api
from .media import media_serve

_public = page_cache_public()

handler400 = "masthead.site.views.bad_request"
handler404 = "masthead.site.views.page_not_found"
handler500 = "masthead.site.views.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", api.urls),
    path("robots.txt", _public(newsroom_views.robots_txt), name="robots_txt"),
    path(
        "sitemap.xml",
        page_cache_public(params=("p",))(sitemap),
        {"sitemaps": {"pages": sitemaps.EditionsSitemap}},
        name="sitemap",
    ),
    path("news-sitemap.xml", _public(sitemaps.news_sitemap), name="news_sitemap"),
    path("feed/", _public(feeds.LatestFeed()), name="feed"),
    path("topics/<str:slug>/feed/", _public(feeds.TopicFeed()), name="topic_feed"),
    path("search/", page_cache_public(params=("q", "page"))(newsroom_views.search), name="search"),
]

if settings.DJANGO_ADMIN_ENABLED:
    # Off unless MASTHEAD_DJANGO_ADMIN=1: no second login page for guessing passwords at.
    urlpatterns.insert(1, path("django-admin/", admin.site.urls))

if settings.SERVE_MEDIA:
    # The embedded site serves uploads itself; behind nginx, nginx serves /media/ first.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", media_serve),
    ]

urlpatterns += i18n_patterns(
    # Discussion endpoints and donate pages speak the reader's language: they are under the
    # edition's prefix too (/ar/comments/…, /ar/donate/…); unprefixed they stay English.
    path("comments/", include("masthead.comments.urls")),
    path("", include("masthead.funding.urls")),
    path("subscriptions/", include("masthead.subscriptions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
