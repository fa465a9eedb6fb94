"""What the funding services raise when they refuse; views turn it into a page and a status."""


class CheckoutRefused(Exception):
    def __init__(self, message: str, *, status_code: int = 400):
        super().__init__(message)
        self.message, self.status_code = message, status_code


class MalformedEvent(ValueError):
    """The body is not a Stripe event."""
