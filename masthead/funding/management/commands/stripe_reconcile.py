"""`masthead manage stripe_reconcile --days N`: apply Stripe events that the webhook missed."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from masthead.funding.services.stripe_events import stripe_events_reconcile
from masthead.funding.stripe_client import StripeError

MAX_DAYS = 30  # Stripe lists events of the last 30 days only


class Command(BaseCommand):
    help = "Lists Stripe's events of the last N days (at most 30) and applies those not yet recorded."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="how many days back (1 to 30; default 3)")

    def handle(self, *args, days: int, **options):
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_DAYS}: Stripe keeps events for 30 days.")
        if not settings.STRIPE_SECRET_KEY:
            raise CommandError("STRIPE_SECRET_KEY is not set: online payments are off, nothing to do.")
        try:
            counts = stripe_events_reconcile(days=days)
        except StripeError as error:
            raise CommandError(f"Stripe refused to list events: {error}") from error
        self.stdout.write(
            f"{counts['listed']} events of the last {days} days: {counts['applied']} applied, "
            f"{counts['duplicate']} already recorded, {counts['ignored']} ignored, "
            f"{counts['malformed']} malformed."
        )
