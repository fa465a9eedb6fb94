"""What machines read about a story: schema.org JSON-LD and share images."""

import json

from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.models import SourceImageIOError

from masthead.core.absoluteurl import absolute_url
from masthead.core.sitename import site_name

# og:image: 1.91:1 is the shape Facebook, Mastodon and X crop a shared link's picture to.
SHARE_IMAGE_SPEC = "fill-1200x630-c75"
# Google asks for 16:9, 4:3 and 1:1 versions of an article's image, at least 1200 pixels wide.
STRUCTURED_IMAGE_SPECS = ("fill-1200x675-c75", "fill-1200x900-c75", "fill-1200x1200-c75")
PUBLISHER_LOGO = ("img/publisher-logo.png", 512, 512)

# As django.utils.html.json_script: a title containing "</script>" or "<!--" must stay data.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def image_renditions(image, specs) -> dict | None:
    """The renditions of `image`, or None when its file is gone and they cannot be made."""
    if image is None:
        return None
    try:
        return image.get_renditions(*specs)
    except (SourceImageIOError, OSError):
        return None


def article_share_image(*, article):
    """The rendition shown when the story is shared, or None (no picture or a missing file)."""
    renditions = image_renditions(article.lead_image, [SHARE_IMAGE_SPEC])
    return renditions[SHARE_IMAGE_SPEC] if renditions else None


def article_structured_data(*, article, url: str) -> dict:
    """schema.org NewsArticle for the story at `url` (absolute), as search engines read it."""
    published = article.first_published_at or article.last_published_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.search_description or article.standfirst,
        # The story's own language: an untranslated story shown in another edition keeps it.
        "inLanguage": article.locale.language_code,
        "author": [
            {"@type": "Person", "name": a.label, "url": absolute_url(a.get_absolute_url())}
            for a in article.authors
        ],
        "publisher": publisher_structured_data(),
    }
    if published:
        data["datePublished"] = published.isoformat()
        data["dateModified"] = (article.last_published_at or published).isoformat()
    renditions = image_renditions(article.lead_image, STRUCTURED_IMAGE_SPECS)
    if renditions:
        data["image"] = [absolute_url(r.url) for r in renditions.values()]
    topics = [t.label for t in article.topics.all()]
    if topics:
        data["articleSection"] = topics[0]
        data["keywords"] = topics
    return data


def publisher_structured_data() -> dict:
    path, width, height = PUBLISHER_LOGO
    return {
        "@type": "Organization",
        "name": site_name(),
        "url": absolute_url("/"),
        "logo": {"@type": "ImageObject", "url": absolute_url(static(path)), "width": width, "height": height},
    }


def structured_data_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element that no value inside it can break out of."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308  (the only markup-significant characters are escaped above)
        f'<script type="application/ld+json">{payload.translate(_JSON_SCRIPT_ESCAPES)}</script>'
    )
