"""The pipeline as the comments app uses it: refused → nothing stored, held → pending with its
reason, approved → visible."""

import pytest

from masthead.comments.exceptions import CommentRejected
from masthead.comments.identity import Reader
from masthead.comments.models import Comment, Status
from masthead.comments.services import Posting, comment_create
from masthead.moderation.formtoken import form_token_issue
from masthead.moderation.models import Ban, ScreeningEntry

from .conftest import aged_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pipeline(settings):
    settings.COMMENTS_SCREEN = "masthead.moderation.pipeline.comment_screen"


def _post(article, *, token: str, body="Glad the library survived.", honeypot=""):
    data = {"body": body, "author_name": "Ruth Penhaligon", "author_email": "ruth@example.org"}
    posting = Posting(
        reader=Reader(user=None, guest_id="ruth"), network="net-ruth", form_token=token, honeypot=honeypot
    )
    return comment_create(page=article, data=data, posting=posting)


def test_a_refusal_stores_nothing_and_answers_with_the_status(article):
    with pytest.raises(CommentRejected) as refusal:
        _post(article, token=aged_token(30), honeypot="http://spam.example")
    assert refusal.value.status_code == 400 and refusal.value.code == "honeypot"
    assert not Comment.objects.exists()
    assert ScreeningEntry.objects.get().reason == "honeypot"


def test_a_first_comment_is_stored_pending_with_its_reason(article):
    comment, verdict = _post(article, token=aged_token(30, page_id=article.pk))
    assert (comment.status, comment.moderation_reason) == (Status.PENDING, "first_comment")
    assert verdict.message == "Your comment is awaiting moderation."


def test_a_known_commenter_is_approved(article, make_comment):
    make_comment(author_email="ruth@example.org", body="Earlier.", network_hash="other")
    comment, verdict = _post(article, token=aged_token(30))
    assert (comment.status, verdict.reason) == (Status.APPROVED, "clean")


def test_a_banned_network_gets_403_and_nothing_is_stored(article):
    Ban.objects.create(kind="network", value="net-ruth")
    with pytest.raises(CommentRejected) as refusal:
        _post(article, token="")
    assert refusal.value.status_code == 403
    assert not Comment.objects.exists()


def test_posting_too_soon_after_the_token_was_issued(article):
    with pytest.raises(CommentRejected) as refusal:
        _post(article, token=form_token_issue(page_id=article.pk))
    assert (refusal.value.status_code, refusal.value.code) == (400, "too_fast")
