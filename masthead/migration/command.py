"""The shape every `masthead import SOURCE` command shares: dry run, report, exit status.

A source's command subclasses `ImportCommand`, adds its own arguments in `add_source_arguments`
and does its work in `run(report, progress, **options)`, calling other apps' services. The base
wraps the run in one transaction (rolled back on failure or --dry-run), prints the summary,
writes --report, and exits non-zero when any item is unaccounted for."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from .errors import SourceError
from .progress import Progress
from .report import Report
from .run import import_transaction
from .services import import_run_record

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

    def _record(self, account: Report, started_at, *, error: str = "") -> None:
        import_run_record(
            source=self.source,
            files=account.files,
            dry_run=account.dry_run,
            started_at=started_at,
            report=account.as_dict(),
            error=error,
        )

    def report_files(self, options: dict) -> list[str]:
        """The input files the report names (the source's positional arguments)."""
        return [str(f) for f in options.get("files") or []]

    def handle(self, *args, dry_run: bool, report: str | None, **options):
        account = Report(source=self.source, files=self.report_files(options), dry_run=dry_run)
        started_at = timezone.now()
        try:
            with import_transaction(dry_run=dry_run), Progress(label=f"import {self.source}") as progress:
                self.run(report=account, progress=progress, **options)
        except SourceError as error:
            self._record(account, started_at, error=f"{error} (nothing was imported)")
            raise CommandError(f"{error} (nothing was imported)") from error
        except Exception as error:
            self._record(account, started_at, error=f"{type(error).__name__}: {error} (nothing was imported)")
            raise
        self._record(account, started_at)
        self.stdout.write(account.summary())
        if report:
            account.write_json(report)
        if account.unaccounted():
            raise CommandError("some items were neither imported nor skipped", returncode=EXIT_UNACCOUNTED)
