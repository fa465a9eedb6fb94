"""Turns a comment's Markdown subset into HTML, once, when it is written; nh3 has the last word."""

import nh3
from markdown_it import MarkdownIt

# Bump when the allowlist or the Markdown rules change, so stored HTML can be re-rendered.
RENDERER_VERSION = 1

_markdown = MarkdownIt("zero", {"breaks": True, "html": False}).enable(
    [
        "emphasis",
        "link",
        "autolink",
        "blockquote",
        "backticks",
        "code",
        "fence",
        "list",
        "newline",
        "escape",
        "entity",
    ]
)

_cleaner = nh3.Cleaner(
    tags={"p", "br", "em", "strong", "a", "blockquote", "code", "pre", "ul", "ol", "li"},
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}, "ol": {"start"}},
    url_schemes={"http", "https", "mailto"},
    url_relative="deny",
    link_rel="nofollow ugc noopener",
    strip_comments=True,
)


def comment_render(*, body: str) -> str:
    """The sanitised HTML of a body: Markdown without raw HTML or images, then the allowlist."""
    return _cleaner.clean(_markdown.render(body))


def comment_html_clean(*, html: str) -> str:
    """Stored comment HTML passed through the same allowlist again, for places stricter than our
    own page (a mail client): the one allowlist, kept here."""
    return _cleaner.clean(html)
