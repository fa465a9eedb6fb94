"""`masthead backup DIR`: a consistent snapshot of a running site, and the rotation of old ones."""

import shutil
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db.migrations.recorder import MigrationRecorder

from .database import database_copy
from .manifest import NAME, BackupError, Manifest, files_record, masthead_version


def _media_is_local() -> bool:
    return settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def _secret_key_file() -> Path:
    return Path(settings.DATA_DIR) / "secret_key"


def backup_create(*, target: Path) -> Manifest:
    """Writes a snapshot into `target`, which must be missing or empty.

    The database is copied first, as of one moment: everything acknowledged before the backup
    started is in it. Media are copied after, so every file the database names is there (files
    uploaded meanwhile may be there too). The manifest is written last: a folder without one is
    an incomplete backup, which restore refuses."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: back up into a new or empty folder")
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)  # it holds readers' data and the secret key
    engine = database_copy(target=target)
    media = "s3"
    if _media_is_local():
        media = "files"
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.is_dir():
            shutil.copytree(media_root, target / "media")
    secret_key = _secret_key_file().is_file()
    if secret_key:
        shutil.copy2(_secret_key_file(), target / "secret_key")
    manifest = Manifest(
        masthead=masthead_version(),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        database=engine,
        migrations=[
            [app, name] for app, name in MigrationRecorder.Migration.objects.values_list("app", "name")
        ],
        secret_key=secret_key,
        media=media,
        files=files_record(target),
    )
    manifest.write(target)
    return manifest


def backup_rotate(*, parent: Path, keep: int) -> tuple[Path, Manifest, list[Path]]:
    """`--keep N`: a new snapshot in a dated folder under `parent`, then only the newest `keep`
    complete snapshots stay (incomplete ones, without a manifest, are left for the operator)."""
    if keep < 1:
        raise BackupError("--keep must be at least 1")
    target = parent / datetime.now(UTC).strftime("masthead-%Y%m%dT%H%M%S%fZ")
    manifest = backup_create(target=target)
    complete = sorted(p for p in parent.glob("masthead-*") if (p / NAME).is_file())
    removed = complete[:-keep]
    for old in removed:
        shutil.rmtree(old)
    return target, manifest, removed
