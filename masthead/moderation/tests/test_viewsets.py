"""The moderation screens in the Wagtail admin: who may see them, what they list and do."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from masthead.comments.models import Comment, Discussion, Status
from masthead.moderation.models import AuditEntry, Ban

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/"
SCREENS = [
    QUEUE,
    "/admin/moderation/bans/",
    "/admin/moderation/audit/",
    "/admin/moderation/screening/",
    "/admin/moderation/commenter-data/",
]


@pytest.fixture
def moderator_client(client):
    """A staff member in a Moderators group: admin access and the moderation permissions only."""
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "change_comment", "add_ban", "view_ban", "delete_ban"]
        )
    )
    user = get_user_model().objects.create_user("ines", "ines@ledger.example", "pw", is_staff=True)
    user.groups.add(group)
    client.force_login(user)
    client.user = user
    return client


def _bulk(client, action: str, comments, reason: str = ""):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return client.post(f"/admin/bulk/comments/comment/{action}/?{ids}&next={QUEUE}", {"reason": reason})


@pytest.mark.parametrize("url", SCREENS)
def test_anonymous_readers_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("url", SCREENS)
def test_every_screen_answers_staff(editor_client, url):
    assert editor_client.get(url).status_code == 200


def test_a_staff_member_without_moderation_rights_is_refused(client):
    user = get_user_model().objects.create_user("reporter", "r@ledger.example", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in (QUEUE, "/admin/moderation/commenter-data/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/login/" not in response["Location"]


def test_the_menu_counts_the_comments_waiting(editor_client, make_comment):
    make_comment(status=Status.PENDING, body="one")
    make_comment(status=Status.PENDING, body="two")
    make_comment(status=Status.APPROVED, body="three")
    assert "Comments (2)" in editor_client.get("/admin/").content.decode()


def test_the_queue_filters_by_status_and_reason(editor_client, make_comment):
    make_comment(body="Held for links", status=Status.PENDING, moderation_reason="too_many_links")
    make_comment(body="Held first time", status=Status.PENDING, moderation_reason="first_comment")
    make_comment(body="Visible already", status=Status.APPROVED)
    pending = editor_client.get(QUEUE, {"status": "pending"}).content.decode()
    assert "Held for links" in pending and "Held first time" in pending
    assert "Visible already" not in pending
    links = editor_client.get(QUEUE, {"status": "pending", "moderation_reason": "too_many_links"})
    assert "Held for links" in links.content.decode()
    assert "Held first time" not in links.content.decode()


def test_the_queue_offers_the_bulk_actions_and_ban_links(editor_client, make_comment):
    comment = make_comment(status=Status.PENDING)
    page = editor_client.get(QUEUE).content.decode()
    for action in ("approve", "spam", "delete"):  # Approve, Mark as spam, Remove
        assert reverse("wagtail_bulk_action", args=["comments", "comment", action]) in page
    assert reverse("moderation_comments:ban", args=[comment.pk]) + "?kind=email" in page


def test_a_comment_can_be_inspected_but_not_edited(editor_client, make_comment):
    comment = make_comment(status=Status.PENDING, body="Inspect me")
    inspect = editor_client.get(f"{QUEUE}inspect/{comment.pk}/")
    assert inspect.status_code == 200 and "Inspect me" in inspect.content.decode()
    assert "edit_key_hash" not in inspect.content.decode()
    assert editor_client.get(f"{QUEUE}edit/{comment.pk}/").status_code in (302, 403)


def test_bulk_approve_changes_statuses_counts_and_audits(editor_client, make_comment, discussion_article):
    held = [make_comment(body=f"held {i}", status=Status.PENDING) for i in range(2)]
    confirm = editor_client.get(f"/admin/bulk/comments/comment/approve/?id={held[0].pk}")
    assert confirm.status_code == 200 and "Reason" in confirm.content.decode()
    response = _bulk(editor_client, "approve", held, reason="looks fine")
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {Status.APPROVED}
    assert Discussion.objects.get(page=discussion_article).approved_count == 2
    assert set(AuditEntry.objects.values_list("action", "reason", "actor__username")) == {
        ("approve", "looks fine", "editor")
    }
    assert AuditEntry.objects.count() == 2


def test_bulk_spam_and_remove(editor_client, make_comment, discussion_article):
    a, b = make_comment(body="a"), make_comment(body="b")
    Discussion.objects.create(page=discussion_article, approved_count=2)
    _bulk(editor_client, "spam", [a], reason="ads")
    _bulk(editor_client, "delete", [b], reason="abuse")
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.moderation_reason, b.status) == (Status.SPAM, "ads", Status.REMOVED)
    assert Discussion.objects.get(page=discussion_article).approved_count == 0
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == ["remove", "spam"]


def test_staff_pin_a_comment_to_the_top_of_its_thread_and_unpin_it(
    editor_client, make_comment, discussion_article
):
    from masthead.comments.selectors import thread_page

    older, newer = make_comment(body="older"), make_comment(body="newer")
    Discussion.objects.create(page=discussion_article, approved_count=2)
    assert [c.pk for c in thread_page(page_id=discussion_article.pk, sort="oldest").roots] == [
        older.pk,
        newer.pk,
    ]

    _bulk(editor_client, "pin", [newer], reason="answers the question")

    assert [c.pk for c in thread_page(page_id=discussion_article.pk, sort="oldest").roots] == [
        newer.pk,
        older.pk,
    ]
    _bulk(editor_client, "unpin", [newer])
    assert [c.pk for c in thread_page(page_id=discussion_article.pk, sort="oldest").roots] == [
        older.pk,
        newer.pk,
    ]
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "target")) == [
        ("pin", f"comment {newer.pk}"),
        ("unpin", f"comment {newer.pk}"),
    ]


def test_an_editor_closes_a_discussion_and_reopens_it(editor_client, make_comment, discussion_article):
    from masthead.comments.services import discussion_is_open

    make_comment(body="first")
    Discussion.objects.create(page=discussion_article, approved_count=1)
    url = f"/admin/moderation/discussions/edit/{discussion_article.pk}/"
    assert editor_client.get(url).status_code == 200

    response = editor_client.post(url, {"page": discussion_article.pk, "is_closed": "on"})

    assert response.status_code == 302
    assert not discussion_is_open(page=discussion_article)
    editor_client.post(url, {"page": discussion_article.pk})
    assert discussion_is_open(page=discussion_article)


def test_a_moderator_can_act_but_not_edit_or_delete_outright(moderator_client, make_comment):
    comment = make_comment(status=Status.PENDING)
    assert moderator_client.get(QUEUE).status_code == 200
    _bulk(moderator_client, "approve", [comment])
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    edit = moderator_client.get(f"{QUEUE}edit/{comment.pk}/")
    assert edit.status_code in (302, 403)
    _bulk(moderator_client, "delete", [comment])
    assert Comment.objects.filter(pk=comment.pk, status=Status.REMOVED).exists()


def test_ban_from_a_comment(editor_client, make_comment):
    comment = make_comment(status=Status.PENDING, network_hash="net-bad")
    url = reverse("moderation_comments:ban", args=[comment.pk])
    assert editor_client.get(url, {"kind": "network"}).status_code == 200
    response = editor_client.post(url, {"kind": "network", "reason": "bot", "mark_spam": "on"})
    assert response.status_code == 302
    assert Ban.objects.filter(kind="network", value="net-bad", reason="bot").exists()
    comment.refresh_from_db()
    assert comment.status == Status.SPAM
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == ["ban", "spam"]


def test_ban_and_unban_from_the_bans_screen_are_audited(editor_client):
    response = editor_client.post(
        "/admin/moderation/bans/new/", {"kind": "email", "value": "Troll@Example.org", "reason": "abuse"}
    )
    assert response.status_code == 302
    ban = Ban.objects.get()
    assert ban.value == "troll@example.org"
    editor_client.post(f"/admin/moderation/bans/delete/{ban.pk}/")
    assert not Ban.objects.exists()
    assert list(AuditEntry.objects.order_by("id").values_list("action", "target")) == [
        ("ban", "email troll@example.org"),
        ("unban", "email troll@example.org"),
    ]


def test_the_audit_log_lists_actions(editor_client, make_comment):
    comment = make_comment(status=Status.PENDING)
    _bulk(editor_client, "approve", [comment], reason="checked by hand")
    page = editor_client.get("/admin/moderation/audit/").content.decode()
    assert f"comment {comment.pk}" in page and "checked by hand" in page


def test_commenter_data_downloads_json(editor_client, make_comment):
    make_comment(body="Mine.")
    response = editor_client.post(
        "/admin/moderation/commenter-data/", {"email": "mina@example.org", "action": "export"}
    )
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert [c["body"] for c in json.loads(response.content)["comments"]] == ["Mine."]
    assert AuditEntry.objects.filter(action="export").count() == 1


def test_erasure_needs_confirmation(editor_client, make_comment):
    comment = make_comment(body="Mine.")
    response = editor_client.post(
        "/admin/moderation/commenter-data/", {"email": "mina@example.org", "action": "erase"}
    )
    assert response.status_code == 200 and "confirm" in response.content.decode()
    comment.refresh_from_db()
    assert comment.author_name == "Mina Okafor"
    response = editor_client.post(
        "/admin/moderation/commenter-data/",
        {"email": "mina@example.org", "action": "erase", "confirm": "on", "reason": "request #9"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.author_name, comment.author_email) == ("deleted", "")
    assert AuditEntry.objects.filter(action="erase", reason="request #9").exists()


def test_the_word_lists_are_editable_in_settings(editor_client):
    response = editor_client.get("/admin/settings/moderation/wordlists/", follow=True)
    assert response.status_code == 200 and "banned words" in response.content.decode().lower()
