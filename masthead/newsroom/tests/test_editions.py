"""Each language edition (/ for English, /ar/ for Arabic) keeps to its own stories."""

import xml.etree.ElementTree as ET

from django.conf import settings

from masthead.newsroom import selectors

from .factories import article_make, author_make, topic_make, translation_make

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _two_editions(home):
    river = topic_make(name="River")
    ana = author_make(name="Ana")
    english = [
        article_make(home=home, title=f"River story {n}", topics=[river], authors=[ana]) for n in range(3)
    ]
    home_ar = translation_make(home, title="الصفحة الأولى")
    arabic = translation_make(english[0], title="قصة النهر")
    return river, ana, english, home_ar, arabic


def _titles(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)
    return root, [i.findtext("title") for i in root.iter("item")]


def test_related_stories_come_from_the_same_edition(home):
    _, _, english, _, arabic = _two_editions(home)

    assert arabic not in selectors.article_related(article=english[0])
    assert selectors.article_related(article=arabic) == []


def test_each_edition_has_its_own_feed(client, home):
    river, _, _, _, _ = _two_editions(home)

    root, titles = _titles(client, "/feed/", HTTP_ACCEPT_LANGUAGE="ar")
    assert sorted(titles) == ["River story 0", "River story 1", "River story 2"]
    assert root.findtext("channel/language") == "en"

    root, titles = _titles(client, "/ar/feed/")
    assert titles == ["قصة النهر"]
    assert root.findtext("channel/language") == "ar"
    assert root.findtext("channel/link") == f"{settings.BASE_URL}/ar/"

    root, titles = _titles(client, f"/ar/topics/{river.slug}/feed/")
    assert titles == ["قصة النهر"]
    assert root.findtext("channel/link") == f"{settings.BASE_URL}/ar/topics/{river.slug}/"


def test_topic_and_author_pages_list_their_editions_stories(client, home):
    river, ana, _, _, _ = _two_editions(home)

    for url in (f"/topics/{river.slug}/", f"/authors/{ana.slug}/"):
        html = client.get(url).content.decode()
        assert "River story 1" in html and "قصة النهر" not in html
    for url in (f"/ar/topics/{river.slug}/", f"/ar/authors/{ana.slug}/"):
        html = client.get(url).content.decode()
        assert "قصة النهر" in html and "River story 1" not in html


def test_the_sitemap_lists_every_edition(client, home):
    river, _, english, home_ar, arabic = _two_editions(home)

    response = client.get("/sitemap.xml")
    locations = {u.findtext(f"{SM}loc") for u in ET.fromstring(response.content).iter(f"{SM}url")}

    base = settings.BASE_URL
    assert f"{base}/" in locations and f"{base}/ar/" in locations
    assert f"{base}{english[0].url}" in locations and f"{base}{arabic.url}" in locations
    assert arabic.url.startswith("/ar/")
    assert f"{base}/topics/{river.slug}/" in locations
    assert f"{base}/ar/topics/{river.slug}/" in locations


def test_each_edition_searches_its_own_stories(client, home):
    _two_editions(home)

    english = client.get("/search/", {"q": "story"}).content.decode()
    arabic = client.get("/ar/search/", {"q": "النهر"}).content.decode()
    arabic_for_english_words = client.get("/ar/search/", {"q": "story"}).content.decode()

    assert "River story 1" in english and "قصة النهر" not in english
    assert "قصة النهر" in arabic
    assert "River story 1" not in arabic_for_english_words


def test_the_arabic_edition_names_the_site_in_arabic_in_feeds_sitemaps_and_json_ld(client, home):
    import json
    import re

    river, _, english, _, arabic = _two_editions(home)
    arabic_name, english_name = settings.SITE_NAMES["ar"], settings.SITE_NAME

    for url in ("/ar/feed/", f"/ar/topics/{river.slug}/feed/"):
        root, _titles_ = _titles(client, url)
        assert arabic_name in root.findtext("channel/title") and english_name not in root.findtext(
            "channel/title"
        )
    assert _titles(client, "/feed/")[0].findtext("channel/title") == english_name

    news = ET.fromstring(client.get("/news-sitemap.xml").content)
    names = {
        u.findtext(f"{SM}loc"): u.findtext(".//{http://www.google.com/schemas/sitemap-news/0.9}name")
        for u in news.iter(f"{SM}url")
    }
    assert names[f"{settings.BASE_URL}{arabic.url}"] == arabic_name
    assert names[f"{settings.BASE_URL}{english[0].url}"] == english_name

    html = client.get(arabic.url).content.decode()
    blocks = [
        json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    publishers = [b["publisher"]["name"] for b in blocks if "publisher" in b]
    assert publishers == [arabic_name]
