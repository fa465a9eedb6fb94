"""A site with S3 media against moto's S3 server (root conftest): /readyz and the start-up check
notice a missing bucket, refused keys and a dead endpoint, and say so naming the setting."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from masthead.site import dependencies

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.xdist_group("s3"), pytest.mark.django_db]


def _unused_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def _storage_options(settings, **changes) -> None:
    default = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], **changes}},
    }


def test_readyz_is_ready_with_the_bucket(s3_media, client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["storage"] == "ok"


def test_readyz_is_503_naming_the_storage_when_the_bucket_is_missing(s3_media, client, settings):
    _storage_options(settings, bucket_name="no-such-bucket")

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["storage"] == "BucketMissing"
    assert response.json()["database"] == "ok"


def test_readyz_is_503_naming_the_storage_when_the_endpoint_is_down(s3_media, client, settings):
    _storage_options(settings, endpoint_url=_unused_port_url())

    started = time.monotonic()
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["storage"] == "EndpointUnreachable"
    assert time.monotonic() - started < 10  # an answer, not a probe left hanging


def test_readyz_is_503_at_once_when_the_endpoint_takes_the_connection_and_never_answers(
    s3_media, client, settings
):
    with socket.socket() as silent:  # listens, so connections succeed; nothing ever answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        _storage_options(settings, endpoint_url=f"http://127.0.0.1:{silent.getsockname()[1]}")

        started = time.monotonic()
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["storage"] == "EndpointUnreachable"
    assert time.monotonic() - started < 10  # 3 s of waiting, not the storage's 3 × 60 s


def test_a_missing_bucket_fails_the_start_at_once_naming_the_setting(s3_media, settings):
    _storage_options(settings, bucket_name="no-such-bucket")

    started = time.monotonic()
    with pytest.raises(dependencies.StartFailed) as failure:
        dependencies.dependencies_wait(wait_seconds=60)

    assert str(failure.value) == (
        "Masthead cannot start: the S3 bucket 'no-such-bucket' (AWS_STORAGE_BUCKET_NAME) "
        f"does not exist at {s3_media.endpoint}."
    )
    assert time.monotonic() - started < 10  # a bucket does not appear by waiting for it


def test_refused_keys_fail_the_start_naming_the_settings(s3_media):
    s3_media.keys_checked(True)  # moto knows none of the site's keys

    with pytest.raises(dependencies.StartFailed) as failure:
        dependencies.dependencies_wait(wait_seconds=60)

    assert str(failure.value).startswith(
        "Masthead cannot start: the S3 keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are refused "
        f"for the bucket '{s3_media.name}'"
    )


def test_a_dead_endpoint_is_waited_for_then_named(s3_media, settings, monkeypatch):
    monkeypatch.setattr(dependencies, "RETRY_SECONDS", 0.01)
    _storage_options(settings, endpoint_url=_unused_port_url())

    with pytest.raises(dependencies.StartFailed) as failure:
        dependencies.dependencies_wait(wait_seconds=0.5)

    assert "(AWS_S3_ENDPOINT_URL) cannot be reached" in str(failure.value)


@pytest.mark.once
def test_masthead_run_without_its_bucket_stops_with_one_sentence(s3_bucket, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DJANGO_"))}
    env |= {"AWS_STORAGE_BUCKET_NAME": "no-such-bucket", "MASTHEAD_DATA_DIR": str(tmp_path / "data")}
    for name in ("DATABASE_URL", "REDIS_URL"):  # the embedded database: no test database is touched
        env.pop(name, None)

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "masthead.site.cli",
            "run",
            "--addr",
            _unused_port_url().removeprefix("http://"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout.strip() == (
        "Masthead cannot start: the S3 bucket 'no-such-bucket' (AWS_STORAGE_BUCKET_NAME) "
        f"does not exist at {s3_bucket.endpoint}."
    )
    assert "Traceback" not in result.stderr
