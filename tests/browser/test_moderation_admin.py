"""A moderator works through the comment queue in the Wagtail admin, in Chromium."""

import pytest
from playwright.sync_api import expect

from masthead.comments.models import Comment, Status
from masthead.moderation.models import AuditEntry, Ban


@pytest.fixture
def held_comments(transactional_db):
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    get_user_model().objects.create_superuser("editor", "editor@ledger.example", "a-long-passphrase")
    article = Page.get_first_root_node().add_child(
        instance=Page(title="Council passes the budget", slug="budget"))

    def held(name, email, body, reason):
        comment = Comment.objects.create(page=article, author_name=name, author_email=email,
                                         body=body, body_html=f"<p>{body}</p>", network_hash="net-1",
                                         status=Status.PENDING, moderation_reason=reason)
        Comment.objects.filter(pk=comment.pk).update(root_id=comment.pk)
        return comment

    return (held("Ruth Penhaligon", "ruth@example.org", "Glad the library survived.", "first_comment"),
            held("Cheap Pills", "pills@spam.example", "Buy pills at https://a https://b https://c https://d",
                 "too_many_links"))


def _log_in(page, base):
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-passphrase")
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
    assert (spam.status, spam.moderation_reason, ruth.status) == (Status.SPAM, "pharmacy spam", Status.PENDING)

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
