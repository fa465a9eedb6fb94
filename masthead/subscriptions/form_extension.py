"""The "Notify of" choice beside the comment form (a comments form extension, see COMMENTS_EXTENSIONS)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from masthead.core.mail import header_value_check
from masthead.core.refusal import Refusal

from .models import Scope
from .services.subscriptions import Target, subscription_request
from .validation import email_normalise

CHOICES = {"all": Scope.PAGE, "replies": Scope.REPLIES}


class NotifyOf:
    """Posted field `notify_of`: "" (nothing), "all" (new follow-up comments) or "replies"
    (new replies to my comments). Uses the comment's own address and name."""

    form_template = "subscriptions/notify_of_field.html"

    def clean(self, *, page, data: dict, user) -> dict | None:
        choice = str(data.get("notify_of") or "")
        if not choice:
            return None
        if choice not in CHOICES:
            raise Refusal(_("Choose what to be notified of."), field="notify_of", code="notify_of")
        signed_in = user is not None and getattr(user, "is_authenticated", False)
        email = user.email if signed_in else str(data.get("author_email") or "")
        name = (user.get_full_name() if signed_in else "") or str(data.get("author_name") or "")
        try:
            if not email.strip():
                raise Refusal(_("Give your email address to be notified."), field="author_email")
            email = email_normalise(email)
            header_value_check(name, field="author_name")
        except Refusal as refused:
            field = "author_email" if refused.field == "email" else refused.field
            raise Refusal(refused.message, field=field, code="notify_of") from None
        return {"scope": CHOICES[choice], "email": email, "name": name, "language": get_language()}

    def attach(self, *, comment, cleaned: dict, request) -> None:
        """Inside the comment's transaction: a failure here stores no comment either."""
        user = comment.user if comment.user_id else None
        subscription_request(
            email=cleaned["email"],
            target=Target(cleaned["scope"], page_id=comment.page_id),
            language=cleaned["language"] or "en",
            name=cleaned["name"],
            user=user,
        )


notify_of = NotifyOf()
