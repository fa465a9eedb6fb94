"""`masthead import stripe --campaign SLUG [--since DATE]`: a Stripe account's donors made outside
Masthead (GiveWP, Payment Links, the dashboard) adopted into the ledger (funding/services/adoption.py).

Only reads Stripe (subscriptions, invoices, charges, each list followed page by page). Like every
import it runs in one transaction: a Stripe error half-way rolls everything back, and the run can
simply be repeated."""

from argparse import ArgumentTypeError
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import Any

from django.conf import settings

from masthead.funding import stripe_client
from masthead.funding.models import Campaign
from masthead.funding.periods import site_zone
from masthead.funding.services.adoption import (
    Adopted,
    adoption_settle,
    charge_adopt,
    invoice_adopt,
    invoice_payment,
    subscription_adopt,
)

from ...command import ImportCommand
from ...errors import SourceError
from ...models import Source
from ...report import Report
from ...services import imported_object_record

ACCOUNT = "Stripe"
PERMISSIONS = "read access to Subscriptions, Customers, Invoices and Charges"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _stripe_refusal(error: stripe_client.StripeError, listing: str, done: int) -> SourceError:
    """What went wrong, in words that say what to do; the run left nothing behind."""
    where = f"listing {listing}, after {done}"
    if isinstance(error, stripe_client.StripePermissionError):
        message = f"the Stripe key may not read {listing}: give it {PERMISSIONS} ({error.user_message})"
    elif isinstance(error, stripe_client.StripeAuthenticationError):
        message = "Stripe does not accept STRIPE_SECRET_KEY (a revoked or mistyped key?)"
    elif isinstance(error, stripe_client.StripeConnectionError):
        message = "the connection to Stripe broke; run the command again"
    else:
        message = f"Stripe answered an error ({error.user_message or error}); run the command again"
    return SourceError(message, file=ACCOUNT, position=where)


class Command(ImportCommand):
    help = (
        "Adopt the monthly and one-time donors of the Stripe account (STRIPE_SECRET_KEY) made "
        "outside Masthead: active subscriptions become monthly gifts of the campaign, paid invoices "
        "and payments gifts, refunds reverse them. Nothing changes on Stripe; no donor is mailed."
    )
    source = Source.STRIPE

    def add_source_arguments(self, parser):
        parser.add_argument("--campaign", required=True, metavar="SLUG", help="the campaign they join")
        parser.add_argument(
            "--since",
            type=_date,
            metavar="DATE",
            help="only invoices and payments paid on or after this day (YYYY-MM-DD, the site's "
            "time zone); default: all of them",
        )

    def report_files(self, options: dict) -> list[str]:
        since = options.get("since")
        return [f"{ACCOUNT} (campaign {options['campaign']}" + (f", since {since})" if since else ")")]

    def run(self, *, report: Report, progress, campaign: str, since: date | None, **options):
        target = Campaign.objects.filter(slug=campaign).first()
        if target is None:
            known = ", ".join(Campaign.objects.order_by("slug").values_list("slug", flat=True)) or "none yet"
            raise SourceError(f"there is no campaign {campaign!r} (campaigns: {known})", file="--campaign")
        if not settings.STRIPE_SECRET_KEY:
            raise SourceError("STRIPE_SECRET_KEY is not set: which account to read?", file=ACCOUNT)
        start = datetime.combine(since, time.min, tzinfo=site_zone()) if since else None
        created_gte = int(start.timestamp()) if start else None

        def adopt(kind: str, listing: Iterable[dict[str, Any]], one: Callable[[dict], Adopted]) -> None:
            done = 0
            try:
                for obj in listing:
                    _account(report, kind, obj, one(obj))
                    done += 1
                    progress.advance()
            except stripe_client.StripeError as error:
                raise _stripe_refusal(error, kind, done) from error

        adopt(
            "subscriptions",
            stripe_client.subscriptions_active(),
            lambda s: subscription_adopt(campaign=target, subscription=s),
        )
        payments: dict[str, str] = {}

        def one_invoice(invoice: dict) -> Adopted:
            if payment := invoice_payment(invoice):
                payments[payment] = str(invoice.get("id"))
            return invoice_adopt(campaign=target, invoice=invoice, since=start)

        adopt("invoices", stripe_client.invoices_paid(created_gte=created_gte), one_invoice)
        adopt(
            "payments",
            stripe_client.charges(created_gte=created_gte),
            lambda c: charge_adopt(campaign=target, charge=c, invoice_payments=payments, since=start),
        )
        adoption_settle()


def _account(report: Report, kind: str, obj: dict, adopted: Adopted) -> None:
    """Counts one Stripe object in the report and keeps its mapping to the row it became."""
    report.found(kind)
    if adopted.outcome == "skipped":
        report.skipped(kind, adopted.reason)
        return
    getattr(report, adopted.outcome)(kind)
    source_id = str(obj.get("id") or "")
    if adopted.target is not None:
        imported_object_record(
            source=Source.STRIPE, source_site=ACCOUNT, kind=kind, source_id=source_id, target=adopted.target
        )
    if adopted.refunded_minor:
        report.note(kind=kind, source_id=source_id, detail=f"refunded {adopted.refunded_minor} (minor units)")
