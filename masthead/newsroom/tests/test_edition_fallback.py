"""Across editions: no broken links. An untranslated story is offered in its original language
with a notice; the language switcher says when a story has no translation."""

import json
import re

from django.conf import settings

from .factories import article_make, translation_make


def test_an_untranslated_story_under_the_arabic_prefix_shows_the_original_with_a_notice(client, home):
    story = article_make(home=home, title="River clean-up draws hundreds")
    translation_make(home, title="الصفحة الأولى")

    response = client.get(f"/ar/{story.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert re.search(r'<article class="article"[^>]* lang="en" dir="ltr"', html)
    assert 'class="edition-notice"' in html
    assert re.search(rf'<link rel="canonical" href="[^"]*/{story.slug}/">', html)  # the original
    [data] = [
        json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    assert data["inLanguage"] == "en"  # the story's language; the chrome's stays the edition's
    assert data["publisher"]["name"] == settings.SITE_NAMES["ar"]


def test_a_translated_story_has_no_notice_and_links_to_its_other_edition(client, home):
    story = article_make(home=home, title="Council budget")
    translation_make(home, title="الصفحة الأولى")
    translation_make(story, title="ميزانية المجلس")

    html = client.get(f"/ar/{story.slug}/").content.decode()

    assert 'class="edition-notice"' not in html
    assert 'hreflang="en" lang="en" dir="ltr">English</a>' in html
    assert 'hreflang="en" href="http://' in html


def test_the_switcher_on_an_untranslated_story_leads_to_the_other_front_page(client, home):
    story = article_make(home=home, title="Bus route news")
    translation_make(home, title="الصفحة الأولى")

    html = client.get(f"/{story.slug}/").content.decode()

    assert re.search(r'<a href="/ar/" hreflang="ar"[^>]*>[^<]+</a> <small>', html)
    assert 'hreflang="ar" href=' not in html  # no alternate link to a page that does not exist


def test_unknown_language_prefixes_and_stories_are_404(client, home):
    translation_make(home, title="الصفحة الأولى")
    assert client.get("/fr/").status_code == 404
    assert client.get("/xx/anything/").status_code == 404
    assert client.get("/ar/no-such-story/").status_code == 404
