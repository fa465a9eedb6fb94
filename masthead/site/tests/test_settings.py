"""The settings layers: embedded defaults, then the environment.

The settings module is plain Python read at import, so each case executes a fresh copy of it
with its own environment; one case starts a real process to see the defaults at work.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import masthead.site.settings as production_settings

pytestmark = pytest.mark.once  # settings from an environment of its own

ROOT = Path(__file__).resolve().parents[3]
FOREIGN = ("MASTHEAD_", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_SETTINGS_MODULE", "AWS_")

# Runs in a child process with the production settings and prints what the defaults do.
PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.core.mail import send_mail
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
send_mail("Hello", "Body", "from@example.org", ["reader@example.org"])
print("PROBE" + json.dumps({"journal_mode": journal_mode, "secret_key": settings.SECRET_KEY}))
"""


def _clean_env(data_dir: Path, **env: str) -> dict:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(FOREIGN)}
    return clean | {"MASTHEAD_DATA_DIR": str(data_dir)} | env


def _settings(monkeypatch, data_dir: Path, **env: str) -> ModuleType:
    """A fresh copy of masthead.site.settings executed with exactly this environment."""
    with monkeypatch.context() as patch:
        for key in [key for key in os.environ if key.startswith(FOREIGN)]:
            patch.delenv(key)
        for key, value in _clean_env(data_dir, **env).items():
            patch.setenv(key, value)
        spec = importlib.util.spec_from_file_location("settings_copy", production_settings.__file__)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


def test_defaults_are_the_embedded_site(tmp_path, monkeypatch):
    conf = _settings(monkeypatch, tmp_path)

    db = conf.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == tmp_path / "masthead.sqlite3"
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert db["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert conf.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    mailer = conf.MAILERS["default"]
    assert mailer["BACKEND"].endswith("filebased.EmailBackend")
    assert mailer["OPTIONS"]["file_path"] == str(tmp_path / "outbox")
    assert conf.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_pages_and_counters_may_each_have_a_redis_of_their_own(tmp_path, monkeypatch):
    conf = _settings(
        monkeypatch,
        tmp_path,
        REDIS_URL="redis://cache.internal:6379/2",
        MASTHEAD_PAGES_REDIS_URL="redis://pages.internal:6380/0",
        MASTHEAD_COUNTERS_REDIS_URL="redis://counters.internal:6381/0",
    )

    assert conf.CACHES["default"]["LOCATION"] == "redis://cache.internal:6379/2"
    assert conf.CACHES["pages"]["LOCATION"] == "redis://pages.internal:6380/0"
    assert conf.COUNTERS_REDIS_URL == "redis://counters.internal:6381/0"


def test_the_task_queue_on_redis_is_chosen_by_one_setting(tmp_path, monkeypatch):
    on_redis = _settings(
        monkeypatch, tmp_path, REDIS_URL="redis://cache.internal:6379/2", MASTHEAD_TASK_BACKEND="redis"
    )
    own_redis = _settings(
        monkeypatch,
        tmp_path,
        REDIS_URL="redis://cache.internal:6379/2",
        MASTHEAD_TASK_BACKEND="Redis",
        MASTHEAD_TASKS_REDIS_URL="redis://queue.internal:6382/0",
        MASTHEAD_TASK_WORKER_DEAD_SECONDS="90",
    )
    cache_only = _settings(monkeypatch, tmp_path, REDIS_URL="redis://cache.internal:6379/2")

    assert on_redis.TASKS["default"]["BACKEND"] == "masthead.core.redistasks.CommittedRedisTaskBackend"
    assert on_redis.TASKS["default"]["OPTIONS"]["REDIS_URL"] == "redis://cache.internal:6379/2"
    assert own_redis.TASKS["default"]["OPTIONS"]["REDIS_URL"] == "redis://queue.internal:6382/0"
    assert own_redis.TASKS["default"]["OPTIONS"]["REDIS_CLAIM_TIMEOUT"] == 90
    assert cache_only.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_the_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    first = _settings(monkeypatch, tmp_path).SECRET_KEY
    second = _settings(monkeypatch, tmp_path).SECRET_KEY

    key_file = tmp_path / "secret_key"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert first != _settings(monkeypatch, tmp_path / "other").SECRET_KEY


def test_secret_key_from_environment_is_not_written(tmp_path, monkeypatch):
    conf = _settings(monkeypatch, tmp_path, MASTHEAD_SECRET_KEY="k" * 60)

    assert conf.SECRET_KEY == "k" * 60
    assert not (tmp_path / "secret_key").exists()


def test_environment_urls_choose_postgres_redis_and_smtp(tmp_path, monkeypatch):
    conf = _settings(
        monkeypatch,
        tmp_path,
        DATABASE_URL="postgres://news:pw@db.internal:5433/ledger",
        REDIS_URL="redis://cache.internal:6379/2",
        EMAIL_URL="smtps://mailer:secret@mail.internal:465",
    )

    db = conf.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["HOST"], db["PORT"], db["USER"], db["PASSWORD"]) == (
        "ledger",
        "db.internal",
        5433,
        "news",
        "pw",
    )
    assert conf.CACHES["default"]["BACKEND"] == "masthead.core.failsoft.FailSoftRedisCache"
    assert conf.CACHES["default"]["LOCATION"] == "redis://cache.internal:6379/2"
    assert conf.CACHES["pages"]["LOCATION"] == conf.COUNTERS_REDIS_URL == "redis://cache.internal:6379/2"
    mailer = conf.MAILERS["default"]
    assert mailer["BACKEND"] == "masthead.core.dkim.SigningEmailBackend"  # signs only with a DKIM key
    smtp = mailer["OPTIONS"]
    assert (smtp["host"], smtp["port"], smtp["username"], smtp["password"]) == (
        "mail.internal",
        465,
        "mailer",
        "secret",
    )
    # 465 is implicit TLS (SMTPS), not STARTTLS.
    assert (smtp["use_ssl"], smtp["use_tls"]) == (True, False)


