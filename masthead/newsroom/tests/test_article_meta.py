"""The head of an article page: NewsArticle JSON-LD, Open Graph, Twitter card, canonical link."""

import json
from datetime import datetime
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

from .factories import article_make, author_make, image_make, topic_make


class _Head(HTMLParser):
    """Collects <meta>, <link rel=canonical> and the ld+json scripts of a page."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content"))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in_ld = self._in_ld and tag != "script"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


def _head(client, article) -> _Head:
    response = client.get(article.url)
    assert response.status_code == 200
    head = _Head()
    head.feed(response.content.decode())
    return head


def _story(home, **kwargs):
    ana, ben = author_make(name="Ana Ruiz"), author_make(name="Ben Okafor")
    topics = [topic_make(name="River"), topic_make(name="Environment")]
    image = image_make(caption="Volunteers on the bank")
    article = article_make(
        home=home,
        title="Volunteers clean the river",
        standfirst="Two hundred people turned out.",
        authors=[ana, ben],
        topics=topics,
        lead_image=image,
        **kwargs,
    )
    return article, (ana, ben), topics


def test_json_ld_describes_a_news_article(client, home):
    article, (ana, ben), _ = _story(home)

    head = _head(client, article)

    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    url = f"{settings.BASE_URL}{article.url}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Volunteers clean the river"
    assert data["description"] == "Two hundred people turned out."
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    article.refresh_from_db()
    assert datetime.fromisoformat(data["datePublished"]) == article.first_published_at
    assert datetime.fromisoformat(data["dateModified"]) == article.last_published_at
    assert data["author"] == [
        {"@type": "Person", "name": "Ana Ruiz", "url": f"{settings.BASE_URL}/authors/{ana.slug}/"},
        {"@type": "Person", "name": "Ben Okafor", "url": f"{settings.BASE_URL}/authors/{ben.slug}/"},
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == settings.SITE_NAME
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith(f"{settings.BASE_URL}/static/")
    assert len(data["image"]) == 3 and len(set(data["image"])) == 3
    assert all(u.startswith(f"{settings.BASE_URL}/media/images/") for u in data["image"])
    for image_url in data["image"]:  # each one is really served
        assert client.get(image_url.removeprefix(settings.BASE_URL)).status_code == 200
    assert data["articleSection"] == "Environment"  # topics come in name order
    assert data["keywords"] == ["Environment", "River"]


def test_publisher_logo_is_a_real_image():
    with Image.open(finders.find("img/publisher-logo.png")) as logo:
        assert logo.size == (512, 512)


def test_a_title_cannot_break_out_of_the_json_ld_script(client, home):
    title = 'Fish </script><script>alert("x")</script> & <!-- chips'
    article = article_make(home=home, title=title)

    response = client.get(article.url)
    html = response.content.decode()

    assert "</script><script>alert" not in html
    head = _Head()
    head.feed(html)
    assert len(head.json_ld) == 1
    assert json.loads(head.json_ld[0])["headline"] == title
    assert head.meta["og:title"] == [title]


def test_open_graph_and_twitter_cards(client, home):
    article, (ana, _), topics = _story(home)

    head = _head(client, article)
    meta = {k: v[0] if len(v) == 1 else v for k, v in head.meta.items()}

    url = f"{settings.BASE_URL}{article.url}"
    assert head.canonical == [url]
    assert meta["og:type"] == "article"
    assert meta["og:url"] == url
    assert meta["og:title"] == "Volunteers clean the river"
    assert meta["og:description"] == "Two hundred people turned out."
    assert meta["og:site_name"] == settings.SITE_NAME
    assert meta["og:image"].startswith(f"{settings.BASE_URL}/media/images/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == "Volunteers on the bank"
    article.refresh_from_db()
    assert datetime.fromisoformat(meta["article:published_time"]) == (
        article.first_published_at.replace(microsecond=0)
    )
    assert datetime.fromisoformat(meta["article:modified_time"]) == (
        article.last_published_at.replace(microsecond=0)
    )
    assert meta["article:section"] == "Environment"
    assert meta["article:tag"] == ["Environment", "River"]
    assert meta["article:author"][0] == f"{settings.BASE_URL}/authors/{ana.slug}/"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["twitter:title"] == "Volunteers clean the river"


def test_a_story_without_a_picture_has_a_small_card_and_no_image(client, home):
    article = article_make(home=home)

    head = _head(client, article)

    assert head.meta["twitter:card"] == ["summary"]
    assert "og:image" not in head.meta
    assert "image" not in json.loads(head.json_ld[0])
