"""What the funding services raise besides a refusal (masthead.core.refusal.Refusal)."""


class MalformedEvent(ValueError):
    """The body is not a Stripe event."""
