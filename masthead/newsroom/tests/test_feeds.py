"""RSS 2.0 feeds, validated by parsing: absolute links, dates, and pictures only when distributable."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.utils import timezone

from .factories import article_make, author_make, image_make, topic_make

MEDIA = "{http://search.yahoo.com/mrss/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _channel(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def test_latest_feed_lists_stories_newest_first_with_absolute_links(client, home):
    ana = author_make(name="Ana Ruiz")
    river = topic_make(name="River")
    old = article_make(home=home, title="Old story", published_at=timezone.now() - timedelta(days=3))
    new = article_make(
        home=home, title="New story", standfirst="What happened today.", authors=[ana], topics=[river]
    )

    channel = _channel(client, "/feed/")

    assert channel.findtext("title") == settings.SITE_NAME
    assert channel.findtext("link") == f"{settings.BASE_URL}/"
    assert channel.findtext("language") == "en"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["New story", "Old story"]
    first = items[0]
    assert first.findtext("link") == f"{settings.BASE_URL}{new.url}"
    assert first.findtext("guid") == first.findtext("link")
    assert first.findtext("description") == "What happened today."
    assert first.findtext(f"{DC}creator") == "Ana Ruiz"
    assert [c.text for c in first.findall("category")] == ["River"]
    published = parsedate_to_datetime(items[1].findtext("pubDate"))
    assert abs(published - old.first_published_at) < timedelta(seconds=1)


def test_only_distributable_pictures_go_into_the_feed(client, home):
    free = image_make(can_distribute=True, caption="Boats on the river", credit="Kim Lee")
    licensed = image_make(can_distribute=False)
    article_make(home=home, title="With a free picture", lead_image=free)
    article_make(home=home, title="With a licensed picture", lead_image=licensed)
    article_make(home=home, title="Without a picture")

    items = {i.findtext("title"): i for i in _channel(client, "/feed/").findall("item")}

    enclosure = items["With a free picture"].find("enclosure")
    assert enclosure.get("url").startswith(f"{settings.BASE_URL}/media/images/")
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) > 0
    media = items["With a free picture"].find(f"{MEDIA}content")
    assert media.get("url") == enclosure.get("url")
    assert (media.get("width"), media.get("height")) == ("1200", "750")
    assert media.findtext(f"{MEDIA}description") == "Boats on the river"
    assert media.findtext(f"{MEDIA}credit") == "Kim Lee"
    for title in ("With a licensed picture", "Without a picture"):
        assert items[title].find("enclosure") is None
        assert items[title].find(f"{MEDIA}content") is None


def test_topic_feed_holds_only_that_topics_stories(client, home):
    river, school = topic_make(name="River"), topic_make(name="Schools")
    article_make(home=home, title="About the river", topics=[river])
    article_make(home=home, title="About the school", topics=[school])

    channel = _channel(client, f"/topics/{river.slug}/feed/")

    assert channel.findtext("title") == f"River · {settings.SITE_NAME}"
    assert channel.findtext("link") == f"{settings.BASE_URL}/topics/{river.slug}/"
    assert [i.findtext("title") for i in channel.findall("item")] == ["About the river"]
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == f"{settings.BASE_URL}/topics/{river.slug}/feed/"


def test_feed_of_an_unknown_topic_is_404(client, home):
    assert client.get("/topics/no-such-topic/feed/").status_code == 404


def test_feeds_are_announced_in_the_head(client, home):
    river = topic_make(name="River")
    article_make(home=home, topics=[river])

    front = client.get("/").content.decode()
    topic_page = client.get(f"/topics/{river.slug}/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in front
    assert 'href="/feed/"' in front
    assert f'href="/topics/{river.slug}/feed/"' in topic_page
