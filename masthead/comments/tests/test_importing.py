"""Comments brought from another system land in threads exactly as if written here."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.comments import services
from masthead.comments.importing import CommentImport, comments_import, comments_import_update
from masthead.comments.models import Comment, Status
from masthead.comments.selectors import discussion_count, thread_page

WHEN = datetime(2016, 5, 4, 12, 0, tzinfo=UTC)


def item(key, page, parent=None, *, status=Status.APPROVED, body=None, up=0, down=0, minutes=0):
    return CommentImport(
        key=key,
        page_id=page.pk,
        parent_key=parent,
        author_name=f"Reader {key}",
        author_email=f"{key}@example.org",
        author_url="",
        created_at=WHEN + timedelta(minutes=minutes),
        body=body or f"comment {key}",
        status=status,
        up=up,
        down=down,
    )


def shown(page):
    """The thread as a reader sees it: (body, depth) in display order."""
    out = []
    for root in thread_page(page_id=page.pk).roots:
        out.append((root.body, 0))
        out += [(reply.body, reply.depth) for reply in root.shown_replies]
    return out


def test_children_before_parents_make_the_same_thread(discussion_article):
    batch = [
        item("3", discussion_article, "2", minutes=3),
        item("2", discussion_article, "1", minutes=2),
        item("4", discussion_article, "1", minutes=4),
        item("1", discussion_article, minutes=1),
        item("5", discussion_article, minutes=5),
    ]
    ids = comments_import(comments=batch, known={})
    assert shown(discussion_article) == [
        ("comment 1", 0),
        ("comment 2", 1),
        ("comment 3", 2),
        ("comment 4", 1),
        ("comment 5", 0),
    ]
    root = Comment.objects.get(pk=ids["1"])
    assert root.root_id == root.pk and root.reply_count == 3 and root.reply_seq == 2
    assert Comment.objects.get(pk=ids["3"]).root_id == root.pk
    assert Comment.objects.get(pk=ids["3"]).parent_author_name == "Reader 2"
    assert Comment.objects.get(pk=ids["1"]).created_at == WHEN + timedelta(minutes=1)
    assert discussion_count(page_id=discussion_article.pk) == 5


def test_only_approved_comments_are_shown_and_counted(discussion_article):
    comments_import(
        comments=[
            item("1", discussion_article),
            item("2", discussion_article, "1", status=Status.PENDING),
            item("3", discussion_article, status=Status.SPAM),
            item("4", discussion_article, status=Status.REMOVED),
        ],
        known={},
    )
    assert shown(discussion_article) == [("comment 1", 0)]
    assert discussion_count(page_id=discussion_article.pk) == 1
    assert Comment.objects.filter(page=discussion_article, status=Status.PENDING).count() == 1


def test_votes_become_tallies_and_order_most_voted(discussion_article):
    comments_import(
        comments=[item("1", discussion_article, up=2), item("2", discussion_article, up=9, down=1)], known={}
    )
    page = thread_page(page_id=discussion_article.pk, sort="voted")
    assert [(c.body, c.up, c.down, c.score) for c in page.roots] == [
        ("comment 2", 9, 1, 8),
        ("comment 1", 2, 0, 2),
    ]


def test_a_later_batch_and_a_reader_reply_continue_an_imported_thread(discussion_article, guest_commenter):
    first = comments_import(
        comments=[item("1", discussion_article), item("2", discussion_article, "1")], known={}
    )
    second = comments_import(
        comments=[
            item("4", discussion_article, "3", minutes=10),
            item("3", discussion_article, "1", minutes=9),
        ],
        known=first,
    )
    services.comment_create(
        page=discussion_article,
        data={
            "body": "typed here",
            "author_name": "Ruth",
            "author_email": "r@example.org",
            "parent": first["1"],
        },
        posting=services.Posting(reader=guest_commenter, network="n"),
    )
    paths = list(
        Comment.objects.filter(root_id=first["1"], depth=1).order_by("path").values_list("body", "path")
    )
    assert [body for body, _ in paths] == ["comment 2", "comment 3", "typed here"]
    assert len({path for _, path in paths}) == 3
    assert Comment.objects.get(pk=first["1"]).reply_count == 4
    grandchild = Comment.objects.get(pk=second["4"])
    assert (grandchild.root_id, grandchild.depth, grandchild.parent_id) == (first["1"], 2, second["3"])
    assert Comment.objects.get(pk=second["3"]).reply_seq == 1
    assert discussion_count(page_id=discussion_article.pk) == 5


def test_a_hostile_body_is_rendered_inert(discussion_article):
    ids = comments_import(
        comments=[item("1", discussion_article, body="<script>alert(1)</script> [x](javascript:alert(1))")],
        known={},
    )
    html = Comment.objects.get(pk=ids["1"]).body_html
    assert "<script" not in html and "href" not in html and "&lt;script&gt;" in html


def test_a_cycle_of_parents_still_imports_every_comment(discussion_article):
    ids = comments_import(
        comments=[item("1", discussion_article, "2"), item("2", discussion_article, "1")], known={}
    )
    assert len(ids) == 2 and discussion_count(page_id=discussion_article.pk) == 2


@pytest.fixture
def imported(discussion_article):
    batch = [
        item("1", discussion_article, up=1),
        item("2", discussion_article, status=Status.PENDING),
        item("3", discussion_article),
    ]
    return batch, comments_import(comments=batch, known={})


def test_a_rerun_with_nothing_changed_changes_nothing(imported, discussion_article):
    batch, known = imported
    result = comments_import_update(comments=batch, known=known)
    assert sorted(result.unchanged) == ["1", "2", "3"] and not result.updated
    assert discussion_count(page_id=discussion_article.pk) == 2


def test_a_rerun_brings_votes_bodies_and_approvals_up_to_date(imported, discussion_article):
    _batch, known = imported
    newer = [
        item("1", discussion_article, up=5, down=2),
        item("2", discussion_article, status=Status.APPROVED),
        item("3", discussion_article, body="edited on the old site"),
    ]
    result = comments_import_update(comments=newer, known=known)
    assert sorted(result.updated) == ["1", "2", "3"]
    assert discussion_count(page_id=discussion_article.pk) == 3
    one = Comment.objects.get(pk=known["1"])
    assert (one.up, one.down, one.score) == (5, 2, 3)
    assert "edited on the old site" in Comment.objects.get(pk=known["3"]).body_html


def test_a_rerun_never_undoes_a_moderator_or_an_edit_made_here(imported, discussion_article):
    _batch, known = imported
    services.comment_status_set(comment=Comment.objects.get(pk=known["2"]), status=Status.APPROVED)
    services.comment_status_set(comment=Comment.objects.get(pk=known["1"]), status=Status.REMOVED)
    Comment.objects.filter(pk=known["3"]).update(body="fixed here", edited_at=WHEN)
    result = comments_import_update(
        comments=[
            item("1", discussion_article, up=1),
            item("2", discussion_article, status=Status.PENDING),
            item("3", discussion_article, body="x"),
        ],
        known=known,
    )
    assert result.conflicts == ["3"]
    assert Comment.objects.get(pk=known["1"]).status == Status.REMOVED
    assert Comment.objects.get(pk=known["2"]).status == Status.APPROVED
    assert Comment.objects.get(pk=known["3"]).body == "fixed here"


def test_spam_on_the_old_site_removes_an_approved_comment_and_its_count(imported, discussion_article):
    _batch, known = imported
    comments_import_update(comments=[item("3", discussion_article, status=Status.SPAM)], known=known)
    assert discussion_count(page_id=discussion_article.pk) == 1
    assert shown(discussion_article) == [("comment 1", 0)]
