"""The JSON API (django-ninja); each app adds its router here. OpenAPI at /api/openapi.json.

Every error has one shape, the `Error` schema ({"error", "field", "code"}): a request whose
parameters do not validate is a 422, a body that does not parse a 400, an unknown address a 404,
and the OpenAPI document lists those answers on every operation they can come from.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}


class MastheadAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                common = {422: "Parameters that do not validate"}
                if "requestBody" in operation:
                    common[400] = "A body that is not JSON"
                responses = operation["responses"]
                for status, description in common.items():
                    if status not in responses and str(status) not in responses:
                        responses[status] = {
                            "description": description,
                            "content": {"application/json": {"schema": ERROR_SCHEMA}},
                        }
        return schema


api = MastheadAPI(title="Masthead API", version="1", urls_namespace="api", docs_url="/docs")


@api.exception_handler(ValidationError)
def _invalid(request, error: ValidationError):
    first = error.errors[0] if error.errors else {}
    field = str(first.get("loc", ["", ""])[-1]) if first.get("loc") else ""
    body = {"error": _("This request is not valid."), "field": field, "code": "invalid"}
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def _http_error(request, error: HttpError):
    # ninja raises HttpError(400) for a body it cannot parse; other statuses keep their message.
    unparsable = error.status_code == 400
    body = {
        "error": _("The request body is not valid JSON.") if unparsable else str(error),
        "field": "",
        "code": "unparsable" if unparsable else "error",
    }
    return api.create_response(request, body, status=error.status_code)


@api.exception_handler(Http404)
def _not_found(request, error: Http404):
    body = {"error": str(error) or _("Not found."), "field": "", "code": "not_found"}
    return api.create_response(request, body, status=404)


# Routers of the apps, one line each:
api.add_router("/comments/", "masthead.comments.api.router")
api.add_router("/inline/", "masthead.inline.api.router")
