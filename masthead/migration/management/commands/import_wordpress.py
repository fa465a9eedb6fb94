"""`masthead import wordpress FILE [FILE…]`: a WordPress site's content, from its export (WXR)."""

from pathlib import Path

from django.conf import settings
from wagtail.models import Locale

from masthead.newsroom.selectors import edition_home

from ...command import ImportCommand
from ...errors import SourceError
from ...models import Source
from ...wordpress.context import WordPressImport
from ...wordpress.importer import wordpress_import
from ...wordpress.media import uploads_check


class Command(ImportCommand):
    help = (
        "Imports a WordPress export (WXR 1.0-1.2, or a .zip of several files of one site): authors, "
        "categories, tags, posts, pages, attachments and comments; old addresses redirect. Re-run it "
        "to catch up: what changed is updated, nothing is duplicated."
    )
    source = Source.WORDPRESS

    def add_source_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="WXR export(s) or .zip")
        parser.add_argument(
            "--uploads", type=Path, metavar="DIR", help="a copy of the old site's wp-content/uploads"
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="fetch files from the old site's addresses (no --uploads)",
        )
        parser.add_argument(
            "--edition", metavar="LANG", default=settings.LANGUAGE_CODE, help="language of the edition"
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="replace articles edited in Masthead since the last import",
        )

    def run(self, *, report, progress, files, uploads, fetch_media, edition, overwrite, **options):
        locale = Locale.objects.filter(language_code=edition).first()
        home = edition_home(locale=locale) if locale else None
        if home is None:
            raise SourceError(
                f"there is no edition in the language {edition!r} (its home page is missing)",
                file="--edition",
            )
        context = WordPressImport(
            report=report,
            locale=locale,
            home=home,
            uploads=uploads_check(uploads) if uploads else None,
            fetch_media=fetch_media,
            overwrite=overwrite,
        )
        wordpress_import(files=files, context=context, progress=progress)
