"""Every discussion endpoint serves only what the article's own page would show the same request:
nothing of unpublished, password- or login-restricted articles (Wagtail's view restrictions)."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from masthead.comments.models import Comment

pytestmark = pytest.mark.django_db
SECRET = "The mayor resigns tonight"
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_X_MASTHEAD_FRAGMENT": "1"}


@pytest.fixture
def discussion(discussion_article, post):
    root = post(body=SECRET)
    reply = post(body=f"Re: {SECRET}", parent=root.pk)
    return root, reply


def _reads(client, discussion_article, root) -> dict[str, tuple[int, str]]:
    """Every discussion endpoint a reader (or a script) can ask, with status and body."""
    answers = {
        "thread fragment": client.get(f"/comments/{discussion_article.pk}/thread/"),
        "new comments": client.get(f"/comments/{discussion_article.pk}/new/?after=0"),
        "poll": client.get(f"/comments/{discussion_article.pk}/poll/"),
        "replies fragment": client.get(f"/comments/c/{root.pk}/replies/", HTTP_X_MASTHEAD_FRAGMENT="1"),
        "replies page": client.get(f"/comments/c/{root.pk}/replies/"),
        "form token": client.get(f"/comments/{discussion_article.pk}/token/"),
        "API thread": client.get(f"/api/comments/pages/{discussion_article.pk}/thread"),
        "API counts": client.get(f"/api/comments/counts?page={discussion_article.pk}"),
    }
    return {name: (r.status_code, r.content.decode()) for name, r in answers.items()}


def _leaks(answers: dict) -> list[str]:
    leaking = [name for name, (_status, body) in answers.items() if SECRET in body]
    counted = '"counts": {"%s": 2}' % answers["API counts"][1].split('"')[3]  # noqa: UP031
    if counted in answers["API counts"][1]:
        leaking.append("API counts")
    if answers["poll"][0] == 200:
        leaking.append("poll")
    return leaking


def test_a_public_article_serves_its_discussion(client, discussion_article, discussion):
    answers = _reads(client, discussion_article, discussion[0])
    assert {name for name, (status, _body) in answers.items() if status != 200} == set()
    assert '"counts": {"%s": 2}' % discussion_article.pk in answers["API counts"][1]  # noqa: UP031


@pytest.mark.parametrize("kind", ["password", "login"])
def test_a_restricted_article_serves_nothing_to_a_reader_not_let_in(
    client, discussion_article, discussion, kind
):
    PageViewRestriction.objects.create(page=discussion_article, restriction_type=kind, password="hunter2")
    assert client.get(discussion_article.url).status_code in (
        200,
        302,
    )  # the page asks for the password/login
    assert SECRET not in client.get(discussion_article.url).content.decode()

    assert _leaks(_reads(client, discussion_article, discussion[0])) == []


def test_an_unpublished_article_serves_nothing(client, discussion_article, discussion):
    discussion_article.unpublish()

    assert _leaks(_reads(client, discussion_article, discussion[0])) == []


def test_a_reader_who_gave_the_password_reads_it_privately(
    client, discussion_article, discussion, django_user_model
):
    restriction = PageViewRestriction.objects.create(
        page=discussion_article, restriction_type="password", password="hunter2"
    )
    form = client.get(discussion_article.url).content.decode()
    assert "password" in form.lower()
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{discussion_article.pk}/",
        {"password": "hunter2", "return_url": discussion_article.url},
    )

    thread = client.get(f"/comments/{discussion_article.pk}/thread/")
    api = client.get(f"/api/comments/pages/{discussion_article.pk}/thread")

    assert SECRET in thread.content.decode() and SECRET in api.content.decode()
    for answer in (thread, api):
        assert "private" in answer["Cache-Control"] and "public" not in answer["Cache-Control"]
    assert SECRET not in Client().get(f"/api/comments/pages/{discussion_article.pk}/thread").content.decode()


def test_no_quote_check_against_a_restricted_text(client, discussion_article, settings):
    """A guesser posting passages to learn whether they are in the text gets one answer."""
    restriction = PageViewRestriction.objects.create(
        page=discussion_article, restriction_type="password", password="pw"
    )
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{discussion_article.pk}/",
        {"password": "pw", "return_url": discussion_article.url},
    )
    text = "Riverside Borough Council approved its budget for the coming year"  # the story opens so

    def quote(exact: str):
        data = {
            "body": "Is this in it?",
            "author_name": "Guesser",
            "author_email": "g@example.org",
            "inline_exact": exact,
            "inline_start": "0",
            "inline_end": str(len(exact)),
        }
        return client.post(f"/comments/{discussion_article.pk}/post/", data, **SAME_SITE)

    right, wrong = quote(text[:20]), quote("The mayor resigns to")
    assert (right.status_code, right.json()["error"]) == (wrong.status_code, wrong.json()["error"])
    assert right.status_code == 403 and not Comment.objects.exists()


def test_screening_runs_before_the_quote_is_compared(client, discussion_article, settings):
    """Over the rate limit, a post with a quote is refused before the quote is looked at."""
    settings.COMMENTS_SCREEN = "masthead.moderation.pipeline.comment_screen"
    settings.MODERATION_RATE_NETWORK = "1/60"
    settings.MODERATION_MIN_FILL_SECONDS = 0
    data = {"body": "A comment", "author_name": "G", "author_email": "g@example.org"}
    client.post(f"/comments/{discussion_article.pk}/post/", data, **SAME_SITE)

    wrong = {**data, "body": "Another", "inline_exact": "Not in it", "inline_start": "0", "inline_end": "9"}
    answer = client.post(f"/comments/{discussion_article.pk}/post/", wrong, **SAME_SITE)

    assert answer.status_code == 429


def _own_answers(client, discussion_article, comment_id: int) -> dict[str, tuple[int, str]]:
    """What the author's own endpoints answer: "me", the edit and delete pages and forms, the API."""
    api = {**SAME_SITE, "content_type": "application/json"}
    answers = {
        "me": client.get(f"/comments/{discussion_article.pk}/me/"),
        "edit page": client.get(f"/comments/c/{comment_id}/edit/"),
        "edit": client.post(f"/comments/c/{comment_id}/edit/", {"body": "Edited"}, **SAME_SITE),
        "delete page": client.get(f"/comments/c/{comment_id}/delete/"),
        "API edit": client.patch(f"/api/comments/{comment_id}", {"body": "Edited"}, **api),
        "API vote": client.post(f"/api/comments/{comment_id}/vote", {"value": 1}, **api),
        "delete": client.post(f"/comments/c/{comment_id}/delete/", **SAME_SITE),
        "API delete": client.delete(f"/api/comments/{comment_id}", **SAME_SITE),
    }
    return {name: (r.status_code, r.content.decode()) for name, r in answers.items()}


