"""A guest takes part in the discussion in Chromium: posts, replies, votes, sorts, loads more,
edits within the window, and sees a held comment that nobody else sees."""

import re

import pytest
from playwright.sync_api import expect

from masthead.comments.tests.conftest import tree_ensure

pytestmark = pytest.mark.django_db(transaction=True)


def hold_all(submission):
    from masthead.comments.screening import Verdict

    return Verdict(action="hold", reason="first_comment")


@pytest.fixture
def thread_url(live_server, settings):
    """An article with 200 approved comments (more than one page of top-level comments)."""
    from masthead.comments.synthetic_threads import thread_fill
    from masthead.newsroom.services import article_publish, author_create, home_ensure

    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    settings.PAGE_CACHE_SECONDS = 0
    tree_ensure()
    home, _ = home_ensure(title="The Riverside Ledger")
    reporter = author_create(name="Maren Okafor", slug="maren-okafor")
    article = article_publish(
        home=home,
        title="Council passes budget",
        slug="council-budget-test",
        standfirst="A late-night vote.",
        authors=[reporter],
        topics=[],
        body=[("paragraph", "<p>The council approved its budget.</p>")],
    )
    thread_fill(page=article, count=200, votes=False)
    return f"{live_server.url}/council-budget-test/"


def write(page, text, *, name="Ruth Penhaligon", email="ruth@example.org"):
    form = page.locator("#respond")
    form.get_by_role("textbox", name="Comment").fill(text)
    if form.get_by_label("Name").count():
        form.get_by_label("Name").fill(name)
        form.get_by_label("Email").fill(email)
    form.get_by_role("button", name="Post Comment").click()


def test_a_guest_posts_replies_votes_sorts_loads_more_and_edits(page, thread_url):
    page.goto(thread_url)
    expect(page.get_by_role("heading", name="200 Comments")).to_be_visible()

    write(page, "Glad the *library* survived.")
    mine = page.locator(".c", has_text="Glad the library survived.").first
    expect(mine).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Your comment has been posted.")).to_be_visible()
    expect(page.get_by_role("heading", name="201 Comments")).to_be_visible()
    assert page.url == thread_url  # no reload, no redirect

    first = page.locator("[data-thread] > .c").nth(1)
    first.get_by_role("link", name="Reply").first.click()
    expect(first.locator("#respond")).to_be_visible()
    write(page, "A reply, in place.")
    expect(first.locator(".c", has_text="A reply, in place.")).to_be_visible()

    up = first.locator(":scope > .c-box").get_by_role("button", name="Vote up")
    before = int(up.locator("[data-up]").inner_text())
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(up.locator("[data-up]")).to_have_text(str(before + 1))

    roots_before = page.locator("[data-thread] > .c").count()
    page.get_by_role("link", name="View all comments").click()
    expect(page.locator("[data-thread] > .c")).to_have_count(roots_before + 20)

    mine.get_by_role("link", name="Edit").click()
    mine.get_by_role("textbox", name="Comment").fill("Glad the library survived, and the hours too.")
    mine.get_by_role("button", name="Save").click()
    expect(page.locator(".c", has_text="and the hours too.")).to_be_visible()
    expect(page.locator(".c", has_text="and the hours too.").locator(".c-edited")).to_have_text("edited")

    page.get_by_role("link", name="Newest").click()
    expect(page.get_by_role("link", name="Newest")).to_have_attribute("aria-current", "true")
    expect(page.locator("[data-thread] > .c").first).to_contain_text("and the hours too.")
    page.reload()  # the chosen order is remembered by this browser
    expect(page.get_by_role("link", name="Newest")).to_have_attribute("aria-current", "true")
    expect(page.locator("[data-thread] > .c").first).to_contain_text("and the hours too.")
    page.get_by_role("link", name="Oldest").click()
    # The reader's own vote comes back from the per-reader call, not from the cached page.
    expect(page.locator("[aria-pressed='true']")).to_have_count(1)


