"""The thread under an article on pages still rendered per request (here the author's own
?posted= page): the first page in each order is read and dressed once, and a change to the thread
shows at once."""

import re

import pytest
from django.test import Client

from masthead.comments import selectors, thread_html
from masthead.comments.services import comment_vote
from masthead.comments.tokens import posted_token_issue


@pytest.fixture
def builds(monkeypatch):
    """How many times the thread's first page was read and its HTML built."""
    counted = {"read": 0, "html": 0}
    real_read, real_html = selectors.thread_page, thread_html.comments_html

    def read(**kwargs):
        counted["read"] += 1
        return real_read(**kwargs)

    def html(comments, **kwargs):
        counted["html"] += 1
        return real_html(comments, **kwargs)

    monkeypatch.setattr(selectors, "thread_page", read)
    monkeypatch.setattr("masthead.comments.templatetags.discussion.comments_html", html)
    return counted


def _thread(html: str) -> str:
    return re.search(
        r'<ol class="d-list" data-thread>(.*?)</ol>\s*(<p class="d-more"|</section>|<aside)', html, re.S
    )[1]


def _own_page(page, comment, sort="") -> str:
    query = f"?posted={posted_token_issue(comment_id=comment.pk)}" + (f"&sort={sort}" if sort else "")
    response = Client().get(page.url + query)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    return response.content.decode()


def test_the_first_page_of_the_thread_is_built_once_for_many_renders(discussion_article, post, builds):
    first = post("The first words.")
    post("Second thoughts.")
    mine = post("My own comment.")

    pages = [_own_page(discussion_article, mine) for _ in range(3)]

    # The thread once; the author's own comment, at the top, on each render (it is theirs alone).
    assert builds == {"read": 1, "html": 1 + len(pages)}
    assert _thread(pages[0]) == _thread(pages[2])
    assert "The first words." in _thread(pages[2]) and f'id="comment-{first.pk}"' in pages[2]


def test_a_new_comment_and_a_vote_show_at_once(
    discussion_article, post, other_commenter, builds, django_capture_on_commit_callbacks
):
    mine = post("My own comment.")
    _own_page(discussion_article, mine)

    with django_capture_on_commit_callbacks(execute=True):  # as when the request's transaction ends
        post("A reply from the bridge.", reader=other_commenter)
    assert "A reply from the bridge." in _thread(_own_page(discussion_article, mine))

    with django_capture_on_commit_callbacks(execute=True):
        comment_vote(comment_id=mine.pk, reader=other_commenter, value=1)
    voted = _own_page(discussion_article, mine)
    tally = re.search(rf'id="comment-{mine.pk}".*?<span data-up>(\d+)</span>', _thread(voted), re.S)
    assert tally[1] == "1"
    assert builds["read"] == 3


def test_each_order_keeps_its_own_first_page(discussion_article, post, builds):
    older, newer = post("Older words."), post("Newer words.")

    oldest = [_own_page(discussion_article, older, sort="oldest") for _ in range(2)]
    newest = [_own_page(discussion_article, older, sort="newest") for _ in range(2)]

    assert builds["read"] == 2
    assert _thread(oldest[1]).index("Older words.") < _thread(oldest[1]).index("Newer words.")
    assert _thread(newest[1]).index("Newer words.") < _thread(newest[1]).index("Older words.")
    assert newer.pk
