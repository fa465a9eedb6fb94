"""Commenter data export and erasure by email address."""

import pytest
from django.contrib.auth import get_user_model

from masthead.comments.models import Comment, Discussion, Status
from masthead.core.keyedhash import email_hash
from masthead.moderation.models import AuditEntry, Ban, ScreeningEntry
from masthead.moderation.pipeline import comment_screen
from masthead.moderation.privacy import commenter_erase, commenter_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def minas_thread(make_comment):
    """Two comments by Mina (one written as MINA@…), a reply to her, and someone else's."""
    first = make_comment(body="First words.", author_url="https://mina.example")
    second = make_comment(body="Second words.", author_email="MINA@example.org", status=Status.PENDING)
    reply = make_comment(
        body="Reply to Mina.",
        author_name="Tom",
        author_email="tom@example.org",
        parent=first,
        parent_author_name="Mina Okafor",
        depth=1,
    )
    return first, second, reply


def test_export_lists_every_comment_by_that_address(minas_thread, staff, discussion_article):
    first, second, _ = minas_thread
    data = commenter_export(email="Mina@Example.org", actor=staff)
    assert data["email"] == "mina@example.org"
    assert [c["id"] for c in data["comments"]] == [first.pk, second.pk]
    assert data["comments"][0] | {"created_at": None} == {
        "id": first.pk,
        "page_id": discussion_article.pk,
        "page_title": discussion_article.title,
        "page_url": discussion_article.url,
        "parent_id": None,
        "author_name": "Mina Okafor",
        "author_email": "mina@example.org",
        "author_url": "https://mina.example",
        "body": "First words.",
        "status": "approved",
        "created_at": None,
        "edited_at": None,
        "up": 0,
        "down": 0,
    }


def test_export_includes_a_ban_and_is_audited_without_the_address(minas_thread, staff):
    Ban.objects.create(kind="email", value="mina@example.org", reason="trolling")
    data = commenter_export(email="mina@example.org", actor=staff, reason="request #7")
    assert [b["reason"] for b in data["bans"]] == ["trolling"]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.reason) == ("export", "request #7")
    assert "mina" not in entry.target and email_hash("mina@example.org") in entry.target


def test_erasure_anonymises_but_keeps_the_text(minas_thread, staff):
    first, second, reply = minas_thread
    assert commenter_erase(email="mina@example.org", actor=staff, reason="request #8") == 2
    for comment in (first, second):
        comment.refresh_from_db()
        assert (
            comment.author_name,
            comment.author_email,
            comment.author_url,
            comment.network_hash,
            comment.edit_key_hash,
        ) == ("deleted", "", "", "", "")
    assert first.body == "First words." and first.status == Status.APPROVED
    reply.refresh_from_db()
    assert (reply.parent_author_name, reply.author_name) == ("deleted", "Tom")
    assert commenter_export(email="mina@example.org", actor=staff)["comments"] == []
    assert AuditEntry.objects.filter(action="erase", reason="request #8").exists()


def test_erasure_can_remove_the_text_and_counts_follow(minas_thread, staff, discussion_article):
    first, _, reply = minas_thread
    Discussion.objects.create(page=discussion_article, approved_count=2)  # first and reply are approved
    commenter_erase(email="mina@example.org", actor=staff, remove_text=True)
    first.refresh_from_db()
    assert (first.status, first.body, first.body_html) == (Status.REMOVED, "", "")
    assert Discussion.objects.get(page=discussion_article).approved_count == 1
    assert Comment.objects.get(pk=reply.pk).body == "Reply to Mina."


def test_erasure_drops_the_screening_log_of_that_address(submit, staff):
    comment_screen(submit())
    comment_screen(submit(author_email="tom@example.org", body="Hello"))
    commenter_erase(email="mina@example.org", actor=staff)
    assert list(ScreeningEntry.objects.values_list("email_hash", flat=True)) == [
        email_hash("tom@example.org")
    ]


def test_erasure_keeps_a_ban(minas_thread, staff):
    Ban.objects.create(kind="email", value="mina@example.org")
    commenter_erase(email="mina@example.org", actor=staff)
    assert Ban.objects.filter(value="mina@example.org").exists()


def test_erasure_reaches_comments_of_an_account_with_that_address(make_comment, staff):
    user = get_user_model().objects.create_user("mina", "mina@example.org", "pw")
    comment = make_comment(user=user, author_email="", body="From my account.")
    commenter_erase(email="mina@example.org", actor=staff)
    comment.refresh_from_db()
    assert (comment.author_name, comment.user_id) == ("deleted", None)
