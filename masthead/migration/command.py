"""The shape every `masthead import SOURCE` command shares: dry run, report, exit status.

A source's command subclasses `ImportCommand`, adds its own arguments in `add_source_arguments`
and does its work in `run(report, progress, **options)`, calling other apps' services. The base
wraps the run in one transaction (rolled back on failure or --dry-run), prints the summary,
writes --report, and exits non-zero when any item is unaccounted for."""

from django.core.management.base import BaseCommand, CommandError

from .errors import SourceError
from .progress import Progress
from .report import Report
from .run import import_transaction

EXIT_UNACCOUNTED = 3


class ImportCommand(BaseCommand):
    source = ""  # a Source value: "wordpress", "disqus"…

    def add_arguments(self, parser):
        self.add_source_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="do all the work, then write nothing")
        parser.add_argument("--report", metavar="PATH", help="also write the report as JSON to PATH")

    def add_source_arguments(self, parser) -> None:
        raise NotImplementedError

    def run(self, *, report: Report, progress: Progress, **options) -> None:
        raise NotImplementedError

    def report_files(self, options: dict) -> list[str]:
        """The input files the report names (the source's positional arguments)."""
        return [str(f) for f in options.get("files") or []]

    def handle(self, *args, dry_run: bool, report: str | None, **options):
        account = Report(source=self.source, files=self.report_files(options), dry_run=dry_run)
        try:
            with import_transaction(dry_run=dry_run), Progress(label=f"import {self.source}") as progress:
                self.run(report=account, progress=progress, **options)
        except SourceError as error:
            raise CommandError(f"{error} (nothing was imported)") from error
        self.stdout.write(account.summary())
        if report:
            account.write_json(report)
        if account.unaccounted():
            raise CommandError("some items were neither imported nor skipped", returncode=EXIT_UNACCOUNTED)
