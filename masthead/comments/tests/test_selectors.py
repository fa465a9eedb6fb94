"""Reads: thread pages in each order, cursors, reply caps, pinned first, a fixed query count; one
comment, the moderators' listing and queue, a page's discussion row and inline count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.comments import services
from masthead.comments.identity import Reader
from masthead.comments.models import Discussion, Status
from masthead.comments.selectors import (
    comment_get,
    comments_pending_count,
    comments_with_pages,
    discussion_counts,
    discussion_get,
    discussion_inline_count,
    reader_state,
    thread_page,
)
from masthead.comments.synthetic_threads import thread_fill


def all_roots(page_id, sort):
    seen, cursor = [], ""
    while True:
        page = thread_page(page_id=page_id, sort=sort, cursor=cursor, page_size=3)
        seen += [c.body for c in page.roots]
        if not page.next_cursor:
            return seen
        cursor = page.next_cursor


def test_cursors_walk_every_root_once_in_each_order(post, discussion_article, other_commenter):
    for n in range(7):
        post(f"c{n}")
    third = thread_page(page_id=discussion_article.pk, sort="oldest").roots[3]
    services.comment_vote(comment_id=third.pk, reader=other_commenter, value=1)
    assert all_roots(discussion_article.pk, "oldest") == [f"c{n}" for n in range(7)]
    assert all_roots(discussion_article.pk, "newest") == [f"c{n}" for n in reversed(range(7))]
    assert (
        all_roots(discussion_article.pk, "voted")[0] == "c3"
        and len(all_roots(discussion_article.pk, "voted")) == 7
    )


def test_replies_come_in_thread_order_capped_with_the_rest_counted(post, discussion_article, settings):
    settings.COMMENTS_REPLIES_SHOWN = 2
    root = post("root")
    a = post("a", parent=root.pk)
    post("b", parent=root.pk)
    post("a1", parent=a.pk)
    page = thread_page(page_id=discussion_article.pk)
    assert [r.body for r in page.roots[0].shown_replies] == ["a", "a1"]
    assert page.roots[0].hidden_replies == 1 and page.approved_count == 4


def test_pinned_comments_lead_the_first_page_only(post, discussion_article):
    post("first")
    pinned = post("pinned")
    services.comment_pin(comment=pinned)
    assert [c.body for c in thread_page(page_id=discussion_article.pk).roots] == ["pinned", "first"]


def test_held_and_removed_comments_stay_out_of_the_thread(post, discussion_article):
    post("visible")
    services.comment_status_set(comment=post("gone"), status=Status.REMOVED)
    assert [c.body for c in thread_page(page_id=discussion_article.pk).roots] == ["visible"]


def test_deep_replies_are_shown_flat_beyond_five_levels(post, discussion_article):
    parent = post("level 0")
    for level in range(1, 8):
        parent = post(f"level {level}", parent=parent.pk, author_name=f"Reader {level}")
    replies = thread_page(page_id=discussion_article.pk).roots[0].shown_replies
    assert [r.display_depth for r in replies] == [1, 2, 3, 4, 5, 5, 5]
    assert replies[-1].is_flat and replies[-1].parent_author_name == "Reader 6"


def test_reader_state_lists_own_votes_and_own_pending_comments(
    post, discussion_article, guest_commenter, settings
):
    mine = post("mine")
    services.comment_vote(comment_id=mine.pk, reader=guest_commenter, value=1)
    state = reader_state(
        page_id=discussion_article.pk,
        voter=guest_commenter.voter,
        user_id=None,
        key_hash=guest_commenter.key_hash,
    )
    assert state["votes"] == {mine.pk: 1} and [c.pk for c in state["own"]] == [mine.pk]
    stranger = Reader(user=None, guest_id="someone-else")
    assert (
        reader_state(
            page_id=discussion_article.pk, voter=stranger.voter, user_id=None, key_hash=stranger.key_hash
        )["own"]
        == []
    )


def test_counts_for_many_pages_in_one_query(post, discussion_article, django_assert_num_queries):
    post()
    with django_assert_num_queries(1):
        assert discussion_counts(page_ids=[discussion_article.pk, 999999]) == {
            discussion_article.pk: 1,
            999999: 0,
        }


def _queries(page_id, sort):
    with CaptureQueriesContext(connection) as captured:
        thread_page(page_id=page_id, sort=sort)
    return len(captured)


@pytest.mark.parametrize("sort", ["oldest", "newest", "voted"])
def test_the_query_count_does_not_grow_with_the_thread(discussion_article, sort):
    thread_fill(page=discussion_article, count=100, votes=False)
    small = _queries(discussion_article.pk, sort)
    thread_fill(page=discussion_article, count=10_000, votes=False)
    assert _queries(discussion_article.pk, sort) == small <= 4


def test_comment_get_finds_a_comment_whatever_its_status(post):
    removed = post("gone")
    services.comment_status_set(comment=removed, status=Status.REMOVED)

    assert comment_get(comment_id=removed.pk) == removed
    assert comment_get(comment_id=removed.pk + 1000) is None


def test_comments_with_pages_loads_each_page_in_the_same_query(
    post, discussion_article, django_assert_num_queries
):
    post("one")
    post("two")

    with django_assert_num_queries(1):
        titles = [comment.page.title for comment in comments_with_pages()]

    assert titles == [discussion_article.title] * 2


def test_comments_pending_count_counts_only_held_comments(post):
    post("shown")
    services.comment_status_set(comment=post("held"), status=Status.PENDING)
    services.comment_status_set(comment=post("spam"), status=Status.SPAM)

    assert comments_pending_count() == 1


def test_discussion_get_is_the_pages_row_once_it_has_one(discussion_article, quiet_article):
    services.discussion_close(page=discussion_article)

    assert discussion_get(page_id=discussion_article.pk).is_closed
    with pytest.raises(Discussion.DoesNotExist):
        discussion_get(page_id=quiet_article.pk)


def test_discussion_inline_count_is_zero_without_a_discussion(discussion_article, quiet_article):
    services.discussion_close(page=discussion_article, closed=False)
    Discussion.objects.filter(page_id=discussion_article.pk).update(inline_count=3)

    assert discussion_inline_count(page_id=discussion_article.pk) == 3
    assert discussion_inline_count(page_id=quiet_article.pk) == 0
