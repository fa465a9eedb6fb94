"""Votes and replies stay exact when many requests arrive at once (threads, real connections).

Runs on the SQLite file database by default and on PostgreSQL with DATABASE_URL.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from masthead.comments import services
from masthead.comments.identity import Reader
from masthead.comments.models import Comment, Discussion, Vote
from masthead.core.refusal import Refusal

from .conftest import make_post

pytestmark = pytest.mark.django_db(transaction=True)


def _in_thread(function):
    def run(*args):
        try:
            return function(*args)
        except Refusal as error:
            return error.status_code
        finally:
            connection.close()

    return run


def test_many_voters_at_once_are_all_counted(discussion_article, guest_commenter):
    comment = make_post(discussion_article, guest_commenter)
    vote = _in_thread(
        lambda n: services.comment_vote(
            comment_id=comment.pk, reader=Reader(user=None, guest_id=f"v{n}"), value=1 if n % 3 else -1
        )
    )
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(vote, range(48)))
    comment.refresh_from_db()
    assert (comment.up, comment.down) == (32, 16) and Vote.objects.count() == 48


def test_one_voter_pressing_eight_times_at_once_counts_once(discussion_article, guest_commenter):
    comment = make_post(discussion_article, guest_commenter)
    same = Reader(user=None, guest_id="impatient")
    vote = _in_thread(lambda n: services.comment_vote(comment_id=comment.pk, reader=same, value=1))
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(vote, range(8)))
    comment.refresh_from_db()
    assert comment.up == 1 and Vote.objects.count() == 1
    assert sorted(r if isinstance(r, int) else 200 for r in results) == [200] + [409] * 7


def test_concurrent_replies_get_distinct_paths_and_exact_counts(discussion_article, guest_commenter):
    root = make_post(discussion_article, guest_commenter)
    reply = _in_thread(
        lambda n: make_post(
            discussion_article, Reader(user=None, guest_id=f"r{n}"), f"reply {n}", parent=root.pk
        )
    )
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(reply, range(32)))
    paths = list(Comment.objects.filter(depth=1).values_list("path", flat=True))
    assert len(paths) == len(set(paths)) == 32
    assert Comment.objects.get(pk=root.pk).reply_count == 32
    assert Discussion.objects.get(page=discussion_article).approved_count == 33
