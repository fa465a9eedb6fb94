"""Request ids: one per request, in the response header and in every log line of that request."""

import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from masthead.core.requestlog import JsonFormatter, RequestIdFilter, RequestIdMiddleware, request_id


def _logging_view(seen: list):
    def view(request):
        logging.getLogger("masthead.test").warning("inside the view")
        seen.append(request_id())
        return HttpResponse("ok")

    return view


def test_a_new_id_is_given_and_returned_to_the_client():
    seen: list[str] = []
    response = RequestIdMiddleware(_logging_view(seen))(RequestFactory().get("/"))
    assert len(seen[0]) == 32
    assert response["X-Request-ID"] == seen[0]
    assert request_id() == "-"  # nothing leaks into the next request of this thread


def test_two_requests_get_two_ids():
    middleware = RequestIdMiddleware(_logging_view([]))
    first = middleware(RequestFactory().get("/"))["X-Request-ID"]
    second = middleware(RequestFactory().get("/"))["X-Request-ID"]
    assert first != second


def test_the_proxys_well_formed_id_is_kept():
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="nginx-4f9a1c2e77")
    assert RequestIdMiddleware(_logging_view([]))(request)["X-Request-ID"] == "nginx-4f9a1c2e77"


@pytest.mark.parametrize("given", ["x", "evil\r\nSet-Cookie: a=b", "a" * 200, "<script>"])
def test_a_malformed_id_is_replaced(given):
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID=given)
    answered = RequestIdMiddleware(_logging_view([]))(request)["X-Request-ID"]
    assert answered != given
    assert len(answered) == 32


def test_log_lines_carry_the_id_as_json():
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("masthead.test")
    logger.addHandler(handler)
    try:
        response = RequestIdMiddleware(_logging_view([]))(RequestFactory().get("/"))
    finally:
        logger.removeHandler(handler)
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["request_id"] == response["X-Request-ID"]
    assert line["message"] == "inside the view"
    assert line["level"] == "WARNING"