def test_the_form_remembers_the_guest_and_reports_errors_in_place(page, thread_url):
    page.goto(thread_url)
    form = page.locator("#respond")
    form.get_by_role("textbox", name="Comment").fill("x" * 10)
    form.get_by_label("Name").fill("Ruth Penhaligon")
    form.get_by_label("Email").fill("ruth@example.org")
    page.evaluate("document.querySelector('#c-body').value = ' '.repeat(3)")
    page.evaluate("document.querySelector('#c-body').removeAttribute('required')")
    form.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_role("alert")).to_have_text("Please write a comment before posting.")
    write(page, "Now with words.")
    expect(page.locator(".c", has_text="Now with words.")).to_be_visible()
    page.reload()
    expect(page.locator("#respond").get_by_label("Name")).to_have_value("Ruth Penhaligon")
    expect(page.locator("#respond").get_by_label("Email")).to_have_value("ruth@example.org")


def test_a_held_comment_is_seen_by_its_author_only(page, browser, thread_url, settings):
    settings.COMMENTS_SCREEN = f"{__name__}.hold_all"
    page.goto(thread_url)
    write(page, "Held until a moderator looks.")
    expect(page.get_by_role("status").filter(has_text="Your comment is awaiting moderation.")).to_be_visible()
    page.reload()
    held = page.locator(".c", has_text="Held until a moderator looks.")
    expect(held).to_be_visible()
    expect(held).to_contain_text("Your comment is awaiting moderation.")
    expect(page.get_by_role("heading", name="200 Comments")).to_be_visible()

    stranger = browser.new_context().new_page()
    stranger.goto(thread_url)
    expect(stranger.get_by_role("heading", name="200 Comments")).to_be_visible()
    stranger.wait_for_load_state("networkidle")
    expect(stranger.locator(".c", has_text="Held until a moderator looks.")).to_have_count(0)
    stranger.context.close()


def test_without_javascript_a_guest_can_post_and_vote(browser, thread_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(thread_url)
    write(page, "Posted with scripts off.")
    expect(page.get_by_role("status").filter(has_text="Your comment has been posted.")).to_be_visible()
    assert re.search(r"#comment-\d+$", page.url)
    tally = page.locator("[data-thread] > .c").first.locator(":scope > .c-box [data-up]")
    before = int(tally.inner_text())
    page.locator("[data-thread] > .c").first.locator(":scope > .c-box").get_by_role(
        "button", name="Vote up"
    ).click()
    expect(tally).to_have_text(str(before + 1))
    context.close()


def test_new_comments_are_announced_and_loaded_only_when_asked(page, thread_url, settings):
    from masthead.comments.identity import Reader
    from masthead.comments.services import Posting, comment_create
    from masthead.newsroom.models import ArticlePage

    settings.COMMENTS_POLL_SECONDS = 1
    page.goto(thread_url)
    expect(page.get_by_role("heading", name="200 Comments")).to_be_visible()
    article = ArticlePage.objects.get(slug="council-budget-test")
    data = {
        "body": "Breaking: the minutes are out.",
        "author_name": "Lena Vasquez",
        "author_email": "lena@example.org",
    }
    comment_create(
        page=article, data=data, posting=Posting(reader=Reader(user=None, guest_id="lena"), network="n")
    )
    notice = page.get_by_role("button", name="1 new comment")
    expect(notice).to_be_visible(timeout=15_000)
    expect(page.locator(".c", has_text="Breaking: the minutes are out.")).to_have_count(0)  # no jump
    notice.click()
    expect(page.locator(".c", has_text="Breaking: the minutes are out.")).to_be_visible()
    expect(page.get_by_role("heading", name="201 Comments")).to_be_visible()


def test_the_invitation_leads_to_the_form_and_is_shown_once(page, thread_url):
    page.goto(thread_url)
    page.mouse.wheel(0, 20_000)
    invitation = page.get_by_role("link", name="Would love your thoughts, please comment.")
    expect(invitation).to_be_visible()
    page.get_by_role("button", name="Dismiss").click()
    expect(invitation).to_be_hidden()
    page.reload()
    page.mouse.wheel(0, 20_000)
    page.wait_for_timeout(500)
    expect(invitation).to_be_hidden()
