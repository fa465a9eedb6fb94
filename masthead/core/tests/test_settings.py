"""The settings layers: embedded defaults, then the environment (each run in a fresh process)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# Runs in a child process with the production settings module and prints what a test checks.
PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.core.cache import caches
from django.core.mail import get_connection, send_mail
from django.db import connection
db = settings.DATABASES["default"]
out = {
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST"), "port": db.get("PORT"),
    "user": db.get("USER"), "options": {k: str(v) for k, v in db.get("OPTIONS", {}).items()},
    "cache": type(caches["default"]).__name__, "cache_location": settings.CACHES["default"].get("LOCATION"),
    "mail": type(get_connection()).__module__, "mail_host": getattr(settings, "EMAIL_HOST", None),
    "mail_port": getattr(settings, "EMAIL_PORT", None),
    "mail_user": getattr(settings, "EMAIL_HOST_USER", None),
    "mail_ssl": getattr(settings, "EMAIL_USE_SSL", None),
    "mail_tls": getattr(settings, "EMAIL_USE_TLS", None),
    "secret_key": settings.SECRET_KEY,
}
if db["ENGINE"].endswith("sqlite3"):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        out["journal_mode"] = cursor.fetchone()[0]
if out["mail"].endswith("filebased"):
    send_mail("Hello", "Body", "from@example.org", ["reader@example.org"])
print("PROBE" + json.dumps(out))
"""


def _settings_in_child(data_dir: Path, **env: str) -> dict:
    child_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MASTHEAD_", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"))
    }
    child_env |= {"DJANGO_SETTINGS_MODULE": "masthead.core.settings", "MASTHEAD_DATA_DIR": str(data_dir)}
    child_env |= env
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=child_env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("PROBE"))
    return json.loads(line.removeprefix("PROBE"))


def test_defaults_are_the_embedded_site(tmp_path):
    first = _settings_in_child(tmp_path)

    assert first["engine"] == "django.db.backends.sqlite3"
    assert first["name"] == str(tmp_path / "masthead.sqlite3")
    assert first["journal_mode"] == "wal"
    assert first["options"]["transaction_mode"] == "IMMEDIATE"
    assert float(first["options"]["timeout"]) >= 5
    assert first["cache"] == "LocMemCache"
    assert first["mail"] == "django.core.mail.backends.filebased"
    assert len(list((tmp_path / "outbox").iterdir())) == 1
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first["secret_key"]
    assert len(first["secret_key"]) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600

    second = _settings_in_child(tmp_path)
    assert second["secret_key"] == first["secret_key"]


def test_secret_key_from_environment_is_not_written(tmp_path):
    probe = _settings_in_child(tmp_path, MASTHEAD_SECRET_KEY="k" * 60)

    assert probe["secret_key"] == "k" * 60
    assert not (tmp_path / "secret_key").exists()


def test_environment_urls_choose_postgres_redis_and_smtp(tmp_path):
    probe = _settings_in_child(
        tmp_path,
        DATABASE_URL="postgres://news:pw@db.internal:5433/ledger",
        REDIS_URL="redis://cache.internal:6379/2",
        EMAIL_URL="smtps://mailer:secret@mail.internal:465",
    )

    assert probe["engine"] == "django.db.backends.postgresql"
    assert (probe["name"], probe["host"], probe["port"], probe["user"]) == (
        "ledger", "db.internal", 5433, "news"
    )
    assert probe["cache"] == "RedisCache"
    assert probe["cache_location"] == "redis://cache.internal:6379/2"
    assert probe["mail"] == "django.core.mail.backends.smtp"
    # 465 is implicit TLS (SMTPS), not STARTTLS.
    assert (probe["mail_host"], probe["mail_port"], probe["mail_user"]) == ("mail.internal", 465, "mailer")
    assert (probe["mail_ssl"], probe["mail_tls"]) == (True, False)
    assert not (tmp_path / "outbox").exists()


def test_email_url_with_starttls(tmp_path):
    probe = _settings_in_child(tmp_path, EMAIL_URL="smtp://mailer:secret@mail.internal:587?tls=True")

    assert (probe["mail_host"], probe["mail_port"]) == ("mail.internal", 587)
    assert (probe["mail_ssl"], probe["mail_tls"]) == (False, True)
