"""`masthead import isso DB --site-url URL`: an Isso database's comments onto articles."""

from ...command import ImportCommand
from ...comments.isso import isso_comments, isso_open, isso_threads
from ...comments.sources import comments_from_threads
from ...models import Source


class Command(ImportCommand):
    help = "Import the comments of an Isso database (SQLite) onto the articles they were written under."
    source = Source.ISSO

    def add_source_arguments(self, parser):
        parser.add_argument("db", help="Isso's comments database (SQLite), read only")
        parser.add_argument(
            "--site-url", required=True, help="the old site's address, e.g. https://old.example.org"
        )

    def report_files(self, options: dict) -> list[str]:
        return [str(options["db"])]

    def run(self, *, report, progress, db, site_url, **options):
        connection = isso_open(db)
        try:
            comments_from_threads(
                source=self.source,
                site_url=site_url,
                threads=isso_threads(connection),
                comments=progress.each(isso_comments(connection)),
                report=report,
            )
        finally:
            connection.close()
