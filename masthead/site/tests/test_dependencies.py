"""Waiting for the database at start, and one clear sentence when a configured service is away."""

import re

import pytest

from masthead.site import dependencies


def test_a_check_that_passes_after_failures_is_waited_for(monkeypatch):
    monkeypatch.setattr(dependencies, "RETRY_SECONDS", 0.01)
    attempts: list[int] = []

    def comes_up_third_time():
        attempts.append(1)
        if len(attempts) < 3:
            raise OSError("connection refused")

    assert dependencies._retry("the database", comes_up_third_time, deadline=float("inf")) is None
    assert len(attempts) == 3


def test_redis_that_never_answers_fails_the_start_naming_the_setting(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(dependencies, "_database", lambda: None)

    def refused():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(dependencies, "_cache", refused)
    with pytest.raises(dependencies.StartFailed) as failure:
        dependencies.dependencies_wait(wait_seconds=0)
    assert str(failure.value).startswith("Masthead cannot start: Redis (REDIS_URL) cannot be reached:")
    assert "Connection refused" in str(failure.value)


def test_a_redis_task_queue_that_never_answers_fails_the_start_naming_the_setting(monkeypatch, settings):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setattr(dependencies, "_database", lambda: None)
    settings.TASK_BACKEND, settings.TASKS_REDIS_URL = "redis", "redis://127.0.0.1:1/0"

    def refused():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(dependencies, "_task_queue", refused)
    with pytest.raises(dependencies.StartFailed) as failure:
        dependencies.dependencies_wait(wait_seconds=0)
    assert str(failure.value).startswith(
        "Masthead cannot start: the task queue's Redis (MASTHEAD_TASKS_REDIS_URL or REDIS_URL) "
        "cannot be reached:"
    )


@pytest.mark.parametrize(
    ("backend", "url", "sentence"),
    [
        ("rq", "", "Masthead cannot start: MASTHEAD_TASK_BACKEND is 'rq'; it must be database or redis."),
        (
            "redis",
            "",
            "Masthead cannot start: MASTHEAD_TASK_BACKEND=redis needs a Redis: set MASTHEAD_TASKS_REDIS_URL",
        ),
    ],
)
def test_a_task_queue_misnamed_or_without_redis_fails_the_start_at_once(settings, backend, url, sentence):
    settings.TASK_BACKEND, settings.TASKS_REDIS_URL = backend, url
    with pytest.raises(dependencies.StartFailed, match=f"^{re.escape(sentence)}"):
        dependencies.dependencies_wait(wait_seconds=60)


@pytest.mark.django_db
def test_the_embedded_site_starts_at_once(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    dependencies.dependencies_wait(wait_seconds=0)
