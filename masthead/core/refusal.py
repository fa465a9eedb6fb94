"""The one error services raise to refuse a request: a message for the person, the HTTP status
it maps to, the form field it concerns and a stable code for API callers.

Views and the API turn it into a response in one way: `refusal_json` for JSON callers (the
status, and {"error", "field", "code"}); HTML views show `message` beside `field` in the form.
"""

from django.http import JsonResponse


class Refusal(Exception):
    def __init__(self, message: str, *, status_code: int = 400, field: str = "", code: str = ""):
        super().__init__(message)
        self.message, self.status_code, self.field, self.code = message, status_code, field, code

    def as_json(self) -> dict[str, str]:
        return {"error": self.message, "field": self.field, "code": self.code}


def refusal_json(refusal: Refusal) -> JsonResponse:
    return JsonResponse(refusal.as_json(), status=refusal.status_code)
