"""Writes: posting, replying, screening verdicts, moderation counts, edits, deletes, votes."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from masthead.comments import services
from masthead.comments.identity import Reader
from masthead.comments.models import Comment, Discussion, Role, Status, Vote
from masthead.comments.screening import Verdict
from masthead.core.refusal import Refusal

from .conftest import make_post

HOLD = "masthead.comments.tests.test_services.hold_all"
REJECT = "masthead.comments.tests.test_services.reject_all"


def hold_all(submission):
    return Verdict(action="hold", reason="first_comment")


def reject_all(submission):
    return Verdict(action="reject", reason="banned_word", message="Not allowed here.", status_code=400)


def count(discussion_article):
    return Discussion.objects.get(page=discussion_article).approved_count


def test_an_approved_comment_counts_and_is_rendered_once(post, discussion_article):
    comment = post("I *love* this")
    assert comment.status == Status.APPROVED and comment.role == Role.GUEST
    assert "<em>love</em>" in comment.body_html
    assert count(discussion_article) == 1 and comment.root_id == comment.pk and comment.depth == 0


def test_replies_get_depth_first_paths_and_the_root_counts_them(post, discussion_article):
    root = post("root")
    first = post("first", parent=root.pk)
    second = post("second", parent=root.pk)
    grandchild = post("grand", parent=first.pk)
    ordered = list(Comment.objects.filter(root=root).order_by("path").values_list("body", flat=True))
    assert ordered == ["root", "first", "grand", "second"]
    assert grandchild.depth == 2 and grandchild.parent_author_name == "Ruth Penhaligon"
    assert Comment.objects.get(pk=root.pk).reply_count == 3 and count(discussion_article) == 4
    assert grandchild.path.startswith(first.path) and first.path < grandchild.path < second.path


@override_settings(COMMENTS_SCREEN=HOLD)
def test_a_held_comment_is_pending_with_the_reason_and_not_counted(post, discussion_article):
    comment = post()
    assert comment.status == Status.PENDING and comment.moderation_reason == "first_comment"
    assert not Discussion.objects.filter(page=discussion_article, approved_count__gt=0).exists()


@override_settings(COMMENTS_SCREEN=REJECT)
def test_a_rejected_comment_stores_nothing(post):
    with pytest.raises(Refusal) as caught:
        post()
    assert caught.value.message == "Not allowed here." and caught.value.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"body": "   "}, 400, "body"),
        ({"body": "x" * 5001}, 413, "body"),
        ({"author_email": "not-an-email"}, 400, "author_email"),
        ({"author_name": ""}, 400, "author_name"),
        ({"author_url": "javascript:alert(1)"}, 400, "author_url"),
        ({"body": "\x00\x01\x02binary\xff\ufffd"}, 400, "body"),
        ({"parent": "999999"}, 404, "parent"),
    ],
)
def test_bad_input_is_refused_with_its_status_and_nothing_is_stored(
    discussion_article, guest_commenter, fields, status, field
):
    data = {"body": "fine", **fields}
    with pytest.raises(Refusal) as caught:
        make_post(discussion_article, guest_commenter, **data)
    assert (caught.value.status_code, caught.value.field) == (status, field)
    assert not Comment.objects.exists()


def test_a_reply_to_a_removed_comment_is_refused(post):
    parent = post()
    services.comment_status_set(comment=parent, status=Status.REMOVED)
    with pytest.raises(Refusal) as caught:
        post("reply", parent=parent.pk)
    assert caught.value.status_code == 404


def test_closed_threads_refuse_comments(post, discussion_article):
    services.discussion_close(page=discussion_article)
    with pytest.raises(Refusal) as caught:
        post()
    assert caught.value.status_code == 403


@override_settings(COMMENTS_CLOSE_AFTER_DAYS=30)
def test_threads_close_by_age(post, discussion_article):
    type(discussion_article).objects.filter(pk=discussion_article.pk).update(
        first_published_at=timezone.now() - timedelta(days=31)
    )
    discussion_article.refresh_from_db()
    with pytest.raises(Refusal):
        post()


def test_moderation_moves_the_counts_both_ways(post, discussion_article):
    root = post()
    reply = post("reply", parent=root.pk)
    services.comment_status_set(comment=reply, status=Status.SPAM, reason="spam")
    assert count(discussion_article) == 1 and Comment.objects.get(pk=root.pk).reply_count == 0
    services.comment_status_set(comment=reply, status=Status.SPAM)  # twice: no double count
    assert count(discussion_article) == 1
    services.comment_status_set(comment=reply, status=Status.APPROVED)
    assert count(discussion_article) == 2 and Comment.objects.get(pk=root.pk).reply_count == 1


def test_approval_sends_comment_approved_once_after_commit(post, django_capture_on_commit_callbacks):
    from masthead.comments.signals import comment_approved

    seen = []
    comment_approved.connect(
        lambda sender, comment, **kw: seen.append(comment.pk), weak=False, dispatch_uid="test-seen"
    )
    try:
        with override_settings(COMMENTS_SCREEN=HOLD):
            comment = post()
        with django_capture_on_commit_callbacks(execute=True):
            services.comment_status_set(comment=comment, status=Status.APPROVED)
        assert seen == [comment.pk]
    finally:
        comment_approved.disconnect(dispatch_uid="test-seen")


def test_the_author_edits_within_the_window_and_others_cannot(post, guest_commenter, other_commenter):
    comment = post("first version")
    edited, _ = services.comment_edit(
        comment=comment,
        body="second *version*",
        posting=services.Posting(reader=guest_commenter, network="n1"),
    )
    assert edited.edited_at is not None and "<em>version</em>" in edited.body_html
    with pytest.raises(Refusal) as caught:
        services.comment_edit(
            comment=edited, body="hijack", posting=services.Posting(reader=other_commenter, network="")
        )
    assert caught.value.status_code == 403


def test_the_edit_window_closes(post, guest_commenter):
    comment = post()
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    comment.refresh_from_db()
    assert not services.comment_can_edit(comment=comment, reader=guest_commenter)
    with pytest.raises(Refusal):
        services.comment_delete(comment=comment, reader=guest_commenter)


@override_settings(COMMENTS_SCREEN=HOLD)
def test_a_held_edit_hides_an_approved_comment(post, guest_commenter, discussion_article):
    with override_settings(COMMENTS_SCREEN="masthead.comments.screening.approve_all"):
        comment = post()
    services.comment_edit(
        comment=comment,
        body="now with a suspect word",
        posting=services.Posting(reader=guest_commenter, network=""),
    )
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING and count(discussion_article) == 0


def test_delete_removes_from_view_and_the_count(post, guest_commenter, discussion_article):
    comment = post()
    services.comment_delete(comment=comment, reader=guest_commenter)
    assert Comment.objects.get(pk=comment.pk).status == Status.REMOVED and count(discussion_article) == 0


def test_votes_are_cast_changed_withdrawn_and_never_doubled(post, other_commenter):
    comment = post()
    result = services.comment_vote(comment_id=comment.pk, reader=other_commenter, value=1)
    assert (result.up, result.down) == (1, 0)
    with pytest.raises(Refusal) as caught:
        services.comment_vote(comment_id=comment.pk, reader=other_commenter, value=1)
    assert caught.value.status_code == 409
    result = services.comment_vote(comment_id=comment.pk, reader=other_commenter, value=-1)
    assert (result.up, result.down) == (0, 1)
    result = services.comment_vote(comment_id=comment.pk, reader=other_commenter, value=0)
    assert (result.up, result.down, result.value) == (0, 0, 0)
    assert not Vote.objects.exists() and Comment.objects.get(pk=comment.pk).score == 0


def test_seeded_votes_are_stored_with_their_tallies_and_hold_like_any_vote(post):
    comment = post()
    services.votes_seed(comment=comment, up=3, down=1, voter_prefix="demo-reader")
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.up, stored.down, stored.score) == (3, 1, 2)
    assert sorted(Vote.objects.values_list("voter", "value")) == [
        ("g:demo-reader-0", 1),
        ("g:demo-reader-1", 1),
        ("g:demo-reader-2", 1),
        ("g:demo-reader-3", -1),
    ]
    seeded = Reader(user=None, guest_id="demo-reader-3")
    result = services.comment_vote(comment_id=comment.pk, reader=seeded, value=1)  # changes its mind
    assert (result.up, result.down) == (4, 0)


def test_a_vote_on_a_removed_comment_is_refused(post, other_commenter):
    comment = post()
    services.comment_status_set(comment=comment, status=Status.REMOVED)
    with pytest.raises(Refusal) as caught:
        services.comment_vote(comment_id=comment.pk, reader=other_commenter, value=1)
    assert caught.value.status_code == 404


def test_staff_and_the_article_author_get_their_labels(discussion_article):
    User = get_user_model()
    editor = User.objects.create_user("jonah", first_name="Jonah", last_name="Whitcombe", is_staff=True)
    reporter = User.objects.create_user("maren", first_name="Maren", last_name="Okafor", is_staff=True)
    staff_comment = make_post(discussion_article, Reader(user=editor, guest_id=""))
    author_comment = make_post(discussion_article, Reader(user=reporter, guest_id=""))
    assert (staff_comment.role, author_comment.role) == (Role.STAFF, Role.AUTHOR)
    assert staff_comment.author_name == "Jonah Whitcombe"


def test_the_author_label_knows_the_translated_byline(discussion_article, reporter):
    from masthead.newsroom.services import snippet_translate
    from masthead.newsroom.tests.factories import arabic_locale

    snippet_translate(reporter, locale=arabic_locale(), name="مارين أوكافور")
    user = get_user_model().objects.create_user("maren-ar", first_name="مارين", last_name="أوكافور")
    assert make_post(discussion_article, Reader(user=user, guest_id="")).role == Role.AUTHOR


def test_votes_from_one_network_are_limited(post, settings):
    settings.COMMENTS_RATE_VOTES_NETWORK = "3/3600"
    comments = [post(f"c{n}") for n in range(4)]
    for n, comment in enumerate(comments[:3]):
        services.comment_vote(
            comment_id=comment.pk, reader=Reader(user=None, guest_id=f"g{n}"), value=1, network="net-a"
        )
    with pytest.raises(Refusal) as caught:
        services.comment_vote(
            comment_id=comments[3].pk, reader=Reader(user=None, guest_id="fresh"), value=1, network="net-a"
        )
    assert caught.value.status_code == 429
    assert Comment.objects.get(pk=comments[3].pk).up == 0


def test_stale_renderings_are_made_again_from_the_body(post):
    comment = post("*again*")
    Comment.objects.filter(pk=comment.pk).update(body_html="<p>old</p>", renderer_version=0)
    assert services.comments_rerender() == 1
    assert Comment.objects.get(pk=comment.pk).body_html == "<p><em>again</em></p>\n"
