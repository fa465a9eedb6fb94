"""The comment form of the Arabic edition: Arabic labels, and Arabic errors without JavaScript."""

import re

import pytest

pytestmark = pytest.mark.once  # text alone: the same words on any database


@pytest.fixture
def arabic_article(newsroom, client):
    response = client.get("/ar/council-budget-vote/")
    assert response.status_code == 200
    return response.content.decode()


def _label(html: str, field_id: str) -> str:
    match = re.search(rf'<label for="{field_id}">([^<]*)</label>', html)
    assert match, field_id
    return match.group(1)


def test_the_arabic_form_has_arabic_labels(arabic_article):
    html = arabic_article
    assert _label(html, "c-body") == "تعليق"
    assert _label(html, "c-name") == "الاسم"
    assert _label(html, "c-email") == "البريد الإلكتروني"
    assert "انشر التعليق" in html  # "Post Comment"
    assert "Post Comment" not in html


def test_an_empty_comment_from_the_arabic_page_gets_the_arabic_error(arabic_article, client):
    action = re.search(r'<form class="d-form" id="respond" method="post" action="([^"]+)"', arabic_article)
    assert action and action.group(1).startswith("/ar/comments/")
    response = client.post(
        action.group(1),
        {"body": "", "author_name": "سلمى", "author_email": "salma@example.com", "form_token": ""},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "يُرجى كتابة تعليق قبل النشر." in html  # "Please write a comment before posting."
    assert "سلمى" in html  # the typed name is kept
    assert "Please write a comment" not in html


def test_the_javascript_answer_is_arabic_too(arabic_article, client):
    action = re.search(r'id="respond" method="post" action="([^"]+)"', arabic_article).group(1)
    response = client.post(
        action,
        {"body": "", "author_name": "سلمى", "author_email": "s@example.com"},
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_X_MASTHEAD_FRAGMENT="1",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "body"
    assert "Please" not in response.json()["error"]
