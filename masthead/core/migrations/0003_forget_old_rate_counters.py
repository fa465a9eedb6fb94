"""Deletes the rate-limit counters the apps kept in the Redis cache before core/ratelimit.py.

Funding named its per-donor counters by an unkeyed sha256 of the address (anyone with a list of
addresses could tell who tried to pay), and the cache API's add/incr race could leave such a key
without expiry. Nothing else ever stored those hashes (no table has them), so deleting the keys
is the whole migration; the new counters use keyed hashes. With the embedded local-memory cache
the old counters lived in process memory only and are gone with the restart.
"""

from django.conf import settings
from django.db import migrations

OLD_PATTERNS = (
    "funding:rate:*",
    "subscriptions:confirm:address:*",
    "subscriptions:request:network:*",
    "mh:rl:*",
    "comments:votes:*",
)


def forget_old_counters(apps, schema_editor):
    cache = settings.CACHES["default"]
    if not cache["BACKEND"].endswith("RedisCache"):
        return
    import redis

    client = redis.Redis.from_url(cache["LOCATION"])
    prefix = cache.get("KEY_PREFIX", "")
    for pattern in OLD_PATTERNS:  # Django's cache keys are "<prefix>:<version>:<key>"
        for key in client.scan_iter(match=f"{prefix}:*:{pattern}", count=1000):
            client.delete(key)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_outbox_permission")]

    operations = [migrations.RunPython(forget_old_counters, migrations.RunPython.noop)]
