"""`masthead manage check --deploy` with production settings (an https base URL, SMTP mail)
finds nothing to warn about: run as an operator would, in a child process on a fresh data dir."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DJANGO_", "EMAIL_URL"))}
    return subprocess.run(
        [sys.executable, "-m", "masthead.site.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=base | {"MASTHEAD_DATA_DIR": str(tmp_path / "data"), **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


S3_MEDIA = {
    "AWS_STORAGE_BUCKET_NAME": "riverside-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
    "AWS_S3_REGION_NAME": "eu-west-1",
    "AWS_ACCESS_KEY_ID": "masthead",
    "AWS_SECRET_ACCESS_KEY": "not-checked-by-the-deploy-check",
}


@pytest.mark.parametrize("media", [{}, S3_MEDIA], ids=["local-media", "s3-media"])
def test_production_settings_pass_the_deploy_check_without_a_warning(tmp_path, media):
    result = _check_deploy(
        tmp_path,
        MASTHEAD_BASE_URL="https://news.example.org",
        EMAIL_URL="smtp://mail.example.org:587",
        **media,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_a_plain_http_site_is_told_what_it_lacks(tmp_path):
    result = _check_deploy(tmp_path, MASTHEAD_BASE_URL="http://news.example.org")

    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr
