"""The manifest of a backup: what Masthead wrote it, which migrations its database has, and a
checksum of every file, so restore can refuse what it cannot read and what was damaged."""

import hashlib
import json
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.version import Version

NAME = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """A backup that cannot be written, or a folder that cannot be restored: nothing was changed."""


def masthead_version() -> str:
    try:
        return version("masthead")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0"


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Manifest:
    masthead: str
    created: str
    database: str  # "sqlite" or "postgresql"
    migrations: list[list[str]]  # [app, name] pairs applied in the backed-up database
    secret_key: bool  # whether the data dir's secret key is in the backup
    media: str  # "files" (copied) or "s3" (left in the bucket)
    files: dict[str, dict] = field(default_factory=dict)  # relative path -> {sha256, size}
    format: int = FORMAT

    def write(self, folder: Path) -> None:
        (folder / NAME).write_text(json.dumps(self.__dict__, indent=1, sort_keys=True))

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        path = folder / NAME
        if not path.is_file():
            raise BackupError(f"{folder} is not a complete Masthead backup: it has no {NAME}")
        try:
            data = json.loads(path.read_text())
            return cls(**data)
        except (ValueError, TypeError) as error:
            raise BackupError(f"{path} cannot be read: {error}") from error

    def check_readable_by_this_version(self, folder: Path) -> None:
        if self.format > FORMAT or Version(self.masthead) > Version(masthead_version()):
            raise BackupError(
                f"{folder} was written by Masthead {self.masthead}, newer than this one "
                f"({masthead_version()}): upgrade Masthead first, then restore"
            )

    def verify_files(self, folder: Path) -> None:
        """Every file the manifest names is there, whole, with its checksum; raises BackupError."""
        for relative, expected in sorted(self.files.items()):
            path = folder / relative
            if not path.is_file():
                raise BackupError(f"{folder} is incomplete: {relative} is missing")
            if path.stat().st_size != expected["size"] or file_digest(path) != expected["sha256"]:
                raise BackupError(f"{folder} is damaged: {relative} does not match its checksum")


def files_record(folder: Path) -> dict[str, dict]:
    """sha256 and size of every file below `folder` (the manifest excepted)."""
    return {
        str(path.relative_to(folder)): {"sha256": file_digest(path), "size": path.stat().st_size}
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != NAME
    }
