"""What the comment services raise when they refuse; views and the API turn it into a status."""


class CommentRejected(Exception):
    """A comment refused with a message for the reader and an HTTP status."""

    def __init__(self, message: str, *, status_code: int = 400, field: str = "", code: str = ""):
        super().__init__(message)
        self.message, self.status_code, self.field, self.code = message, status_code, field, code
