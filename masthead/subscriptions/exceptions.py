"""What the subscriptions services raise when they refuse; views turn it into a message and a status."""


class SubscribeRefused(Exception):
    """Input we cannot accept, with a message for the reader and the form field it concerns."""

    def __init__(self, message: str, *, field: str = "", status_code: int = 400):
        super().__init__(message)
        self.message, self.field, self.status_code = message, field, status_code
