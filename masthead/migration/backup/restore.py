"""`masthead restore DIR`: a verified backup into an empty site; nothing changes when it refuses."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

from .bucket import bucket_check_empty, bucket_remove, bucket_upload
from .database import database_is_empty, database_load
from .manifest import BackupError, Manifest
from .snapshot import _media_is_local, _secret_key_file


def _check_migrations_known(manifest: Manifest, folder: Path) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest.migrations if (app, name) not in known]
    if unknown:
        raise BackupError(
            f"{folder} comes from a newer Masthead: its database has migrations this one does not "
            f"know ({', '.join(unknown[:3])}{'…' if len(unknown) > 3 else ''}); upgrade Masthead first"
        )


def _check_site_empty(*, media_to_bucket: bool) -> Path:
    if not database_is_empty():
        raise BackupError("this site already has data: restore only into an empty data dir or database")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(f"{media_root} already holds files: restore only into an empty data dir")
    if media_to_bucket:
        bucket_check_empty()
    return media_root


def backup_restore(*, source: Path) -> Manifest:
    """Verifies the backup in `source` whole, then loads it; migrations bring it up to date."""
    manifest = Manifest.read(source)
    manifest.check_readable_by_this_version(source)
    manifest.verify_files(source)
    _check_migrations_known(manifest, source)
    carries_media = manifest.media == "files" and (source / "media").is_dir()
    media_root = _check_site_empty(media_to_bucket=carries_media and not _media_is_local())
    staged_media = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staged_media, ignore_errors=True)
    uploaded: list[str] = []
    if carries_media and _media_is_local():
        shutil.copytree(source / "media", staged_media)
    elif carries_media:  # before the database: files that no row names yet harm nobody
        uploaded = bucket_upload(source / "media")
    try:
        database_load(source=source, engine=manifest.database)
    except BaseException:
        shutil.rmtree(staged_media, ignore_errors=True)
        bucket_remove(uploaded)
        raise
    if staged_media.is_dir():
        shutil.rmtree(media_root, ignore_errors=True)
        staged_media.rename(media_root)
    if manifest.secret_key:
        # Reader tokens and sessions were signed with it; the key generated for the empty
        # data dir is replaced.
        shutil.copy2(source / "secret_key", _secret_key_file())
        _secret_key_file().chmod(0o600)
    call_command("migrate", interactive=False, verbosity=0)
    return manifest
