"""CSV exports of gifts and donors for staff (the admin's Funding menu links here)."""

import csv
from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse

from .selectors import gifts_for_export, gifts_paid_by_donors, pledges_active_emails

GIFT_COLUMNS = [
    "id",
    "created_at",
    "paid_at",
    "status",
    "kind",
    "campaign",
    "period_start",
    "amount_minor",
    "refunded_minor",
    "currency",
    "email",
    "donor_name",
    "note",
    "external_id",
    "subscription_id",
]
DONOR_COLUMNS = [
    "email",
    "gifts_paid",
    "currency",
    "total_minor",
    "first_paid_at",
    "last_paid_at",
    "monthly_active",
]


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    """Text a spreadsheet will not run: a leading = + - @ (or tab/CR) is quoted away (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _stream(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    lines = (writer.writerow([_cell(v) for v in row]) for row in rows)
    response = StreamingHttpResponse(
        (line for part in ([writer.writerow(header)], lines) for line in part),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _gift_rows():
    for gift in gifts_for_export().iterator():
        yield [
            gift.pk,
            gift.created_at.isoformat(),
            gift.paid_at.isoformat() if gift.paid_at else "",
            gift.status,
            gift.kind,
            gift.campaign.slug if gift.campaign else "",
            gift.period_start or "",
            gift.amount_minor,
            gift.refunded_minor,
            gift.currency,
            gift.email,
            gift.donor_name,
            gift.note,
            gift.external_id or "",
            gift.subscription_id,
        ]


def _donor_rows():
    donors: dict[tuple[str, str], dict] = defaultdict(
        lambda: {"n": 0, "total": 0, "first": None, "last": None}
    )
    for email, currency, amount, refunded, paid_at in gifts_paid_by_donors():
        donor = donors[(email.lower(), currency)]
        donor["n"] += 1
        donor["total"] += amount - refunded
        donor["first"] = donor["first"] or paid_at
        donor["last"] = paid_at
    monthly = pledges_active_emails()
    for (email, currency), d in sorted(donors.items()):
        yield [
            email,
            d["n"],
            currency,
            d["total"],
            d["first"].isoformat() if d["first"] else "",
            d["last"].isoformat() if d["last"] else "",
            "yes" if email in monthly else "no",
        ]


# Registered through wagtail_hooks (register_admin_urls), which already requires admin access.
def gifts_csv(request):
    if not request.user.has_perm("funding.view_gift"):
        raise PermissionDenied
    return _stream("gifts.csv", GIFT_COLUMNS, _gift_rows())


def donors_csv(request):
    if not request.user.has_perm("funding.view_gift"):
        raise PermissionDenied
    return _stream("donors.csv", DONOR_COLUMNS, _donor_rows())
