"""Comment HTML from other systems becomes the Markdown subset, and renders as readers expect."""

import pytest

from masthead.comments.markdown_body import comment_render
from masthead.migration.comments.markdown import html_to_markdown


def shown(html: str, **options) -> str:
    return comment_render(body=html_to_markdown(html, **options))


def test_wordpress_newlines_become_paragraphs_and_line_breaks():
    body = html_to_markdown("First line\nsecond line\n\nNew paragraph")
    assert body == "First line\nsecond line\n\nNew paragraph"
    assert comment_render(body=body) == "<p>First line<br>\nsecond line</p>\n<p>New paragraph</p>\n"


def test_disqus_paragraphs_and_breaks_without_newline_rules():
    body = html_to_markdown("<p>One<br>two</p>\n<p>Three   words</p>", newlines=False)
    assert body == "One\ntwo\n\nThree words"


def test_links_emphasis_code_and_quotes_survive():
    html = shown(
        '<a href="https://example.org/a b">the <b>papers</b></a> are <em>worth</em> it, '
        "<strong>really</strong>; try <code>x = 1</code>\n\n<blockquote>Quoted\n\nTwice</blockquote>"
    )
    assert (
        '<a href="https://example.org/a%20b" rel="nofollow ugc noopener">the <strong>papers</strong></a>'
        in html
    )
    assert "<em>worth</em>" in html and "<strong>really</strong>" in html
    assert "<code>x = 1</code>" in html
    assert "<blockquote>\n<p>Quoted</p>\n<p>Twice</p>\n</blockquote>" in html


def test_lists_keep_their_order_start_and_nesting():
    body = html_to_markdown('<ol start="3"><li>three<li>four<ul><li>inner</li></ul></li></ol>')
    assert body == "3. three\n4. four\n\n   - inner"
    html = comment_render(body=body)
    assert '<ol start="3">' in html and "<li>inner</li>" in html


def test_preformatted_code_is_fenced_verbatim():
    body = html_to_markdown("<pre><code>if a < b:\n    print(`*x*`)</code></pre>")
    assert body == "```\nif a < b:\n    print(`*x*`)\n```"
    assert "<pre><code>if a &lt; b:\n    print(`*x*`)\n</code></pre>" in comment_render(body=body)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("2 * 3 * 4 = 24", "2 * 3 * 4 = 24"),
        ("snake_case_name and [brackets](x)", "snake_case_name and [brackets](x)"),
        ("1984. A year\n- not a list\n> not a quote", "1984. A year<br>\n- not a list<br>\n&gt; not a quote"),
        ("&amp;copy; stays &amp;copy;", "&amp;copy; stays &amp;copy;"),
        ("    indented is not code", "indented is not code"),
    ],
)
def test_text_that_looks_like_markdown_stays_text(html, text):
    assert shown(html) == f"<p>{text}</p>\n"


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>hello",
        '<img src="x" onerror="alert(1)">hello',
        '<a href="javascript:alert(1)">hello</a>',
        '<iframe src="https://evil.example/"></iframe>hello',
        '<svg onload="alert(1)"><script>alert(1)</script></svg>hello',
        "<style>body{display:none}</style>hello",
        '<p onclick="alert(1)" style="color:red">hello</p>',
        "&lt;script&gt;alert(1)&lt;/script&gt;hello",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">hello</a>',
    ],
)
def test_hostile_markup_is_reduced_to_inert_text(html):
    out = shown(html).lower()
    assert "hello" in out
    for bad in (
        "<script",
        "<img",
        "<iframe",
        "<svg",
        "<style",
        "onerror=",
        "onclick=",
        "javascript:",
        "data:",
    ):
        assert bad not in out


def test_images_become_links_to_the_picture():
    assert (
        html_to_markdown('<img src="https://e.org/p/cat.jpg" alt="my cat">')
        == "[my cat](https://e.org/p/cat.jpg)"
    )
    assert html_to_markdown('<img src="/local.jpg" alt="local">') == "local"


def test_control_characters_and_unknown_tags_are_dropped_but_text_kept():
    assert html_to_markdown("he\x00llo <span class=x>wor<u>ld</u></span>") == "hello world"


def test_an_empty_or_whitespace_comment_is_empty():
    assert html_to_markdown("  <p> </p> ") == ""
