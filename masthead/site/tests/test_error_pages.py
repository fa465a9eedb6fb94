"""Error pages: the styled 404 and 400, and a plain page with the right status when the database fails."""

import pytest
from django.core.cache import cache
from django.db import DatabaseError
from django.test import RequestFactory

from masthead.newsroom.services import home_ensure
from masthead.site import views


def broken_database(request):
    raise DatabaseError("the database is down")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


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
