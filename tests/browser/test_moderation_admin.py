"""Moderation in Chromium: a moderator works through the queue in the Wagtail admin, and a
guest's first comment goes through the real pipeline (form token fetched while typing), waits
for a moderator, then appears for everyone."""

import pytest
from playwright.sync_api import expect

from masthead.comments.models import Comment, Status
from masthead.moderation.models import AuditEntry, Ban


@pytest.fixture
def held_comments(transactional_db, editor):
    from wagtail.models import Page

    article = Page.get_first_root_node().add_child(
        instance=Page(title="Council passes the budget", slug="budget")
    )

    def held(name, email, body, reason):
        comment = Comment.objects.create(
            page=article,
            author_name=name,
            author_email=email,
            body=body,
            body_html=f"<p>{body}</p>",
            network_hash="net-1",
            status=Status.PENDING,
            moderation_reason=reason,
        )
        Comment.objects.filter(pk=comment.pk).update(root_id=comment.pk)
        return comment

    return (
        held("Ruth Penhaligon", "ruth@example.org", "Glad the library survived.", "first_comment"),
        held(
            "Cheap Pills",
            "pills@spam.example",
            "Buy pills at https://a https://b https://c https://d",
            "too_many_links",
        ),
    )


def _log_in(page, base):
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("the-right-one")  # the root `editor` fixture's
    page.get_by_role("button", name="Sign in").click()


def test_a_moderator_marks_spam_with_a_reason_and_bans_the_sender(page, live_server, held_comments):
    ruth, spam = held_comments
    _log_in(page, live_server.url)
    page.get_by_role("link", name="Comments").first.click()
    queue = page.get_by_role("table")
    expect(queue.get_by_text("Glad the library survived.")).to_be_visible()
    expect(queue.get_by_text("too many links")).to_be_visible()

    queue.get_by_role("row").filter(has_text="Cheap Pills").get_by_role("checkbox").check()
    page.get_by_role("link", name="Mark the selected comments as spam").click()
    page.get_by_label("Reason").fill("pharmacy spam")
    page.get_by_role("button", name="Yes, mark as spam").click()
    expect(page.get_by_text("1 comment marked as spam.")).to_be_visible()
    spam.refresh_from_db()
    ruth.refresh_from_db()
    assert (spam.status, spam.moderation_reason) == (Status.SPAM, "pharmacy spam")
    assert ruth.status == Status.PENDING

    page.goto(live_server.url + f"/admin/comments/ban/{spam.pk}/?kind=email")
    page.get_by_label("Reason").fill("repeat spammer")
    page.get_by_role("button", name="Ban").click()
    expect(page.get_by_text("Banned: email address: pills@spam.example")).to_be_visible()
    assert Ban.objects.filter(kind="email", value="pills@spam.example").exists()

    page.get_by_role("button", name="Moderation").click()
    page.get_by_role("link", name="Audit log").click()
    log = page.get_by_role("table")
    expect(log.get_by_text("pharmacy spam")).to_be_visible()
    expect(log.get_by_text("repeat spammer")).to_be_visible()
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {"spam", "ban"}


@pytest.fixture
def article_url(live_server, settings, transactional_db, editor, reporter):
    from masthead.comments.tests.conftest import tree_ensure
    from masthead.newsroom.services import article_publish, home_ensure

    settings.COMMENTS_SCREEN = "masthead.moderation.pipeline.comment_screen"
    settings.PAGE_CACHE_SECONDS = 0
    tree_ensure()
    home, _ = home_ensure(title="The Riverside Ledger")
    article_publish(
        home=home,
        title="Council passes budget",
        slug="council-budget-test",
        standfirst="A late-night vote.",
        authors=[reporter],
        topics=[],
        body=[("paragraph", "<p>The council approved its budget.</p>")],
    )
    return f"{live_server.url}/council-budget-test/"


def _write(page, text: str):
    form = page.locator("#respond")
    form.get_by_role("textbox", name="Comment").fill(text)
    form.get_by_label("Name").fill("Ruth Penhaligon")
    form.get_by_label("Email").fill("ruth@example.org")


def test_a_first_comment_waits_for_a_moderator_then_everyone_sees_it(page, browser, live_server, article_url):
    page.goto(article_url)
    with page.expect_response(lambda response: "/token/" in response.url):  # fetched on typing
        _write(page, "Glad the library survived.")
    page.get_by_role("button", name="Post Comment").click()  # at once: faster than a person
    expect(page.get_by_text("That was quick!")).to_be_visible()
    expect(page.get_by_role("textbox", name="Comment")).to_have_value("Glad the library survived.")
    assert not Comment.objects.exists()

    page.wait_for_timeout(3200)  # a person reads the comment over
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_text("Your comment is awaiting moderation.").first).to_be_visible()
    held = Comment.objects.get()
    assert (held.status, held.moderation_reason) == (Status.PENDING, "first_comment")

    reader = browser.new_context().new_page()
    reader.goto(article_url)
    expect(reader.get_by_text("Glad the library survived.")).to_have_count(0)

    moderator = browser.new_context().new_page()
    _log_in(moderator, live_server.url)
    moderator.get_by_role("link", name="Comments").first.click()
    moderator.get_by_role("table").get_by_role("row").filter(
        has_text="Glad the library survived."
    ).get_by_role("checkbox").check()
    moderator.get_by_role("link", name="Approve the selected comments").click()
    moderator.get_by_role("button", name="Yes, approve").click()
    expect(moderator.get_by_text("1 comment approved.")).to_be_visible()

    reader.reload()
    expect(reader.get_by_text("Glad the library survived.")).to_be_visible()
