"""Reads of moderation: which ban applies, and every comment written under an address."""

import pytest

from masthead.comments.models import Status
from masthead.moderation.models import Ban
from masthead.moderation.selectors import author_has_approved_comment, ban_find, comments_by_email

pytestmark = pytest.mark.django_db


def test_a_ban_applies_by_address_in_any_case_or_by_network():
    by_email = Ban.objects.create(kind=Ban.Kind.EMAIL, value="mina@example.org")
    by_network = Ban.objects.create(kind=Ban.Kind.NETWORK, value="net-east")
    assert ban_find(email="Mina@Example.org", network="") == by_email
    assert ban_find(email="", network="net-east") == by_network
    assert ban_find(email="ruth@example.org", network="net-west") is None
    assert ban_find(email="", network="") is None


def test_comments_by_email_finds_every_status_and_nobody_elses(make_comment):
    approved = make_comment(author_email="mina@example.org")
    held = make_comment(author_email="MINA@example.org", status=Status.PENDING)
    make_comment(author_email="ruth@example.org")
    assert set(comments_by_email(email="mina@example.org")) == {approved, held}


def test_only_an_approved_comment_by_the_same_cookie_or_account_counts(make_comment):
    make_comment(edit_key_hash="cookie-mina")
    make_comment(edit_key_hash="cookie-held", status=Status.PENDING)
    assert author_has_approved_comment(user_id=None, guest_key_hash="cookie-mina") is True
    assert author_has_approved_comment(user_id=None, guest_key_hash="cookie-held") is False
    assert author_has_approved_comment(user_id=None, guest_key_hash="") is False
