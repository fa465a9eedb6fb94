"""The Markdown subset and the sanitiser: what a reader's text becomes on the page."""

import pytest

from masthead.comments.markdown_body import comment_render


def test_the_subset_renders_emphasis_links_quotes_code_and_lists():
    body = "*so* **much**\n\n> quoted\n\n- one\n- two\n\n`x = 1`\n\n[papers](https://example.org/b)"
    html = comment_render(body=body)
    for fragment in (
        "<em>so</em>",
        "<strong>much</strong>",
        "<blockquote>",
        "<li>one</li>",
        "<code>x = 1</code>",
        '<a href="https://example.org/b" rel="nofollow ugc noopener">papers</a>',
    ):
        assert fragment in html


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![i](https://e.org/i.png)",
        "<svg onload=alert(1)>",
        "[x](vbscript:msgbox)",
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_hostile_markup_never_becomes_markup(body):
    html = comment_render(body=body).lower()
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert not any(f'<a href="{scheme}' in html for scheme in ("javascript", "data", "vbscript"))
    assert " onerror=" not in html.replace("&lt;img src=x onerror=", "")


def test_relative_and_odd_scheme_links_lose_their_address():
    assert "href" not in comment_render(body="[x](/admin/)")
    assert "href" not in comment_render(body="[x](ftp://example.org/)")
    assert 'href="mailto:a@example.org"' in comment_render(body="[m](mailto:a@example.org)")
