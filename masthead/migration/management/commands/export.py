"""`masthead export`: everything the newsroom put in, as JSON (docs/export-format.md), or one
edition as a WordPress export (WXR) that WordPress and comment tools import."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from masthead.migration.export.output import OutputError, output_check, output_path
from masthead.migration.export.service import export_json, export_wxr, export_zip

WRITERS = {"json": export_json, "wxr": export_wxr}


class Command(BaseCommand):
    help = "Export articles, pages, people, topics, media records, comments, subscriptions and donations."

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            default="json",
            choices=sorted(WRITERS),
            help="json: everything (docs/export-format.md); wxr: one edition for WordPress",
        )
        parser.add_argument("--output", type=Path, help="a new file (default: standard output)")
        parser.add_argument("--edition", help="only this edition's language (e.g. ar)")
        parser.add_argument("--with-media", action="store_true", help="a zip: export.json and the files")

    def handle(self, *, format: str, output: Path | None, edition: str | None, with_media: bool, **options):
        if edition and edition not in dict(settings.LANGUAGES):
            known = ", ".join(code for code, _ in settings.LANGUAGES)
            raise CommandError(f"unknown edition {edition!r} (this site has: {known})")
        if with_media and format != "json":
            raise CommandError("--with-media goes with --format json (a WXR file names its media by URL)")
        if with_media and output is None:
            raise CommandError("--with-media writes a zip: name it with --output PATH")
        if format == "wxr" and not edition:
            self.stderr.write(
                f"WXR holds one edition: exporting {settings.LANGUAGE_CODE} (--edition for another)."
            )
        try:
            if output is not None:
                output_check(output)  # before any work, so a wrong path costs nothing
            counts = self._write(WRITERS[format], output, edition, with_media)
        except OutputError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stderr.write(f"Exported {summary}.")

    def _write(self, writer, output: Path | None, edition: str | None, with_media: bool) -> dict[str, int]:
        if output is None:
            return writer(sys.stdout, language=edition)
        with output_path(output) as temporary:
            if with_media:
                return export_zip(temporary, language=edition)
            with temporary.open("w", encoding="utf-8") as out:
                return writer(out, language=edition)
