"""The adapter between HTTP and the services: postings, messages, what a request may reach."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from masthead.comments import http_adapter
from masthead.comments.models import Status
from masthead.comments.services import comment_status_set


@pytest.fixture
def request_(db):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    request.user = AnonymousUser()
    request.session = {}
    return request


def test_a_posting_carries_the_readers_network_hashed_never_the_address(request_, guest_commenter):
    posting = http_adapter.posting_from(request_, reader=guest_commenter, honeypot="", form_token="t1")
    other = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    assert posting.network and "203.0.113" not in posting.network
    assert posting.network != http_adapter.posting_from(other, reader=guest_commenter).network
    assert (posting.form_token, posting.reader, posting.request) == ("t1", guest_commenter, request_)


def test_the_message_says_whether_the_comment_is_shown_or_held(post):
    comment = post()
    assert http_adapter.status_message(comment) == "Your comment has been posted."
    assert http_adapter.status_message(comment, edited=True) == "Your comment has been updated."
    comment_status_set(comment=comment, status=Status.PENDING)
    assert http_adapter.status_message(comment) == "Your comment is awaiting moderation."


def test_own_comment_is_none_once_removed_or_once_its_page_is_restricted(request_, post, discussion_article):
    shown, removed = post("shown"), post("removed")
    comment_status_set(comment=removed, status=Status.REMOVED)
    comment, page = http_adapter.own_comment(request_, shown.pk)
    assert (comment.pk, page.pk) == (shown.pk, discussion_article.pk)
    assert http_adapter.own_comment(request_, removed.pk) is None
    PageViewRestriction.objects.create(
        page=discussion_article, restriction_type="password", password="s3cret"
    )
    assert http_adapter.own_comment(request_, shown.pk) is None
    assert http_adapter.comment_reachable(request_, shown.pk, missing=True) is False


def test_a_missing_comment_is_reachable_only_where_the_caller_says(request_):
    assert http_adapter.comment_reachable(request_, 987654, missing=True) is True
    assert http_adapter.comment_reachable(request_, 987654, missing=False) is False


def test_the_own_comment_html_carries_its_edit_and_delete_links(post):
    comment = post("Mine, *edited* later")
    html = http_adapter.comment_html(comment)
    assert f'id="comment-{comment.pk}"' in html
    assert f'data-edit="{comment.pk}"' in html and f'data-delete="{comment.pk}"' in html
    assert "<em>edited</em>" in html