def test_email_url_with_starttls(tmp_path, monkeypatch):
    conf = _settings(monkeypatch, tmp_path, EMAIL_URL="smtp://mailer:secret@mail.internal:587?tls=True")

    smtp = conf.MAILERS["default"]["OPTIONS"]
    assert (smtp["host"], smtp["port"]) == ("mail.internal", 587)
    assert (smtp["use_ssl"], smtp["use_tls"]) == (False, True)


def test_a_bucket_name_puts_media_in_s3_named_apart_and_served_from_there(tmp_path, monkeypatch):
    conf = _settings(
        monkeypatch,
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="riverside-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_REGION_NAME="eu-west-1",
    )

    media = conf.STORAGES["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    options = media["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "riverside-media",
        "https://s3.example.net",
        "eu-west-1",
    )
    assert options["file_overwrite"] is False  # a second photo.jpg never replaces the first
    assert options["querystring_auth"] is False  # images are public; documents go through the site
    assert conf.SERVE_MEDIA is False
    assert conf.SECURE_CSP["img-src"] == production_settings.SECURE_CSP["img-src"]  # "https:" covers it


def test_a_plain_http_bucket_endpoint_is_let_into_the_pages_pictures(tmp_path, monkeypatch):
    conf = _settings(
        monkeypatch, tmp_path, AWS_STORAGE_BUCKET_NAME="media", AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000"
    )

    assert "http://127.0.0.1:9000" in conf.SECURE_CSP["img-src"]
    assert "http://127.0.0.1:9000" in conf.SECURE_CSP["media-src"]
    assert "http://127.0.0.1:9000" not in conf.SECURE_CSP["script-src"]


def test_site_names_and_hosts_follow_the_base_url(tmp_path, monkeypatch):
    conf = _settings(
        monkeypatch,
        tmp_path,
        MASTHEAD_BASE_URL="https://news.example.org/",
        MASTHEAD_PAGE_CACHE_SECONDS="0",
        MASTHEAD_TRUSTED_PROXIES="1",
    )

    assert conf.BASE_URL == "https://news.example.org"
    assert "news.example.org" in conf.ALLOWED_HOSTS
    assert conf.CSRF_TRUSTED_ORIGINS == ["https://news.example.org"]
    assert conf.SESSION_COOKIE_SECURE and conf.CSRF_COOKIE_SECURE
    assert (conf.PAGE_CACHE_SECONDS, conf.TRUSTED_PROXY_COUNT) == (0, 1)


def test_a_real_process_on_the_defaults_uses_wal_and_writes_mail_files(tmp_path):
    env = _clean_env(tmp_path, DJANGO_SETTINGS_MODULE="masthead.site.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(next(x for x in result.stdout.splitlines() if x.startswith("PROBE"))[5:])

    assert probe["journal_mode"] == "wal"
    assert len(list((tmp_path / "outbox").iterdir())) == 1
    assert probe["secret_key"] == (tmp_path / "secret_key").read_text().strip()
