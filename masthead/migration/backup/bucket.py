"""A backup's media files into a site whose media are in an S3 bucket (through the storage).

A backup of a site on local files carries its media; restored into a site on S3, they go into
the bucket under the same names, which the database's rows name."""

from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from .manifest import BackupError


def bucket_check_empty() -> None:
    """Names in a non-empty bucket could be another site's files: restore refuses, as it refuses
    a data dir that holds files."""
    folders, files = default_storage.listdir("")
    if folders or files:
        bucket = getattr(default_storage, "bucket_name", "media storage")
        raise BackupError(f"the S3 bucket {bucket!r} already holds files: restore only into an empty bucket")


def bucket_upload(folder: Path) -> list[str]:
    """Every file under `folder` into the bucket under its path; the names written."""
    written: list[str] = []
    try:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            with path.open("rb") as source:
                saved = default_storage.save(name, File(source))
            written.append(saved)
            if saved != name:  # the bucket was empty when checked: someone else writes to it
                raise BackupError(f"{name} was taken in the bucket during the restore")
    except BaseException:
        bucket_remove(written)
        raise
    return written


def bucket_remove(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
