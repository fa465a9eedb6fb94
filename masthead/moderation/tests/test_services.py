"""Moderators' actions: status changes through the comments app, bans, each one audited."""

import pytest

from masthead.comments.models import Discussion, Status
from masthead.core.refusal import Refusal
from masthead.moderation.models import AuditEntry, Ban
from masthead.moderation.services import ban_create, ban_from_comment, ban_lift, comments_moderate

pytestmark = pytest.mark.django_db


def _audit() -> list[tuple]:
    return list(
        AuditEntry.objects.order_by("id").values_list("actor__username", "action", "target", "reason")
    )


def test_bulk_approve_goes_through_comment_moderate_and_counts(make_comment, staff, discussion_article):
    held = [make_comment(body=f"held {i}", status=Status.PENDING) for i in range(3)]
    changed = comments_moderate(comments=held, status=Status.APPROVED, actor=staff, reason="fine")
    assert changed == 3
    assert Discussion.objects.get(page=discussion_article).approved_count == 3
    assert {c.status for c in held} == {Status.APPROVED}
    assert _audit() == [("ines", "approve", f"comment {c.pk}", "fine") for c in held]


def test_marking_spam_and_removing_keep_the_count_right(make_comment, staff, discussion_article):
    pending = [make_comment(body=f"held {i}", status=Status.PENDING) for i in range(2)]
    comments_moderate(comments=pending, status=Status.APPROVED, actor=staff)
    comments_moderate(comments=pending[:1], status=Status.SPAM, actor=staff, reason="ads")
    comments_moderate(comments=pending[1:], status=Status.REMOVED, actor=staff, reason="rude")
    assert Discussion.objects.get(page=discussion_article).approved_count == 0
    pending[0].refresh_from_db()
    assert (pending[0].status, pending[0].moderation_reason) == (Status.SPAM, "ads")
    assert [a[1] for a in _audit()] == ["approve", "approve", "spam", "remove"]


def test_a_comment_already_in_that_status_is_left_alone(make_comment, staff):
    comment = make_comment(status=Status.SPAM)
    assert comments_moderate(comments=[comment], status=Status.SPAM, actor=staff) == 0
    assert _audit() == []


def test_banning_an_email_normalises_it_and_is_audited_once(staff):
    ban_create(kind=Ban.Kind.EMAIL, value=" Spammer@Example.org ", actor=staff, reason="ads")
    ban_create(kind=Ban.Kind.EMAIL, value="spammer@example.org", actor=staff, reason="again")
    assert list(Ban.objects.values_list("kind", "value")) == [("email", "spammer@example.org")]
    assert _audit() == [("ines", "ban", "email spammer@example.org", "ads")]


def test_ban_from_a_comment_takes_its_network_and_can_mark_it_spam(make_comment, staff):
    comment = make_comment(network_hash="net-bad", status=Status.PENDING)
    ban = ban_from_comment(comment=comment, kind=Ban.Kind.NETWORK, actor=staff, reason="bot", mark_spam=True)
    comment.refresh_from_db()
    assert (ban.kind, ban.value, comment.status) == ("network", "net-bad", Status.SPAM)
    assert [a[1:] for a in _audit()] == [
        ("ban", "network net-bad", "bot"),
        ("spam", f"comment {comment.pk}", "bot"),
    ]


def test_a_comment_without_a_network_cannot_ban_one(make_comment, staff):
    comment = make_comment(network_hash="")
    with pytest.raises(Refusal):
        ban_from_comment(comment=comment, kind=Ban.Kind.NETWORK, actor=staff)
    assert not Ban.objects.exists()


def test_lifting_a_ban_is_audited(staff):
    ban = ban_create(kind=Ban.Kind.NETWORK, value="net-bad", actor=staff)
    ban_lift(ban=ban, actor=staff, reason="mistake")
    assert not Ban.objects.exists()
    assert _audit()[-1] == ("ines", "unban", "network net-bad", "mistake")


def test_old_screening_decisions_are_pruned(submit):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from masthead.moderation.models import ScreeningEntry
    from masthead.moderation.pipeline import comment_screen

    comment_screen(submit())
    comment_screen(submit(body="Another"))
    old = ScreeningEntry.objects.order_by("id").first()
    ScreeningEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    call_command("moderation_prune", days=90)
    assert list(ScreeningEntry.objects.values_list("pk", flat=True)) != [old.pk]
    assert ScreeningEntry.objects.count() == 1
