"""Health endpoints for load balancers: /healthz (the process answers) and /readyz (it can work).

/readyz checks what a request needs: the database, the cache and the media storage. A node that
answers 503 there is taken out of the balancer's rotation until it is ready again. The cache is
reported but does not make a node unready: without Redis the site serves pages uncached and
counts rate limits in the database (core/failsoft.py), and taking every node out because their
shared Redis stopped would take the whole site down. Neither answer is ever cached.
"""

import logging
import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .s3 import media_storage_check

log = logging.getLogger("masthead.health")
_PROBE_KEY = "masthead:readyz"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    stamp = str(time.monotonic_ns())
    cache.set(_PROBE_KEY, stamp, 10)
    if cache.get(_PROBE_KEY) != stamp:
        raise RuntimeError("the cache did not keep a value")


CHECKS = {"database": _database, "cache": _cache, "storage": media_storage_check}
REQUIRED = ("database", "storage")


def readiness() -> dict[str, str]:
    """Each check's result: "ok", or the error's class name (details go to the log only)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # any failure means "not ready"; the reason is logged
            log.warning("readyz: %s unreachable: %s", name, error)
            results[name] = type(error).__name__
    return results


@require_safe
@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@require_safe
@never_cache
def readyz(request):
    results = readiness()
    if any(results[name] != "ok" for name in REQUIRED):
        return JsonResponse({"status": "unavailable", **results}, status=503)
    status = "ok" if all(value == "ok" for value in results.values()) else "degraded"
    return JsonResponse({"status": status, **results})
