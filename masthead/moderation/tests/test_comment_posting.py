"""The pipeline as the comments app uses it: refused → nothing stored, held → pending with its
reason, approved → visible."""

import pytest

from masthead.comments.identity import Reader, key_hash
from masthead.comments.models import Comment, Status
from masthead.comments.services import Posting, comment_create
from masthead.core.refusal import Refusal
from masthead.moderation.formtoken import form_token_issue
from masthead.moderation.models import Ban, ScreeningEntry

from .conftest import aged_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pipeline(settings):
    settings.COMMENTS_SCREEN = "masthead.moderation.pipeline.comment_screen"


def _post(discussion_article, *, token: str, body="Glad the library survived.", honeypot=""):
    data = {"body": body, "author_name": "Ruth Penhaligon", "author_email": "ruth@example.org"}
    posting = Posting(
        reader=Reader(user=None, guest_id="ruth"), network="net-ruth", form_token=token, honeypot=honeypot
    )
    return comment_create(page=discussion_article, data=data, posting=posting)


def test_a_refusal_stores_nothing_and_answers_with_the_status(discussion_article):
    with pytest.raises(Refusal) as refusal:
        _post(discussion_article, token=aged_token(30), honeypot="http://spam.example")
    assert refusal.value.status_code == 403 and refusal.value.code == "refused"  # the same for every trap
    assert not Comment.objects.exists()
    assert ScreeningEntry.objects.get().reason == "honeypot"


def test_a_first_comment_is_stored_pending_with_its_reason(discussion_article):
    comment, verdict = _post(discussion_article, token=aged_token(30, page_id=discussion_article.pk))
    assert (comment.status, comment.moderation_reason) == (Status.PENDING, "first_comment")
    assert verdict.message == "Your comment is awaiting moderation."


def test_a_known_commenter_is_approved(discussion_article, make_comment):
    make_comment(
        author_email="ruth@example.org", body="Earlier.", network_hash="other", edit_key_hash=key_hash("ruth")
    )
    comment, verdict = _post(discussion_article, token=aged_token(30))
    assert (comment.status, verdict.reason) == (Status.APPROVED, "clean")


def test_a_banned_network_gets_403_and_nothing_is_stored(discussion_article):
    Ban.objects.create(kind="network", value="net-ruth")
    with pytest.raises(Refusal) as refusal:
        _post(discussion_article, token="")
    assert refusal.value.status_code == 403
    assert not Comment.objects.exists()


def test_posting_too_soon_after_the_token_was_issued(discussion_article):
    with pytest.raises(Refusal) as refusal:
        _post(discussion_article, token=form_token_issue(page_id=discussion_article.pk))
    assert (refusal.value.status_code, refusal.value.code) == (400, "too_fast")


# --- From outside: posts over HTTP, as a browser (or a bot) sends them -------------------------

SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_X_MASTHEAD_FRAGMENT": "1"}


@pytest.fixture
def story(db, settings):
    from masthead.newsroom.services import article_publish, home_ensure

    settings.MODERATION_MIN_FILL_SECONDS = 0  # no waiting between the token and the post
    home, _ = home_ensure(title="The Riverside Ledger")
    return article_publish(
        home=home, title="Library survives", slug="library", standfirst="", body=[], authors=[], topics=[]
    )


def _http_post(client, story, *, email="mina@example.org", token=None, **fields):
    if token is None:
        token = client.get(f"/comments/{story.pk}/token/").json()["token"]
    data = {"body": "Glad the library survived.", "author_name": "Mina", "author_email": email}
    return client.post(f"/comments/{story.pk}/post/", {**data, "form_token": token, **fields}, **SAME_SITE)


def test_a_guest_typing_a_regular_commenters_email_is_still_held(client, story):
    from django.test import Client

    first = _http_post(client, story, body="My first comment.").json()
    Comment.objects.filter(pk=first["id"]).update(status=Status.APPROVED)  # a moderator approved it

    impostor = _http_post(Client(), story, body="Posing as Mina.")
    mina_again = _http_post(client, story, body="Mina, from her own browser.")

    assert impostor.status_code == 201 and impostor.json()["status"] == "pending"
    assert Comment.objects.get(pk=impostor.json()["id"]).moderation_reason == "first_comment"
    assert mina_again.json()["status"] == "approved"  # her cookie wrote the approved comment


def test_a_form_token_is_good_for_one_comment(client, story):
    token = client.get(f"/comments/{story.pk}/token/").json()["token"]
    _http_post(client, story, token=token, body="The first comment.")
    Comment.objects.update(status=Status.APPROVED)

    replay = _http_post(client, story, token=token, body="A second comment, same token.")

    assert replay.json()["status"] == "pending"
    assert Comment.objects.get(pk=replay.json()["id"]).moderation_reason == "token_used"


def test_honeypot_ban_and_banned_word_get_one_and_the_same_refusal(client, story):
    from django.test import Client

    from masthead.moderation.models import WordLists

    Ban.objects.create(kind="email", value="banned@example.org")
    lists = WordLists.load()
    lists.banned_words = "casino"
    lists.save()
    answers = [
        _http_post(Client(), story, fax="http://spam.example"),
        _http_post(Client(), story, email="banned@example.org"),
        _http_post(Client(), story, body="Best casino bonus here."),
    ]

    assert {(a.status_code, a.content) for a in answers} == {
        (403, b'{"error": "Your comment could not be posted.", "field": "", "code": "refused"}')
    }
    assert not Comment.objects.exists()
    reasons = set(ScreeningEntry.objects.values_list("reason", flat=True))
    assert reasons == {"honeypot", "banned_email", "banned_word"}  # the log still knows
