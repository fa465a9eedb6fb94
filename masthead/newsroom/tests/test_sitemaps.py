"""/sitemap.xml, /news-sitemap.xml and /robots.txt, validated by parsing them."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .factories import article_make, author_make, topic_make

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _urlset(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{SM}urlset"
    return root.findall(f"{SM}url")


def _w3c(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    return value


def test_sitemap_lists_every_live_page_topic_and_author(client, home):
    ana, idle = author_make(name="Ana"), author_make(name="Idle")
    river = topic_make(name="River")
    story = article_make(home=home, authors=[ana], topics=[river])
    draft = article_make(home=home, title="Pulled story")
    draft.unpublish()

    urls = {u.findtext(f"{SM}loc"): u for u in _urlset(client, "/sitemap.xml")}

    base = settings.BASE_URL
    assert set(urls) == {
        f"{base}/",
        f"{base}{story.url}",
        f"{base}/topics/{river.slug}/",
        f"{base}/authors/{ana.slug}/",
    }
    story.refresh_from_db()
    # Django's sitemap gives lastmod as a W3C date (YYYY-MM-DD).
    assert urls[f"{base}{story.url}"].findtext(f"{SM}lastmod") == (story.last_published_at.date().isoformat())
    assert urls[f"{base}/topics/{river.slug}/"].findtext(f"{SM}lastmod")
    assert urls[f"{base}/"].findtext(f"{SM}lastmod") >= story.last_published_at.date().isoformat()
    assert f"{base}/authors/{idle.slug}/" not in urls


def test_news_sitemap_has_only_the_last_two_days_in_google_news_format(client, home):
    fresh = article_make(
        home=home, title="Council & school: a <deal>", published_at=timezone.now() - timedelta(hours=3)
    )
    article_make(home=home, title="Last week", published_at=timezone.now() - timedelta(days=7))

    urls = _urlset(client, "/news-sitemap.xml")

    assert len(urls) == 1
    url = urls[0]
    assert url.findtext(f"{SM}loc") == f"{settings.BASE_URL}{fresh.url}"
    news = url.find(f"{NEWS}news")
    publication = news.find(f"{NEWS}publication")
    assert publication.findtext(f"{NEWS}name") == settings.SITE_NAME
    assert publication.findtext(f"{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Council & school: a <deal>"
    published = _w3c(news.findtext(f"{NEWS}publication_date"))
    assert abs(published - fresh.first_published_at) < timedelta(seconds=1)


def test_empty_news_sitemap_is_still_a_valid_urlset(client, home):
    assert _urlset(client, "/news-sitemap.xml") == []


def test_robots_txt_names_both_sitemaps(client, home):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {settings.BASE_URL}/sitemap.xml" in lines
    assert f"Sitemap: {settings.BASE_URL}/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines and "Disallow: /ar/search/" in lines


def test_bad_sitemap_page_numbers_are_404(client, home):
    article_make(home=home)

    for page in ("abc", "999", "0"):
        assert client.get("/sitemap.xml", {"p": page}).status_code == 404, page
    assert client.post("/news-sitemap.xml").status_code == 405
