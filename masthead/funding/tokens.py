"""The signed link in a monthly donor's receipt that stops the monthly gift."""

from django.core import signing

CANCEL_SALT = "funding.cancel"


def cancel_token(*, subscription_id: str) -> str:
    return signing.dumps({"s": subscription_id}, salt=CANCEL_SALT, compress=True)


def cancel_token_read(*, token: str) -> str | None:
    try:
        return signing.loads(token, salt=CANCEL_SALT, max_age=60 * 60 * 24 * 400).get("s")
    except (signing.BadSignature, AttributeError):
        return None
