"""/healthz and /readyz as a load balancer sees them."""

import pytest
from django.db import OperationalError

from masthead.site import health


def test_healthz_answers_without_touching_the_database(client):
    # no django_db mark: any database access here would fail the test
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_each_part_ready(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}


@pytest.mark.django_db
def test_readyz_is_503_and_names_the_part_that_failed(client, monkeypatch):
    def database_down():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", database_down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "OperationalError"
    assert response.json()["cache"] == "ok"
    # the next probe sees the recovery at once: the 503 was not kept by any cache
    monkeypatch.undo()
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_stays_200_without_the_cache_and_says_degraded(client, monkeypatch):
    def cache_down():
        raise ConnectionError("Redis unreachable")

    monkeypatch.setitem(health.CHECKS, "cache", cache_down)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ConnectionError",
        "storage": "ok",
    }


@pytest.mark.django_db
def test_readyz_answers_head_and_refuses_post(client):
    assert client.head("/readyz").status_code == 200
    assert client.post("/readyz").status_code == 405
