"""The stable codes the pipeline records on comments and in its log, with labels for the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    STAFF = "staff", _("posted by staff")
    CLEAN = "clean", _("passed every check")
    CLOSED = "closed", _("thread closed")
    HONEYPOT = "honeypot", _("hidden field filled in")
    TOO_FAST = "too_fast", _("form filled in too fast")
    TOKEN_MISSING = "token_missing", _("no form token (JavaScript off)")
    TOKEN_EXPIRED = "token_expired", _("form token expired")
    TOKEN_USED = "token_used", _("form token used before")
    RATE_LIMIT_NETWORK = "rate_limit_network", _("too many posts from the network")
    RATE_LIMIT_EMAIL = "rate_limit_email", _("too many posts from the email address")
    RATE_LIMIT_SESSION = "rate_limit_session", _("too many posts from the browser")
    BANNED_EMAIL = "banned_email", _("banned email address")
    BANNED_NETWORK = "banned_network", _("banned network")
    TOO_MANY_LINKS = "too_many_links", _("too many links")
    BANNED_WORD = "banned_word", _("banned word")
    SUSPECT_WORD = "suspect_word", _("suspect word")
    DUPLICATE = "duplicate", _("same text posted twice")
    FIRST_COMMENT = "first_comment", _("first comment of this email address")
    IMPORTED = "imported", _("held on the site it was imported from")
