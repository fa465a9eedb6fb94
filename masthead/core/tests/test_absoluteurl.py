"""Absolute URLs on the site's public address."""

from masthead.core.absoluteurl import absolute_reverse, absolute_url


def test_paths_get_the_base_url(settings):
    settings.BASE_URL = "https://news.example.org"

    assert absolute_url("/news/bridge/") == "https://news.example.org/news/bridge/"
    assert absolute_url("//cdn.example.net/a.jpg") == "https://cdn.example.net/a.jpg"
    assert absolute_url("https://media.example.net/a.jpg") == "https://media.example.net/a.jpg"


def test_reverse_made_absolute(settings):
    settings.BASE_URL = "https://news.example.org"

    assert absolute_reverse("wagtailadmin_home") == "https://news.example.org/admin/"
