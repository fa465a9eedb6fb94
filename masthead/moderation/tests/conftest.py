"""Fixtures for moderation tests: an article, submissions as the comments app builds them."""

import dataclasses
import secrets
import time

import pytest

from masthead.comments.identity import key_hash
from masthead.comments.models import Comment, Status
from masthead.comments.screening import Submission
from masthead.moderation import formtoken


def aged_token(seconds: float, page_id: int | None = None) -> str:
    """A form token issued `seconds` ago."""
    nonce = secrets.token_urlsafe(6)
    return formtoken._signer().sign(f"{page_id or ''}:{nonce}:{int((time.time() - seconds) * 1000)}")


@pytest.fixture
def submit(discussion_article):
    """Builds a Submission that passes every rule unless a test changes a field."""

    def build(**changes) -> Submission:
        base = Submission(
            page_id=discussion_article.pk,
            body="The new bridge budget looks sensible to me.",
            author_name="Mina Okafor",
            author_email="mina@example.org",
            author_url="",
            user_id=None,
            is_staff=False,
            network="net-mina",
            session="g:mina",
            guest_key_hash=key_hash("mina"),  # Mina's guest cookie
            form_token=aged_token(30),
        )
        return dataclasses.replace(base, **changes)

    return build


@pytest.fixture
def make_comment(discussion_article):
    """Stores a comment directly (no pipeline), as if posted earlier."""

    def make(*, page=None, status=Status.APPROVED, **fields) -> Comment:
        values = {
            "author_name": "Mina Okafor",
            "author_email": "mina@example.org",
            "body": "An earlier comment.",
            "network_hash": "net-mina",
            **fields,
        }
        comment = Comment.objects.create(
            page=page or discussion_article, status=status, body_html=f"<p>{values['body']}</p>", **values
        )
        Comment.objects.filter(pk=comment.pk).update(root_id=comment.pk)
        comment.root_id = comment.pk
        return comment

    return make


@pytest.fixture
def regular(make_comment):
    """Mina has an approved comment already, written with her guest cookie, so the first-comment
    rule lets her through."""
    return make_comment(body="Welcome to the discussion.", page=None, edit_key_hash=key_hash("mina"))
