"""`masthead import disqus FILE --site-url URL`: a Disqus XML export's comments onto articles."""

from ...command import ImportCommand
from ...comments.disqus import disqus_records
from ...comments.records import SourceComment, SourceThread
from ...comments.sources import comments_from_threads
from ...models import Source


class Command(ImportCommand):
    help = "Import the comments of a Disqus XML export onto the articles they were written under."
    source = Source.DISQUS

    def add_source_arguments(self, parser):
        parser.add_argument("file", help="the Disqus export (XML)")
        parser.add_argument(
            "--site-url", required=True, help="the old site's address, e.g. https://old.example.org"
        )

    def report_files(self, options: dict) -> list[str]:
        return [str(options["file"])]

    def run(self, *, report, progress, file, site_url, **options):
        # Two readings of the file: the threads first (an article's comments can only be told
        # unchanged once its thread is matched), then the comments as a stream.
        threads: dict[str, SourceThread] = {}
        for record in disqus_records(file, report=report, posts=False):
            threads.setdefault(record.key, record)
        comments = (r for r in disqus_records(file, report=None) if isinstance(r, SourceComment))
        comments_from_threads(
            source=self.source,
            site_url=site_url,
            threads=threads,
            comments=progress.each(comments),
            report=report,
        )
