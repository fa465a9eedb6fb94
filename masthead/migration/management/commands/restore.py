"""`masthead restore DIR`: a backup made by `masthead backup` into an empty site (docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.migration.backup.manifest import BackupError
from masthead.migration.backup.restore import backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `masthead backup` into this (empty) site."

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path, help="the backup's folder")

    def handle(self, *, dir: Path, **options):
        try:
            manifest = backup_restore(source=dir)
        except BackupError as error:
            raise CommandError(f"{error} (nothing was changed)") from error
        self.stdout.write(
            f"Restored {dir} (Masthead {manifest.masthead}, {manifest.created}): "
            f"{manifest.database} database, {len(manifest.files)} files checked."
        )
