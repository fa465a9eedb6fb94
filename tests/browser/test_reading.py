"""A reader on the demo site: follows a story, looks at its picture by keyboard, moves on to another."""

from playwright.sync_api import expect

from masthead.newsroom.demo import DISCUSSION_SLUG
from masthead.newsroom.demo_content import STORIES

LEAD_TITLE = next(s.title for s in STORIES if s.slug == DISCUSSION_SLUG)
FOCUS_IN_OPEN_DIALOG = "document.activeElement && document.activeElement.closest('dialog[open]') !== null"


def test_reader_opens_story_views_picture_by_keyboard_and_follows_related(
    page, live_newsroom, foreign_requests
):
    page.goto(live_newsroom + "/")
    page.get_by_role("link", name=LEAD_TITLE).first.click()
    expect(page.get_by_role("heading", level=1, name=LEAD_TITLE)).to_be_visible()

    zoom = page.get_by_role("link", name="Click to see full-size image").first
    zoom.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Full-size image")
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => d.matches(':modal')")
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    expect(dialog.get_by_role("img")).to_have_js_property("complete", True)
    assert dialog.get_by_role("img").evaluate("img => img.naturalWidth") > 1000
    expect(dialog).to_contain_text("Illustration: The Riverside Ledger")
    for key in ("Tab", "Shift+Tab", "Tab"):
        page.keyboard.press(key)
        assert page.evaluate(FOCUS_IN_OPEN_DIALOG), f"focus left the dialog after {key}"

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(zoom).to_be_focused()

    second = page.get_by_role("link", name="Click to see full-size image").nth(1)
    second.click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").press("Enter")
    expect(dialog).to_be_hidden()
    expect(second).to_be_focused()

    related = page.get_by_role("region", name="More on the topic:")
    next_story = related.get_by_role("listitem").first.get_by_role("heading").get_by_role("link")
    next_title = next_story.inner_text()
    next_story.click()
    expect(page.get_by_role("heading", level=1, name=next_title)).to_be_visible()
    assert foreign_requests == []


def test_without_javascript_the_picture_link_opens_the_image(browser, live_newsroom):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_newsroom}/{DISCUSSION_SLUG}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Click to see full-size image").first.click()
    assert page.url.endswith(".jpg")
    context.close()


def test_article_fits_a_phone_and_loads_a_small_rendition(page, live_newsroom, foreign_requests):
    width = 390
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{live_newsroom}/{DISCUSSION_SLUG}/")
    expect(page.get_by_role("heading", level=1, name=LEAD_TITLE)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    lead = page.locator(".figure--lead img")
    expect(lead).to_have_js_property("complete", True)
    assert "width-480" in lead.evaluate("img => img.currentSrc")
    box = lead.bounding_box()
    assert box and 300 < box["width"] <= width
    body_font = page.locator(".article__body p").first.evaluate(
        "p => parseFloat(getComputedStyle(p).fontSize)"
    )
    assert body_font >= 16

    page.get_by_role("link", name="Click to see full-size image").first.click()
    picture = page.get_by_role("dialog", name="Full-size image").get_by_role("img")
    expect(picture).to_be_visible()
    shown = picture.bounding_box()
    assert shown and shown["width"] <= width
    assert foreign_requests == []


def test_unknown_address_gets_the_styled_not_found_page(page, live_server, transactional_db):
    response = page.goto(live_server.url + "/no-such-story/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    expect(page.get_by_role("link", name="Go to the front page")).to_be_visible()
