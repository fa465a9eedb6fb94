"""Digits: Latin by default; Arabic-Indic in the Arabic edition when MASTHEAD_ARABIC_DIGITS=arab."""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.utils import translation

from masthead.core.digits import digits_localize, numbering_system

pytestmark = pytest.mark.once  # text alone: the same words on any database

ARABIC_INDIC = re.compile("[٠-٩]")


def test_latin_digits_by_default(settings):
    assert settings.MASTHEAD_ARABIC_DIGITS == "latn"
    assert digits_localize("2,500 $ · 12", language="ar") == "2,500 $ · 12"


def test_arabic_indic_digits_only_in_the_arabic_edition(settings):
    settings.MASTHEAD_ARABIC_DIGITS = "arab"
    assert digits_localize("2,500 $ · 12", language="ar") == "٢,٥٠٠ $ · ١٢"
    assert digits_localize("2,500", language="en") == "2,500"
    assert numbering_system("ar") == "arab" and numbering_system("en") == "latn"


def test_the_filter_keeps_html_entities_intact(settings):
    settings.MASTHEAD_ARABIC_DIGITS = "arab"
    with translation.override("ar"):
        html = Template("{% load masthead_digits %}{{ value|digits }}").render(Context({"value": "Tom's 3"}))
    assert html == "Tom&#x27;s ٣"


@pytest.mark.parametrize("choice", ["latn", "arab"])
def test_the_arabic_article_shows_the_chosen_digits(newsroom, client, settings, choice):
    settings.MASTHEAD_ARABIC_DIGITS = choice
    settings.PAGE_CACHE_SECONDS = 0
    settings.FUNDING_BAR_CACHE_SECONDS = 0
    cache.clear()  # a bar cached by an earlier test holds the other digits (the setting is per site)
    html = client.get("/ar/council-budget-vote/").content.decode()
    heading = re.search(r'id="comments-count" class="d-count">([^<]*)<', html).group(1)
    byline_date = re.search(r'<time datetime="[^"]+">([^<]*)</time>', html).group(1)
    raised = re.search(r'class="campaign-bar__raised"><bdi>([^<]*)<', html).group(1)
    for shown in (heading, byline_date, raised):
        if choice == "arab":
            assert ARABIC_INDIC.search(shown) and not re.search("[0-9]", shown), shown
        else:
            assert re.search("[0-9]", shown) and not ARABIC_INDIC.search(shown), shown
    english = client.get("/council-budget-vote/").content.decode()
    assert not ARABIC_INDIC.search(english)  # the English edition keeps Latin digits
