"""A picture whose file is gone from storage leaves the pages working (only that picture is lost)."""

import json
import re

from django.core.cache import cache

from .factories import article_make, figure, image_make, paragraph


def _story_with_pictures(home, *, distributable=True):
    lead, inline = image_make(can_distribute=distributable), image_make()
    story = article_make(
        home=home,
        title="Bridge reopens",
        lead_image=lead,
        body=[paragraph("Traffic flows again."), figure(inline)],
    )
    related = article_make(home=home, title="Bridge closes", lead_image=lead)
    return story, related, (lead, inline)


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_originals_deleted_after_renditions_exist(client, home):
    story, _, images = _story_with_pictures(home)
    assert client.get(story.url).status_code == 200  # makes the renditions
    for image in images:
        image.file.storage.delete(image.file.name)

    cache.clear()  # the full-page cache holds the page from before
    response = client.get(story.url)

    assert response.status_code == 200
    assert "Traffic flows again." in response.content.decode()
    assert "image" in _json_ld(response.content.decode())  # the renditions are still there
    assert client.get("/feed/").status_code == 200
    assert client.get("/").status_code == 200


def test_originals_deleted_before_any_rendition(client, home):
    story, related, images = _story_with_pictures(home)
    for image in images:
        image.file.storage.delete(image.file.name)

    for url in (story.url, related.url, "/", "/feed/", "/news-sitemap.xml", "/search/?q=bridge"):
        assert client.get(url).status_code == 200, url

    html = client.get(story.url).content.decode()
    assert "Traffic flows again." in html
    assert "image" not in _json_ld(html)
    assert 'property="og:image"' not in html
