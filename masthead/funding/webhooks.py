"""The Stripe webhook: verify the signature on the raw body, then apply the event exactly once."""

import json
import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_POST

from masthead.core.fetchmetadata import cross_site_allowed

from .exceptions import MalformedEvent
from .services.stripe_events import stripe_event_process
from .signatures import SignatureInvalid, signature_verify

logger = logging.getLogger(__name__)
MAX_BODY = 512 * 1024


@cross_site_allowed  # Stripe posts from its servers; the signature decides
@require_POST
def stripe_webhook(request):
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return JsonResponse({"error": "body too large"}, status=413)
    payload = request.body
    secrets = [s.strip() for s in settings.STRIPE_WEBHOOK_SECRET.split(",")]
    try:
        signature_verify(payload=payload, header=request.headers.get("Stripe-Signature", ""), secrets=secrets)
    except SignatureInvalid as error:
        logger.warning("Stripe webhook refused: %s", error)
        return JsonResponse({"error": "invalid signature"}, status=400)
    try:
        event = json.loads(payload)
        result = stripe_event_process(event=event)
    except (json.JSONDecodeError, UnicodeDecodeError, MalformedEvent):
        return JsonResponse({"error": "malformed event"}, status=400)
    return HttpResponse(result, content_type="text/plain", status=200)
