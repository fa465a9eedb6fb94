"""/api/docs: Swagger UI comes from the site's own static files, never from a public CDN."""

import re

import pytest


@pytest.mark.django_db
def test_the_api_docs_load_nothing_from_another_origin(client):
    from django.contrib.staticfiles import finders

    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), html
    for asset in assets:
        assert asset.startswith("/static/"), f"{asset} is not served by the site"
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not among the static files"
    assert "cdn" not in html.lower()


ERROR_KEYS = {"error", "field", "code"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("post", "/api/comments/pages/1/comments", b"{not json", 400),
        ("get", "/api/comments/counts?page=x", None, 422),
        ("get", "/api/comments/pages/x/thread", None, 422),
        ("post", "/api/comments/1/vote", b'{"value": "up"}', 422),
        ("get", "/api/inline/pages/999999/annotations", None, 404),
    ],
)
def test_every_api_error_has_the_documented_shape(client, method, path, body, status):
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    assert set(response.json()) == ERROR_KEYS and response.json()["error"]


@pytest.mark.django_db
def test_the_openapi_document_lists_the_error_answers_of_every_operation(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "422" in responses, f"{method} {path}"
            if "requestBody" in operation:
                assert "400" in responses, f"{method} {path}"
    assert "404" in paths["/api/inline/pages/{page_id}/annotations"]["get"]["responses"]
