"""Properties of the comment sanitiser, over text Hypothesis makes from hostile fragments:
cleaning is idempotent, and the output never holds a script, an event handler or a script URL."""

import re
from html import unescape
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from masthead.comments.markdown_body import comment_html_clean, comment_render
from tests.hostile import hostile_vectors

FRAGMENTS = [
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "&#106;avascript:",
    "&colon;",
    "vbscript:",
    "data:text/html,",
    "[x](",
    ")",
    "](",
    "![",
    "<",
    ">",
    '"',
    "'",
    "`",
    "```",
    "\n",
    " ",
    "*",
    "_",
    "<a href=",
    "onclick=",
    "<iframe",
    "<style>",
    "-->",
    "<!--",
    "\u202e",
    "\u0000",
    "&lt;",
    "&",
    "#",
    "//evil.example/",
    "<math><mtext><table><mglyph><style>",
    '<noscript><p title="</noscript>',
    "<base href=",
    "> ",
]
# Whole payloads too, so that each property meets a complete attack in the first examples.
FRAGMENTS += [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:x">x</a>',
    '<p onmouseover="alert(1)">x</p>',
    "<script>alert(1)</script>",
    '<a href=" javascript:alert(1)">x</a>',
]
CORPUS = hostile_vectors()  # tests/hostile.py: the 2,000+ vectors the browser test renders
HOSTILE = st.lists(
    st.sampled_from(FRAGMENTS) | st.sampled_from(CORPUS) | st.text(max_size=8), max_size=25
).map("".join)
SCRIPT_URL = re.compile(r"^(javascript|vbscript|data):", re.I)


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "img"}:
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag} {name}")
            cleaned = re.sub(r"[\x00-\x20]", "", unescape(value or ""))
            if name in {"href", "src", "action", "formaction"} and SCRIPT_URL.match(cleaned):
                self.bad.append(f"{tag} {name}={value}")


def _dangers(html: str) -> list[str]:
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan.bad


@settings(max_examples=400, deadline=None)
@given(body=HOSTILE)
def test_rendering_is_idempotent_and_emits_nothing_that_runs(body):
    html = comment_render(body=body)
    assert comment_html_clean(html=html) == html
    assert _dangers(html) == [], html


@settings(max_examples=400, deadline=None)
@given(raw=HOSTILE)
def test_cleaning_raw_html_is_idempotent_and_emits_nothing_that_runs(raw):
    html = comment_html_clean(html=raw)  # stored or imported HTML, cleaned again for mail
    assert comment_html_clean(html=html) == html
    assert _dangers(html) == [], html


def test_every_vector_of_the_corpus_renders_and_cleans_to_nothing_that_runs():
    """The whole corpus, deterministically: as a Markdown body, and as raw HTML (an import)."""
    failures = []
    for vector in CORPUS:
        for html in (comment_render(body=vector), comment_html_clean(html=vector)):
            if comment_html_clean(html=html) != html or _dangers(html):
                failures.append((vector, html))
    assert len(CORPUS) >= 2000
    assert failures == []
