"""Inline feedback in a real Chromium: the browser and the server agree on the article's text; a
reader comments on a passage with the mouse, or with the keyboard alone, and after a reload sees
the passage highlighted with its count."""

import re

import pytest
from playwright.sync_api import expect

# Each test flushes the database; keep the rows Wagtail's migrations made (the root page).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = "/council-budget-vote/"


@pytest.fixture
def reader_site(live_newsroom, settings):
    # Screening (first comments held for moderation) is not what these tests are about.
    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    return live_newsroom


def test_browser_and_server_compute_the_same_text_on_every_demo_article(page, reader_site):
    from masthead.inline.selectors import article_text
    from masthead.newsroom.models import ArticlePage

    articles = list(ArticlePage.objects.live())
    assert len(articles) >= 8
    for article in articles:
        page.goto(reader_site + article.url)
        page.wait_for_function("typeof window.inlineText === 'function'")
        assert page.evaluate("window.inlineText()") == article_text(page=article).text, article.url


def _inline_count(page) -> int:
    return int(page.locator(".inline-feedbacks__count").inner_text())


def _fill_guest(page):
    form = page.get_by_role("form", name="Leave a comment")
    form.get_by_label("Name").fill("Ines Carvalho")
    form.get_by_label("Email").fill("ines@example.org")


_POINT = """([quote, atEnd]) => {
  const walk = document.createTreeWalker(document.querySelector('[data-article-body]'), NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());) {
    const at = n.data.indexOf(quote);
    if (at < 0) continue;
    n.parentElement.scrollIntoView({block: 'center', behavior: 'instant'});
    const r = document.createRange();
    const i = atEnd ? at + quote.length - 1 : at;
    r.setStart(n, i); r.setEnd(n, i + 1);
    const box = r.getClientRects()[0];
    return {x: atEnd ? box.right - 1 : box.left + 1, y: box.top + box.height / 2};
  }
}"""


def test_select_a_passage_with_the_mouse_comment_and_see_it_highlighted(page, reader_site):
    page.goto(reader_site + ARTICLE)
    before = _inline_count(page)
    passage = "raises council tax by 2.9 percent"
    start = page.evaluate(_POINT, ["raises council", False])
    end = page.evaluate(_POINT, ["2.9 percent", True])
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    page.mouse.move(end["x"], end["y"], steps=8)
    page.mouse.up()
    assert " ".join(page.evaluate("getSelection().toString()").split()) == passage

    page.get_by_role("button", name="Comment on this passage", exact=True).click()
    expect(page.get_by_label("Quoted passage")).to_have_value(passage)
    form = page.get_by_role("form", name="Leave a comment")
    form.get_by_label("Comment", exact=True).fill("Which reserves? The rainy-day fund or the capital one?")
    _fill_guest(page)
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_text("Which reserves? The rainy-day fund").first).to_be_visible()

    page.reload()
    expect(page.locator("mark.inline-mark", has_text="2.9 percent")).to_have_count(1)
    assert _inline_count(page) == before + 1
    count = page.locator("mark.inline-mark:has-text('2.9 percent') + button")
    expect(count).to_have_accessible_name("1 comment on this passage")
    count.click()
    expect(count).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".inline-panel").get_by_text("Which reserves?")).to_be_visible()


def _tab_to(page, name: str, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key")


def test_comment_on_a_passage_with_the_keyboard_only(page, reader_site):
    page.goto(reader_site + ARTICLE)
    before = _inline_count(page)

    _tab_to(page, "Comment on a passage")
    page.keyboard.press("Enter")
    _tab_to(page, "Comment on this paragraph")  # the first paragraph's
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "c-body"
    page.keyboard.type("A full gallery is a good sign for local democracy.")
    _tab_to_field(page, "inline-quote-text")
    page.keyboard.press("Control+A")
    page.keyboard.type("the public gallery was full")
    expect(page.get_by_label("Quoted passage")).to_have_value("the public gallery was full")
    _tab_to_field(page, "c-name", backwards=True)
    page.keyboard.type("Tom Aldridge")
    page.keyboard.press("Tab")
    page.keyboard.type("tom@example.org")
    _tab_to(page, "Post Comment")
    page.keyboard.press("Enter")
    expect(page.get_by_text("A full gallery is a good sign").first).to_be_visible()

    page.reload()
    marked = page.locator("mark.inline-mark", has_text=re.compile("^the public gallery was full$"))
    expect(marked).to_have_count(1)
    assert _inline_count(page) == before + 1
    _tab_to(page, "1")  # the highlight's button: its visible text is the count
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "1 comment on this passage"
    assert (
        page.evaluate("document.activeElement.previousElementSibling.textContent")
        == "the public gallery was full"
    )
    page.keyboard.press("Enter")
    expect(page.locator(".inline-panel").get_by_text("A full gallery is a good sign")).to_be_visible()


def _tab_to_field(page, element_id: str, backwards: bool = False, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def test_a_selection_outside_the_body_or_too_long_is_refused_with_a_message(page, reader_site):
    page.goto(reader_site + ARTICLE)
    # From the standfirst (outside the body) into the first paragraph.
    page.evaluate("""() => {
      const r = document.createRange();
      r.setStart(document.querySelector('.article__standfirst').firstChild, 5);
      r.setEnd(document.querySelector('[data-article-body] p').firstChild, 20);
      getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.get_by_role("button", name="Comment on this passage", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Select text in the article")).to_be_visible()

    page.evaluate("""() => {
      const body = document.querySelector('[data-article-body]');
      const r = document.createRange(); r.selectNodeContents(body);
      getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.get_by_role("button", name="Comment on this passage", exact=True).click()
    too_long = page.get_by_role("status").filter(has_text="at most 1,000 characters")
    expect(too_long).to_be_visible()
    page.wait_for_timeout(400)  # past the 150 ms read after a selection change, which wiped it
    expect(too_long).to_be_visible()
    expect(page.get_by_label("Quoted passage")).to_be_hidden()


def test_answer_the_editors_prompt(page, reader_site):
    page.goto(reader_site + ARTICLE)
    page.get_by_role("button", name="Answer: Is this a fair reason to cut the evening buses?").click()
    expect(page.get_by_label("Quoted passage")).to_have_value(
        "the two routes carried on average fewer than six passengers an hour after dark"
    )
    assert (
        page.locator("input[name=inline_prompt]").input_value()
        == "Is this a fair reason to cut the evening buses?"
    )


def test_an_editor_marks_a_passage_with_a_question_in_the_rich_text_editor(page, reader_site, editor):
    from masthead.newsroom.models import ArticlePage

    page.goto(reader_site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("the-right-one")  # the root `editor` fixture's
    page.get_by_role("button", name="Sign in").click()
    story = ArticlePage.objects.live().filter(slug="library-hours").first()
    page.goto(f"{reader_site}/admin/pages/{story.pk}/edit/")

    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.press("Home")
    page.keyboard.press("Shift+End")
    page.once("dialog", lambda dialog: dialog.accept("Should the archive open on Sundays too?"))
    page.get_by_role("button", name=re.compile("Feedback prompt")).first.click()
    marked = page.locator('.Draftail-Editor span[title="Should the archive open on Sundays too?"]')
    expect(marked).to_have_count(1)
