"""The ordered screening every new comment passes: approve, hold or reject, and why.

Rules run in the order of RULES. An approval (staff) or a rejection ends the screening at once.
A hold does not: the first hold's reason is kept and the later rules still run, so that a post
held for a missing form token (JavaScript off) is still rate-limited, still refused when banned,
and still refused as a duplicate — otherwise any bot could skip every later check by omitting
the token and fill the queue. Edits skip the rules that only make sense for a new post (form
token, rate limits, duplicates: an edit may keep its own text).
"""

import logging
import re
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.comments.screening import Submission, Verdict
from masthead.core.keyedhash import email_normalise
from masthead.core.ratelimit import rate_limit_hit

from . import selectors
from .formtoken import form_token_age, form_token_consume
from .models import Ban
from .normal_forms import text_fingerprint
from .reasons import Reason
from .services import screening_record
from .wordlists import word_lists_load, words_find

logger = logging.getLogger(__name__)
_LINK = re.compile(r"https?://|(?<![\w/.])www\.", re.IGNORECASE)

Rule = Callable[[Submission], Verdict | None]


def _hold(reason: Reason) -> Verdict:
    return Verdict(action="hold", reason=reason, message=_("Your comment is awaiting moderation."))


def _reject(reason: Reason, message: str, status_code: int) -> Verdict:
    return Verdict(action="reject", reason=reason, message=message, status_code=status_code)


def rule_staff(s: Submission) -> Verdict | None:
    return Verdict(action="approve", reason=Reason.STAFF) if s.is_staff else None


def rule_closed(s: Submission) -> Verdict | None:
    if not s.thread_open:
        return _reject(Reason.CLOSED, _("Comments are closed on this article."), 403)
    return None


def _refuse(reason: Reason) -> Verdict:
    """One answer for the honeypot, a ban and a banned word (same words, status and code): a bot
    learns nothing about which trap it tripped; the reason is kept in the moderation log."""
    return Verdict(
        action="reject",
        reason=reason,
        message=_("Your comment could not be posted."),
        status_code=403,
        public_code="refused",
    )


def rule_honeypot(s: Submission) -> Verdict | None:
    return _refuse(Reason.HONEYPOT) if s.honeypot.strip() else None


def rule_form_token(s: Submission) -> Verdict | None:
    age = form_token_age(s.form_token, page_id=s.page_id)
    if age is None:
        return _hold(Reason.TOKEN_MISSING)
    if age > settings.MODERATION_FORM_TOKEN_MAX_AGE:
        return _hold(Reason.TOKEN_EXPIRED)
    if age < settings.MODERATION_MIN_FILL_SECONDS:
        # Refused, not held: a person keeps the typed text and simply posts again a moment
        # later, while the queue is not filled with what scripts post in a blink.
        return _reject(
            Reason.TOO_FAST, _("That was quick! Please read your comment over, then post it again."), 400
        )
    if not form_token_consume(s.form_token):
        return _hold(Reason.TOKEN_USED)  # a replay: held, like a post without a token
    return None


def rule_rate_limits(s: Submission) -> Verdict | None:
    buckets = [
        (Reason.RATE_LIMIT_NETWORK, "network", s.network, settings.MODERATION_RATE_NETWORK),
        (Reason.RATE_LIMIT_EMAIL, "email", email_normalise(s.author_email), settings.MODERATION_RATE_EMAIL),
        (Reason.RATE_LIMIT_SESSION, "session", s.session, settings.MODERATION_RATE_SESSION),
    ]
    first_over = None
    for reason, scope, key, rule in buckets:  # count every bucket, even past the first over
        if rate_limit_hit(scope=f"comment-{scope}", key=key, rule=rule):
            first_over = first_over or reason
    if first_over:
        return _reject(first_over, _("Please wait a moment before posting again."), 429)
    return None


def rule_bans(s: Submission) -> Verdict | None:
    ban = selectors.ban_find(email=s.author_email, network=s.network)
    if ban is None:
        return None
    return _refuse(Reason.BANNED_EMAIL if ban.kind == Ban.Kind.EMAIL else Reason.BANNED_NETWORK)


def rule_links(s: Submission) -> Verdict | None:
    if len(_LINK.findall(s.body)) > settings.MODERATION_MAX_LINKS:
        return _hold(Reason.TOO_MANY_LINKS)
    return None


def rule_words(s: Submission) -> Verdict | None:
    lists = word_lists_load()
    text = "\n".join([s.author_name, s.author_url, s.body])
    if words_find(text=text, words_text=lists.banned_words):
        return _refuse(Reason.BANNED_WORD)
    if words_find(text=text, words_text=lists.suspect_words):
        return _hold(Reason.SUSPECT_WORD)
    return None


def rule_duplicate(s: Submission) -> Verdict | None:
    now = timezone.now()
    if selectors.text_posted_before(
        fingerprint=text_fingerprint(s.body),
        page_id=s.page_id,
        email=s.author_email,
        network=s.network,
        user_id=s.user_id,
        page_since=now - timedelta(seconds=settings.MODERATION_DUPLICATE_PAGE_SECONDS),
        anywhere_since=now - timedelta(seconds=settings.MODERATION_DUPLICATE_ANYWHERE_SECONDS),
    ):
        return _reject(Reason.DUPLICATE, _("You have already posted this comment."), 409)
    return None


def rule_first_comment(s: Submission) -> Verdict | None:
    if not settings.MODERATION_HOLD_FIRST_COMMENT:
        return None
    if selectors.author_has_approved_comment(user_id=s.user_id, guest_key_hash=s.guest_key_hash):
        return None
    return _hold(Reason.FIRST_COMMENT)


RULES: tuple[Rule, ...] = (
    rule_staff,
    rule_closed,
    rule_honeypot,
    rule_form_token,
    rule_rate_limits,
    rule_bans,
    rule_links,
    rule_words,
    rule_duplicate,
    rule_first_comment,
)
NOT_FOR_EDITS = {rule_form_token, rule_rate_limits, rule_duplicate}


def screening_decide(submission: Submission) -> Verdict:
    """The verdict alone, without recording it."""
    held = None
    for rule in RULES:
        if submission.is_edit and rule in NOT_FOR_EDITS:
            continue
        verdict = rule(submission)
        if verdict is None:
            continue
        if verdict.action != "hold":
            return verdict
        held = held or verdict
    return held or Verdict(action="approve", reason=Reason.CLEAN)


def comment_screen(submission: Submission) -> Verdict:
    """settings.COMMENTS_SCREEN: decide, then record the decision and its reason."""
    verdict = screening_decide(submission)
    screening_record(submission=submission, verdict=verdict)
    logger.info("comment screened: %s (%s) on page %s", verdict.action, verdict.reason, submission.page_id)
    return verdict
