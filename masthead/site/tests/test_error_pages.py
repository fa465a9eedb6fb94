"""Error pages: the styled 404 and 400, a plain page with the right status when the database fails,
and 503 "try again" when it cannot be reached."""

import pytest
from django.db import DatabaseError, OperationalError, ProgrammingError
from django.test import Client, RequestFactory
from django.urls import path

from masthead.newsroom.services import home_ensure
from masthead.site import views


def broken_database(request):
    raise DatabaseError("the database is down")


def test_an_unknown_address_gets_the_styled_404(client, db):
    home_ensure(title="The Riverside Ledger")

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-header"' in html and "Page not found" in html


@pytest.mark.parametrize(
    ("handler", "status", "title"),
    [
        (views.page_not_found, 404, "Page not found"),
        (views.bad_request, 400, "Bad request"),
    ],
)
def test_without_a_database_the_error_page_is_plain_but_keeps_its_status(settings, handler, status, title):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    "masthead.site.tests.test_error_pages.broken_database",
                ],
            },
        }
    ]

    response = handler(RequestFactory().get("/x/"), Exception())

    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert 'href="/"' in html
    assert "site-header" not in html  # the plain page, not the styled one


def test_the_server_error_page_needs_no_database():
    response = views.server_error(RequestFactory().get("/x/"))

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


# --- The database unreachable during a request (a restart, a failover): 503, "try again" -------


def _unreachable(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def _a_bug(request):
    raise ProgrammingError('relation "nowhere" does not exist')


handler500 = "masthead.site.views.server_error"
urlpatterns = [
    path("story/", _unreachable),
    path("api/comments/pages/1/comments", _unreachable),
    path("bug/", _a_bug),
]


@pytest.fixture
def outside_client():
    """A client that gets the answer a reader would, not the exception."""
    return Client(raise_request_exception=False)


@pytest.mark.urls(__name__)
def test_a_page_while_the_database_is_unreachable_says_try_again(outside_client):
    response = outside_client.get("/story/", headers={"Accept": "text/html"})

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert "<h1>Try again in a moment</h1>" in html and "Please try again in a moment" in html
    assert "Something went wrong" not in html and "Traceback" not in html


@pytest.mark.urls(__name__)
def test_a_write_to_the_api_while_the_database_is_unreachable_gets_503_json(outside_client):
    response = outside_client.post("/api/comments/pages/1/comments", {}, content_type="application/json")

    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"
    assert "try again" in response.json()["error"]


@pytest.mark.urls(__name__)
def test_any_other_database_error_is_still_a_server_error(outside_client):
    response = outside_client.get("/bug/", headers={"Accept": "text/html"})

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
