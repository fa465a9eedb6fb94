"""What a locked-out login attempt gets (django-axes calls this): a page in the admin's
language saying how long to wait, with 429 Too Many Requests."""

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "core/login_locked.html", {"minutes": minutes}, status=429)
