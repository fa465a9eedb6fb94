"""The one error services raise to refuse a request: a message for the person, the HTTP status
it maps to, the form field it concerns and a stable code for API callers."""


class Refusal(Exception):
    def __init__(self, message: str, *, status_code: int = 400, field: str = "", code: str = ""):
        super().__init__(message)
        self.message, self.status_code, self.field, self.code = message, status_code, field, code
