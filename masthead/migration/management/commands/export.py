"""`masthead export`: everything the newsroom put in, as JSON (docs/export-format.md)."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from masthead.migration.export.service import export_json, export_zip


class Command(BaseCommand):
    help = "Export articles, pages, people, topics, media records, comments, subscriptions and donations."

    def add_arguments(self, parser):
        parser.add_argument("--format", default="json", choices=["json"], help="json (docs/export-format.md)")
        parser.add_argument("--output", type=Path, help="a file (default: standard output)")
        parser.add_argument("--edition", help="only this edition's language (e.g. ar)")
        parser.add_argument("--with-media", action="store_true", help="a zip: export.json and the files")

    def handle(self, *, format: str, output: Path | None, edition: str | None, with_media: bool, **options):
        if edition and edition not in dict(settings.LANGUAGES):
            known = ", ".join(code for code, _ in settings.LANGUAGES)
            raise CommandError(f"unknown edition {edition!r} (this site has: {known})")
        if with_media:
            if output is None:
                raise CommandError("--with-media writes a zip: name it with --output PATH")
            counts = export_zip(output, language=edition)
        elif output is None:
            counts = export_json(sys.stdout, language=edition)
        else:
            with output.open("w", encoding="utf-8") as out:
                counts = export_json(out, language=edition)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stderr.write(f"Exported {summary}.")
