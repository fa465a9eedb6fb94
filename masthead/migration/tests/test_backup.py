"""`masthead backup` and `masthead restore` as an operator uses them: a snapshot taken while
readers post, restored into an empty site; and every refusal, which changes nothing."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import close_old_connections, connection

from masthead.comments.identity import Reader
from masthead.comments.models import Comment
from masthead.comments.services import Posting, comment_create
from masthead.migration.backup.manifest import NAME, BackupError, Manifest
from masthead.migration.backup.restore import backup_restore
from masthead.migration.backup.snapshot import backup_create, backup_rotate
from masthead.newsroom.services import article_publish, author_create, home_ensure

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def harbour_story(settings):
    """A story with a byline and a paragraph, on which comments are approved at once."""
    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    home, _ = home_ensure(title="The Riverside Ledger")
    return article_publish(
        home=home,
        title="Harbour dredging starts",
        slug="harbour-dredging",
        standfirst="Six weeks of work.",
        body=[("paragraph", "<p>The dredger arrived on Monday.</p>")],
        authors=[author_create(name="Ana Ruiz", slug="ana-ruiz")],
        topics=[],
    )


def _comment(article, n: int) -> Comment:
    comment, _ = comment_create(
        page=article,
        data={
            "body": f"Comment number {n} on the dredging.",
            "author_name": f"Reader {n}",
            "author_email": f"reader{n}@example.org",
        },
        posting=Posting(reader=Reader(user=None, guest_id=f"guest-{n}"), network=f"net-{n}"),
    )
    return comment


def _media_file() -> Path:
    path = Path(settings.MEDIA_ROOT) / "original_images" / "dredger.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8 not really a picture " * 100)
    return path


def _restore_cli(backup: Path, data_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    env = env or {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MASTHEAD_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, "-m", "masthead.site.cli", "restore", "--data", str(data_dir), str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_backup_restores_into_an_empty_site_with_everything(harbour_story, tmp_path, empty_site):
    env, restored, query = empty_site
    comments = [_comment(harbour_story, n) for n in range(3)]
    media = _media_file()
    # the key `masthead run` generates into the data dir (the test settings take one from the
    # environment instead)
    key_file = Path(settings.DATA_DIR) / "secret_key"
    key_file.write_text("generated-once-signing-reader-tokens")
    backup = tmp_path / "backup"

    manifest = backup_create(target=backup)

    assert manifest.database == ("postgresql" if connection.vendor == "postgresql" else "sqlite")
    assert ["comments", "0001_initial"] in manifest.migrations
    assert (backup / NAME).is_file()
    result = _restore_cli(backup, restored, env)
    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout
    assert set(query("SELECT body FROM comments_comment")) == {c.body for c in comments}
    assert "Harbour dredging starts" in query("SELECT title FROM wagtailcore_page")
    assert (restored / "media" / "original_images" / "dredger.jpg").read_bytes() == media.read_bytes()
    assert (restored / "secret_key").read_text() == "generated-once-signing-reader-tokens"
    key_file.unlink()


def test_a_backup_taken_while_readers_post_has_every_comment_acknowledged_before_it(harbour_story, tmp_path):
    acknowledged: list[int] = []
    stop = threading.Event()

    def reader_posting():
        n = 100
        try:
            while not stop.is_set():
                acknowledged.append(_comment(harbour_story, n).pk)
                n += 1
        finally:
            close_old_connections()

    writer = threading.Thread(target=reader_posting)
    writer.start()
    try:
        while len(acknowledged) < 5:
            threading.Event().wait(0.05)
        before = set(acknowledged)
        manifest = backup_create(target=tmp_path / "backup")
    finally:
        stop.set()
        writer.join(60)
    assert not writer.is_alive()
    if manifest.database == "sqlite":
        with sqlite3.connect(tmp_path / "backup" / "database.sqlite3") as db:
            stored = {row[0] for row in db.execute("SELECT id FROM comments_comment")}
    else:
        listing = subprocess.run(
            [
                "pg_restore",
                "--data-only",
                "--table=comments_comment",
                "--file=-",
                str(tmp_path / "backup" / "database.pgdump"),
            ],
            capture_output=True,
            text=True,
        )
        stored = {int(line.split("\t")[0]) for line in listing.stdout.splitlines() if line[:1].isdigit()}
    assert before <= stored


def test_keep_rotates_old_backups(harbour_story, tmp_path):
    made = [backup_rotate(parent=tmp_path, keep=2)[0] for _ in range(3)]
    assert sorted(p for p in tmp_path.iterdir()) == made[1:]


def test_a_folder_that_is_not_empty_is_refused(harbour_story, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(BackupError, match="is not empty"):
        backup_create(target=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_restore_over_a_site_that_has_data_is_refused(harbour_story, tmp_path):
    backup_create(target=tmp_path / "backup")
    _comment(harbour_story, 7)
    with pytest.raises(BackupError, match="already has data"):
        backup_restore(source=tmp_path / "backup")
    assert Comment.objects.filter(body="Comment number 7 on the dredging.").exists()


@pytest.fixture
def backup(harbour_story, tmp_path):
    _comment(harbour_story, 1)
    _media_file()
    folder = tmp_path / "backup"
    backup_create(target=folder)
    return folder


def test_a_damaged_backup_is_refused_naming_the_file(backup, tmp_path):
    name = "database.sqlite3" if (backup / "database.sqlite3").exists() else "database.pgdump"
    with (backup / name).open("r+b") as f:
        f.seek(100)
        f.write(b"\x00\x01\x02")
    result = _restore_cli(backup, tmp_path / "site")
    assert result.returncode != 0
    assert f"is damaged: {name} does not match its checksum (nothing was changed)" in result.stderr
    assert not (tmp_path / "site" / "media").exists()


def test_an_incomplete_backup_is_refused(backup, tmp_path):
    (backup / NAME).unlink()
    result = _restore_cli(backup, tmp_path / "site")
    assert result.returncode != 0
    assert "is not a complete Masthead backup: it has no manifest.json" in result.stderr


def test_a_missing_file_is_refused(backup, tmp_path):
    shutil.rmtree(backup / "media")
    # the first missing file in name order (other tests of this process may have left media)
    with pytest.raises(BackupError, match=r"is incomplete: media/\S+ is missing"):
        Manifest.read(backup).verify_files(backup)


def test_a_backup_from_a_newer_masthead_is_refused(backup, tmp_path):
    data = json.loads((backup / NAME).read_text())
    data["masthead"] = "99.0"
    (backup / NAME).write_text(json.dumps(data))
    result = _restore_cli(backup, tmp_path / "site")
    assert result.returncode != 0
    assert "written by Masthead 99.0, newer than this one" in result.stderr


def test_a_backup_with_migrations_this_code_lacks_is_refused(backup):
    manifest = Manifest.read(backup)
    manifest.migrations.append(["comments", "0999_from_the_future"])
    manifest.write(backup)
    with pytest.raises(BackupError, match="comments.0999_from_the_future"):
        backup_restore(source=backup)
