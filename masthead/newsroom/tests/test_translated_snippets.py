"""Topics and authors are translated per edition: an Arabic page names them in Arabic and links
to their Arabic addresses, whichever language's topic or author a story points at."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction

from masthead.newsroom import services

from .factories import arabic_locale, article_make, author_make, topic_make, translation_make

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def editions(home):
    """An English story under a topic and byline, its Arabic translation (which, as Wagtail's
    copy makes it, still points at the English topic and author), and their Arabic copies."""
    river = topic_make(name="River")
    ana = author_make(name="Ana Lind")
    story = article_make(home=home, title="Flood wall rises", topics=[river], authors=[ana])
    translation_make(home, title="الصفحة الأولى")
    story_ar = translation_make(story, title="الجدار يرتفع")
    river_ar = services.snippet_translate(
        river, locale=arabic_locale(), name="النهر", slug="النهر", description="كل ما يخص النهر."
    )
    ana_ar = services.snippet_translate(
        ana, locale=arabic_locale(), name="آنا ليند", role="مراسلة", bio="تكتب عن النهر."
    )
    return {
        "river": river,
        "ana": ana,
        "story": story,
        "story_ar": story_ar,
        "river_ar": river_ar,
        "ana_ar": ana_ar,
    }


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _links(html: str, text: str) -> list[str]:
    """The targets of the links whose text is `text` (inside <bdi> or not)."""
    pattern = rf'<a [^>]*href="([^"]+)"[^>]*>(?:<bdi>)?{re.escape(text)}(?:</bdi>)?</a>'
    return re.findall(pattern, html)


def test_the_arabic_story_names_its_topic_and_author_in_arabic(client, editions):
    html = _html(client, editions["story_ar"].url)

    assert _links(html, "النهر") == ["/ar/topics/النهر/"]
    assert _links(html, "آنا ليند") == [f"/ar/authors/{editions['ana'].slug}/"]
    assert ">River<" not in html and "Ana Lind" not in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    article = next(d for d in (data if isinstance(data, list) else [data]) if d.get("@type") == "NewsArticle")
    assert article["articleSection"] == "النهر"
    assert article["author"][0]["name"] == "آنا ليند"


def test_the_english_edition_keeps_the_english_names(client, editions):
    html = _html(client, editions["story"].url)

    assert _links(html, "River") == [f"/topics/{editions['river'].slug}/"]
    assert _links(html, "Ana Lind") == [f"/authors/{editions['ana'].slug}/"]
    assert "النهر" not in html


def test_front_pages_list_topics_and_bylines_in_their_language(client, editions):
    arabic, english = _html(client, "/ar/"), _html(client, "/")

    assert "/ar/topics/النهر/" in arabic and "<bdi>آنا ليند</bdi>" in arabic
    assert "<bdi>Ana Lind</bdi>" not in arabic
    assert f"/topics/{editions['river'].slug}/" in english and "النهر" not in english


def test_the_arabic_topic_page_lists_stories_that_point_at_the_english_topic(client, editions):
    html = _html(client, "/ar/topics/النهر/")

    assert "<h1>النهر</h1>" in html and "كل ما يخص النهر." in html
    assert "الجدار يرتفع" in html and "Flood wall rises" not in html
    assert 'href="/ar/topics/النهر/feed/"' in html
    # The other edition's address of the same topic, for readers and search engines.
    assert f'hreflang="en" href="{settings.BASE_URL}/topics/{editions["river"].slug}/"' in html


def test_the_english_address_under_the_arabic_prefix_leads_to_the_arabic_topic(client, editions):
    response = client.get(f"/ar/topics/{editions['river'].slug}/")

    assert response.status_code == 302
    assert unquote(response["Location"]) == "/ar/topics/النهر/"


def test_the_english_topic_page_offers_the_arabic_translation(client, editions):
    html = _html(client, f"/topics/{editions['river'].slug}/")

    assert f'hreflang="ar" href="{settings.BASE_URL}/ar/topics/النهر/"' in html
    assert "Flood wall rises" in html and "الجدار يرتفع" not in html


def test_the_arabic_author_page_shows_the_translated_role_and_biography(client, editions):
    html = _html(client, f"/ar/authors/{editions['ana'].slug}/")

    assert "آنا ليند" in html and "مراسلة" in html and "تكتب عن النهر." in html
    assert "الجدار يرتفع" in html and "Reporter" not in html


def test_the_arabic_feed_categorises_in_arabic(client, editions):
    root = ET.fromstring(client.get("/ar/feed/").content)

    item = next(root.iter("item"))
    assert [c.text for c in item.iter("category")] == ["النهر"]
    # Django's RSS writes a name without an address as Dublin Core's creator, never <author>.
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "آنا ليند"
    topic_feed = ET.fromstring(client.get("/ar/topics/النهر/feed/").content)
    assert topic_feed.findtext("channel/title").startswith("النهر")
    assert [i.findtext("title") for i in topic_feed.iter("item")] == ["الجدار يرتفع"]


def test_the_arabic_sitemap_entries_use_the_arabic_addresses(client, editions):
    response = client.get("/sitemap.xml")
    locations = {u.findtext(f"{SM}loc") for u in ET.fromstring(response.content).iter(f"{SM}url")}

    base = settings.BASE_URL
    assert f"{base}/ar/topics/النهر/" in locations
    assert f"{base}/topics/{editions['river'].slug}/" in locations
    assert f"{base}/ar/topics/{editions['river'].slug}/" not in locations


def test_a_slug_is_unique_within_a_language_only(editions):
    river = editions["river"]
    with pytest.raises(IntegrityError), transaction.atomic():
        services.topic_create(name="Another river", slug=river.slug)
    # Another language may keep the same slug (the demo's translations do).
    same_slug = topic_make(name="Parks")
    copy = services.snippet_translate(same_slug, locale=arabic_locale(), name="الحدائق")
    assert copy.slug == same_slug.slug and copy.translation_key == same_slug.translation_key
