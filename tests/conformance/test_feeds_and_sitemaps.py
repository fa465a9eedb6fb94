"""Feeds parse cleanly in feedparser and lxml; the sitemaps validate against sitemaps.org's XSD."""

from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree

pytestmark = [pytest.mark.conformance, pytest.mark.xdist_group("conformance")]

SCHEMAS = Path(__file__).parent / "schemas"
SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"


def _sitemap_paths(demo) -> list[str]:
    root = etree.fromstring(demo.body("/sitemap.xml"))
    return [urlsplit(loc.text).path for loc in root.iter(f"{{{SM}}}loc")]


def _feeds(demo) -> list[str]:
    topics = [path for path in _sitemap_paths(demo) if "/topics/" in path]
    return ["/feed/", "/ar/feed/", *[f"{path}feed/" for path in topics]]


def test_every_feed_parses_in_feedparser_and_lxml(demo):
    feeds = _feeds(demo)
    assert len(feeds) > 4 and any(f.startswith("/ar/topics/") for f in feeds)
    for path in feeds:
        body = demo.body(path)
        etree.fromstring(body)  # well-formed XML, or lxml raises
        parsed = feedparser.parse(body)
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "rss20" and parsed.feed.title and parsed.feed.language, path
        assert parsed.entries, path
        for entry in parsed.entries:
            assert entry.title and entry.link.startswith("http") and entry.published_parsed, path


def _without_other_namespaces(body: bytes) -> etree._Element:
    """The sitemap with only sitemaps.org elements: the XSD's wildcard is strict, and the news and
    xhtml extensions are checked apart (below) rather than by schemas of their own."""
    root = etree.fromstring(body)
    for element in list(root.iter()):
        if isinstance(element.tag, str) and not element.tag.startswith(f"{{{SM}}}"):
            element.getparent().remove(element)
    return root


@pytest.mark.parametrize("path", ["/sitemap.xml", "/news-sitemap.xml"])
def test_the_sitemaps_validate_against_the_sitemaps_org_schema(demo, path):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))
    root = _without_other_namespaces(demo.body(path))
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)


def test_every_news_sitemap_entry_has_the_news_fields(demo):
    root = etree.fromstring(demo.body("/news-sitemap.xml"))
    entries = root.findall(f"{{{SM}}}url/{{{NEWS}}}news")
    assert entries
    for news in entries:
        assert news.findtext(f"{{{NEWS}}}publication/{{{NEWS}}}name").strip()
        assert news.findtext(f"{{{NEWS}}}publication/{{{NEWS}}}language") in {"en", "ar"}
        assert news.findtext(f"{{{NEWS}}}title").strip()
        stamp = news.findtext(f"{{{NEWS}}}publication_date")
        assert datetime.fromisoformat(stamp).tzinfo is not None and "." not in stamp
