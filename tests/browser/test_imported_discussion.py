"""An article whose discussion came from another system (a Disqus export) in Chromium: readable,
threaded, its hostile comments inert, and readers reply to and vote on imported comments."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from masthead.comments.tests.conftest import tree_ensure
from masthead.migration.comments.tests.sources import disqus, disqus_post, disqus_thread

from .test_discussion import write
from .test_xss import BASE, CHECK, RUN, WATCH

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def imported_url(live_server, settings, tmp_path):
    """A story whose 3 friendly comments (one reply two deep) and every hostile text of the XSS
    test (as the comment's HTML and as the author's name) came in through `import disqus`."""
    from masthead.newsroom.services import article_publish, home_ensure

    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    settings.PAGE_CACHE_SECONDS = 0
    settings.COMMENTS_PAGE_SIZE = 1000
    settings.COMMENTS_REPLIES_SHOWN = 1000
    tree_ensure()
    home, _ = home_ensure(title="The Riverside Ledger")
    article_publish(
        home=home,
        title="Bridge reopens after two years",
        slug="bridge-reopens",
        standfirst="",
        body=[("paragraph", "<p>The old bridge carries traffic again from Monday.</p>")],
        authors=[],
        topics=[],
    )
    friendly = [
        disqus_post("f2", "t1", "<p>Agreed, <em>finally</em>.</p>", parent="f1", name="Colm Ferris",
                    when="2016-03-01T09:05:00Z"),
        disqus_post("f1", "t1", "<p>About time!</p>", name="Ruth Penhaligon", when="2016-03-01T09:00:00Z"),
        disqus_post("f3", "t1", "<p>Who paid for it?</p>", name="Bea Marchetti", when="2016-03-01T09:10:00Z"),
    ]  # fmt: skip
    hostile = [
        disqus_post(f"h{n}", "t1", text, name=text[:80], when=f"2016-03-02T{n // 60:02d}:{n % 60:02d}:00Z")
        for n, text in enumerate(BASE)
    ]
    path = tmp_path / "disqus.xml"
    thread = disqus_thread("t1", link="http://old.example.org/bridge-reopens/", title="Bridge reopens")
    path.write_text(disqus(thread, *friendly, *hostile), encoding="utf-8")
    call_command("import_disqus", str(path), "--site-url", "https://old.example.org")
    return f"{live_server.url}/bridge-reopens/", 3 + len(BASE)


def test_imported_hostile_comments_run_nothing(page, imported_url):
    url, count = imported_url
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH)
    page.goto(url)
    expect(page.get_by_role("heading", name=f"{count} Comments")).to_be_visible()
    page.mouse.move(10, 10)
    page.keyboard.press("Tab")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__alerts") == [] and page.evaluate(CHECK) == []
    assert errors == [] and RUN not in page.evaluate("document.title")


def test_an_imported_discussion_reads_and_takes_replies_and_votes(page, imported_url):
    url, count = imported_url
    page.goto(url)
    expect(page.get_by_role("heading", name="Bridge reopens after two years")).to_be_visible()
    expect(page.get_by_text("The old bridge carries traffic again from Monday.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"{count} Comments")).to_be_visible()
    first = page.locator("[data-thread] > .c").first
    expect(first.locator(":scope > .c-box")).to_contain_text("About time!")
    expect(first.locator(".c-replies .c", has_text="Agreed, finally.")).to_be_visible()
    expect(first.locator(".c-replies em")).to_have_text("finally")

    first.locator(":scope > .c-box").get_by_role("link", name="Reply").click()
    expect(first.locator("#respond")).to_be_visible()
    write(page, "Replying to an imported comment.")
    expect(first.locator(".c-replies .c", has_text="Replying to an imported comment.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"{count + 1} Comments")).to_be_visible()

    up = first.locator(":scope > .c-box").get_by_role("button", name="Vote up")
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(up.locator("[data-up]")).to_have_text("1")

    page.reload()
    expect(first.locator(".c-replies .c", has_text="Replying to an imported comment.")).to_be_visible()
    expect(
        first.locator(":scope > .c-box").get_by_role("button", name="Vote up").locator("[data-up]")
    ).to_have_text("1")
