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
