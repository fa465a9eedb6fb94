"""`masthead manage moderation_prune`: forget old screening decisions (run it daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from masthead.moderation.services import screening_log_prune


class Command(BaseCommand):
    help = "Deletes screening-log entries older than MODERATION_SCREENING_LOG_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.MODERATION_SCREENING_LOG_DAYS)

    def handle(self, *args, days: int, **options):
        self.stdout.write(f"{screening_log_prune(days=days)} screening entries deleted")