def _hide(discussion_article, how: str) -> None:
    if how == "unpublished":
        discussion_article.unpublish()
    else:
        PageViewRestriction.objects.create(page=discussion_article, restriction_type=how, password="hunter2")


@pytest.mark.parametrize("how", ["password", "login", "unpublished"])
def test_the_author_of_a_comment_reaches_it_no_more_once_the_article_is_hidden(
    client, discussion_article, how
):
    """A guest who wrote on an article that later became restricted or unpublished gets from
    their own endpoints what the article's page gives them: nothing of the thread, no change."""
    data = {"body": SECRET, "author_name": "Ruth", "author_email": "ruth@example.org"}
    comment_id = client.post(f"/comments/{discussion_article.pk}/post/", data, **SAME_SITE).json()["id"]
    _hide(discussion_article, how)

    answers = _own_answers(client, discussion_article, comment_id)

    assert {name: status for name, (status, _body) in answers.items()} == dict.fromkeys(answers, 404)
    assert [name for name, (_status, body) in answers.items() if SECRET in body] == []
    comment = Comment.objects.get()
    assert (comment.body, comment.status, comment.up) == (SECRET, "approved", 0)


def test_on_a_public_article_the_author_edits_and_deletes_through_the_same_endpoints(
    client, discussion_article
):
    data = {"body": SECRET, "author_name": "Ruth", "author_email": "ruth@example.org"}
    comment_id = client.post(f"/comments/{discussion_article.pk}/post/", data, **SAME_SITE).json()["id"]

    answers = _own_answers(client, discussion_article, comment_id)

    assert SECRET in answers["me"][1]
    assert {name: status for name, (status, _body) in answers.items()} == {
        "me": 200,
        "edit page": 200,
        "edit": 200,
        "delete page": 200,
        "API edit": 200,
        "API vote": 200,
        "delete": 200,
        "API delete": 404,  # already deleted by the form just before
    }
