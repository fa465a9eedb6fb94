"""`masthead backup DIR [--keep N]`: a consistent snapshot of the running site (docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.migration.backup.manifest import BackupError
from masthead.migration.backup.snapshot import backup_create, backup_rotate


class Command(BaseCommand):
    help = "Back up the database, media and secret key of this site into DIR, while it serves."

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path, help="an empty folder (with --keep: the folder of snapshots)")
        parser.add_argument(
            "--keep", type=int, default=None, help="write a dated snapshot and keep the newest N"
        )

    def handle(self, *, dir: Path, keep: int | None, **options):
        try:
            if keep is None:
                target, manifest, removed = dir, backup_create(target=dir), []
            else:
                target, manifest, removed = backup_rotate(parent=dir, keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = sum(entry["size"] for entry in manifest.files.values())
        self.stdout.write(
            f"Backed up into {target}: {manifest.database} database, {len(manifest.files)} files, "
            f"{size / 1e6:.1f} MB (media: {manifest.media})."
        )
        for old in removed:
            self.stdout.write(f"Removed the older backup {old}.")
