"""The funding app's hot paths: the campaign bar (on every page) and applying Stripe events.

Run: uv run python bench/funding.py      (about a minute, most of it migrating a fresh database)
Builds a temp site on the embedded defaults (SQLite, local-memory cache) with one campaign and
5,000 paid gifts this month, then prints: the bar built from the database (cache missed) and
served from the cache, per call; webhook events applied per second (new ones, each a
transaction with its StripeEvent row) and duplicates answered per second.
"""

import os
import shutil
import tempfile
import time

os.environ["MASTHEAD_DATA_DIR"] = tempfile.mkdtemp(prefix="masthead-bench-funding-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.site.settings")
os.environ.setdefault("MASTHEAD_LOG_LEVEL", "ERROR")


def per_call(fn, n: int) -> float:
    started = time.perf_counter()
    for i in range(n):
        fn(i)
    return (time.perf_counter() - started) / n


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from masthead.funding import demo
    from masthead.funding.models import Campaign, Gift
    from masthead.funding.selectors import campaign_bar
    from masthead.funding.services.gifts import bar_cache_clear
    from masthead.funding.services.stripe_events import stripe_event_process

    demo.load()
    campaign = Campaign.objects.get()
    month = timezone.localdate().replace(day=1)
    Gift.objects.bulk_create(
        Gift(
            campaign=campaign,
            period_start=month,
            amount_minor=1000,
            currency="USD",
            kind="one_time",
            status="paid",
            external_id=f"pi_b{i}",
        )
        for i in range(5000)
    )

    miss = per_call(lambda i: (bar_cache_clear(), campaign_bar(language="en")), 200)
    hit = per_call(lambda i: campaign_bar(language="en"), 5000)
    print(f"bar, cache missed (2 queries, 5,005 gifts this month): {miss * 1000:.2f} ms per page")
    print(f"bar, from the cache: {hit * 1_000_000:.1f} µs per page")

    def event(i):
        return {
            "id": f"evt_b{i}",
            "type": "checkout.session.completed",
            "created": int(time.time()),
            "data": {
                "object": {
                    "id": f"cs_b{i}",
                    "mode": "payment",
                    "payment_intent": f"pi_new{i}",
                    "payment_status": "paid",
                    "amount_total": 2500,
                    "currency": "usd",
                    "customer_details": {"email": ""},
                    "metadata": {"campaign": campaign.slug},
                }
            },
        }

    events = [event(i) for i in range(1000)]
    new = per_call(lambda i: stripe_event_process(event=events[i]), 1000)
    dup = per_call(lambda i: stripe_event_process(event=events[i]), 1000)
    print(f"webhook events applied: {1 / new:.0f} per second; duplicates answered: {1 / dup:.0f} per second")
    print(f"raised this month: {campaign_bar(language='en').raised_label}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(os.environ["MASTHEAD_DATA_DIR"], ignore_errors=True)
